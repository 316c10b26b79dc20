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
  const progress = cellsOf(record, 'progress');
  if (status.length === 0 && progress.length > 0 && progress.every((c) => isStatusText(c.text))) return { status: progress, progress: [] };
  return { status, progress };
}

export function joinTexts(cells: FieldCell[]): string {
  return cells
    .map((c) => c.text.trim())
    .filter(Boolean)
    .join('\n');
}

/** The problem's text: its 问题内容 column, or with 面上/具体 in two columns, the specific text else the general. */
export function problemTextOf(record: SheetRecord): FieldCell | undefined {
  const f = record.fields;
  return f.text ?? f.specificText ?? f.generalText;
}

/** Whether the record is a specific problem by its 面上/具体 text columns (null: the sheet has no such split). */
export function kindBySplit(record: SheetRecord): 'general' | 'specific' | null {
  const f = record.fields;
  if (f.text || (!f.generalText && !f.specificText)) return null;
  return f.specificText ? 'specific' : 'general';
}

/**
 * The statuses a sheet gives per measure: a 措施状态 column, or a status column with a different value on
 * each measure row. Each with the measure's number (措施序号 1.2.3.4 → 4, else its place in the record).
 * Returns null when the sheet gives the problem's status only.
 */
export function measureStatusCells(record: SheetRecord, statusCells: FieldCell[]): { no: number; cell: FieldCell }[] | null {
  const own = cellsOf(record, 'measureStatus');
  const perRow = own.length ? own : new Set(statusCells.map((c) => c.text)).size > 1 ? statusCells : null;
  if (!perRow) return null;
  return perRow.map((cell, i) => {
    const r = record.rows.find((x) => x.row === cell.row);
    const noText = r?.fields.measureNo?.text.match(/(\d+)\s*$/)?.[1];
    return { no: noText ? Number(noText) : i + 1, cell };
  });
}

/** The problem's own status cell when the sheet states one (a merged or repeated cell with one value). */
export function problemStatusCell(record: SheetRecord, statusCells: FieldCell[]): FieldCell | null {
  if (cellsOf(record, 'measureStatus').length === 0 && new Set(statusCells.map((c) => c.text)).size > 1) return null;
  return statusCells[0] ?? null;
}

/** Extra columns of a record: on the problem when one value covers all its rows, else per measure row. */
export function sheetExtrasOf(record: SheetRecord): { problem: Record<string, string>; byRow: Map<number, Record<string, string>> } {
  const problem: Record<string, string> = {};
  const byRow = new Map<number, Record<string, string>>();
  const labels = new Set(record.rows.flatMap((r) => r.extras.map((e) => e.label)));
  for (const label of labels) {
    const cells = record.rows.map((r) => ({ row: r.row, e: r.extras.find((e) => e.label === label) }));
    const values = new Set(cells.map((c) => c.e?.cell.text ?? ''));
    if (values.size === 1) problem[label] = [...values][0]!;
    else for (const c of cells) if (c.e) byRow.set(c.row, { ...(byRow.get(c.row) ?? {}), [label]: c.e.cell.text });
  }
  return { problem, byRow };
}
