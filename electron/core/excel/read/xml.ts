import { SaxesParser } from 'saxes';
import { ReadError } from './errors';

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16 = new TextDecoder('utf-16le');

/**
 * Decode a whole part at once: no chunk boundary can split a character (the exceljs stream bug). Bytes
 * that are not UTF-8 are refused, never read as U+FFFD (a damaged file would import damaged text).
 */
export function decodeXml(bytes: Uint8Array, part = '工作簿'): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16.decode(bytes.subarray(2));
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ReadError('BAD_UTF8', `“${part}”中有不是 UTF-8 编码的字节（文件已损坏，或被其他程序错误地改写），已拒绝读取，以免导入乱码。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`);
  }
}

/**
 * Parse one XML part with saxes. A DOCTYPE is refused outright: Office never writes one, and refusing it
 * closes the door on entity tricks (XXE, billion laughs) whatever the parser would do with them. saxes
 * resolves no external entity in any case; an undefined entity is a parse error here.
 */
export function parseXml(part: string, xml: string, h: XmlHandlers): void {
  const parser = new SaxesParser({ position: false });
  let failure: Error | null = null;
  parser.on('doctype', () => {
    throw new ReadError('XML_DOCTYPE', `工作簿部件“${part}”含有 DTD 声明（可能是恶意构造的文件），已拒绝读取。`);
  });
  parser.on('error', (e) => {
    failure ??= e;
    throw e;
  });
  if (h.open) {
    const open = h.open;
    // Without the xmlns option, saxes gives attributes as plain strings.
    parser.on('opentag', (node) => open(localName(node.name), node.attributes as Record<string, string>));
  }
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (node) => close(localName(node.name)));
  }
  if (h.text) parser.on('text', h.text);
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError(
      'XML_INVALID',
      `文件已损坏：工作簿部件“${part}”不是有效的 XML。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`,
      String((failure as Error | null)?.message ?? e),
    );
  }
}

/** `x:row` → `row`: some writers prefix the spreadsheetml namespace. */
function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** OOXML escapes control characters in strings as `_xHHHH_`. */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
