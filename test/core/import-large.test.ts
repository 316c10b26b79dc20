import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpLedger } from '../helpers/ledger';
import { importFiles } from '../helpers/import';
import { buildLargeLedger, largeReturn, progressText } from '../fixtures/import/large';

describe('a 10,000-row return with Chinese text', () => {
  let t: ReturnType<typeof tmpLedger>;
  let codes: string[];
  beforeAll(() => {
    t = tmpLedger();
    codes = buildLargeLedger(t.db);
  });
  afterAll(() => t.cleanup());

  it('lands every character intact: no U+FFFD anywhere, each progress entry as written', async () => {
    const bytes = largeReturn(codes);
    const result = await importFiles(t.db, [{ name: '回执-大.xlsx', bytes }]);
    expect(result.files[0]!.errors).toEqual([]);
    expect(result.files[0]).toMatchObject({ rows: 10000, updated: 10000, reportDate: '2024-11-30' });
    const rows = t.db.raw
      .prepare('SELECT p.code, g.text, g.date FROM progress g JOIN problems p ON p.id = g.problem_id ORDER BY g.id')
      .all() as { code: string; text: string; date: string }[];
    expect(rows).toHaveLength(10000);
    rows.forEach((r, i) => expect(r).toEqual({ code: codes[i], text: progressText(i), date: '2024-11-30' }));
    const bad = t.db.raw.prepare("SELECT count(*) AS n FROM progress WHERE instr(text, char(65533)) > 0").get() as { n: number };
    expect(bad.n).toBe(0);
    expect(rows.some((r) => /[\u{20000}-\u{2FFFF}]/u.test(r.text))).toBe(true);
    // Every third row says 已完成: its measure is done and the problem with it.
    const done = t.db.raw.prepare("SELECT count(*) AS n FROM problems WHERE status = '已完成'").get() as { n: number };
    expect(done.n).toBe(Math.ceil(10000 / 3));
    const measuresDone = t.db.raw.prepare("SELECT count(*) AS n FROM measures WHERE status = '已完成' AND completed_date = '2024-11-30'").get() as { n: number };
    expect(measuresDone.n).toBe(Math.ceil(10000 / 3));
  });
});
