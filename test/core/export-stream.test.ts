import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openBook } from '../../electron/core/excel/write/book';
import { addTableSheet } from '../../electron/core/excel/write/print';
import type { SheetWriter } from '../../electron/core/excel/write/sheet';
import { readWorkbook } from '../helpers/workbook';
import { tmpDir } from '../helpers/ledger';

/**
 * exceljs's streaming writer hands committed rows to the zip without waiting for it, so a sheet written in
 * one synchronous loop is held whole until the loop ends (a 100,000-problem ledger: 150 MB of XML, most of
 * the export's old 1.15 GB). SheetWriter.drain lets them through: measured here as what waits in the sheet's
 * zip entry, which is what piles up.
 */
const pending = (out: SheetWriter) =>
  (out.ws as unknown as { stream: { pipes: { _writableState: { length: number }; _readableState: { length: number } }[] } }).stream.pipes.reduce(
    (n, p) => n + p._writableState.length + p._readableState.length,
    0,
  );

async function writeRows(file: string, rows: number, drainEvery: number | null): Promise<number> {
  const book = openBook({ file });
  const out = addTableSheet(book, '表', [{ width: 20 }, { width: 40 }], [1, 1]);
  let most = 0;
  for (let r = 1; r <= rows; r++) {
    out.put(r, 1, `第${r}行`, {});
    out.put(r, 2, '整改措施'.repeat(20 + (r % 7)), {});
    out.commit(r);
    if (drainEvery && r % drainEvery === 0) await out.drain();
    if (r % 500 === 0) most = Math.max(most, pending(out));
  }
  await book.finish();
  return most;
}

describe('a streamed sheet reaches the file while it is written', () => {
  let t: ReturnType<typeof tmpDir>;
  beforeEach(() => (t = tmpDir()));
  afterEach(() => t.cleanup());

  it('waits for committed rows every few hundred rows, so what is held stays small; the file is complete', async () => {
    const rows = 12_000; // ~2.5 MB of sheet XML
    const without = await writeRows(path.join(t.dir, 'a.xlsx'), rows, null);
    const drained = await writeRows(path.join(t.dir, 'b.xlsx'), rows, 200);
    expect(without).toBeGreaterThan(1_000_000);
    expect(drained).toBeLessThan(300_000);
    for (const name of ['a.xlsx', 'b.xlsx']) {
      const sheet = (await readWorkbook(fs.readFileSync(path.join(t.dir, name)))).worksheets[0]!;
      expect(sheet.rowCount).toBe(rows);
      expect(sheet.getCell(rows, 1).value).toBe(`第${rows}行`);
    }
  });
});
