import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { parseXml, xmlStream, type XmlHandlers } from '../../electron/core/excel/read/xml';
import { ReadError } from '../../electron/core/excel/read/errors';
import { LIMITS } from '../../electron/core/excel/read/limits';
import { parseSpreadsheet } from '../../electron/core/excel/read/parse';
import { buildXlsx } from '../fixtures/import/build';

/**
 * The workbook reader's XML tokenizer (xml-scan.ts) against saxes, the parser it replaced: for generated
 * documents, split into pieces anywhere, the same events (open with local name and attributes, close, text
 * joined as the handlers join it) and the same refusals (XML_INVALID, XML_DOCTYPE).
 */

type Event = ['open', string, Record<string, string>] | ['close', string] | ['text', string];
interface Outcome {
  events: Event[];
  error: string | null;
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function recorder(): { events: Event[]; h: Required<XmlHandlers> } {
  const events: Event[] = [];
  const h = {
    open: (name: string, attrs: Record<string, string>) => events.push(['open', name, { ...attrs }]),
    close: (name: string) => events.push(['close', name]),
    text: (t: string) => {
      if (t === '') return; // saxes hands on an empty CDATA section: nothing for a handler that joins text
      const last = events[events.length - 1];
      // The handlers join text as it comes: a run may be handed on in one piece or several.
      if (last?.[0] === 'text') last[1] += t;
      else events.push(['text', t]);
    },
  };
  return { events, h };
}

/** saxes as the reader used it, CDATA given as text. */
function bySaxes(pieces: string[]): Outcome {
  const { events, h } = recorder();
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    throw new ReadError('XML_DOCTYPE', 'doctype');
  });
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (node) => h.open(localName(node.name), node.attributes as Record<string, string>));
  parser.on('closetag', (node) => h.close(localName(node.name)));
  parser.on('text', h.text);
  parser.on('cdata', h.text);
  try {
    for (const p of pieces) parser.write(p);
    parser.close();
    return { events, error: null };
  } catch (e) {
    return { events, error: e instanceof ReadError ? e.code : 'XML_INVALID' };
  }
}

function byScanner(pieces: string[]): Outcome {
  const { events, h } = recorder();
  const x = xmlStream('part', h);
  try {
    for (const p of pieces) x.write(p);
    x.close();
    return { events, error: null };
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    return { events, error: e.code };
  }
}

function split(doc: string, cuts: number[]): string[] {
  const at = [...new Set(cuts.map((c) => c % (doc.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const c of at) {
    out.push(doc.slice(last, c));
    last = c;
  }
  out.push(doc.slice(last));
  return out;
}

// ---- generated documents ----

const NAMES = ['row', 'c', 'v', 't', 'si', 'x:row', 'x:c', 'a:b:c', '_n', 'n-1.2', '名', 'é', '𠀀el', 'mc:Choice'];
const ATTR_NAMES = ['r', 's', 't', 'ref', 'xmlns', 'xmlns:x', 'x:id', 'spans', '名称', 'a.b', '_'];
const WORDS = ['12', 'x', '整改', '台账', '𝌆', '😀', 'é', ' ', '  ', '\t', '\n', '\r\n', '\r', '>', ']', ']]', '"', "'", '-', '?', '=', '/'];
const TEXT_ENTITIES = ['&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#x4E2D;', '&#20013;', '&#x1F600;', '&#10;', '&#13;', '&#9;', '&#x0041;'];
const S = ['', ' ', '\n', '\t', '\r\n', '  '];

const word = fc.constantFrom(...WORDS);
const textRun = fc.array(fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: fc.constantFrom(...TEXT_ENTITIES) }), { maxLength: 6 }).map((a) => a.join(''));
// No `]]>` inside a leaf, nor across two neighbouring leaves (none ends with `]` or starts with `>`).
const textLeaf = textRun.map((t) => t.replace(/]]>/g, ']] >').replace(/^>/, ' >').replace(/]$/, '] '));
const cdata = fc.array(fc.constantFrom(...WORDS, '<', '&', '&amp;', '<b>'), { maxLength: 6 }).map((a) => `<![CDATA[${a.join('').replace(/]]>/g, '] ]>')}]]>`);
const comment = fc.array(fc.constantFrom('x', ' ', '-', '<a>', '&', '整', '\r\n'), { maxLength: 6 }).map((a) => `<!--${a.join('').replace(/-+/g, '-').replace(/-$/, '')}-->`);
const pi = fc
  .tuple(fc.constantFrom('mso', 'x-y', 'php', 'xml-stylesheet', '名'), fc.constantFrom('', ' ', ' a="1"', ' ?x', ' <&>'))
  .map(([t, b]) => `<?${t}${b}?>`);

