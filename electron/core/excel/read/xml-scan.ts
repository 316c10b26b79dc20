import { ReadError } from './errors';
import { LIMITS } from './limits';

/**
 * The XML tokenizer of the workbook reader: the events saxes gave (xml.ts), for the same documents, with the
 * same refusals, at a fraction of the cost. saxes reads a character at a time through a state table; this
 * finds the next `<` with indexOf, reads a tag with charCodeAt in one function, and hands on the text in
 * between as a slice. Pieces of text may be split anywhere (inside a name, an attribute, an entity, a CDATA
 * end, a surrogate pair): what cannot be finished yet is carried to the next piece, and what is carried is
 * bounded (LIMITS.maxMarkupChars): a tag or an entity that never ends is refused, never buffered forever.
 * Comments, processing instructions and CDATA sections are read through without keeping them.
 *
 * Well-formedness is checked as saxes checks it (XML 1.0, fifth edition; namespaces not resolved, prefixes
 * kept in names): characters XML does not allow, names, quoting, `<` in attribute values, entities (the five
 * predefined ones and character references; anything else is undefined), `]]>` in text, text or a second
 * element outside the root, tags closed in order, the XML declaration (only at the start, with a valid
 * version, encoding and standalone), and an unfinished document at close(). A DOCTYPE is refused as soon as
 * it is seen (saxes refused it at its end). A document that declares another XML version than 1.0 (whose
 * characters and line ends follow other rules) goes to saxes whole, before any event (`fallback`).
 *
 * Differences from saxes as xml.ts used it, both deliberate: CDATA sections are text (saxes gave them as
 * `cdata`, which nobody listened to: their content was lost), and text comes in one or more pieces per run
 * (the handlers join them).
 */

/** A well-formedness error; xml.ts turns it into the XML_INVALID ReadError. */
export class XmlFail extends Error {}

export interface ScanHandlers {
  open?(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

const TEXT = 0;
const COMMENT = 1;
const CDATA = 2;
const PI = 3;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQ = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

/** ASCII name characters: 1 may start a name, 2 may only continue one. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[:A-Z_a-z]/.test(ch)) ASCII_NAME[c] = 1;
  else if (/[-.0-9]/.test(ch)) ASCII_NAME[c] = 2;
}

function isS(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** XML 1.0 (5th ed.) NameStartChar in the BMP, above ASCII. */
function nameStartBmp(c: number): boolean {
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

function nameCharBmp(c: number): boolean {
  return nameStartBmp(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;
}

/** Whether a name starts at `i` (a surrogate pair is whole here: lone surrogates are refused before). */
function nameStartAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_NAME[c] === 1;
  if (c >= 0xd800 && c <= 0xdbff) return c <= 0xdb7f; // U+10000–U+EFFFF
  return nameStartBmp(c);
}

/** The end of the name characters from `i` on (not checking the first for NameStartChar). */
function scanName(s: string, i: number, limit: number): number {
  while (i < limit) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      if (ASCII_NAME[c] === 0) return i;
      i++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      if (c > 0xdb7f) return i;
      i += 2;
    } else if (nameCharBmp(c)) i++;
    else return i;
  }
  return limit;
}

/** Characters XML 1.0 does not allow; surrogates are looked at one by one (a pair is allowed). */
const NOT_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/g;

function firstInvalid(s: string, from: number, to: number): number {
  NOT_CHAR.lastIndex = from;
  for (;;) {
    const m = NOT_CHAR.exec(s);
    if (!m || m.index >= to) return -1;
    const i = m.index;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        NOT_CHAR.lastIndex = i + 2;
        continue;
      }
    }
    return i;
  }
}

function isXmlChar(n: number): boolean {
  return n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
}

const HEX = /^[0-9a-fA-F]+$/;
const DEC = /^[0-9]+$/;

