import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './ledger';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the command line exactly as `npm run --silent cli -- …` does (tsx electron/cli.ts …). Its data folder
 * (backups) is LEDGER_DATA_DIR, the test file's temporary one (test/setup/data-dir.ts) unless `env` says
 * otherwise: a test never writes into the real user folder.
 */
export function runCliProcess(args: string[], options: { env?: NodeJS.ProcessEnv; timeout?: number } = {}): CliResult {
  const dataDir = options.env?.LEDGER_DATA_DIR ?? process.env.LEDGER_DATA_DIR;
  if (!dataDir) throw new Error('LEDGER_DATA_DIR is not set: the command would write into the real user data folder');
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'electron/cli.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env, LEDGER_DATA_DIR: dataDir },
    timeout: options.timeout ?? 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function cliJson<T = unknown>(args: string[]): T {
  const r = runCliProcess(args);
  if (r.code !== 0) throw new Error(`cli ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