const attrValue = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('1', 'A1', '整改', '𝌆', ' ', '\t', '\n', '\r\n', '>', '/', '=', ']]>') }, { weight: 1, arbitrary: fc.constantFrom(...TEXT_ENTITIES) }), {
    maxLength: 5,
  })
  .map((a) => a.join(''));
const attrs = fc.uniqueArray(fc.tuple(fc.constantFrom(...ATTR_NAMES), attrValue, fc.constantFrom('"', "'"), fc.constantFrom(...S), fc.constantFrom(...S)), {
  selector: (a) => a[0],
  maxLength: 4,
});

interface El {
  name: string;
  attrs: [string, string, string, string, string][];
  children: (El | string)[];
  selfClose: boolean;
  tail: string;
}

function serialize(n: El | string): string {
  if (typeof n === 'string') return n;
  const a = n.attrs.map(([k, v, q, s1, s2]) => ` ${k}${s1}=${s2}${q}${v.split(q).join(q === '"' ? '&quot;' : '&apos;').replace(/</g, '&lt;')}${q}`).join('');
  if (n.selfClose && n.children.length === 0) return `<${n.name}${a}${n.tail}/>`;
  return `<${n.name}${a}${n.tail}>${n.children.map(serialize).join('')}</${n.name}${n.tail}>`;
}

const tree = fc.letrec<{ node: El | string; el: El }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, textLeaf, cdata, comment, pi, tie('el')),
  el: fc.record({
    name: fc.constantFrom(...NAMES),
    attrs,
    children: fc.array(tie('node'), { maxLength: 4 }),
    selfClose: fc.boolean(),
    tail: fc.constantFrom('', '', ' ', '\n'),
  }),
})).el;

/** A long chain of nested elements. */
const deep = fc.tuple(fc.integer({ min: 50, max: 400 }), fc.constantFrom(...NAMES), textLeaf).map(([depth, name, t]) => {
  const el: El = { name, attrs: [], children: [t], selfClose: false, tail: '' };
  let top = el;
  for (let i = 0; i < depth; i++) top = { name: NAMES[i % NAMES.length]!, attrs: [['r', String(i), '"', '', '']], children: [top, ' '], selfClose: false, tail: '' };
  return top;
});

const prologOrEpilog = fc.array(fc.oneof(fc.constantFrom(...S), comment, pi), { maxLength: 3 }).map((a) => a.join(''));
const decl = fc.constantFrom(
  '',
  '<?xml version="1.0"?>',
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n',
  "<?xml version='1.0' encoding='utf-8'?>\n",
  '<?xml  version = "1.0"  standalone="no" ?>',
  '\uFEFF<?xml version="1.0" encoding="UTF-8"?>',
);

