import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { textChunks } from '../../electron/core/excel/read/decode';
import { parseSpreadsheet } from '../../electron/core/excel/read/parse';
import { readSpreadsheets } from '../../electron/core/excel/read/run';
import { ReadError } from '../../electron/core/excel/read/errors';
import { FEED_BYTES, listEntries, streamEntry } from '../../electron/core/excel/read/zip';
import { LIMITS } from '../../electron/core/excel/read/limits';
import { buildXlsx, row, shared, str } from '../fixtures/import/build';
import type { CellEntry } from '../../electron/core/excel/read/types';

/** Chinese of every width: 3-byte BMP characters, 4-byte extension-B ones (surrogate pairs), ASCII between. */
const PIECES = ['整改', '措施', '𠀀', '𪚥', '𫝆', '（一）', 'A', '1', '、', '。', '“', '”', '\u3000', '𠮷野家'];

function chineseText(seed: number, length: number): string {
  let s = '';
  let x = seed;
  while (s.length < length) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += PIECES[x % PIECES.length];
  }
  return s;
}

function readError(fn: () => unknown): ReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

describe('the streaming text decoder', () => {
  it('gives back any text intact however its UTF-8 bytes are cut into chunks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), (text, cuts) => {
        const bytes = new TextEncoder().encode(text);
        const d = textChunks('x.xml');
        let out = '';
        let at = 0;
        for (let i = 0; at < bytes.length; i++) {
          const n = cuts[i % cuts.length]!;
          out += d.write(bytes.subarray(at, at + n));
          at += n;
        }
        out += d.end();
        // The UTF-8 byte order mark at the very start is dropped, as XML wants.
        expect(out).toBe(text.replace(/^\uFEFF/, ''));
      }),
      { numRuns: 300 },
    );
  });

  it('reads UTF-16LE parts (byte order mark) in odd-sized chunks', () => {
    const text = '<t>整改𠀀措施</t>';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const d = textChunks('x.xml');
    let out = '';
    for (let i = 0; i < bytes.length; i += 3) out += d.write(bytes.subarray(i, i + 3));
    expect(out + d.end()).toBe(text);
  });

  it('refuses bytes that are not UTF-8, naming the part, instead of replacing them with U+FFFD', () => {
    for (const bad of [[0xc3, 0x28], [0xe6, 0x95], [0xff], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98]]) {
      const bytes = new Uint8Array([...strToU8('<t>整改'), ...bad, ...strToU8('</t>')]);
      const e = readError(() => {
        const d = textChunks('xl/sharedStrings.xml');
        for (let i = 0; i < bytes.length; i += 2) d.write(bytes.subarray(i, i + 2));
        d.end();
      });
      expect(e.code).toBe('BAD_UTF8');
      expect(e.message).toMatch(/xl\/sharedStrings\.xml.*不是 UTF-8 编码的字节/);
    }
    // A character cut off by the end of the part is no character either.
    const d = textChunks('x.xml');
    d.write(new Uint8Array([0x3c, 0xe6, 0x95]));
    expect(readError(() => d.end()).code).toBe('BAD_UTF8');
  });
});

