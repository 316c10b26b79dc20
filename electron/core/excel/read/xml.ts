import { SaxesParser } from 'saxes';
import { ReadError } from './errors';
import { decodeText } from './decode';

export interface XmlHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Decode a whole part at once, strictly (decode.ts): invalid bytes are refused, never replaced. */
export function decodeXml(bytes: Uint8Array, part = 'XML'): string {
  return decodeText(part, bytes);
}

export interface XmlStream {
  /** The next piece of the part's text (any length; a tag or a name may be split anywhere). */
  write(text: string): void;
  close(): void;
}

/**
 * Parse one XML part with saxes, in pieces as it is inflated and decoded. A DOCTYPE is refused outright:
 * Office never writes one, and refusing it closes the door on entity tricks (XXE, billion laughs) whatever
 * the parser would do with them. saxes resolves no external entity in any case; an undefined entity is a
 * parse error here.
 */
export function xmlStream(part: string, h: XmlHandlers): XmlStream {
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
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ReadError) throw e;
      throw new ReadError(
        'XML_INVALID',
        `文件已损坏：工作簿部件“${part}”不是有效的 XML。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`,
        String((failure as Error | null)?.message ?? e),
      );
    }
  };
  return {
    write: (text) => guard(() => parser.write(text)),
    close: () => guard(() => parser.close()),
  };
}

/** Parse one XML part held whole as text. */
export function parseXml(part: string, xml: string, h: XmlHandlers): void {
  const x = xmlStream(part, h);
  x.write(xml);
  x.close();
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
