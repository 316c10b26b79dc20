import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { parseSpreadsheet } from '../../electron/core/excel/read/parse';
import { createReader, readSpreadsheets, workerPath, type ReadOutcome } from '../../electron/core/excel/read/run';
import { pathToFileURL } from 'node:url';
import { ReadError } from '../../electron/core/excel/read/errors';
import { serialToIso } from '../../electron/core/excel/read/dates';
import { isDateFormat } from '../../electron/core/excel/read/numfmt';
import { decodeCsv, parseCsv } from '../../electron/core/excel/read/csv';
import { buildGrid } from '../../electron/core/excel/layout/grid';
import type { CellValue, WorkbookData } from '../../electron/core/excel/read/types';
import { buildXlsx, num, row, shared, str, STYLE } from '../fixtures/import/build';
import { dates1904, formulas, hugeSharedString, lastCell, richText, wholeSheetMerge, xxe } from '../fixtures/import/own';
import { sharedFixture, tmpDir } from '../helpers/ledger';

function cellsOf(wb: WorkbookData, sheet = 0): Map<string, CellValue> {
  return new Map(wb.sheets[sheet]!.cells.map(([r, c, v]) => [`${r}:${c}`, v]));
}

function readError(name: string, bytes: Uint8Array): ReadError {
  try {
    parseSpreadsheet(name, bytes);
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

describe('reading values', () => {
  it('reads dates of the 1900 system, with its phantom 1900-02-29, from built-in and custom formats', () => {
    const wb = parseSpreadsheet(
      'd.xlsx',
      buildXlsx({
        sheets: [
          {
            name: 'S',
            rows: row(1, [num(1, 1, 45616, STYLE.date), num(1, 2, 45616, STYLE.cnDate), num(1, 3, 45616.75, STYLE.dateTime), num(1, 4, 59, STYLE.date), num(1, 5, 60, STYLE.date), num(1, 6, 61, STYLE.date), num(1, 7, 45616, STYLE.decimal)]),
          },
        ],
      }),
    );
    const c = cellsOf(wb);
    expect(c.get('1:1')).toEqual({ t: 'd', v: '2024-11-20', serial: 45616 });
    expect(c.get('1:2')).toMatchObject({ t: 'd', v: '2024-11-20' });
    expect(c.get('1:3')).toMatchObject({ t: 'd', v: '2024-11-20' });
    expect(c.get('1:4')).toMatchObject({ t: 'd', v: '1900-02-28' });
    expect(c.get('1:5')).toEqual({ t: 'n', v: 60 }); // 1900-02-29 never existed
    expect(c.get('1:6')).toMatchObject({ t: 'd', v: '1900-03-01' });
    expect(c.get('1:7')).toEqual({ t: 'n', v: 45616 });
  });

  it('reads dates of the 1904 system (old Mac workbooks) four years and a day apart', () => {
    const wb = parseSpreadsheet('d.xlsx', dates1904());
    const c = cellsOf(wb);
    expect(c.get('1:1')).toMatchObject({ t: 'd', v: '2024-11-20' });
    expect(c.get('1:2')).toMatchObject({ t: 'd', v: '1904-01-01' });
    expect(serialToIso(44154, true)).toBe(serialToIso(44154 + 1462, false));
  });

  it('knows date formats: built-in East Asian ids, custom y/m/d codes, but not numbers with 年 suffixes or times', () => {
    expect(isDateFormat(14, undefined)).toBe(true);
    expect(isDateFormat(31, undefined)).toBe(true);
    expect(isDateFormat(57, undefined)).toBe(true);
    expect(isDateFormat(20, undefined)).toBe(false);
    expect(isDateFormat(2, undefined)).toBe(false);
    expect(isDateFormat(180, '[$-804]yyyy"年"m"月"d"日";@')).toBe(true);
    expect(isDateFormat(181, '[DBNum1][$-804]yyyy"年"m"月"')).toBe(true);
    expect(isDateFormat(182, '0"年"')).toBe(false);
    expect(isDateFormat(183, '0.00E+00')).toBe(false);
    expect(isDateFormat(184, 'h:mm:ss')).toBe(false);
  });

  it('joins rich text runs and leaves out phonetic guides', () => {
    const wb = parseSpreadsheet('r.xlsx', richText());
    const c = cellsOf(wb);
    expect(c.get('1:1')).toEqual({ t: 's', v: '局党组成员、副局长' });
    expect(c.get('1:2')).toEqual({ t: 's', v: '普通文字\r换行' });
    expect(c.get('1:3')).toEqual({ t: 's', v: '内联富文本' });
  });

  it('gives formulas their cached result, errors as error values, and notes a formula never calculated', () => {
    const wb = parseSpreadsheet('f.xlsx', formulas());
    const c = cellsOf(wb);
    expect(c.get('1:1')).toEqual({ t: 'n', v: 3 });
    expect(c.get('1:2')).toEqual({ t: 's', v: '3项' });
    expect(c.get('1:3')).toEqual({ t: 'e', v: '#N/A' });
    expect(c.has('1:4')).toBe(false);
    expect(wb.notes).toEqual([expect.objectContaining({ row: 1, column: 4, code: 'FORMULA_NO_VALUE' })]);
  });

  it('reads a hyperlink cell as its plain text', () => {
    const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>会议纪要.pdf</t></is></c></row></sheetData><hyperlinks><hyperlink ref="A1" r:id="rId1"/></hyperlinks></worksheet>`;
    const wb = parseSpreadsheet('l.xlsx', buildXlsx({ sheets: [{ name: 'S', rawXml: xml }] }));
    expect(wb.sheets[0]!.cells).toEqual([[1, 1, { t: 's', v: '会议纪要.pdf' }]]);
  });

  it('keeps one cell at XFD1048576 as one cell, whatever <dimension> claims', () => {
    const wb = parseSpreadsheet('x.xlsx', lastCell());
    expect(wb.sheets[0]!.cells).toEqual([[1048576, 16384, { t: 's', v: '最后一格' }]]);
    const grid = buildGrid(wb.sheets[0]!);
    expect(grid.rows).toEqual([1048576]);
    expect(grid.text(1048576, 16384)).toBe('最后一格');
  });

  it('refuses a cell beyond the last column of Excel as a damaged file', () => {
    const xml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>`;
    expect(readError('x.xlsx', buildXlsx({ sheets: [{ name: 'S', rawXml: xml }] })).code).toBe('BAD_REF');
  });

  it('resolves a merge over the whole sheet lazily: one entry, every cell shows the master', () => {
    const wb = parseSpreadsheet('m.xlsx', wholeSheetMerge());
    expect(wb.sheets[0]!.merges).toEqual([[1, 1, 1048576, 16384]]);
    const grid = buildGrid(wb.sheets[0]!);
    expect(grid.text(500000, 9000)).toBe('整张表合并');
    expect(grid.isContinuation(1, 1)).toBe(false);
    expect(grid.isContinuation(2, 1)).toBe(true);
  });

  it('cuts a huge shared string (a million varied characters) at Excel’s 32767 and says so', () => {
    const { bytes, text: huge } = hugeSharedString();
    const wb = parseSpreadsheet('h.xlsx', bytes);
    const v = cellsOf(wb).get('3:2') as { t: 's'; v: string };
    expect(v.v).toBe(huge.slice(0, 32767));
    expect(wb.notes).toEqual([expect.objectContaining({ row: 3, column: 2, code: 'CELL_TRUNCATED' })]);
  });

  it('refuses a huge shared string of one repeated word: its compression ratio is a zip bomb’s', () => {
    const bytes = buildXlsx({ sharedStrings: ['整改'.repeat(2_000_000)], sheets: [{ name: 'S', rows: row(1, [shared(1, 1, 0)]) }], level: 9 });
    const e = readError('h.xlsx', bytes);
    expect(e.code).toBe('ZIP_BOMB');
    expect(e.message).toMatch(/sharedStrings\.xml.*压缩比异常/);
  });
});

describe('styles of cells', () => {
  it('a number without `s` takes the first cell style, a date style when the file makes it one; a style index is read as written', () => {
    const styles = `<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="14"/><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const wb = parseSpreadsheet(
      's.xlsx',
      buildXlsx({
        sheets: [{ name: 'S', rows: row(1, [num(1, 1, 45616), num(1, 2, 45616, 1), `<c r="C1" s="02"><v>45616</v></c>`, `<c r="D1" s=" 1"><v>45616</v></c>`]) }],
        parts: { 'xl/styles.xml': styles },
      }),
    );
    const c = cellsOf(wb);
    expect(c.get('1:1')).toEqual({ t: 'd', v: '2024-11-20', serial: 45616 });
    expect(c.get('1:2')).toEqual({ t: 'n', v: 45616 });
    expect(c.get('1:3')).toEqual({ t: 'd', v: '2024-11-20', serial: 45616 });
    expect(c.get('1:4')).toEqual({ t: 'n', v: 45616 });
  });
});

describe('CDATA sections', () => {
  it('are text: a value, an inline string and a shared string written as CDATA are read (saxes gave them as events the reader did not listen to, and the cells came out blank or lost that part)', () => {
    const sst = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t><![CDATA[整改<完成>&]]></t></si></sst>`;
    const wb = parseSpreadsheet(
      'c.xlsx',
      buildXlsx({
        sharedStringsXml: sst,
        sheets: [{ name: 'S', rows: row(1, [`<c r="A1"><v><![CDATA[42]]></v></c>`, `<c r="B1" t="inlineStr"><is><t>甲<![CDATA[&乙]]>丙</t></is></c>`, shared(1, 3, 0)]) }],
      }),
    );
    const c = cellsOf(wb);
    expect(c.get('1:1')).toEqual({ t: 'n', v: 42 });
    expect(c.get('1:2')).toEqual({ t: 's', v: '甲&乙丙' });
    expect(c.get('1:3')).toEqual({ t: 's', v: '整改<完成>&' });
  });
});

describe('refusing hostile and foreign files', () => {
  it('refuses a DOCTYPE (XXE) before any entity is looked at; the secret file never appears', () => {
    const t = tmpDir();
    try {
      const secret = path.join(t.dir, 'secret.txt');
      fs.writeFileSync(secret, 'TOP-SECRET-7731');
      const bytes = xxe(secret);
      const e = readError('xxe.xlsx', bytes);
      expect(e.code).toBe('XML_DOCTYPE');
      expect(JSON.stringify({ message: e.message, detail: e.detail })).not.toContain('TOP-SECRET');
      // Without the DOCTYPE, the entity is simply undefined: a parse error, never a file read.
      const bare = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>`;
      expect(readError('xxe2.xlsx', buildXlsx({ sharedStringsXml: bare, sheets: [{ name: 'S', rows: row(1, [shared(1, 1, 0)]) }] })).code).toBe('XML_INVALID');
    } finally {
      t.cleanup();
    }
  });

  it('stops a part whose real size exceeds the size its header declares (a lying zip bomb)', () => {
    const bytes = buildXlsx({ sheets: [{ name: 'S', rows: row(1, [str(1, 1, 'x'.repeat(100_000))]) }], level: 9 });
    // Patch the central directory's uncompressed size of the sheet part to 1000 bytes.
    const buf = Buffer.from(bytes);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let p = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    while (p >= 0 && !buf.subarray(p + 46, p + 46 + name.length).equals(name)) p = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1);
    buf.writeUInt32LE(1000, p + 24);
    expect(readError('bomb.xlsx', buf).code).toBe('ZIP_BOMB');
  });

  it('refuses a part whose declared compression ratio is a zip bomb’s, before inflating it', () => {
    const zeros = new Uint8Array(50 * 1024 * 1024);
    const bytes = buildXlsx({ sheets: [{ name: 'S', rows: '' }], parts: { 'xl/worksheets/sheet1.xml': zeros }, level: 9 });
    expect(readError('bomb.xlsx', bytes).code).toBe('ZIP_BOMB');
  });

  it('refuses an archive with more parts than any workbook has', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 10_001; i++) files[`f${i}`] = strToU8('');
    expect(readError('many.xlsx', zipSync(files, { level: 0 })).code).toBe('ZIP_TOO_MANY');
  });

  it('names legacy .xls, password-protected files and .docx-as-xlsx precisely', () => {
    const xls = readError('回执-社区矫正科.xls', fs.readFileSync(sharedFixture('workbooks', '回执-社区矫正科.xls')));
    expect(xls.code).toBe('XLS');
    expect(xls.message).toMatch(/Excel 97-2003.*另存为 \.xlsx/);
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
    const enc = readError('加密.xlsx', ole);
    expect(enc.code).toBe('ENCRYPTED');
    expect(enc.message).toMatch(/密码.*另存为 \.xlsx/);
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(readError('a.xlsx', docx).code).toBe('NOT_XLSX');
    expect(readError('a.xlsx', docx).message).toMatch(/这是 Word 文档/);
    expect(readError('a.xlsx', fs.readFileSync(sharedFixture('workbooks', 'bad-not-a-workbook.xlsx'))).code).toBe('ZIP_CORRUPT');
    expect(readError('a.xlsx', new Uint8Array()).code).toBe('EMPTY_FILE');
    expect(readError('a.xls', Buffer.from('<html><table><tr><td>1</td></tr></table></html>')).code).toBe('HTML_TABLE');
  });
});

describe('CSV', () => {
  it('detects GB18030 (Chinese Excel and WPS) and reads the 政治部 return intact', () => {
    const bytes = fs.readFileSync(sharedFixture('workbooks', '回执-政治部-GBK.csv'));
    expect(decodeCsv(bytes).encoding).toBe('gb18030');
    const wb = parseSpreadsheet('回执-政治部-GBK.csv', bytes);
    const c = cellsOf(wb);
    expect(c.get('1:2')).toEqual({ t: 's', v: '具体问题' });
    expect(c.get('3:2')).toEqual({ t: 's', v: '2023年,局党组未专题研究意识形态工作。' });
    expect(JSON.stringify(wb)).not.toContain('\uFFFD');
  });

  it('reads UTF-8 with and without BOM, with quoted separators, quotes and line breaks', () => {
    const text = '编号,问题,进展\r\n2-5,"落实,意识形态","第一行\n第二行，""引号"""\n';
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      const wb = parseSpreadsheet('r.csv', bytes);
      const c = cellsOf(wb);
      expect(c.get('1:1')).toEqual({ t: 's', v: '编号' });
      expect(c.get('2:2')).toEqual({ t: 's', v: '落实,意识形态' });
      expect(c.get('2:3')).toEqual({ t: 's', v: '第一行\n第二行，"引号"' });
    }
    expect(parseCsv('a\tb\n1\t2')).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('the reader worker', () => {
  it('finds its code: worker.ts through tsx from source, xlsx-worker.cjs beside the bundle, unpacked beside app.asar', () => {
    const fromSource = workerPath(pathToFileURL(path.resolve('electron/core/excel/read/run.ts')).href);
    expect(fromSource.eval).toBe(true);
    expect(String(fromSource.filename)).toContain('/electron/core/excel/read/worker.ts');
    const t = tmpDir();
    try {
      const bundle = path.join(t.dir, 'dist/node');
      fs.mkdirSync(bundle, { recursive: true });
      fs.writeFileSync(path.join(bundle, 'xlsx-worker.cjs'), '');
      expect(workerPath(pathToFileURL(path.join(bundle, 'cli.js')).href)).toEqual({ filename: path.join(bundle, 'xlsx-worker.cjs'), eval: false });
      const unpacked = path.join(t.dir, 'app.asar.unpacked/dist/node');
      fs.mkdirSync(unpacked, { recursive: true });
      fs.writeFileSync(path.join(unpacked, 'xlsx-worker.cjs'), '');
      expect(workerPath(pathToFileURL(path.join(t.dir, 'app.asar/dist/node/main.js')).href)).toEqual({ filename: path.join(unpacked, 'xlsx-worker.cjs'), eval: false });
    } finally {
      t.cleanup();
    }
  });

  it('a kept reader starts its worker on warm(), reads calls made together one after another, and ends when idle', async () => {
    const reader = createReader({ idleMs: 300 });
    try {
      expect(reader.alive()).toBe(false);
      reader.warm();
      expect(reader.alive()).toBe(true);
      const one = buildXlsx({ sheets: [{ name: 'S', rows: row(1, [str(1, 1, '一')]) }] });
      const two = buildXlsx({ sheets: [{ name: 'S', rows: row(1, [str(1, 1, '二')]) }] });
      const [a, b] = await Promise.all([reader.read([{ name: 'one.xlsx', bytes: one }]), reader.read([{ name: 'two.xlsx', bytes: two }])]);
      const first = (o: ReadOutcome[]) => (o[0]!.ok ? o[0]!.workbook.sheets[0]!.cells : null);
      expect([first(a), first(b)]).toEqual([[[1, 1, { t: 's', v: '一' }]], [[1, 1, { t: 's', v: '二' }]]]);
      expect(reader.alive()).toBe(true);
      await new Promise((r) => setTimeout(r, 800));
      expect(reader.alive()).toBe(false);
      const again = await reader.read([{ name: 'one.xlsx', bytes: one }]);
      expect(first(again)).toEqual([[1, 1, { t: 's', v: '一' }]]);
    } finally {
      await reader.close();
    }
  });

  it('reads in a worker thread and returns the same data as in-thread parsing', async () => {
    const bytes = fs.readFileSync(sharedFixture('workbooks', '整改台账-总表.xlsx'));
    const [out] = await readSpreadsheets([{ name: '整改台账-总表.xlsx', bytes }]);
    expect(out!.ok).toBe(true);
    expect(out!.ok && out!.workbook).toEqual(parseSpreadsheet('整改台账-总表.xlsx', bytes));
  });

  it('ends a file that overruns its time with a clean error, and reads the next file in a fresh worker', async () => {
    const big = buildXlsx({ sheets: [{ name: 'S', rows: Array.from({ length: 3000 }, (_, i) => row(i + 1, [str(i + 1, 1, '内容'.repeat(50))])).join('') }] });
    const small = buildXlsx({ sheets: [{ name: 'S', rows: row(1, [str(1, 1, '好')]) }] });
    const outcomes = await readSpreadsheets([{ name: 'big.xlsx', bytes: big }], { timeoutMs: 1 });
    expect(outcomes[0]).toEqual({ ok: false, error: expect.objectContaining({ code: 'READ_TIMEOUT', message: expect.stringMatching(/秒仍未完成/) }) });
    const [ok] = await readSpreadsheets([{ name: 'small.xlsx', bytes: small }]);
    expect(ok!.ok && ok!.workbook.sheets[0]!.cells).toEqual([[1, 1, { t: 's', v: '好' }]]);
  });

  it('ends a file that exhausts the worker’s memory with a clean error; the process lives on', async () => {
    // Cells leave the worker as they are read; the shared strings stay in it (cells refer to them).
    const strings = Array.from({ length: 220_000 }, (_, i) => `第${i}条各不相同的整改措施文字，用来占满读取线程的内存。`.repeat(6));
    const bytes = buildXlsx({ sharedStrings: strings, sheets: [{ name: 'S', rows: row(1, [shared(1, 1, 0)]) }], level: 1 });
    const [out] = await readSpreadsheets([{ name: 'big.xlsx', bytes }], { heapMb: 64 });
    expect(out).toEqual({ ok: false, error: expect.objectContaining({ code: 'OUT_OF_MEMORY', message: expect.stringMatching(/超出内存上限/) }) });
    expect(process.memoryUsage().rss).toBeGreaterThan(0);
  });

  it('reads a merge over the whole sheet within a small heap', async () => {
    const [out] = await readSpreadsheets([{ name: 'm.xlsx', bytes: wholeSheetMerge() }], { heapMb: 64 });
    expect(out!.ok && out!.workbook.sheets[0]!.merges).toEqual([[1, 1, 1048576, 16384]]);
  });
});
