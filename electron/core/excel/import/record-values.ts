import type { SheetRecord, FieldCell } from '../layout/records';
import type { ColumnRole } from '../layout/columns';
import { splitMeasures } from '../layout/measures';
import { isStatusText } from './values';

/**
 * The cells of one role across a record's rows, each once: a cell merged down over several rows (the
 * problem's status over its measure rows) counts once; separate cells per row (one measure per row) are
 * all kept, in row order.
 */
export function cellsOf(record: SheetRecord, role: ColumnRole): FieldCell[] {
  const seen = new Set<string>();
  const out: FieldCell[] = [];
  for (const r of record.rows) {
    const f = r.fields[role];
    if (!f) continue;
    const key = `${f.row}:${f.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** The measures of a record, in order: each measure cell split (1.… 2.… or 一是…二是…). */
export function measuresOf(record: SheetRecord): { text: string; cell: FieldCell }[] {
  const out: { text: string; cell: FieldCell }[] = [];
  for (const cell of cellsOf(record, 'measures')) for (const text of splitMeasures(cell.text)) out.push({ text, cell });
  return out;
}

/**
 * The status cells and the progress cells of a record. A 完成情况 column (a progress word) that holds
 * results (完成整改, 第一项完成整改;第二项未完成整改) is read as status, as the master ledger writes it.
 */
export function statusAndProgress(record: SheetRecord): { status: FieldCell[]; progress: FieldCell[] } {
  const status = cellsOf(record, 'status');
  const progress: FieldCell[] = [];
  for (const cell of cellsOf(record, 'progress')) {
    if (status.length === 0 && isStatusText(cell.text)) status.push(cell);
    else progress.push(cell);
  }
  return { status, progress };
}

export function joinTexts(cells: FieldCell[]): string {
  return cells
    .map((c) => c.text.trim())
    .filter(Boolean)
    .join('\n');
}
