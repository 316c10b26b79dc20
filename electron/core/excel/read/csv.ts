import { ReadError } from './errors';
import { LIMITS } from './limits';
import type { CellEntry, WorkbookData } from './types';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'gb18030';

/**
 * Chinese Excel and WPS save CSV in the system code page (GBK, read as its superset GB18030) without a
 * BOM; newer ones write UTF-8 with a BOM. UTF-8 is tried strictly first: GBK text is almost never valid
 * UTF-8, while the reverse guess would garble every character.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The separator of the first line: comma, tab (Excel's "Unicode text") or semicolon. */
function sniffSeparator(text: string): string {
  const nl = text.search(/\r?\n/);
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const best = [',', '\t', ';'].map((ch) => [ch, count(ch)] as const).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/** RFC 4180: quoted fields may hold separators, doubled quotes and line breaks. */
export function parseCsv(text: string, sep = sniffSeparator(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let cells = 0;
  const endField = () => {
    row.push(field);
    field = '';
    if (++cells > LIMITS.maxEntries) throw new ReadError('TOO_MANY_CELLS', `CSV 文件中的单元格超过 ${LIMITS.maxEntries / 10_000} 万个，超出可导入的范围。`);
  };
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      // Copy a run of ordinary characters at once.
      const next = text.indexOf('"', i);
      const end = next < 0 ? n : next;
      field += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === sep) {
      endField();
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

export function readCsv(bytes: Uint8Array, sheetName: string): WorkbookData & { encoding: CsvEncoding } {
  const { text, encoding } = decodeCsv(bytes);
  const rows = parseCsv(text);
  if (rows.length > LIMITS.maxRow) throw new ReadError('TOO_MANY_ROWS', `CSV 文件超过 ${LIMITS.maxRow} 行，超出可导入的范围。`);
  const cells: CellEntry[] = [];
  rows.forEach((r, ri) => {
    if (r.length > LIMITS.maxCol) throw new ReadError('TOO_MANY_COLS', `CSV 文件第 ${ri + 1} 行超过 ${LIMITS.maxCol} 列。`);
    r.forEach((v, ci) => {
      if (v.trim() !== '') cells.push([ri + 1, ci + 1, { t: 's', v: v.length > LIMITS.maxCellChars ? v.slice(0, LIMITS.maxCellChars) : v }]);
    });
  });
  return { format: 'csv', sheets: [{ name: sheetName, state: 'visible', cells, merges: [] }], modified: null, notes: [], encoding };
}
