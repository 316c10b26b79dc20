import { ReadError } from './errors';
import { LIMITS } from './limits';

/** `AB12` → {row: 12, col: 28}; null when the text is not a cell reference. */
export function parseRef(ref: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  while (i < ref.length) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) col = col * 26 + (ch - 96);
    else if (ch !== 36) break; // `$` of absolute references
    i++;
    if (col > LIMITS.maxCol) return null;
  }
  if (col === 0 || i === ref.length) return null;
  const rowText = ref.slice(i).replace('$', '');
  if (!/^\d{1,7}$/.test(rowText)) return null;
  const row = Number(rowText);
  if (row < 1 || row > LIMITS.maxRow) return null;
  return { row, col };
}

export function requireRef(part: string, ref: string): { row: number; col: number } {
  const r = parseRef(ref);
  if (!r) throw new ReadError('BAD_REF', `文件已损坏：工作表“${part}”中有无效的单元格位置“${ref.slice(0, 20)}”。`);
  return r;
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
