import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './ledger';

/**
 * Start a writer script (test/helpers/…-writer.ts) on a ledger, wait until it prints its first line (it
 * is writing), then kill it with SIGKILL after `delayMs`: no chance to finish a transaction or close.
 */
export function killWriterAfter(script: string, file: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, script), file], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

/** A small deterministic random number generator, so that a failing trial can be replayed. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}
