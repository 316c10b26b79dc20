/**
 * What the reader hands to the layout code: sparse cells (only cells that hold a value), merged ranges as
 * rectangles (never expanded), and the sheet's visibility. Plain data, so it crosses the worker boundary
 * by structured clone.
 */
export type CellValue =
  | { t: 's'; v: string }
  | { t: 'n'; v: number }
  | { t: 'b'; v: boolean }
  /** A date: ISO `YYYY-MM-DD` (time of day dropped); serial kept for display of odd values. */
  | { t: 'd'; v: string; serial: number }
  /** An Excel error value such as `#N/A` or `#REF!`. */
  | { t: 'e'; v: string };

/** [row, col, value], 1-based. */
export type CellEntry = [number, number, CellValue];

/**
 * Cells as the reader hands them on while it reads, in parallel arrays (`count` of them; the arrays may be
 * longer): a string value as itself. From the worker the two integer arrays are transferred, not copied,
 * and the values cross as a flat list: no entry array and no value object per cell to build, clone and
 * collect on either side.
 */
export interface CellBatch {
  count: number;
  rows: Int32Array;
  cols: Int32Array;
  values: (string | CellValue)[];
}

/** [top, left, bottom, right], 1-based and inclusive. */
export type MergeRange = [number, number, number, number];

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetData {
  name: string;
  state: SheetState;
  /** Sorted by row, then column. (From the reader: made from `compact` when first asked for.) */
  cells: CellEntry[];
  merges: MergeRange[];
  /** The same cells kept compactly, as the reader collects them; the layout code reads these when present. */
  compact?: CompactCells;
  /** The merged ranges packed, four integers each (merges.ts); `merges` is made from them when asked for. */
  packedMerges?: Int32Array;
}

/**
 * Cells in parallel arrays, sorted by row, then column, one per place: 10 bytes and a reference a cell
 * (a string value is kept as itself), where an entry array and a value object cost about 100 bytes more.
 * A 100,000-problem workbook has 1.3 million cells.
 */
export interface CompactCells {
  count: number;
  rows: Int32Array;
  cols: Int32Array;
  values: (string | CellValue)[];
}

/** The value of the i-th compact cell. */
export function compactValue(c: CompactCells, i: number): CellValue {
  const v = c.values[i]!;
  return typeof v === 'string' ? { t: 's', v } : v;
}

export interface ReadNote {
  sheet: string;
  row: number | null;
  column: number | null;
  code: string;
  message: string;
}

export interface WorkbookData {
  format: 'xlsx' | 'csv';
  sheets: SheetData[];
  /** docProps/core.xml modified date (ISO date), when present. */
  modified: string | null;
  /** CSV only: the text encoding that was detected. */
  encoding?: string;
  /** Things the reader noticed but could read through (a string cut at Excel's cell limit, an uncached formula). */
  notes: ReadNote[];
}
