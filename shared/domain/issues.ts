/**
 * A problem found while reading an input file, located as precisely as the file allows: a workbook gives
 * sheet, row and column; a text report gives its file name as `sheet` and its line (or .docx paragraph)
 * as `row`. `message` is Chinese and says what to do.
 */
export interface CellIssue {
  sheet: string;
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

/** What one input file would do to the ledger; the shape `cli import --json` prints per file. */
export interface ImportFileSummary {
  path: string;
  kind: string;
  unit: string | null;
  rows: number;
  added: number;
  updated: number;
  unchanged: number;
  errors: CellIssue[];
  warnings: CellIssue[];
}