function entity(name: string): string {
  switch (name) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  if (name.charCodeAt(0) === 0x23 /* # */) {
    let n = NaN;
    if (name.charCodeAt(1) === 0x78 /* x */) {
      const digits = name.slice(2);
      if (HEX.test(digits)) n = parseInt(digits, 16);
    } else {
      const digits = name.slice(1);
      if (DEC.test(digits)) n = parseInt(digits, 10);
    }
    if (isXmlChar(n)) return String.fromCodePoint(n);
    throw new XmlFail(`malformed character entity: &${name.slice(0, 20)};`);
  }
  throw new XmlFail(name === '' ? 'empty entity name.' : `undefined entity: &${name.slice(0, 20)};`);
}

/** Replace the entities of a complete run of text or of an attribute value. */
function decodeEntities(s: string, from: number): string {
  let out = '';
  let last = 0;
  let i = from;
  while (i >= 0) {
    const semi = s.indexOf(';', i + 1);
    if (semi < 0) throw new XmlFail('entity without its “;”.');
    out += s.slice(last, i) + entity(s.slice(i + 1, semi));
    last = semi + 1;
    i = s.indexOf('&', last);
  }
  return out + s.slice(last);
}

const NON_SPACE = /[^ \t\r\n]/;
const CR = /\r\n?/g;
const ATTR_SPACE = /\r\n|[\t\n\r]/g;

/** The XML declaration as saxes accepts it (version first; encoding, standalone optional and in order). */
const DECL =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"(1\.[0-9]+)"|'(1\.[0-9]+)')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>$/;

/**
 * Attributes as saxes gave them: an object with no Object.prototype behind it (an attribute named
 * `constructor` or `__proto__` is an attribute like any other), here with a prototype of its own so that
 * V8 keeps it a fast object rather than a dictionary.
 */
const ATTRS: object = Object.create(null);
/** Shared by the tags without attributes (frozen: a handler cannot write into another tag's attributes). */
const NO_ATTRS: Record<string, string> = Object.freeze(Object.create(ATTRS) as Record<string, string>);

/** The same string, internalized (an object's keys are): compared by identity, used as a key at once. */
function intern(s: string): string {
  return Object.keys({ [s]: 0 })[0] ?? s;
}

const NAME_SLOTS = 1024;

/** `x:row` → `row`: some writers prefix the spreadsheetml namespace. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

export interface Scanner {
  write(text: string): void;
  close(): void;
}

/**
 * `fallback(start)` is called, at most once and before any event, with everything written so far when the
 * document is not XML 1.0; it returns the parser that takes over.
 */
