import type { Grid } from './grid';
import type { HeaderInfo } from './header';
import type { ColumnRole } from './columns';
import type { CellValue } from '../read/types';
import { fromChineseNumeral } from '../../../../shared/domain/numerals';

/** A cell as a record holds it: its value and where it came from (for messages). */
export interface FieldCell {
  value: CellValue;
  text: string;
  row: number;
  col: number;
}

/** One row that belongs to a record: the values that may change from row to row (a measure per row). */
export interface RecordRow {
  row: number;
  fields: Partial<Record<ColumnRole, FieldCell>>;
}

/** One problem of the sheet: its first row and the rows merged under it (one per measure). */
export interface SheetRecord {
  row: number;
  /** The banner category this record falls under, when the sheet has banner rows. */
  category: Banner | null;
  fields: Partial<Record<ColumnRole, FieldCell>>;
  rows: RecordRow[];
}

export interface Banner {
  row: number;
  no: number;
  title: string;
}

const FOOTER = /^(填表人|填报人|制表人|审核人|联系人|联系电话|负责人|分管领导签字|主要负责人|签字|盖章|注|备注|说明)\s*[:：]/;
const BANNER = /^\s*(?:[（(]\s*([一二三四五六七八九十]+)\s*[)）]|([一二三四五六七八九十]+)\s*[、.．])\s*(?:反馈问题\s*[:：]?)?\s*(.+)$/s;

/** A category banner: one text across the row, written as （一）… or 一、…. */
export function bannerOf(grid: Grid, row: number): Banner | null {
  const cols = grid.columns(row);
  const texts = [...new Set(cols.map((c) => grid.text(row, c)).filter(Boolean))];
  if (texts.length !== 1) return null;
  const m = texts[0]!.match(BANNER);
  if (!m) return null;
  const no = fromChineseNumeral(m[1] ?? m[2]!);
  if (!no) return null;
  return { row, no, title: m[3]!.trim() };
}

export function isFooter(grid: Grid, row: number): boolean {
  const first = grid.columns(row).map((c) => grid.text(row, c)).find(Boolean);
  return !!first && FOOTER.test(first);
}

function fieldAt(grid: Grid, row: number, col: number): FieldCell | undefined {
  const value = grid.value(row, col);
  if (!value) return undefined;
  const text = grid.text(row, col);
  if (!text) return undefined;
  const m = grid.merge(row, col);
  return { value, text, row: m ? m[0] : row, col };
}

/**
 * Group the data rows into records. A record starts where its key cell (the problem text, else the code)
 * holds its own value; rows where the key cell is merged from above, or empty, continue it (one measure
 * per row). Banner rows set the category of the records below; footer rows (填表人…) and blank rows are
 * skipped.
 */
export function readRecords(grid: Grid, header: HeaderInfo): { records: SheetRecord[]; banners: Banner[]; skipped: number[] } {
  const records: SheetRecord[] = [];
  const banners: Banner[] = [];
  const skipped: number[] = [];
  const keyCol = header.roles.text ?? header.roles.code;
  const mapped = header.columns.filter((c) => c.role) as { col: number; role: ColumnRole }[];
  let category: Banner | null = null;
  let current: SheetRecord | null = null;
  for (const row of grid.rows) {
    if (row <= header.bottom) continue;
    const banner = bannerOf(grid, row);
    if (banner) {
      banners.push(banner);
      category = banner;
      current = null;
      continue;
    }
    if (isFooter(grid, row)) {
      skipped.push(row);
      current = null;
      continue;
    }
    const fields: Partial<Record<ColumnRole, FieldCell>> = {};
    for (const { col, role } of mapped) {
      const f = fieldAt(grid, row, col);
      if (f) fields[role] = f;
    }
    if (Object.keys(fields).length === 0) continue;
    const keyOwn = keyCol !== undefined && grid.own(row, keyCol) !== undefined && !grid.isContinuation(row, keyCol) && grid.text(row, keyCol) !== '';
    const keyMerged = keyCol !== undefined && grid.isContinuation(row, keyCol);
    if (keyOwn || !current || (!keyMerged && fields.code && !grid.isContinuation(row, header.roles.code!))) {
      current = { row, category, fields, rows: [{ row, fields }] };
      records.push(current);
    } else {
      current.rows.push({ row, fields });
    }
  }
  return { records, banners, skipped };
}
