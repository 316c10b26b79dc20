import { chineseDate } from '../../../../shared/domain/dates';
import type { Book } from './book';
import { writeHeader } from './header';
import { heightFor } from './measure';
import { addTableSheet } from './print';
import { sheetName } from './safe';
import { makeStyles, SIZES } from './styles';

/** A list shown on a screen (a drill-down, the overdue list, units that have not returned, a history). */
export interface ListSheet {
  title: string;
  /** 截至 date printed under the title. */
  asOf?: string;
  /** A line under the title saying what the list is (its filters, its figure). */
  note?: string;
  columns: { title: string; width?: number }[];
  rows: (string | number)[][];
}

/** Columns named like codes stay text and centred (Excel would read 1-2 as a date). */
const CODE_TITLES = new Set(['编号', '序号', '代码']);

/**
 * One list as a sheet in the ledger workbook's style: merged title, a line with the date, a shaded header
 * repeated on every printed page, bordered cells, A4 landscape with page numbers. Returns the rows written.
 */
export function writeListSheet(book: Book, list: ListSheet): number {
  const styles = makeStyles();
  const columns = list.columns.map((c, i) => ({ key: String(i), label: c.title, width: Math.max(6, Math.min(80, c.width ?? guessWidth(c.title, list.rows, i))) }));
  const last = Math.max(1, columns.length);
  const headerRow = 3;
  const out = addTableSheet(book, sheetName(list.title, new Set()), columns, [headerRow, headerRow], { defaultRowHeight: 18 });
  out.put(1, 1, list.title, styles.title);
  out.merge(1, 1, 1, last);
  out.height(1, 36);
  const line = [list.asOf ? `截至 ${chineseDate(list.asOf)}` : '', list.note ?? '', `共 ${list.rows.length} 条`].filter(Boolean).join('　');
  out.put(2, 1, line, styles.formLine);
  out.merge(2, 1, 2, last);
  out.height(2, 22);
  let row = writeHeader(out, styles, headerRow, columns);
  out.commit(row - 1);
  const first = row;
  for (const values of list.rows) {
    let tallest = 18;
    values.forEach((v, i) => {
      const col = columns[i];
      if (!col) return;
      const isCode = CODE_TITLES.has(col.label);
      out.put(row, i + 1, v, typeof v === 'number' ? styles.number : isCode ? styles.code : styles.text);
      if (typeof v === 'string') tallest = Math.max(tallest, heightFor(v, col.width, SIZES.body, 18));
    });
    out.height(row, Math.min(409, tallest));
    out.commit(row);
    row++;
  }
  return row - first;
}

/** A column as wide as its title and its longer values (CJK characters count double), within bounds. */
function guessWidth(title: string, rows: (string | number)[][], i: number): number {
  const ems = (s: string) => [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  let w = ems(title) + 4;
  for (let r = 0; r < rows.length && r < 500; r++) w = Math.max(w, Math.min(60, ems(String(rows[r]![i] ?? '')) + 2));
  return w;
}
