import type { Grid } from './grid';
import { roleOf, normalizeLabel, type ColumnRole } from './columns';

export interface ColumnInfo {
  col: number;
  /** The header text as written (both rows of a two-row header, joined with /). */
  label: string;
  role: ColumnRole | null;
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
  const roles: Partial<Record<ColumnRole, number>> = {};
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
  for (const c of columns) {
    if (!c.role) continue;
    if (roles[c.role] === undefined) roles[c.role] = c.col;
    else c.role = null; // a second column of the same role is left out (and listed in the preview)
  }
  const signature = columns.map((c) => normalizeLabel(c.label)).join('|');
  return { top, bottom, columns, roles, signature };
}

/** Apply a person's corrections (column → role or null) to a detected header. */
export function applyMapping(header: HeaderInfo, mapping: Record<number, ColumnRole | null>): HeaderInfo {
  const columns = header.columns.map((c) => (c.col in mapping ? { ...c, role: mapping[c.col] ?? null } : { ...c }));
  for (const [colText, role] of Object.entries(mapping)) {
    const col = Number(colText);
    if (!columns.some((c) => c.col === col)) columns.push({ col, label: '', role: role ?? null });
  }
  columns.sort((a, b) => a.col - b.col);
  const roles: Partial<Record<ColumnRole, number>> = {};
  for (const c of columns) {
    if (!c.role) continue;
    // A role chosen by the person for one column is taken from any other column.
    if (roles[c.role] === undefined) roles[c.role] = c.col;
    else c.role = null;
  }
  return { ...header, columns, roles };
}
