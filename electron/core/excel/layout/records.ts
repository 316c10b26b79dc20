import type { Grid } from './grid';
import type { HeaderInfo } from './header';
import type { ColumnRole } from './columns';
import type { CellValue, MergeRange } from '../read/types';
import { cellText } from './grid';
import { fromChineseNumeral } from '../../../../shared/domain/numerals';
import { parseCode } from '../../../../shared/domain/code';
import { MULTI_ROLES } from './header';

/** A cell as a record holds it: its value and where it came from (for messages). */
export interface FieldCell {
  readonly value: CellValue;
  readonly text: string;
  row: number;
  col: number;
}

/**
 * A field that reads its value and text from the grid when asked: a record holds only where its cells are.
 * A 300,000-row ledger has some two million such cells, and a value object and a text for each held the
 * better part of the import's memory; the grid keeps the cells compactly anyway, and every string there is
 * the same string either way.
 */
class GridField implements FieldCell {
  constructor(
    private readonly grid: Grid,
    public row: number,
    public col: number,
    /** The column of the cell that holds the value: a merged range's first column. */
    private readonly from: number,
  ) {}
  get value(): CellValue {
    return this.grid.own(this.row, this.from)!;
  }
  get text(): string {
    return cellText(this.grid.own(this.row, this.from));
  }
}

