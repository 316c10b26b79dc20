import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './ledger';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the command line exactly as `npm run --silent cli -- …` does (tsx electron/cli.ts …). */
export function runCliProcess(args: string[], options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'electron/cli.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: options.timeout ?? 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function cliJson<T = unknown>(args: string[]): T {
  const r = runCliProcess(args);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
