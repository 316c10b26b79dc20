import { ReadError } from './errors';
import { LIMITS } from './limits';

/** A cell reference packed in one number: `row * REF_ROW + col` (col ≤ 16,384 < REF_ROW). */
export const REF_ROW = 32_768;

/**
 * `AB12` in s[from, to) → packed (REF_ROW), -1 when it is not a cell reference. Read in place, without a
 * slice or a regular expression: a sheet has one reference per cell, millions of them.
 */
export function refAt(s: string, from: number, to: number): number {
  let i = from;
  let col = 0;
  while (i < to) {
    const ch = s.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) col = col * 26 + (ch - 96);
    else if (ch !== 36) break; // `$` of absolute references
    i++;
    if (col > LIMITS.maxCol) return -1;
  }
  if (col === 0 || i === to) return -1;
  let row = 0;
  let j = i;
  while (j < to) {
    const d = s.charCodeAt(j) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
    j++;
  }
  if (j !== to || j - i > 7) {
    // Not plain digits: one `$` among them is dropped, as it always was; anything else is no reference.
    const rowText = s.slice(i, to).replace('$', '');
    if (!/^\d{1,7}$/.test(rowText)) return -1;
    row = Number(rowText);
  }
  if (row < 1 || row > LIMITS.maxRow) return -1;
  return row * REF_ROW + col;
}

/** `AB12` → {row: 12, col: 28}; null when the text is not a cell reference. */
export function parseRef(ref: string): { row: number; col: number } | null {
  const k = refAt(ref, 0, ref.length);
  return k < 0 ? null : { row: Math.floor(k / REF_ROW), col: k % REF_ROW };
}

/** A cell's own reference, packed (REF_ROW); a malformed one is a damaged file. */
export function requireRefAt(part: string, ref: string): number {
  const k = refAt(ref, 0, ref.length);
  if (k < 0) throw new ReadError('BAD_REF', `文件已损坏：工作表“${part}”中有无效的单元格位置“${ref.slice(0, 20)}”。`);
  return k;
}

export function requireRef(part: string, ref: string): { row: number; col: number } {
  const k = requireRefAt(part, ref);
  return { row: Math.floor(k / REF_ROW), col: k % REF_ROW };
}

/** 1 → A, 28 → AB */
export function colLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