/** One row that belongs to a record: the values that may change from row to row (a measure per row). */
export interface RecordRow {
  row: number;
  fields: Partial<Record<ColumnRole, FieldCell>>;
  /** Columns kept as they are (原因分析, 举一反三情况, 整改周期…): header label and cell. */
  extras: { label: string; role: ColumnRole; cell: FieldCell }[];
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

/**
 * The field of a cell; a cell inside a merged range gives its master's value, as one FieldCell shared by
 * every row the range covers (`shared`, per column: the last range met), so that a problem merged down
 * over its measure rows is held once, not once per row.
 */
function fieldAt(grid: Grid, row: number, col: number, shared?: Map<number, { merge: MergeRange; field: FieldCell | undefined }>): FieldCell | undefined {
  const m = grid.merge(row, col);
  if (m && shared) {
    const last = shared.get(col);
    // The same range (ranges do not overlap: the same corners are the same range).
    if (last && last.merge[0] === m[0] && last.merge[1] === m[1] && last.merge[2] === m[2] && last.merge[3] === m[3]) return last.field;
  }
  const at = m ? m[0] : row;
  const from = m ? m[1] : col;
  const value = grid.own(at, from);
  const field = value && cellText(value) ? new GridField(grid, at, col, from) : undefined;
  if (m && shared) shared.set(col, { merge: m, field });
  return field;
}

/** Rows without extra columns share this list (never written to once the rows are read). */
const NO_EXTRAS: RecordRow['extras'] = [];

const ROW = Symbol('row');

/**
 * The fields of one row, read from the grid when asked: a row object holds its row number only. Held for
 * every row of a 300,000-row sheet, a fields object with a field per column was most of an import's
 * memory; the grid keeps the cells anyway. A role mapped to several columns gives its last non-empty one.
 */
function rowFieldsOf(grid: Grid, single: { col: number; role: ColumnRole }[]): new (row: number) => Partial<Record<ColumnRole, FieldCell>> {
  class RowFields {
    [ROW]: number;
    constructor(row: number) {
      this[ROW] = row;
    }
  }
  const colsOf = new Map<ColumnRole, number[]>();
  for (const { col, role } of single) colsOf.set(role, [...(colsOf.get(role) ?? []), col]);
  for (const [role, cols] of colsOf) {
    Object.defineProperty(RowFields.prototype, role, {
      enumerable: true,
      get(this: RowFields): FieldCell | undefined {
        let out: FieldCell | undefined;
        for (const col of cols) out = fieldAt(grid, this[ROW], col) ?? out;
        return out;
      },
    });
  }
  return RowFields as never;
}

/** A category written in a column: （二）担当作为… or 二、…, else numbered by first appearance. */
function categoryFrom(text: string, byTitle: Map<string, Banner>, row: number): Banner {
  const known = byTitle.get(text);
  if (known) return known;
  const m = text.match(BANNER);
  const no = m ? fromChineseNumeral(m[1] ?? m[2]!) : null;
  const used = new Set([...byTitle.values()].map((b) => b.no));
  const banner: Banner = { row, no: no && !used.has(no) ? no : Math.max(0, ...used) + 1, title: m && no ? m[3]!.trim() : text };
  byTitle.set(text, banner);
  return banner;
}

/**
 * Group the data rows into records, one per problem, whatever the shape: a row starts a new problem where
 * a cell that identifies the problem (code, category, problem texts) holds its own value that differs from
 * the problem before; rows where those cells are merged from above, empty, or repeat the same values
 * continue it (one measure per row). Banner rows, or a category column, set the category; footer rows
 * (填表人…) and blank rows are skipped.
 */
export function readRecords(grid: Grid, header: HeaderInfo): { records: SheetRecord[]; banners: Banner[]; skipped: number[] } {
  const records: SheetRecord[] = [];
  const banners: Banner[] = [];
  const skipped: number[] = [];
  const roles = header.roles;
  const textCols = [roles.text, roles.generalText, roles.specificText].filter((c): c is number => c !== undefined);
  const mapped = header.columns.filter((c) => c.role) as { col: number; role: ColumnRole; label: string }[];
  const single = mapped.filter((c) => !MULTI_ROLES.has(c.role));
  const multi = mapped.filter((c) => MULTI_ROLES.has(c.role));
  const byTitle = new Map<string, Banner>();
  let category: Banner | null = null;
  let current: SheetRecord | null = null;
  // The texts that identify the current problem (code, category, problem texts): repeated rows with the same are one problem.
  let currentIdentity = '';
  const shared = new Map<number, { merge: MergeRange; field: FieldCell | undefined }>();
  const RowFields = rowFieldsOf(grid, single);
  // A code column identifies the problem only when it holds codes: a running 序号 (1…N down the rows) does not.
  const codeIdentifies = (row: number) => roles.code !== undefined && (textCols.length === 0 || parseCode(grid.text(row, roles.code)) !== null);
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
    let any = false;
    for (const { col } of single) if (fieldAt(grid, row, col, shared)) any = true;
    let extras: RecordRow['extras'] = NO_EXTRAS;
    for (const { col, role, label } of multi) {
      const f = fieldAt(grid, row, col, shared);
      if (!f) continue;
      if (extras === NO_EXTRAS) extras = [];
      extras.push({ label: label.split('/').at(-1) || label, role, cell: f });
    }
    if (!any && extras.length === 0) continue;
    const fields = new RowFields(row);
    const rowCategory = fields.category ? categoryFrom(fields.category.text, byTitle, row) : category;
    const idCols = [...(codeIdentifies(row) ? [roles.code!] : []), ...(roles.category !== undefined ? [roles.category] : []), ...textCols];
    const identity = idCols.map((c) => grid.text(row, c).replace(/\s+/g, '')).join('\u0001');
    const ownAny = idCols.some((c) => grid.own(row, c) !== undefined && !grid.isContinuation(row, c) && grid.text(row, c) !== '');
    const same = !!current && currentIdentity === identity && current.category === rowCategory;
    if (!current || (ownAny && !same) || (current.category !== rowCategory && rowCategory !== null)) {
      current = { row, category: rowCategory, fields, rows: [{ row, fields, extras }] };
      currentIdentity = identity;
      records.push(current);
    } else {
      current.rows.push({ row, fields, extras });
    }
  }
  for (const b of byTitle.values()) if (!banners.some((x) => x.no === b.no)) banners.push(b);
  banners.sort((a, b) => a.no - b.no);
  return { records, banners, skipped };
}
