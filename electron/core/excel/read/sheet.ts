import { unescapeOoxml, type XmlHandlers } from './xml';
import { ownString } from './strings';
import { ReadError } from './errors';
import { LIMITS } from './limits';
import { REF_ROW, refAt, requireRefAt } from './refs';
import { serialToIso } from './dates';
import type { SharedStrings } from './strings';
import type { CellBatch, CellValue, ReadNote } from './types';
import { MergeList } from './merges';

/** A text with something a person can see: spaces, full-width spaces, NBSP and zero-width marks alone are blank. */
const VISIBLE = /[^\s\u200b-\u200d\u2060\ufeff\u00ad]/;

export interface SheetContext {
  sheetName: string;
  strings: SharedStrings;
  dateStyles: boolean[];
  date1904: boolean;
  /** Cells and merged ranges read so far in the whole workbook (the limit is per workbook). */
  budget: { entries: number; max: number };
  notes: ReadNote[];
}

/** Cells are handed on in batches of about this many, at the end of a row. */
export const CELL_BATCH = 16_384;

export interface SheetRead {
  /** Whether the cells came in sheet order (row, then column); if not, the collector sorts them. */
  sorted: boolean;
  merges: MergeList;
}

/**
 * One worksheet, sparsely, as a stream: the XML handlers for the sheet part, which hand on the cells
 * (`onCells`) in batches as rows are read, so that neither the part's text nor its cells are ever held
 * whole here. Only cells that carry a value are kept; `<dimension>` is ignored and a cell at XFD1048576
 * costs what any other cell costs. Formulas give their cached value (`<v>`); inline and rich strings are
 * joined; `t="e"` becomes an error value; numbers in a date style become dates. Merged ranges are kept as
 * ranges (16 bytes each, never expanded), for lookup by row in the layout's grid.
 */
