import type { Grid } from './grid';
import { roleOf, normalizeLabel, type ColumnRole } from './columns';
import type { ContentKind } from './content';

export interface ColumnInfo {
  col: number;
  /** The header text as written (both rows of a two-row header, joined with /). */
  label: string;
  role: ColumnRole | null;
  /** What the cells hold (refine.ts), when read. */
  content?: ContentKind;
}

export interface HeaderInfo {
  /** First and last row of the header (a two-row header spans two). */
  top: number;
  bottom: number;
  columns: ColumnInfo[];
  /** Role → column (the first column of that role). */
  roles: Partial<Record<ColumnRole, number>>;
  /** Stable text of the header, to remember a person's mapping corrections for this layout. */
  signature: string;
}

/** How far down the sheet a header may be (title, 填报, 说明 rows come first). */
const SEARCH_ROWS = 40;

function rolesOfRow(grid: Grid, row: number): Map<number, ColumnRole> {
  const out = new Map<number, ColumnRole>();
  for (const col of grid.columns(row)) {
    const role = roleOf(grid.text(row, col));
    if (role) out.set(col, role);
  }
  return out;
}

/**
 * The header: among the first rows, the one naming the most distinct roles (ties go to the lower row, so a
 * two-row header is read from its second row, where merged cells from the first row still show their
 * labels). Returns null when no row names at least two roles.
 */
export function findHeader(grid: Grid): HeaderInfo | null {
  let best: { row: number; score: number } | null = null;
  for (const row of grid.rows.slice(0, SEARCH_ROWS)) {
    // A data row may hold a word or two of a header (具体问题, 原因：…), but mostly long texts: not a header.
    const texts = grid.columns(row).map((c) => grid.text(row, c)).filter(Boolean);
    if (texts.filter((t) => t.length > 20).length * 3 > texts.length) continue;
    const roles = new Set(rolesOfRow(grid, row).values());
    const score = roles.size;
    if (score >= 2 && (!best || score >= best.score)) best = { row, score };
  }
  if (!best) return null;
  const bottom = best.row;
  const cols = grid.columns(bottom);
  let top = bottom;
  for (const col of cols) {
    const m = grid.merge(bottom, col);
    if (m && m[0] < top && bottom - m[0] <= 2) top = m[0];
  }
  // The row above may carry group headings (整改情况 over 整改措施|责任领导|…) without vertical merges.
  const above = grid.rows[grid.rows.indexOf(top) - 1];
  if (above === top - 1 && top === bottom) {
    const groupish = grid.columns(above).some((c) => {
      const m = grid.merge(above, c);
      return m && m[3] > m[1] && /情况|内容|整改|责任|落实/.test(grid.text(above, c));
    });
    if (groupish) top = above;
  }

  const columns: ColumnInfo[] = [];
  const allCols = new Set<number>();
  for (let r = top; r <= bottom; r++) for (const c of grid.columns(r)) allCols.add(c);
  for (const col of [...allCols].sort((a, b) => a - b)) {
    // Every header row's text over this column: a group heading merged over D:H shows over each of them.
    const parts: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const t = grid.text(r, col);
      if (t && !parts.includes(t)) parts.push(t);
    }
    const own = grid.text(bottom, col) || parts.at(-1) || '';
    columns.push({ col, label: parts.join('/'), role: roleOf(own) });
  }
  // 责任单位 is the lead unit, unless a 牵头单位 column exists: then it lists the cooperating units.
  const leadCols = columns.filter((c) => c.role === 'leadUnit');
  if (leadCols.length > 1) {
    const explicitLead = leadCols.find((c) => /牵头/.test(c.label)) ?? leadCols[0]!;
    for (const c of leadCols) if (c !== explicitLead) c.role = 'units';
  }
  splitTextColumns(columns);
  const signature = columns.map((c) => normalizeLabel(c.label)).join('|');
  return { top, bottom, columns, roles: rolesOf(columns), signature };
}

