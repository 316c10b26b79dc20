import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli';
import { openDb } from '../../electron/core/db/open';
import { parseSpreadsheet } from '../../electron/core/excel/read/parse';
import { generateLedger } from '../bench/generate';
import { tmpDir } from '../helpers/ledger';

async function cliOk(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  if (code !== 0) throw new Error(`cli ${argv.join(' ')} → ${code}\n${err}\n${out}`);
  return out;
}

function withoutProgressDates(listed: string): unknown {
  return (JSON.parse(listed) as { progress: { date: string }[] }[]).map((p) => ({ ...p, progress: p.progress.map(({ date: _date, ...rest }) => rest) }));
}

/**
 * The app's own ledger workbook comes back at any size: a 5,000-problem ledger (15,000 measures) exported
 * in both layouts imports into a new ledger as the same ledger. In the rows layout every problem column is
 * merged over its measures' rows: ten ranges a problem, so the 100,000-problem export holds a million,
 * five times the fixed cap of 200,000 the reader had (the benchmark imports that one).
 */
describe('a large ledger workbook of our own, read back', () => {
  const PROBLEMS = 5000;
  let t: ReturnType<typeof tmpDir>;
  let master: string;
  let before: string;
  beforeAll(async () => {
    t = tmpDir();
    master = path.join(t.dir, 'master.zgtz');
    const db = openDb(master, { create: true });
    generateLedger(db, PROBLEMS);
    db.close();
    before = await cliOk('list', master, '--json');
  }, 300_000);
  afterAll(() => t.cleanup());

  for (const layout of ['rows', 'cell'] as const) {
    it(`${layout} layout: exported, imported into a new ledger, listed the same`, async () => {
      const xlsx = path.join(t.dir, `台账-${layout}.xlsx`);
      await cliOk('export', master, '--kind', 'ledger', '--out', xlsx, '--layout', layout, '--as-of', '2024-12-01');
      const sheet = parseSpreadsheet(xlsx, fs.readFileSync(xlsx)).sheets[0]!;
      if (layout === 'rows') expect(sheet.merges.length).toBeGreaterThanOrEqual(PROBLEMS * 10);
      const copy = path.join(t.dir, `copy-${layout}.zgtz`);
      await cliOk('init', copy);
      const imported = JSON.parse(await cliOk('import', copy, xlsx, '--json')) as { committed: boolean; files: { added: number }[] };
      expect(imported).toMatchObject({ committed: true, files: [{ added: PROBLEMS }] });
      // The workbook carries each problem's latest progress as text, without its date: read back, it is
      // dated by the workbook's as-of date, as a return's progress is.
      expect(withoutProgressDates(await cliOk('list', copy, '--json'))).toEqual(withoutProgressDates(before));
    }, 300_000);
  }
});
