import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRef, refAt, REF_ROW } from '../../electron/core/excel/read/refs';
import { LIMITS } from '../../electron/core/excel/read/limits';

/** The reader's cell references, read in place (refAt), against the reading they replaced (slice + regex). */
function before(ref: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  while (i < ref.length) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) col = col * 26 + (ch - 96);
    else if (ch !== 36) break;
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

const piece = fc.oneof(
  fc.constantFrom('A', 'Z', 'a', 'XFD', 'XFE', 'AAAA', '$', '1', '0', '12', '1048576', '1048577', '9999999', '12345678', ':', ' ', '-', '.', 'e', '１'),
  fc.integer({ min: 0, max: 2_000_000 }).map(String),
);
const ref = fc.array(piece, { maxLength: 5 }).map((a) => a.join(''));

describe('cell references read in place', () => {
  it('give what the slice-and-regex reading gave, for generated references (absolute, lower case, out of range, malformed)', () => {
    fc.assert(
      fc.property(ref, fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), (r, pre, post) => {
        expect(parseRef(r)).toEqual(before(r));
        const k = refAt(pre + r + post, pre.length, pre.length + r.length);
        const want = before(r);
        expect(k).toBe(want ? want.row * REF_ROW + want.col : -1);
      }),
      { numRuns: 3000 },
    );
    expect(parseRef('$AB$12')).toEqual({ row: 12, col: 28 });
    expect(parseRef('XFD1048576')).toEqual({ row: 1_048_576, col: 16_384 });
    expect(parseRef('A1$2')).toEqual({ row: 12, col: 1 });
    expect(parseRef('XFE1')).toBeNull();
  });
});
