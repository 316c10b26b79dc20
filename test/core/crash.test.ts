import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { openDb } from '../../electron/core/db/open';
import { checkLedger } from '../../electron/core/ledger/check';
import { REPO_ROOT, tmpDir } from '../helpers/ledger';

const TRIALS = 30;

/** Start the writer, wait until it is writing, kill it with SIGKILL after a random delay. */
function killDuringWrites(file: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/crash-writer.ts'), file], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

describe('crash safety', () => {
  it(`a writer killed with SIGKILL at random points (${TRIALS} trials) never leaves a partial transaction`, async () => {
    const t = tmpDir();
    const file = path.join(t.dir, 'crash.zgtz');
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let lastCount = 0;
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        await killDuringWrites(file, Math.floor(random() * 400));
        const db = openDb(file);
        try {
          expect(checkLedger(db)).toEqual([]);
          const { problems, categories, measures } = db.raw
            .prepare('SELECT (SELECT count(*) FROM problems) AS problems, (SELECT count(*) FROM categories) AS categories, (SELECT count(*) FROM measures) AS measures')
            .get() as { problems: number; categories: number; measures: number };
          expect(problems).toBe(categories * 50);
          expect(measures).toBe(problems * 3);
          expect(problems).toBeGreaterThanOrEqual(lastCount);
          lastCount = problems;
        } finally {
          db.close();
        }
      }
      // The writer made progress across the trials: the test exercised real writes.
      expect(lastCount).toBeGreaterThan(0);
    } finally {
      t.cleanup();
    }
  }, 180_000);
});
