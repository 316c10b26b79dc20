import { fromChineseNumeral } from './numerals';

const CANONICAL = /^(\d{1,9})-(\d{1,9})(?:-(\d{1,9}))?$/;

/**
 * Canonical problem codes (DOMAIN §2): category-general[-specific] in Arabic numerals, e.g. `2-3` or `2-3-2`.
 * Returns write the same code as `二-3-(2)`, `2.3.2`, `（二）3.(2)`, `2－3－2`.
 */
export function parseCode(input: unknown): string | null {
  if (input == null) return null;
  // Most cells hold the canonical form already (2-3, 2-3-2): read without normalizing (4 µs → 0.3 µs a cell).
  if (typeof input === 'string') {
    const m = CANONICAL.exec(input);
    if (m) {
      const nums = [m[1]!, m[2]!, ...(m[3] ? [m[3]] : [])].map(Number);
      return nums.every((n) => n >= 1 && n <= 999) ? nums.join('-') : null;
    }
  }
  // NFKC turns （二） into (二) and －/．into -/. .
  const s = String(input).normalize('NFKC').replace(/[—–~～_]/g, '-').trim();
  if (!s || !/^[\s\d零〇一二两三四五六七八九十百()\-.、·]+$/.test(s)) return null;
  const tokens = s.match(/\d+|[零〇一二两三四五六七八九十百]+/g) ?? [];
  if (tokens.length < 2 || tokens.length > 3) return null;
  const nums: number[] = [];
  for (const t of tokens) {
    const n = fromChineseNumeral(t);
    if (n == null || n < 1 || n > 999) return null;
    nums.push(n);
  }
  return nums.join('-');
}

export function formatCode(categoryNo: number, generalNo: number, specificNo?: number | null): string {
  return specificNo == null ? `${categoryNo}-${generalNo}` : `${categoryNo}-${generalNo}-${specificNo}`;
}

export function codeParts(code: string): number[] {
  return code.split('-').map(Number);
}

/** Order codes numerically: 1-2 < 1-2-1 < 1-10. */
export function compareCodes(a: string, b: string): number {
  const pa = codeParts(a);
  const pb = codeParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

/** Evidence numbers follow the problem code: `2-3-1` for the first file of problem 2-3. */
export function evidenceNumber(problemCode: string, seq: number): string {
  return `${problemCode}-${seq}`;
}
