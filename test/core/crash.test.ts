import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { openDb } from '../../electron/core/db/open';
import { checkLedger } from '../../electron/core/ledger/check';
import { tmpDir } from '../helpers/ledger';
import { killWriterAfter, seededRandom } from '../helpers/crash';

const TRIALS = 30;

describe('crash safety', () => {
  it(`a writer killed with SIGKILL at random points (${TRIALS} trials) never leaves a partial transaction`, async () => {
    const t = tmpDir();
    const file = path.join(t.dir, 'crash.zgtz');
    const random = seededRandom(7);
    let lastCount = 0;
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        await killWriterAfter('test/helpers/crash-writer.ts', file, Math.floor(random() * 400));
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
