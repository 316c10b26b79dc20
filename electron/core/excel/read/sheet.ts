import { parseXml, unescapeOoxml } from './xml';
import { ReadError } from './errors';
import { LIMITS } from './limits';
import { parseRef, requireRef } from './refs';
import { serialToIso } from './dates';
import type { SharedStrings } from './strings';
import type { CellEntry, CellValue, MergeRange, ReadNote } from './types';

/** A text with something a person can see: spaces, full-width spaces, NBSP and zero-width marks alone are blank. */
const VISIBLE = /[^\s\u200b-\u200d\u2060\ufeff\u00ad]/;

export interface SheetContext {
  sheetName: string;
  strings: SharedStrings;
  dateStyles: boolean[];
  date1904: boolean;
  /** Cells read so far in the whole workbook (the limit is per workbook). */
  budget: { cells: number };
  notes: ReadNote[];
}

/**
 * One worksheet, sparsely: only cells that carry a value are kept; `<dimension>` is ignored and a cell at
 * XFD1048576 costs what any other cell costs. Formulas give their cached value (`<v>`); inline and rich
 * strings are joined; `t="e"` becomes an error value; numbers in a date style become dates.
 */
export function parseSheet(xml: string, ctx: SheetContext): { cells: CellEntry[]; merges: MergeRange[] } {
  const cells: CellEntry[] = [];
  const merges: MergeRange[] = [];
  let row = 0;
  let col = 0;
  let type = '';
  let style = 0;
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

  const push = (value: CellValue) => {
    if (++ctx.budget.cells > LIMITS.maxCells) {
      throw new ReadError('TOO_MANY_CELLS', `工作簿中的单元格超过 ${LIMITS.maxCells} 个，超出可导入的范围。请只保留需要导入的工作表。`);
    }
    if (row < lastRow || (row === lastRow && col <= lastCol)) sorted = false;
    lastRow = row;
    lastCol = col;
    cells.push([row, col, value]);
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
        if (VISIBLE.test(s)) push({ t: 's', v: s });
        return;
      }
      case 'inlineStr':
      case 'str': {
        let s = unescapeOoxml(raw);
        if (s.length > LIMITS.maxCellChars) {
          s = s.slice(0, LIMITS.maxCellChars);
          ctx.notes.push(truncatedNote(ctx, row, col));
        }
        if (VISIBLE.test(s)) push({ t: 's', v: s });
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
        else push({ t: 's', v: raw });
        return;
      }
      default: {
        const n = Number(raw);
        if (!Number.isFinite(n)) {
          push({ t: 's', v: raw });
          return;
        }
        if (ctx.dateStyles[style]) {
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

  parseXml(ctx.sheetName, xml, {
    open(name, a) {
      switch (name) {
        case 'row': {
          const r = a.r ? Number(a.r) : row + 1;
          if (!Number.isInteger(r) || r < 1 || r > LIMITS.maxRow) {
            throw new ReadError('BAD_REF', `文件已损坏：工作表“${ctx.sheetName}”中有无效的行号“${String(a.r).slice(0, 20)}”。`);
          }
          row = r;
          col = 0;
          return;
        }
        case 'c': {
          if (a.r) {
            const ref = requireRef(ctx.sheetName, a.r);
            row = ref.row;
            col = ref.col;
          } else {
            col += 1;
            if (row === 0) row = 1;
            if (col > LIMITS.maxCol) throw new ReadError('BAD_REF', `文件已损坏：工作表“${ctx.sheetName}”的列超出范围。`);
          }
          type = a.t ?? 'n';
          style = a.s ? Number(a.s) : 0;
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
          const [from, to] = String(a.ref ?? '').split(':');
          const p = from ? parseRef(from) : null;
          const q = to ? parseRef(to) : p;
          if (!p || !q) return; // a malformed merge is dropped, the cells stay readable
          if (merges.length >= LIMITS.maxMerges) {
            throw new ReadError('TOO_MANY_MERGES', `工作表“${ctx.sheetName}”的合并单元格超过 ${LIMITS.maxMerges} 处，超出可导入的范围。`);
          }
          merges.push([Math.min(p.row, q.row), Math.min(p.col, q.col), Math.max(p.row, q.row), Math.max(p.col, q.col)]);
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
      }
    },
    text(t) {
      if (inValue || inInlineT) text += t;
    },
  });
  if (!sorted) cells.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { cells: dedupe(cells), merges };
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

function note(ctx: SheetContext, row: number, column: number, code: string, message: string): ReadNote {
  return { sheet: ctx.sheetName, row, column, code, message };
}

function truncatedNote(ctx: SheetContext, row: number, col: number): ReadNote {
  return note(ctx, row, col, 'CELL_TRUNCATED', `单元格文字超过 Excel 单元格上限 ${LIMITS.maxCellChars} 字，超出部分未导入。`);
}