/**
 * 面上问题 | 具体问题 as two text columns: 具体问题 (a problem-text word on its own) is then the specific
 * problem's text; a lone 面上问题 column is the problem text.
 */
function splitTextColumns(columns: ColumnInfo[]): void {
  const general = columns.find((c) => c.role === 'generalText');
  const specific = columns.find((c) => c.role === 'specificText');
  if (general && !specific) {
    const text = columns.find((c) => c.role === 'text' && /具体/.test(c.label));
    if (text) text.role = 'specificText';
    else if (!columns.some((c) => c.role === 'text')) general.role = 'text';
  }
  if (specific && !general && !columns.some((c) => c.role === 'text')) specific.role = 'text';
}

/** Roles that may be given to several columns: each is kept on its own (原因分析, 举一反三, 整改周期…). */
export const MULTI_ROLES: ReadonlySet<ColumnRole> = new Set(['extra', 'reason']);

/** Role → first column of that role; a second column of a single role is left out (and listed in the preview). */
export function rolesOf(columns: ColumnInfo[]): Partial<Record<ColumnRole, number>> {
  const roles: Partial<Record<ColumnRole, number>> = {};
  for (const c of columns) {
    if (!c.role) continue;
    if (roles[c.role] === undefined) roles[c.role] = c.col;
    else if (!MULTI_ROLES.has(c.role)) c.role = null;
  }
  return roles;
}

/**
 * A header whose words name nothing (列1…列9, A B C…): the first row of at least three short cells above
 * rows of data. Its columns get their roles from their content (refine.ts) or from the person.
 */
export function findLooseHeader(grid: Grid): HeaderInfo | null {
  const rows = grid.rows.slice(0, SEARCH_ROWS);
  for (let i = 0; i < rows.length - 1; i++) {
    const row = rows[i]!;
    const cols = grid.columns(row).filter((c) => grid.text(row, c));
    if (cols.length < 3 || cols.some((c) => grid.text(row, c).length > 16)) continue;
    const below = rows.slice(i + 1, i + 4);
    if (!below.some((next) => new Set(grid.columns(next).map((c) => grid.text(next, c)).filter(Boolean)).size >= 3)) continue;
    // Cells merged down from this row make it a two-row header: the second row labels the other columns.
    let bottom = row;
    for (const c of cols) {
      const m = grid.merge(row, c);
      if (m && m[0] === row && m[2] > bottom && m[2] - row <= 2) bottom = m[2];
    }
    const all = new Set<number>();
    for (let r = row; r <= bottom; r++) for (const c of grid.columns(r)) if (grid.text(r, c)) all.add(c);
    const columns: ColumnInfo[] = [...all]
      .sort((a, b) => a - b)
      .map((col) => {
        const parts: string[] = [];
        for (let r = row; r <= bottom; r++) {
          const t = grid.text(r, col);
          if (t && !parts.includes(t)) parts.push(t);
        }
        return { col, label: parts.join('/'), role: null };
      });
    const signature = columns.map((c) => normalizeLabel(c.label)).join('|');
    return { top: row, bottom, columns, roles: {}, signature };
  }
  return null;
}

/** Apply a person's corrections (column → role or null) to a detected header. */
export function applyMapping(header: HeaderInfo, mapping: Record<number, ColumnRole | null>): HeaderInfo {
  const columns = header.columns.map((c) => (c.col in mapping ? { ...c, role: mapping[c.col] ?? null } : { ...c }));
  for (const [colText, role] of Object.entries(mapping)) {
    const col = Number(colText);
    if (!columns.some((c) => c.col === col)) columns.push({ col, label: '', role: role ?? null });
  }
  columns.sort((a, b) => a.col - b.col);
  // A role chosen by the person for one column is taken from any other column.
  for (const [colText, role] of Object.entries(mapping)) {
    if (!role || MULTI_ROLES.has(role)) continue;
    for (const c of columns) if (c.role === role && c.col !== Number(colText)) c.role = null;
  }
  return { ...header, columns, roles: rolesOf(columns) };
}
