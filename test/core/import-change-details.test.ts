import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli';
import { openDb } from '../../electron/core/db/open';
import { MAX_DETAILED_ADDS } from '../../electron/core/excel/import/context';
import { generateLedger } from '../bench/generate';
import { tmpDir, tmpService } from '../helpers/ledger';

const quiet = { out: () => {}, err: () => {} };

/**
 * Issue 16: a master ledger's new problems each keep their row in the import's changes (row, code, text,
 * 新增) and are all counted, but only the first 200 list their fields: 100,000 new problems' field lists
 * were a large part of the import's memory.
 */
describe('the row changes of many new problems', () => {
  const PROBLEMS = 230;
  let t: ReturnType<typeof tmpDir>;
  let data: string;
  beforeAll(async () => {
    t = tmpDir();
    const master = path.join(t.dir, 'master.zgtz');
    const db = openDb(master, { create: true });
    generateLedger(db, PROBLEMS);
    db.close();
    const out = path.join(t.dir, 'ledger.xlsx');
    expect(await runCli(['export', master, '--kind', 'ledger', '--out', out, '--as-of', '2024-12-01'], quiet)).toBe(0);
    data = fs.readFileSync(out).toString('base64');
  }, 60_000);
  afterAll(() => t.cleanup());

  for (const op of ['import.preview', 'import.commit'] as const) {
    it(`${op}: every new problem has its row; the first ${MAX_DETAILED_ADDS} list their fields`, async () => {
      const s = tmpService();
      try {
        await s.call('ledger.create', { path: `${s.dir}/台账.zgtz` });
        const r = await s.call(op, { files: [{ name: '总台账.xlsx', data }] });
        const f = r.files[0]!;
        expect(f.errors).toEqual([]);
        expect(f.added).toBe(PROBLEMS);
        const adds = f.changes.filter((c) => c.action === 'add');
        expect(adds).toHaveLength(PROBLEMS);
        expect(new Set(adds.map((c) => c.code)).size).toBe(PROBLEMS);
        const detailed = adds.slice(0, MAX_DETAILED_ADDS);
        const bare = adds.slice(MAX_DETAILED_ADDS);
        expect(bare).toHaveLength(PROBLEMS - MAX_DETAILED_ADDS);
        for (const c of detailed) {
          expect(c.detailsLeftOut).toBeUndefined();
          expect(c.changes.map((x) => x.field)).toEqual(expect.arrayContaining(['kind', 'measures']));
          expect(c.changes.find((x) => x.field === 'measures')!.after).toMatch(/^\d+ 项，已完成 \d+ 项$/);
        }
        for (const c of bare) {
          expect(c.detailsLeftOut).toBe(true);
          expect(c.changes).toEqual([]);
          expect(c.text).not.toBe('');
        }
      } finally {
        s.cleanup();
      }
    });
  }
});