export function xmlScanner(part: string, h: ScanHandlers, fallback: (start: string) => Scanner): Scanner {
  const onOpen = h.open;
  const onClose = h.close;
  const onText = h.text;
  /** What is not consumed yet: the carry of the last write and the current piece. */
  let buf = '';
  /** How much of `buf` has been checked for characters XML does not allow. */
  let checked = 0;
  /** Pieces written while waiting for `waitFor` to appear (a long tag or entity across pieces). */
  let waiting: string[] | null = null;
  let waitingLength = 0;
  let waitFor = '';
  let mode = TEXT;
  const stack: string[] = [];
  let sawRoot = false;
  let closedRoot = false;
  /** 0: nothing read yet; 1: in the whitespace before the first markup; 2: past it. */
  let phase = 0;
  let other: Scanner | null = null;
  /**
   * Names seen lately (tags and attributes), each with its local name: a sheet has a handful of names, met
   * millions of times; taken from here they are neither sliced nor looked up in V8's string table again.
   */
  const names: string[] = new Array<string>(NAME_SLOTS).fill('');
  const locals: string[] = new Array<string>(NAME_SLOTS).fill('');
  /** The names of the attributes of the last tag seen with each name (by slot), in order: met again, mostly. */
  const expected: string[] = new Array<string>(NAME_SLOTS * 8).fill('');
  /** The attribute names of the tag being read (a name twice is refused). */
  const seen: string[] = [];
  /** The slot of the name buf[from, to) in `names`, filled if it held another name. */
  const nameAt = (from: number, to: number): number => {
    const n = to - from;
    const h = (n * 131 + buf.charCodeAt(from) * 31 + buf.charCodeAt(to - 1) + (n > 2 ? buf.charCodeAt(from + 1) * 7 : 0)) & (NAME_SLOTS - 1);
    const cand = names[h]!;
    if (cand.length === n) {
      let k = 0;
      while (k < n && cand.charCodeAt(k) === buf.charCodeAt(from + k)) k++;
      if (k === n) return h;
    }
    const name = intern(buf.slice(from, to));
    names[h] = name;
    locals[h] = intern(localName(name));
    return h;
  };

  const tooLong = () =>
    new ReadError(
      'XML_TOO_LONG',
      `文件已损坏：工作簿部件“${part}”中有一个标记超过 ${LIMITS.maxMarkupChars.toLocaleString('en-US')} 个字符仍未结束（可能是恶意构造的文件），已拒绝读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`,
    );

  const emitText = (t: string) => {
    if (t.length !== 0 && onText) onText(t);
  };

  /** A run of text [p, q) that is whole as far as entities, line ends and `]]>` go. */
  const text = (p: number, q: number) => {
    let t = buf.slice(p, q);
    if (stack.length === 0) {
      if (NON_SPACE.test(t)) throw new XmlFail('text data outside of root node.');
      if (t.indexOf('\r') >= 0) t = t.replace(CR, '\n');
    } else {
      if (t.indexOf(']]>') >= 0) throw new XmlFail('the string "]]>" is disallowed in char data.');
      if (t.indexOf('\r') >= 0) t = t.replace(CR, '\n');
      const amp = t.indexOf('&');
      if (amp >= 0) t = decodeEntities(t, amp);
    }
    emitText(t);
  };

  /** An open tag at `q` (`<` and a name start); the position after it, or -1 when it is not all here. */
  const openTag = (q: number, limit: number): number => {
    let i = scanName(buf, q + 1, limit);
    if (i >= limit) return -1;
    const slot = nameAt(q + 1, i);
    const name = names[slot]!;
    const local = locals[slot]!;
    if (closedRoot) throw new XmlFail('documents may contain only one root.');
    let attrs = NO_ATTRS;
    let count = 0;
    let c = buf.charCodeAt(i);
    for (;;) {
      if (c === GT) {
        sawRoot = true;
        onOpen?.(local, attrs);
        stack.push(name);
        return i + 1;
      }
      if (c === SLASH) {
        if (i + 1 >= limit) return -1;
        if (buf.charCodeAt(i + 1) !== GT) throw new XmlFail('forward-slash in opening tag not followed by >.');
        sawRoot = true;
        onOpen?.(local, attrs);
        onClose?.(local);
        if (stack.length === 0) closedRoot = true;
        return i + 2;
      }
      if (!isS(c)) throw new XmlFail('disallowed character in tag or attribute name.');
      do {
        if (++i >= limit) return -1;
        c = buf.charCodeAt(i);
      } while (isS(c));
      if (c === GT || c === SLASH) continue;
      let attr = count < 8 ? expected[slot * 8 + count]! : '';
      const n = attr.length;
      let k = 0;
      if (n !== 0 && i + n < limit) {
        while (k < n && attr.charCodeAt(k) === buf.charCodeAt(i + k)) k++;
        const after = buf.charCodeAt(i + n);
        if (k !== n || after >= 128 || ASCII_NAME[after] !== 0) k = -1;
      }
      if (n !== 0 && k === n) i += n;
      else {
        if (!nameStartAt(buf, i)) throw new XmlFail('disallowed character in attribute name.');
        const from = i;
        i = scanName(buf, i, limit);
        if (i >= limit) return -1;
        attr = names[nameAt(from, i)]!;
        if (count < 8) expected[slot * 8 + count] = attr;
      }
      // A tag has a few attributes: compared among themselves; a hostile one with thousands is looked up.
      if (count < 16) {
        for (let j = 0; j < count; j++) if (seen[j] === attr) throw new XmlFail(`duplicate attribute: ${attr.slice(0, 40)}.`);
        seen[count] = attr;
      } else if (attrs[attr] !== undefined) throw new XmlFail(`duplicate attribute: ${attr.slice(0, 40)}.`);
      count++;
      c = buf.charCodeAt(i);
      while (isS(c)) {
        if (++i >= limit) return -1;
        c = buf.charCodeAt(i);
      }
      if (c !== EQ) throw new XmlFail('attribute without value.');
      do {
        if (++i >= limit) return -1;
        c = buf.charCodeAt(i);
      } while (isS(c));
      if (c !== DQUOTE && c !== SQUOTE) throw new XmlFail('unquoted attribute value.');
      // The value up to its quote, in one pass: `<` is refused, `&` and tabs or line ends looked at after.
      const quote = c;
      let end = i + 1;
      let marks = 0;
      for (;;) {
        if (end >= limit) return -1;
        const d = buf.charCodeAt(end);
        if (d === quote) break;
        if (d < 0x3d) {
          if (d === LT) throw new XmlFail('disallowed character “<” in attribute value.');
          if (d === 0x26 || d === 0x09 || d === 0x0a || d === 0x0d) marks++;
        }
        end++;
      }
      let value = buf.slice(i + 1, end);
      if (marks !== 0) {
        value = value.replace(ATTR_SPACE, ' ');
        const amp = value.indexOf('&');
        if (amp >= 0) value = decodeEntities(value, amp);
      }
      if (count === 1) attrs = Object.create(ATTRS) as Record<string, string>;
      attrs[attr] = value;
      i = end + 1;
      if (i >= limit) return -1;
      c = buf.charCodeAt(i);
      if (!isS(c) && c !== GT && c !== SLASH) throw new XmlFail('no whitespace between attributes.');
    }
  };

  const closeTag = (q: number, limit: number): number => {
    const gt = buf.indexOf('>', q + 2);
    if (gt < 0 || gt >= limit) {
      waitFor = '>';
      return -1;
    }
    let i = scanName(buf, q + 2, gt);
    const name = i > q + 2 ? names[nameAt(q + 2, i)]! : '';
    for (; i < gt; i++) if (!isS(buf.charCodeAt(i))) throw new XmlFail('disallowed character in closing tag.');
    if (name === '') throw new XmlFail('empty close tag.');
    const top = stack.pop();
    if (top === undefined) throw new XmlFail(`unmatched closing tag: ${name.slice(0, 40)}.`);
    onClose?.(localName(top));
    if (top !== name) throw new XmlFail(`unexpected close tag: ${name.slice(0, 40)}.`);
    if (stack.length === 0) closedRoot = true;
    return gt + 1;
  };

  /** `<!`: a comment, CDATA or a DOCTYPE; anything else is malformed. */
  const bang = (q: number, limit: number): number => {
    const rest = buf.slice(q + 2, Math.min(q + 9, limit));
    if (rest.startsWith('--')) {
      mode = COMMENT;
      return q + 4;
    }
    if (rest.length < 7 && ('--'.startsWith(rest) || '[CDATA['.startsWith(rest) || 'DOCTYPE'.startsWith(rest))) return -1;
    if (rest === '[CDATA[') {
      if (!sawRoot || closedRoot) throw new XmlFail('text data outside of root node.');
      mode = CDATA;
      return q + 9;
    }
    if (rest === 'DOCTYPE') {
      if (sawRoot) throw new XmlFail('inappropriately located doctype declaration.');
      throw new ReadError('XML_DOCTYPE', `工作簿部件“${part}”含有 DTD 声明（可能是恶意构造的文件），已拒绝读取。`);
    }
    throw new XmlFail('incorrect syntax.');
  };

  /** `<?`: a processing instruction (ignored); its target is checked, its body skipped. */
  const pi = (q: number, limit: number): number => {
    if (q + 2 >= limit) return -1;
    if (!nameStartAt(buf, q + 2)) throw new XmlFail('processing instruction without a valid target.');
    const i = scanName(buf, q + 2, limit);
    if (i >= limit) return -1;
    const c = buf.charCodeAt(i);
    if (c !== QUESTION && !isS(c)) throw new XmlFail('disallowed character in processing instruction name.');
    if (buf.slice(q + 2, i).toLowerCase() === 'xml') throw new XmlFail('the XML declaration must appear at the start of the document.');
    mode = PI;
    return i;
  };

  /** Scan buf from p up to limit; returns the first position not consumed. */
  const scan = (p: number, limit: number, final: boolean): number => {
    while (p < limit) {
      if (mode === TEXT) {
        // Tags mostly follow one another: look at the next character before searching.
        let lt = buf.charCodeAt(p) === LT ? p : buf.indexOf('<', p);
        if (lt >= limit) lt = -1;
        if (lt < 0) {
          // The run goes on in the next piece: hand on what is whole, keep an unfinished entity, a CR (of a
          // CR LF) and one or two `]` (of a `]]>`).
          let cut = limit;
          if (!final) {
            const amp = buf.lastIndexOf('&', limit - 1);
            if (amp >= p && buf.indexOf(';', amp) < 0) {
              cut = amp;
              waitFor = ';';
            } else if (buf.charCodeAt(cut - 1) === 0x0d) cut--;
            else {
              if (cut > p && buf.charCodeAt(cut - 1) === 0x5d) cut--;
              if (cut > p && buf.charCodeAt(cut - 1) === 0x5d) cut--;
            }
          }
          if (cut > p) text(p, cut);
          return cut;
        }
        if (lt > p) text(p, lt);
        p = lt;
        if (p + 1 >= limit) return p;
        const c = buf.charCodeAt(p + 1);
        let r: number;
        if (c === SLASH) r = closeTag(p, limit);
        else if (c === BANG) r = bang(p, limit);
        else if (c === QUESTION) r = pi(p, limit);
        else if (nameStartAt(buf, p + 1)) {
          r = openTag(p, limit);
          if (r < 0) waitFor = '>';
        } else throw new XmlFail('disallowed character in tag name.');
        if (r < 0) return p;
        p = r;
      } else if (mode === COMMENT) {
        const k = buf.indexOf('--', p);
        if (k < 0 || k + 1 >= limit) return buf.charCodeAt(limit - 1) === 0x2d /* - */ ? limit - 1 : limit;
        if (k + 2 >= limit) return k;
        if (buf.charCodeAt(k + 2) !== GT) throw new XmlFail('malformed comment.');
        mode = TEXT;
        p = k + 3;
      } else if (mode === CDATA) {
        const k = buf.indexOf(']]>', p);
        if (k >= 0 && k + 2 < limit) {
          emitText(buf.slice(p, k).replace(CR, '\n'));
          mode = TEXT;
          p = k + 3;
        } else {
          let cut = limit;
          if (!final) {
            if (buf.charCodeAt(cut - 1) === 0x5d) cut--;
            if (cut > p && buf.charCodeAt(cut - 1) === 0x5d) cut--;
            if (cut > p && buf.charCodeAt(cut - 1) === 0x0d) cut--;
          }
          emitText(buf.slice(p, cut).replace(CR, '\n'));
          return cut;
        }
      } else {
        const k = buf.indexOf('?>', p);
        if (k < 0 || k + 1 >= limit) return buf.charCodeAt(limit - 1) === QUESTION ? limit - 1 : limit;
        mode = TEXT;
        p = k + 2;
      }
    }
    return p;
  };

  /**
   * The start of the document: a byte order mark, then perhaps the XML declaration, then whitespace that
   * saxes skipped without handing it on. The position reached; -1: not enough here to tell; -2: not XML 1.0.
   */
  const start = (from: number, limit: number, final: boolean): number => {
    let p = from;
    if (phase === 0) {
      if (buf.charCodeAt(p) === 0xfeff) p++;
      const head = buf.slice(p, Math.min(p + 6, limit));
      if (head.length < 6 && !final && '<?xml'.startsWith(head.slice(0, 5))) return -1;
      if (head.startsWith('<?xml') && head.length === 6 && (isS(head.charCodeAt(5)) || head.charCodeAt(5) === QUESTION)) {
        // Inside the declaration any `?` ends it; it is followed by `>` or the document is malformed.
        const q = buf.indexOf('?', p + 5);
        if (q < 0 || q + 1 >= limit) {
          if (final) throw new XmlFail('unexpected end.');
          return -1;
        }
        const m = DECL.exec(buf.slice(p, q + 2));
        if (!m) throw new XmlFail('malformed XML declaration.');
        if ((m[1] ?? m[2]) !== '1.0') return -2;
        phase = 2;
        return q + 2;
      }
      phase = 1;
    }
    while (p < limit && isS(buf.charCodeAt(p))) p++;
    if (p < limit || final) phase = 2;
    return p;
  };

  /** Read buf from `from` on (what is before it was read or checked before); keep what is unfinished. */
  const run = (final: boolean, from = 0) => {
    let end = buf.length;
    if (!final && end > 0) {
      const last = buf.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff) end--; // the rest of the pair comes with the next piece
    }
    const bad = firstInvalid(buf, checked, end);
    const limit = bad < 0 ? end : bad;
    let p = from;
    if (phase !== 2) {
      p = start(from, limit, final && bad < 0);
      if (p === -2) {
        other = fallback(buf);
        buf = '';
        return;
      }
      if (p < 0) {
        if (bad >= 0) throw new XmlFail('disallowed character.');
        checked = end;
        return;
      }
    }
    if (phase === 2) p = scan(p, limit, final && bad < 0);
    if (bad >= 0) throw new XmlFail('disallowed character.');
    buf = p === 0 ? buf : buf.slice(p);
    checked = end - p;
    if (buf.length > LIMITS.maxMarkupChars) throw tooLong();
  };

  /** Read the next piece after what is carried. */
  const feed = (piece: string) => {
    if (buf.length === 0) {
      buf = piece;
      checked = 0;
      run(false);
      return;
    }
    // The carry (an unfinished tag, most often) is finished with the start of the piece up to its first
    // `>`, and the rest of the piece is read where it is: joined whole to the carry, each piece of a part
    // would be copied once more (V8 flattens a joined string when it is first read).
    const gt = piece.indexOf('>');
    if (gt < 0 || gt + 1 >= piece.length) {
      buf += piece;
      run(false);
      return;
    }
    buf += piece.slice(0, gt + 1);
    run(false);
    const saxes = other as Scanner | null; // run() may have handed the part over
    if (saxes) return saxes.write(piece.slice(gt + 1));
    if (buf.length === 0 && waitFor === '') {
      buf = piece;
      checked = gt + 1;
      run(false, gt + 1);
    } else {
      buf += piece.slice(gt + 1);
      waitFor = '';
      run(false);
    }
  };

  return {
    write(piece) {
      if (other) return other.write(piece);
      if (piece.length === 0) return;
      if (waiting) {
        // Read again only once what ends the carried construct may have come (its `>` or `;`), or once as
        // much again has come as is carried: a long carry is not read again for every small piece.
        waiting.push(piece);
        waitingLength += piece.length;
        if (!(waitFor !== '' && piece.indexOf(waitFor) >= 0) && waitingLength < buf.length) {
          if (buf.length + waitingLength > LIMITS.maxMarkupChars) throw tooLong();
          return;
        }
        const pieces = waiting;
        waiting = null;
        waitFor = '';
        const last = pieces.pop()!;
        if (pieces.length > 0) buf += pieces.join('');
        feed(last);
      } else feed(piece);
      if (buf.length > 0 && (waitFor !== '' || buf.length > 65_536)) {
        waiting = [];
        waitingLength = 0;
      } else waitFor = '';
    },
    close() {
      if (other) return other.close();
      if (waiting) {
        buf += waiting.join('');
        waiting = null;
      }
      run(true);
      if (other) return (other as Scanner).close();
      if (!sawRoot) throw new XmlFail('document must contain a root element.');
      if (stack.length > 0) throw new XmlFail(`unclosed tag: ${stack[stack.length - 1]!.slice(0, 40)}`);
      if (mode !== TEXT || buf.length > 0) throw new XmlFail('unexpected end.');
    },
  };
}
