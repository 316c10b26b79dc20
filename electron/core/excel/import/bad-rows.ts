import type { CellIssue } from '../../../../shared/domain/issues';
import type { Analysis } from '../layout/analyze';
import { openBook } from '../write/book';
import { cellText, fileName } from '../write/safe';
import { colLetter } from '../read/refs';

/**
 * The rows of a file that were not imported for their errors, as a workbook to send back to the unit:
 * its header, each bad problem's rows as written, and a last column 错误说明 saying what to fix.
 */
export async function badRowsWorkbook(source: string, a: Analysis, rows: number[], errors: CellIssue[]): Promise<{ fileName: string; data: Buffer }> {
  const grid = a.grid;
  const header = a.header;
  if (!grid || !header) throw new Error('no table');
  const wanted = new Set(rows);
  const records = a.records.filter((r) => wanted.has(r.row));
  const cols = header.columns.map((c) => c.col);
  const book = openBook({});
  const ws = book.wb.addWorksheet('有错误的行');
  ws.addRow([cellText(`以下各行有错误，未导入（来自“${source}”）：请按“错误说明”改正后重新报送。`)]).commit();
  const head = ws.addRow([...header.columns.map((c) => cellText(c.label.split('/').at(-1) || colLetter(c.col))), '原行号', '错误说明']);
  head.font = { bold: true };
  head.commit();
  for (const r of records) {
    const sheetRows = r.rows.map((x) => x.row);
    const last = sheetRows.at(-1)!;
    const messages = errors.filter((e) => e.row != null && e.row >= r.row && e.row <= last).map((e) => `${e.column ? `${e.column}列：` : ''}${e.message}`);
    sheetRows.forEach((row, i) => {
      const values = cols.map((c) => cellText(grid.text(row, c)));
      ws.addRow([...values, row, i === 0 ? cellText(messages.join('\n')) : '']).commit();
    });
  }
  ws.getColumn(cols.length + 2).width = 60;
  const data = (await book.finish())!;
  return { fileName: fileName(`${source.replace(/\.[^.]+$/, '')}-有错误的行`, '.xlsx'), data };
}
