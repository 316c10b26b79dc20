import { SaxesParser } from 'saxes';
import { ReadError } from './errors';
import { decodeText } from './decode';
import { LIMITS } from './limits';
import { localName, xmlScanner } from './xml-scan';

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
 * Parse one XML part, in pieces as it is inflated and decoded (xml-scan.ts: the events and refusals saxes
 * gave, several times faster). A DOCTYPE is refused outright: Office never writes one, and refusing it
 * closes the door on entity tricks (XXE, billion laughs) whatever a parser would do with them. No external
 * entity is ever resolved; an undefined entity is a parse error.
 */
export function xmlStream(part: string, h: XmlHandlers): XmlStream {
  const scanner = xmlScanner(part, h, (start) => {
    const s = saxesStream(part, h);
    s.write(start);
    return s;
  });
  return {
    write: (text) => guard(part, null, () => scanner.write(text)),
    close: () => guard(part, null, () => scanner.close()),
  };
}

function guard(part: string, failure: { error: Error | null } | null, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError(
      'XML_INVALID',
      `文件已损坏：工作簿部件“${part}”不是有效的 XML。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`,
      String(failure?.error?.message ?? (e as Error | null)?.message ?? e),
    );
  }
}

/**
 * saxes, for a part that declares an XML version other than 1.0 (other characters allowed, other line
 * ends): a rare document, read as before. What saxes keeps of an unfinished construct is held to the same
 * bound as the tokenizer's carry.
 */
function saxesStream(part: string, h: XmlHandlers): XmlStream {
  const parser = new SaxesParser({ position: false });
  const failure: { error: Error | null } = { error: null };
  parser.on('doctype', () => {
    throw new ReadError('XML_DOCTYPE', `工作簿部件“${part}”含有 DTD 声明（可能是恶意构造的文件），已拒绝读取。`);
  });
  parser.on('error', (e) => {
    failure.error ??= e;
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
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  const held = parser as unknown as { text: string; name: string; entity: string; piTarget: string };
  const bounded = () => {
    if (held.text.length + held.name.length + held.entity.length + held.piTarget.length > LIMITS.maxMarkupChars) {
      throw new ReadError('XML_TOO_LONG', `文件已损坏：工作簿部件“${part}”中有一段内容超过 ${LIMITS.maxMarkupChars.toLocaleString('en-US')} 个字符仍未结束，已拒绝读取。`);
    }
  };
  return {
    write: (text) =>
      guard(part, failure, () => {
        parser.write(text);
        bounded();
      }),
    close: () => guard(part, failure, () => parser.close()),
  };
}

/** Parse one XML part held whole as text. */
export function parseXml(part: string, xml: string, h: XmlHandlers): void {
  const x = xmlStream(part, h);
  x.write(xml);
  x.close();
}

/** OOXML escapes control characters in strings as `_xHHHH_`. */
export function unescapeOoxml(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