export function sheetStream(ctx: SheetContext, onCells: (batch: CellBatch) => void): { handlers: XmlHandlers; finish(): SheetRead } {
  let batch = newBatch();
  const merges = new MergeList();
  let row = 0;
  let col = 0;
  let type = '';
  /** The cell's style index as written (`s`), read only for a number (whether it is a date). */
  let style: string | undefined;
  let inValue = false;
  let inInline = false;
  let inInlineT = false;
  let phonetic = 0;
  let hasFormula = false;
  // Text of the current cell, appended as saxes delivers it (usually in one piece).
  let text = '';
  let sorted = true;
  let lastRow = 0;
  let lastCol = 0;

  const flush = () => {
    if (batch.count === 0) return;
    onCells(batch);
    batch = newBatch();
  };

  /** One cell; a string value is kept as itself. */
  const push = (value: string | CellValue) => {
    spend(ctx);
    if (row < lastRow || (row === lastRow && col <= lastCol)) sorted = false;
    lastRow = row;
    lastCol = col;
    const n = batch.count;
    if (n === batch.rows.length) {
      // A row longer than the room left (a batch ends only at the end of a row).
      const rows = new Int32Array(n * 2);
      const cols = new Int32Array(n * 2);
      rows.set(batch.rows);
      cols.set(batch.cols);
      batch.rows = rows;
      batch.cols = cols;
    }
    batch.rows[n] = row;
    batch.cols[n] = col;
    batch.values.push(value);
    batch.count = n + 1;
  };

  const finishCell = () => {
    const raw = text;
    if (raw === '' && type !== 'inlineStr' && type !== 'str') {
      if (hasFormula) ctx.notes.push(note(ctx, row, col, 'FORMULA_NO_VALUE', '该单元格的公式没有保存计算结果，按空白处理。请在 Excel 中重新计算并保存。'));
      return;
    }
    switch (type) {
      case 's': {
        const i = Number(raw);
        const s = ctx.strings.values[i];
        if (!Number.isInteger(i) || s === undefined) throw new ReadError('BAD_STRING_REF', `文件已损坏：工作表“${ctx.sheetName}”引用了不存在的文字条目。`);
        if (ctx.strings.truncated.has(i)) ctx.notes.push(truncatedNote(ctx, row, col));
        if (VISIBLE.test(s)) push(s);
        return;
      }
      case 'inlineStr':
      case 'str': {
        let s = ownString(unescapeOoxml(raw));
        if (s.length > LIMITS.maxCellChars) {
          s = s.slice(0, LIMITS.maxCellChars);
          ctx.notes.push(truncatedNote(ctx, row, col));
        }
        if (VISIBLE.test(s)) push(s);
        return;
      }
      case 'b':
        push({ t: 'b', v: raw.trim() === '1' || raw.trim() === 'true' });
        return;
      case 'e':
        push({ t: 'e', v: raw.trim().slice(0, 20) });
        return;
      case 'd': {
        const m = raw.trim().match(/^(\d{4}-\d{2}-\d{2})/);
        if (m) push({ t: 'd', v: m[1]!, serial: NaN });
        else push(ownString(raw));
        return;
      }
      default: {
        const n = Number(raw);
        if (!Number.isFinite(n)) {
          push(ownString(raw));
          return;
        }
        if (ctx.dateStyles[style ? count(style) : 0]) {
          const iso = serialToIso(n, ctx.date1904);
          if (iso) {
            push({ t: 'd', v: iso, serial: n });
            return;
          }
        }
        push({ t: 'n', v: n });
      }
    }
  };

  const handlers: XmlHandlers = {
    open(name, a) {
      switch (name) {
        case 'row': {
          const r = a.r ? count(a.r) : row + 1;
          if (!Number.isInteger(r) || r < 1 || r > LIMITS.maxRow) {
            throw new ReadError('BAD_REF', `文件已损坏：工作表“${ctx.sheetName}”中有无效的行号“${String(a.r).slice(0, 20)}”。`);
          }
          row = r;
          col = 0;
          return;
        }
        case 'c': {
          if (a.r) {
            const k = requireRefAt(ctx.sheetName, a.r);
            row = Math.floor(k / REF_ROW);
            col = k - row * REF_ROW;
          } else {
            col += 1;
            if (row === 0) row = 1;
            if (col > LIMITS.maxCol) throw new ReadError('BAD_REF', `文件已损坏：工作表“${ctx.sheetName}”的列超出范围。`);
          }
          type = a.t ?? 'n';
          style = a.s;
          text = '';
          hasFormula = false;
          inInline = false;
          return;
        }
        case 'v':
          inValue = true;
          return;
        case 'f':
          hasFormula = true;
          return;
        case 'is':
          inInline = true;
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (inInline && phonetic === 0) inInlineT = true;
          return;
        case 'mergeCell': {
          // `A1:B2` (a single cell `A1` is A1:A1); read in place, a sheet may hold a million of them.
          const ref = a.ref ?? '';
          const colon = ref.indexOf(':');
          const end = colon < 0 ? ref.length : colon;
          const p = end > 0 ? refAt(ref, 0, end) : -1;
          let q = p;
          if (colon >= 0) {
            let end2 = ref.indexOf(':', colon + 1);
            if (end2 < 0) end2 = ref.length;
            if (end2 > colon + 1) q = refAt(ref, colon + 1, end2);
          }
          if (p < 0 || q < 0) return; // a malformed merge is dropped, the cells stay readable
          spend(ctx);
          const pr = Math.floor(p / REF_ROW);
          const qr = Math.floor(q / REF_ROW);
          const pc = p - pr * REF_ROW;
          const qc = q - qr * REF_ROW;
          merges.push(Math.min(pr, qr), Math.min(pc, qc), Math.max(pr, qr), Math.max(pc, qc));
          return;
        }
      }
    },
    close(name) {
      switch (name) {
        case 'v':
          inValue = false;
          return;
        case 't':
          inInlineT = false;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'is':
          inInline = false;
          return;
        case 'c':
          finishCell();
          text = '';
          return;
        case 'row':
          if (batch.count >= CELL_BATCH) flush();
          return;
      }
    },
    text(t) {
      if (inValue || inInlineT) text += t;
    },
  };
  return {
    handlers,
    finish() {
      flush();
      return { sorted, merges };
    },
  };
}

function newBatch(): CellBatch {
  return { count: 0, rows: new Int32Array(CELL_BATCH + 1024), cols: new Int32Array(CELL_BATCH + 1024), values: [] };
}

/** `Number(s)`, without its cost for the short runs of digits a sheet is made of. */
function count(s: string): number {
  const n = s.length;
  if (n > 9) return Number(s);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(s);
    v = v * 10 + d;
  }
  return v;
}

/** One more cell or merged range against the workbook's budget (LIMITS.maxEntries unless tuned). */
function spend(ctx: SheetContext): void {
  if (++ctx.budget.entries > ctx.budget.max) {
    throw new ReadError(
      'TOO_MANY_CELLS',
      `工作簿中的单元格与合并区域共超过 ${ctx.budget.max.toLocaleString('en-US')} 处，超出可导入的范围。请只保留需要导入的工作表，或分成几个文件导入。`,
    );
  }
}

function note(ctx: SheetContext, row: number, column: number, code: string, message: string): ReadNote {
  return { sheet: ctx.sheetName, row, column, code, message };
}

function truncatedNote(ctx: SheetContext, row: number, col: number): ReadNote {
  return note(ctx, row, col, 'CELL_TRUNCATED', `单元格文字超过 Excel 单元格上限 ${LIMITS.maxCellChars} 字，超出部分未导入。`);
}