const doc = fc.tuple(decl, prologOrEpilog, fc.oneof({ weight: 5, arbitrary: tree }, { weight: 1, arbitrary: deep }), prologOrEpilog).map(([d, pre, root, post]) => `${d}${pre}${serialize(root)}${post}`);
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('the XML tokenizer gives the events saxes gives', () => {
  it('for generated documents (prefixes, both quotes, entities, CDATA, comments, PIs, Chinese and astral text, deep nesting), split into pieces anywhere', () => {
    let withCdata = 0;
    let withAstralSplit = 0;
    fc.assert(
      fc.property(doc, cuts, (xml, cs) => {
        const pieces = split(xml, cs);
        if (xml.includes('<![CDATA[')) withCdata++;
        if (pieces.some((p) => /[\uD800-\uDBFF]$/.test(p))) withAstralSplit++;
        const want = bySaxes(pieces);
        expect(want.error).toBeNull(); // the generator writes well-formed XML
        expect(byScanner(pieces)).toEqual(want);
      }),
      { numRuns: 600 },
    );
    expect(withCdata).toBeGreaterThan(50);
    expect(withAstralSplit).toBeGreaterThan(0);
  });

  it('attribute values: tabs and line ends become spaces, character references stay as written; the attributes are plain strings', () => {
    const { events, h } = recorder();
    parseXml('p', `<x:a b="1\t2\r\n3\n4" c='&#10;&#9;&#13;"' d="&lt;&amp;&gt;"/>`, h);
    expect(events).toEqual([['open', 'a', { b: '1 2 3 4', c: '\n\t\r"', d: '<&>' }], ['close', 'a']]);
  });

  it('text: CR LF and CR become LF across pieces, CDATA is text, comments and PIs are dropped', () => {
    const { events, h } = recorder();
    const x = xmlStream('p', h);
    for (const p of ['<a>1\r', '\n2\r', '3<![CDATA[<b>&amp;\r', '\n]', ']]]><!-- c --><?p x?>4</a>']) x.write(p);
    x.close();
    expect(events).toEqual([['open', 'a', {}], ['text', '1\n2\n3<b>&amp;\n]]4'], ['close', 'a']]);
  });
});

// ---- malformed documents ----

type Corruption = (xml: string, r: number) => string | null;

const CORRUPTIONS: Record<string, Corruption> = {
  /** Cut short inside the root element. */
  truncate: (xml, r) => {
    const end = xml.lastIndexOf('</');
    if (end <= 0) return null;
    return xml.slice(0, r % end);
  },
  /** The last two close tags swapped. */
  swapClose: (xml) => {
    const m = [...xml.matchAll(/<\/([^>\s]+)\s*>/g)];
    if (m.length < 2) return null;
    const [a, b] = [m[m.length - 2]!, m[m.length - 1]!];
    if (a[1] === b[1]) return null;
    return xml.slice(0, a.index) + `</${b[1]}>` + xml.slice(a.index! + a[0].length, b.index) + `</${a[1]}>` + xml.slice(b.index! + b[0].length);
  },
  badEntity: (xml, r) => insertInRoot(xml, r, ['&nbsp;', '&#x110000;', '&#0;', '&#xD800;', '&;', '&amp', '&#X41;', '& x;'][r % 8]!),
  strayLess: (xml, r) => insertInRoot(xml, r, ['<', '< a', '<1>', '<>', '</>'][r % 5]!),
  lessInAttribute: (xml) => (/<[^!?/][^>]*="/.test(xml) ? xml.replace(/(<[^!?/][^>]*?=")/, '$1<') : null),
  doctype: (xml) => {
    const m = /^(\uFEFF?<\?xml[^?]*\?>)?/.exec(xml)!;
    return `${m[0]}<!DOCTYPE a [<!ENTITY x "y">]>${xml.slice(m[0].length)}`;
  },
  textAfterRoot: (xml) => `${xml}x`,
  secondRoot: (xml) => `${xml}<b/>`,
  controlChar: (xml, r) => insertInRoot(xml, r, ['\u0001', '\u000b', '\uFFFE', '\uDC00'][r % 4]!),
  unclosedComment: (xml, r) => insertInRoot(xml, r, '<!-- open'),
  doubleHyphenComment: (xml, r) => insertInRoot(xml, r, '<!-- a -- b -->'),
  badDeclaration: (xml) => `<?xml version="2.0"?>${xml.replace(/^\uFEFF?<\?xml[^?]*\?>/, '')}`,
  lateDeclaration: (xml, r) => insertInRoot(xml, r, '<?xml version="1.0"?>'),
  duplicateAttribute: (xml) => (/<([^!?/\s>]+)\s/.test(xml) ? xml.replace(/<([^!?/\s>]+)(\s)/, '<$1 r="1" r="2"$2') : null),
  cdataEndInText: (xml, r) => insertInRoot(xml, r, ']]>'),
};

