import type { DataValidation, Style, Worksheet } from 'exceljs';
import { cellText, needsTextFormat } from './safe';
import { asText } from './styles';
import { rangeRef } from './refs';

/** A worksheet of the streaming writer (typed by exceljs as a plain Worksheet). */
export type StreamSheet = Worksheet & {
  /** Merged ranges as A1:B2 refs; the writer prints each into <mergeCell ref=…>. */
  _merges: string[];
  dataValidations: { add(address: string, validation: DataValidation): void };
};

export interface Cell {
  value: string | number | Date | null;
  style: Partial<Style>;
}

/**
 * Writes rows to a streamed worksheet. Rows must be filled in order and committed when complete; merged
 * ranges are declared while their rows are still open.
 */
export function sheetWriter(ws: Worksheet) {
  const sheet = ws as StreamSheet;
  return {
    ws,
    /** Any value; text goes through cellText and gets the Text format when it looks like a formula. */
    put(row: number, col: number, value: string | number | Date | null | undefined, style: Partial<Style>): void {
      const cell = ws.getRow(row).getCell(col);
      if (typeof value === 'string') {
        const text = cellText(value);
        cell.value = text === '' ? null : text;
        cell.style = needsTextFormat(text) ? asText(style) : style;
      } else {
        cell.value = value ?? null;
        cell.style = style;
      }
    },
    /**
     * Merge a range. exceljs's own mergeCells compares the new range with every earlier one (quadratic: a
     * 10,000-problem ledger has some 100,000 merges), so the range is recorded directly: the other cells
     * only get the style, which gives the merged block its borders, and keep no value.
     */
    merge(top: number, left: number, bottom: number, right: number): void {
      if (top === bottom && left === right) return;
      const master = ws.getRow(top).getCell(left);
      const style = master.style;
      for (let r = top; r <= bottom; r++) {
        const row = ws.getRow(r);
        for (let c = left; c <= right; c++) if (r !== top || c !== left) row.getCell(c).style = style;
      }
      sheet._merges.push(rangeRef(top, left, bottom, right));
    },
    /** A drop-down list or a date check over a cell or range (A1 or A1:B9). */
    validate(address: string, validation: DataValidation): void {
      sheet.dataValidations.add(address, validation);
    },
    height(row: number, points: number): void {
      ws.getRow(row).height = points;
    },
    /** Write out every row up to and including `row` (they cannot be changed afterwards). */
    commit(row: number): void {
      ws.getRow(row).commit();
    },
  };
}

export type SheetWriter = ReturnType<typeof sheetWriter>;
