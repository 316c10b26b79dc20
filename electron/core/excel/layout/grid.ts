import { compactValue, type CellValue, type MergeRange, type SheetData } from '../read/types';
import { compactOf } from '../read/collect';
import { packMerges } from '../read/merges';

/**
 * A sheet as the layout code sees it. Merged ranges are resolved lazily, by lookup: a non-master cell of a
 * range shows its master's value, and nothing is ever filled in, so a merge over A1:XFD1048576 costs one
 * entry. The lookup index is built by a sweep over the rows that hold cells (merges starting, merges
 * ending), sharing one list between consecutive rows where nothing changes.
 */
export interface Grid {
  sheet: string;
  /** Rows that hold at least one cell, ascending. */
  rows: number[];
  /** Highest column holding a cell or covered by a merge's left edge. */
  maxCol: number;
  own(row: number, col: number): CellValue | undefined;
  value(row: number, col: number): CellValue | undefined;
  merge(row: number, col: number): MergeRange | null;
  /** Inside a merged range but not its top-left cell. */
  isContinuation(row: number, col: number): boolean;
  /** Columns with a value in this row (own cells and merges covering it), ascending. */
  columns(row: number): number[];
  text(row: number, col: number): string;
}

export function cellText(v: CellValue | undefined): string {
  if (!v) return '';
  switch (v.t) {
    case 's':
      return v.v.trim();
    case 'n':
      return Number.isInteger(v.v) ? String(v.v) : String(Number(v.v.toPrecision(15)));
    case 'b':
      return v.v ? '是' : '否';
    case 'd':
      return v.v;
    case 'e':
      return v.v;
  }
}

export function buildGrid(sheet: SheetData): Grid {
  // The cells stay as the reader collected them (compact, sorted by row, then column); a row is found by
  // its first cell's index and a column by binary search within the row. No map per row and no copy: the
  // 1.3 million cells of a 100,000-problem workbook are held once.
  const cells = sheet.compact ?? compactOf(sheet.cells);
  // The k-th row that holds cells: its number in `rows`, its first cell at starts[k], its last before starts[k + 1].
  const rows: number[] = [];
  const starts: number[] = [];
  let maxCol = 0;
  for (let i = 0; i < cells.count; i++) {
    const r = cells.rows[i]!;
    const c = cells.cols[i]!;
    if (i === 0 || cells.rows[i - 1] !== r) {
      rows.push(r);
      starts.push(i);
    }
    if (c > maxCol) maxCol = c;
  }
  starts.push(cells.count);
  // The place of a row in `rows`, by binary search (a Map of 300,000 rows held some 10 MB); the last place
  // found is tried first, as records read their rows in order.
  let last = 0;
  const indexOf = (row: number): number | undefined => {
    if (rows[last] === row) return last;
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = rows[mid]!;
      if (r < row) lo = mid + 1;
      else if (r > row) hi = mid - 1;
      else return (last = mid);
    }
    return undefined;
  };
  const byRow = { has: (row: number) => indexOf(row) !== undefined };
  /** The cell at (row, col), by binary search within its row. */
  const find = (row: number, col: number): CellValue | undefined => {
    const k = indexOf(row);
    if (k === undefined) return undefined;
    let lo = starts[k]!;
    let hi = starts[k + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = cells.cols[mid]!;
      if (c < col) lo = mid + 1;
      else if (c > col) hi = mid - 1;
      else return compactValue(cells, mid);
    }
    return undefined;
  };
  const rowCols = (row: number): number[] => {
    const k = indexOf(row);
    if (k === undefined) return [];
    const out: number[] = [];
    for (let i = starts[k]!; i < starts[k + 1]!; i++) out.push(cells.cols[i]!);
    return out;
  };
  // Merged ranges stay packed (four integers each, as the reader hands them): lists of active ranges hold
  // their indices, and a range is made an array only when asked for.
  const packed = sheet.packedMerges ?? packMerges(sheet.merges);
  const top = (i: number) => packed[4 * i]!;
  const left = (i: number) => packed[4 * i + 1]!;
  const bottom = (i: number) => packed[4 * i + 2]!;
  const right = (i: number) => packed[4 * i + 3]!;
  const count = packed.length / 4;
  const order = Array.from({ length: count }, (_, i) => i);
  let byTop = true;
  for (let i = 1; i < count && byTop; i++) if (top(i) < top(i - 1)) byTop = false;
  if (!byTop) order.sort((x, y) => top(x) - top(y) || x - y);
  for (let i = 0; i < count; i++) if (right(i) > maxCol && byRow.has(top(i))) maxCol = right(i);
  const byLeft = (x: number, y: number) => left(x) - left(y);

  // Sweep: active merges per present row, sorted by left column.
  const active: (number[] | undefined)[] = new Array(rows.length);
  let current: number[] = [];
  let mi = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    let changed = false;
    const kept = current.filter((m) => bottom(m) >= r);
    if (kept.length !== current.length) changed = true;
    while (mi < count && top(order[mi]!) <= r) {
      const m = order[mi++]!;
      if (bottom(m) >= r) {
        kept.push(m);
        changed = true;
      }
    }
    if (changed) {
      kept.sort(byLeft);
      current = kept;
    }
    if (current.length) active[k] = current;
  }

  const offRowCache = new Map<number, number[]>();
  const activeAt = (row: number): number[] => {
    const k = indexOf(row);
    if (k !== undefined) return active[k] ?? [];
    let list = offRowCache.get(row);
    if (!list) {
      list = [];
      for (let i = 0; i < count; i++) if (top(i) <= row && bottom(i) >= row) list.push(i);
      list.sort(byLeft);
      if (offRowCache.size > 10_000) offRowCache.clear();
      offRowCache.set(row, list);
    }
    return list;
  };

  const merge = (row: number, col: number): MergeRange | null => {
    const list = activeAt(row);
    // Binary search on the left edge; merges of a valid sheet do not overlap.
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (left(list[mid]!) <= col) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = found; i >= 0 && i > found - 8; i--) {
      const m = list[i]!;
      if (left(m) <= col && right(m) >= col) return [top(m), left(m), bottom(m), right(m)];
    }
    return null;
  };

  const own = find;
  const value = (row: number, col: number) => {
    const m = merge(row, col);
    return m ? own(m[0], m[1]) : own(row, col);
  };

  return {
    sheet: sheet.name,
    rows,
    maxCol,
    own,
    value,
    merge,
    isContinuation(row, col) {
      const m = merge(row, col);
      return !!m && (m[0] !== row || m[1] !== col);
    },
    columns(row) {
      const cols = new Set<number>(rowCols(row));
      for (const m of activeAt(row)) {
        if (own(top(m), left(m)) === undefined) continue;
        // A merge contributes its left column only: a group heading over D:H is one label, not five.
        cols.add(left(m));
      }
      return [...cols].sort((a, b) => a - b);
    },
    text(row, col) {
      return cellText(value(row, col));
    },
  };
}

