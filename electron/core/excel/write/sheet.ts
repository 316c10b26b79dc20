import { once } from 'node:events';
import type { EventEmitter } from 'node:events';
import type { DataValidation, Style, Worksheet } from 'exceljs';
import { cellText, needsTextFormat } from './safe';
import { asText } from './styles';
import { rangeRef } from './refs';

/** A worksheet of the streaming writer (typed by exceljs as a plain Worksheet). */
export type StreamSheet = Worksheet & {
  /**
   * The sheet's XML stream (exceljs's StreamBuf); `pipes` are the zip entry's input it writes into, a
   * PassThrough of readable-stream 2 (archiver's), whose state is read from the fields that version has:
   * `flowing` stays null until the zip starts reading the entry.
   */
  stream: { pipes: (EventEmitter & { _readableState: { flowing: boolean | null }; _writableState: { needDrain: boolean } })[] };
  /** Merged ranges as A1:B2 refs; the writer prints each into <mergeCell ref=…>. */
  _merges: string[];
  dataValidations: { add(address: string, validation: DataValidation): void };
};

export interface Cell {
  value: string | number | Date | null;
  style: Partial<Style>;
}

/** Turns of the event loop a sheet's zip entry is given to start being read (SheetWriter.drain). */
const START_TURNS = 1000;

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
    /**
     * Let the committed rows reach the file before writing more. exceljs hands committed rows to the zip
     * entry without waiting (it ignores backpressure), so rows written in one synchronous pass pile up in
     * memory until the pass ends: a 100,000-problem ledger is 150 MB of sheet XML. Writers await this every
     * few hundred rows. An entry the zip has not started reading yet (another sheet is still open before
     * it) is not waited for: nothing would drain it.
     */
    async drain(): Promise<void> {
      for (const entry of sheet.stream.pipes) {
        // The zip takes its entries one after another, each a few turns of the event loop (the theme and
        // other small parts go first). An entry behind a sheet that is still open would never start: the
        // wait for it to start is bounded.
        for (let turn = 0; entry._readableState.flowing === null && turn < START_TURNS; turn++) await new Promise((resolve) => setImmediate(resolve));
        while (entry._readableState.flowing !== null && entry._writableState.needDrain) await once(entry, 'drain');
      }
    },
    /** Write out every row up to and including `row` (they cannot be changed afterwards). */
    commit(row: number): void {
      ws.getRow(row).commit();
    },
  };
}

export type SheetWriter = ReturnType<typeof sheetWriter>;