/** Insert `what` at a position in text content inside the root element. */
function insertInRoot(xml: string, r: number, what: string): string | null {
  const spots: number[] = [];
  const re = />/g;
  const first = xml.search(/<[^!?]/);
  const last = xml.lastIndexOf('</');
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const i = m.index + 1;
    if (i > first && i <= last && !inAttribute(xml, m.index) && !inside(xml, i)) spots.push(i);
  }
  if (spots.length === 0) return null;
  const at = spots[r % spots.length]!;
  return xml.slice(0, at) + what + xml.slice(at);
}

/** Whether position i is inside a comment, a PI or a CDATA section. */
function inside(xml: string, i: number): boolean {
  for (const [open, close] of [
    ['<!--', '-->'],
    ['<?', '?>'],
    ['<![CDATA[', ']]>'],
  ] as const) {
    const o = xml.lastIndexOf(open, i - 1);
    if (o < 0) continue;
    const c = xml.indexOf(close, o + open.length);
    if (c < 0 || c + close.length > i) return true;
  }
  return false;
}

/** Whether the `>` at i ends a tag (and is not one inside an attribute value or text). */
function inAttribute(xml: string, i: number): boolean {
  const lt = xml.lastIndexOf('<', i);
  const seg = xml.slice(lt, i);
  const quotes = (seg.match(/"/g) ?? []).length + (seg.match(/'/g) ?? []).length;
  return lt < 0 || quotes % 2 === 1 || xml.slice(lt, lt + 9) === '<![CDATA[';
}

describe('the XML tokenizer refuses what saxes refuses', () => {
  for (const [kind, corrupt] of Object.entries(CORRUPTIONS)) {
    it(`${kind}: refused by both, with the same code, whatever the pieces`, () => {
      let tried = 0;
      fc.assert(
        fc.property(doc, fc.nat(), cuts, (xml, r, cs) => {
          const bad = corrupt(xml, r);
          if (bad === null) return;
          tried++;
          const pieces = split(bad, cs);
          const want = bySaxes(pieces);
          const got = byScanner(pieces);
          expect(got.error).toBe(want.error);
          if (want.error === null) expect(got).toEqual(want);
          else if (kind !== 'truncate' || /<(?!\/)/.test(bad.slice(bad.lastIndexOf('>')))) expect(want.error).not.toBeNull();
        }),
        { numRuns: 150 },
      );
      expect(tried).toBeGreaterThan(20);
    });
  }

  it('refuses every generated corruption but a truncation (which may leave a whole document)', () => {
    let refused = 0;
    let total = 0;
    fc.assert(
      fc.property(doc, fc.nat(), fc.constantFrom(...Object.keys(CORRUPTIONS).filter((k) => k !== 'truncate')), (xml, r, kind) => {
        const bad = CORRUPTIONS[kind]!(xml, r);
        if (bad === null) return;
        total++;
        const got = byScanner([bad]);
        if (got.error !== null) refused++;
        expect({ kind, error: got.error === null ? null : 'refused' }).toEqual({ kind, error: 'refused' });
        if (kind === 'doctype') expect(got.error).toBe('XML_DOCTYPE');
      }),
      { numRuns: 400 },
    );
    expect(refused).toBe(total);
  });
});

describe('hostile input stays bounded', () => {
  const piece = 'x'.repeat(1024 * 1024);

  it('an unterminated tag is refused once it passes LIMITS.maxMarkupChars, in big and in small pieces', () => {
    for (const size of [1024 * 1024, 4096]) {
      const x = xmlStream('sheet1', {});
      x.write('<worksheet><c r="A1" s="');
      const p = piece.slice(0, size);
      let written = 0;
      let error: unknown = null;
      try {
        while (written < LIMITS.maxMarkupChars * 2) {
          x.write(p);
          written += p.length;
        }
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReadError);
      expect((error as ReadError).code).toBe('XML_TOO_LONG');
      expect((error as ReadError).message).toMatch(/sheet1.*超过 4,194,304 个字符/);
      expect(written).toBeLessThanOrEqual(LIMITS.maxMarkupChars + size);
    }
  });

  it('an unterminated comment, CDATA or run of text of 256 MB is read through without being kept, and refused at the end', () => {
    for (const [open, code] of [
      ['<a><!--', 'XML_INVALID'],
      ['<a><![CDATA[', 'XML_INVALID'],
      ['<a>', 'XML_INVALID'],
      ['<a><?pi ', 'XML_INVALID'],
    ] as const) {
      const before = process.memoryUsage().heapUsed;
      let peak = 0;
      let seen = 0;
      const x = xmlStream('p', { text: (t) => (seen += t.length) });
      x.write(open);
      for (let i = 0; i < 256; i++) {
        x.write(piece);
        if (i % 32 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
      expect(() => x.close()).toThrow(expect.objectContaining({ code }));
      // Kept, 256 MB of text would be at least 256 MB of heap; read through, it is a piece or two.
      expect(peak).toBeLessThan(96 * 1024 * 1024);
      if (open === '<a>' || open.endsWith('CDATA[')) expect(seen).toBe(256 * piece.length);
    }
  });

  it('a workbook whose sheet has a tag that never ends is refused by the reader at the bound, the sheet named', () => {
    // Letters that do not compress much (a part of one repeated letter would be refused as a zip bomb first).
    let seed = 7;
    const letters = Array.from({ length: LIMITS.maxMarkupChars + 100_000 }, () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26))).join('');
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="${letters}`;
    const bytes = buildXlsx({ sheets: [{ name: '台账', rows: '' }], parts: { 'xl/worksheets/sheet1.xml': sheet } });
    for (const tuning of [{}, { chunk: 65_536, wholeBelow: 0 }]) {
      let error: unknown = null;
      try {
        parseSpreadsheet('long-tag.xlsx', bytes, tuning);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReadError);
      expect((error as ReadError).code).toBe('XML_TOO_LONG');
      expect((error as ReadError).message).toContain('“台账”');
    }
  });

  it('a tag with 200,000 attributes is read in linear time; a duplicate among them is refused as saxes refuses it', () => {
    const names = Array.from({ length: 200_000 }, (_, i) => `a${i}`);
    const tag = (extra: string) => `<r ${names.map((n) => `${n}="1"`).join(' ')}${extra}/>`;
    const { events, h } = recorder();
    parseXml('p', tag(''), h);
    expect(Object.keys((events[0] as ['open', string, Record<string, string>])[2])).toHaveLength(200_000);
    for (const dup of [' a3="2"', ' a199999="2"']) {
      expect(byScanner([tag(dup)]).error).toBe('XML_INVALID');
      expect(bySaxes([tag(dup)]).error).toBe('XML_INVALID');
    }
  });

  it('an entity that never ends is refused at the bound, not kept', () => {
    const x = xmlStream('p', {});
    x.write('<a>&#x');
    expect(() => {
      for (let i = 0; i < 8; i++) x.write('0'.repeat(1024 * 1024));
    }).toThrow(expect.objectContaining({ code: 'XML_TOO_LONG' }));
  });

  it('a document in another XML version goes to saxes whole (its own characters and line ends), still bounded', () => {
    const { events, h } = recorder();
    parseXml('p', '<?xml version="1.1"?><a b="\u0085">x\u2028y\r\u0085z</a>', h);
    expect(events).toEqual(bySaxes(['<?xml version="1.1"?><a b="\u0085">x\u2028y\r\u0085z</a>']).events);
    expect(events[1]).toEqual(['text', 'x\ny\nz']);
    const x = xmlStream('p', {});
    x.write('<?xml version="1.1"?><a b="');
    expect(() => {
      for (let i = 0; i < 8; i++) x.write(piece);
    }).toThrow(expect.objectContaining({ code: 'XML_TOO_LONG' }));
  });
});
