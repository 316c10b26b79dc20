import { unpackMerges } from './merges';
import { compactValue, type CellBatch, type CellEntry, type CompactCells, type SheetData, type SheetState, type WorkbookData } from './types';

export interface SheetEnd {
  name: string;
  state: SheetState;
  sorted: boolean;
  merges: Int32Array;
}

/**
 * Where the cells of one sheet are gathered as they are handed on (in the reading thread, or from the
 * worker's messages): one array, filled batch by batch, then put in sheet order if the file did not keep
 * it, and rid of cells written twice.
 */
export interface SheetCollector {
  add(batch: CellBatch): void;
  finish(end: SheetEnd): SheetData;
}

export function collectSheet(): SheetCollector {
  let rows = new Int32Array(1024);
  let cols = new Int32Array(1024);
  const values: (string | CellEntry[2])[] = [];
  let count = 0;
  let sorted = true;
  return {
    add(batch) {
      const m = batch.count;
      if (count + m > rows.length) {
        const size = Math.max(rows.length * 2, count + m);
        const r = new Int32Array(size);
        const c = new Int32Array(size);
        r.set(rows.subarray(0, count));
        c.set(cols.subarray(0, count));
        rows = r;
        cols = c;
      }
      const br = batch.rows;
      const bc = batch.cols;
      const bv = batch.values;
      for (let i = 0; i < m; i++) {
        const row = br[i]!;
        const col = bc[i]!;
        if (count > 0 && (rows[count - 1]! > row || (rows[count - 1] === row && cols[count - 1]! >= col))) sorted = false;
        rows[count] = row;
        cols[count] = col;
        values.push(bv[i]!);
        count++;
      }
    },
    finish({ name, state, sorted: streamSorted, merges }) {
      let compact: CompactCells = { count, rows: rows.slice(0, count), cols: cols.slice(0, count), values };
      if (!sorted || !streamSorted) compact = ordered(compact);
      return sheetOf(name, state, compact, merges);
    },
  };
}

/** A sheet whose entry list and ranges are made from their compact forms only when something asks for them (tests, small tools). */
export function sheetOf(name: string, state: SheetState, compact: CompactCells, packedMerges: Int32Array): SheetData {
  let cells: CellEntry[] | null = null;
  let merges: SheetData['merges'] | null = null;
  return {
    name,
    state,
    compact,
    packedMerges,
    get merges() {
      merges ??= unpackMerges(packedMerges);
      return merges;
    },
    get cells() {
      cells ??= Array.from({ length: compact.count }, (_, i): CellEntry => [compact.rows[i]!, compact.cols[i]!, compactValue(compact, i)]);
      return cells;
    },
  };
}

/** Put in sheet order; a cell written twice (a hostile or broken file): the later one wins. */
export function ordered(c: CompactCells): CompactCells {
  const idx = Array.from({ length: c.count }, (_, i) => i).sort((x, y) => c.rows[x]! - c.rows[y]! || c.cols[x]! - c.cols[y]! || x - y);
  const rows = new Int32Array(c.count);
  const cols = new Int32Array(c.count);
  const values: CompactCells['values'] = [];
  let n = 0;
  for (const i of idx) {
    if (n > 0 && rows[n - 1] === c.rows[i] && cols[n - 1] === c.cols[i]) n--;
    rows[n] = c.rows[i]!;
    cols[n] = c.cols[i]!;
    values[n] = c.values[i]!;
    n++;
  }
  values.length = n;
  return { count: n, rows: rows.slice(0, n), cols: cols.slice(0, n), values };
}

/** Compact cells from entries in any order (a CSV, a sheet built by hand). */
export function compactOf(cells: readonly CellEntry[]): CompactCells {
  const c: CompactCells = { count: cells.length, rows: new Int32Array(cells.length), cols: new Int32Array(cells.length), values: [] };
  let sorted = true;
  cells.forEach(([r, col, v], i) => {
    c.rows[i] = r;
    c.cols[i] = col;
    c.values.push(v.t === 's' ? v.v : v);
    if (i > 0 && (cells[i - 1]![0] > r || (cells[i - 1]![0] === r && cells[i - 1]![1] >= col))) sorted = false;
  });
  return sorted ? c : ordered(c);
}

/** The workbook from a stream's end and the cells collected for each of its sheets. */
export function assembleWorkbook(streamed: { format: 'xlsx'; modified: string | null; notes: WorkbookData['notes']; sheets: SheetEnd[] }, collectors: SheetCollector[]): WorkbookData {
  return {
    format: streamed.format,
    modified: streamed.modified,
    notes: streamed.notes,
    sheets: streamed.sheets.map((s, i) => (collectors[i] ?? collectSheet()).finish(s)),
  };
}
