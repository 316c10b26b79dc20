import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';

/**
 * A workbook with trailing rows down to row `lastRow` (Excel's last is 1,048,576) that hold nothing a person could read: styled empty cells, empty
 * or blank strings, as a sheet formatted "to the bottom" carries. `shape` varies how each row is empty.
 */
export type EmptyShape = 'styled' | 'empty-string' | 'spaces' | 'row-only' | 'formula' | 'invisible' | 'mixed';

export function withTrailingRows(xlsx: Uint8Array, lastRow: number, shape: EmptyShape, sheetIndex = 1): Uint8Array {
  const parts = unzipSync(xlsx);
  const name = `xl/worksheets/sheet${sheetIndex}.xml`;
  const xml = Buffer.from(parts[name]!).toString('utf8');
  const last = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
  const rows: string[] = [];
  const kinds: EmptyShape[] = ['styled', 'empty-string', 'spaces', 'row-only', 'formula', 'invisible'];
  const invisible = ['\u3000', '\u00a0', '\u200b', '\ufeff', '\t', '\u3000\u00a0 '];
  for (let r = last + 1; r <= lastRow; r++) {
    const i = r - last;
    const kind = shape === 'mixed' ? kinds[i % kinds.length]! : shape;
    if (kind === 'row-only') rows.push(`<row r="${r}" s="1" customFormat="1"/>`);
    else if (kind === 'styled') rows.push(`<row r="${r}"><c r="A${r}" s="1"/><c r="C${r}" s="1"/></row>`);
    else if (kind === 'invisible') rows.push(`<row r="${r}"><c r="${'ABCDEFG'[i % 7]}${r}" t="inlineStr"><is><t xml:space="preserve">${invisible[i % invisible.length]}</t></is></c></row>`);
    else if (kind === 'formula') rows.push(`<row r="${r}"><c r="F${r}" t="str"><f>IF(E${r}="","",E${r})</f><v></v></c></row>`);
    else if (kind === 'empty-string') rows.push(`<row r="${r}"><c r="B${r}" t="inlineStr"><is><t></t></is></c></row>`);
    else rows.push(`<row r="${r}"><c r="D${r}" t="inlineStr"><is><t xml:space="preserve">   </t></is></c></row>`);
  }
  const out = xml.replace(/<dimension ref="[^"]*"\/>/, '').replace('</sheetData>', rows.join('') + '</sheetData>');
  parts[name] = new Uint8Array(Buffer.from(out, 'utf8'));
  return zipSync(parts, { level: 6 });
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