describe('sheets read as streams', () => {
  /** Shared and inline strings of Chinese that straddle every chunk boundary of small chunks. */
  function chineseSheet(rows: number) {
    const strings = Array.from({ length: rows }, (_, i) => chineseText(i, 20 + (i % 37)));
    const body = Array.from({ length: rows }, (_, i) => row(i + 1, [shared(i + 1, 1, i), str(i + 1, 2, chineseText(i + 7919, 5 + (i % 23)))])).join('');
    return { strings, bytes: buildXlsx({ sharedStrings: strings, sheets: [{ name: '台账', rows: body, merges: ['C1:C2'] }] }) };
  }

  it('reads Chinese text that straddles chunk boundaries intact, for chunk sizes of 1 to 7 bytes and streamed inflation', () => {
    const { strings, bytes } = chineseSheet(300);
    const whole = parseSpreadsheet('c.xlsx', bytes);
    expect(whole.sheets[0]!.cells).toHaveLength(600);
    expect(whole.sheets[0]!.cells[0]).toEqual([1, 1, { t: 's', v: strings[0] }]);
    expect(whole.sheets[0]!.cells[599]).toEqual([300, 2, { t: 's', v: chineseText(299 + 7919, 5 + (299 % 23)) }]);
    for (const chunk of [1, 2, 3, 5, 7, 4096]) {
      const streamed = parseSpreadsheet('c.xlsx', bytes, { chunk, wholeBelow: 0 });
      expect(streamed).toEqual(whole);
      expect(JSON.stringify(streamed)).not.toContain('\uFFFD');
    }
  });

  it('refuses a sheet with a byte that is not UTF-8 inside a string', () => {
    const good = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>整改';
    const tail = '</t></is></c></row></sheetData></worksheet>';
    const part = new Uint8Array([...strToU8(good), 0xe6, 0x95, 0x41, ...strToU8(tail)]);
    const bytes = buildXlsx({ sheets: [{ name: 'S', rows: '' }], parts: { 'xl/worksheets/sheet1.xml': part } });
    for (const tuning of [{}, { chunk: 3, wholeBelow: 0 }]) {
      const e = readError(() => parseSpreadsheet('bad.xlsx', bytes, tuning));
      expect(e.code).toBe('BAD_UTF8');
      expect(e.message).toContain('xl/worksheets/sheet1.xml');
    }
  });

  it('stops a streamed part that inflates beyond its declared size', () => {
    const bytes = buildXlsx({ sheets: [{ name: 'S', rows: row(1, [str(1, 1, '整改'.repeat(50_000))]) }], level: 9 });
    const buf = Buffer.from(bytes);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let p = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    while (p >= 0 && !buf.subarray(p + 46, p + 46 + name.length).equals(name)) p = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1);
    buf.writeUInt32LE(buf.readUInt32LE(p + 24) - 1000, p + 24);
    expect(readError(() => parseSpreadsheet('bomb.xlsx', buf, { chunk: 4096, wholeBelow: 0 })).code).toBe('ZIP_BOMB');
  });

  it('hands a large part on in pieces of about a megabyte, whatever its compression ratio', () => {
    // Sheet XML compresses 15:1 and more (the trailing rows of a return far more): fed a megabyte at a
    // time, the inflater handed on 15 MB and more at once. Rows of varied width, compressed at varied levels.
    for (const [level, rows] of [[1, 60_000], [9, 120_000]] as const) {
      const body = Array.from({ length: rows }, (_, i) => row(i + 1, [str(i + 1, 1 + (i % 5), i % 3 ? '\u3000' : `第${i}行`)])).join('');
      const bytes = buildXlsx({ sheets: [{ name: 'S', rows: body }], level });
      const entry = listEntries(bytes).get('xl/worksheets/sheet1.xml')!;
      expect(entry.size / entry.compressedSize).toBeGreaterThan(8);
      const sizes: number[] = [];
      streamEntry(bytes, entry, (c) => sizes.push(c.length), { wholeBelow: 0 });
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(entry.size);
      expect(sizes.length).toBeGreaterThan(entry.size / (4 * 1024 * 1024));
      expect(Math.max(...sizes)).toBeLessThan(FEED_BYTES * LIMITS.maxRatio);
      expect(Math.max(...sizes)).toBeLessThan(4 * 1024 * 1024);
    }
  });

  it('keeps merged ranges as ranges with no count of their own: only the budget of cells and ranges together refuses', () => {
    // 2,000 two-row merges over 4,000 rows: more ranges than cells.
    const rows = Array.from({ length: 2000 }, (_, i) => row(2 * i + 1, [str(2 * i + 1, 1, `问题${i + 1}`)])).join('');
    const merges = Array.from({ length: 2000 }, (_, i) => `A${2 * i + 1}:A${2 * i + 2}`);
    const bytes = buildXlsx({ sheets: [{ name: 'S', rows, merges }] });
    const wb = parseSpreadsheet('m.xlsx', bytes, { maxEntries: 4000 });
    expect(wb.sheets[0]!.merges).toHaveLength(2000);
    expect(wb.sheets[0]!.merges[1999]).toEqual([3999, 1, 4000, 1]);
    const e = readError(() => parseSpreadsheet('m.xlsx', bytes, { maxEntries: 3999 }));
    expect(e.code).toBe('TOO_MANY_CELLS');
    expect(e.message).toMatch(/单元格与合并区域共超过 3,999 处.*分成几个文件/);
  });

  it('the worker hands cells on in batches and the reading side puts them together as in-thread parsing does', async () => {
    // More cells than one batch (CELL_BATCH), written out of order: the collector sorts them.
    const n = 20_000;
    const body = Array.from({ length: n }, (_, i) => row(n - i, [str(n - i, 2, chineseText(i, 8)), str(n - i, 1, `第${n - i}行`)])).join('');
    const bytes = buildXlsx({ sheets: [{ name: 'S', rows: body }] });
    const [out] = await readSpreadsheets([{ name: 'b.xlsx', bytes }]);
    expect(out!.ok).toBe(true);
    const cells = (out!.ok ? out!.workbook.sheets[0]!.cells : []) as CellEntry[];
    expect(cells).toHaveLength(2 * n);
    expect(cells[0]).toEqual([1, 1, { t: 's', v: '第1行' }]);
    expect(cells[2 * n - 1]).toEqual([n, 2, { t: 's', v: chineseText(0, 8) }]);
    expect(out!.ok && out!.workbook).toEqual(parseSpreadsheet('b.xlsx', bytes));
  });
});
