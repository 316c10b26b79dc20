import { unpackMerges } from './merges';
import type { CellEntry, SheetData, SheetState, WorkbookData } from './types';

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
  add(batch: CellEntry[]): void;
  finish(end: SheetEnd): SheetData;
}

export function collectSheet(): SheetCollector {
  const cells: CellEntry[] = [];
  return {
    add(batch) {
      for (const c of batch) cells.push(c);
    },
    finish({ name, state, sorted, merges }) {
      if (!sorted) cells.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      return { name, state, cells: dedupe(cells), merges: unpackMerges(merges) };
    },
  };
}

/** A cell written twice (a hostile or broken file): the later one wins. */
function dedupe(cells: CellEntry[]): CellEntry[] {
  let dup = false;
  for (let i = 1; i < cells.length; i++) {
    if (cells[i]![0] === cells[i - 1]![0] && cells[i]![1] === cells[i - 1]![1]) {
      dup = true;
      break;
    }
  }
  if (!dup) return cells;
  const out: CellEntry[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && last[0] === c[0] && last[1] === c[1]) out[out.length - 1] = c;
    else out.push(c);
  }
  return out;
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
