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

/** [top, left, bottom, right], 1-based and inclusive. */
export type MergeRange = [number, number, number, number];

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface SheetData {
  name: string;
  state: SheetState;
  /** Sorted by row, then column. */
  cells: CellEntry[];
  merges: MergeRange[];
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
