import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync } from 'fflate';
import type { Block, ReportModel, ReportStream } from './model';
import { balancedWidth, titleWidth } from './title-lines';

/**
 * GB/T 9704-2012 (党政机关公文格式): A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right, so the
 * type area is 156 × 225 mm; body 三号 (16 pt) 仿宋_GB2312, 22 lines a page of 28 characters each, which
 * gives the fixed line pitch of 28.95 pt; title 二号 (22 pt) 方正小标宋简体; first-level headings 黑体,
 * second-level 楷体; page numbers 四号 (14 pt) 宋体 as "— 1 —", odd pages right and even pages left, one
 * character in from the edge of the type area.
 */
const mm = (v: number) => Math.round((v / 25.4) * 1440);
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const LINE = 579; // 28.95 pt in twentieths of a point
const BODY_PT = 16;
const CHARS_PER_LINE = 28;
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/**
 * 28 characters of 16 pt need 448 pt; the type area is 442 pt wide. Word templates squeeze them with a
 * character grid (w:charSpace), but LibreOffice then gives each glyph two grid cells (18 a line). A run
 * spacing of −0.25 pt (−5 twentieths of a point) gives 28 a line in both.
 */
const CHAR_SPACING = Math.floor(TEXT_WIDTH / CHARS_PER_LINE - BODY_PT * 20);
const INDENT_2 = BODY_PT * 2 * 20;

/** The fonts the standard names; Word falls back through the font table below, LibreOffice to its CJK fonts. */
const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
};
/** Family hints: a substitute for 仿宋/楷体/宋体 should be a serif (明朝) face, for 黑体 a sans one. */
const FALLBACK: Record<string, { alt: string; family: string }> = {
  [FONT.title]: { alt: '宋体', family: 'roman' },
  [FONT.body]: { alt: '仿宋', family: 'roman' },
  [FONT.heading1]: { alt: 'SimHei', family: 'swiss' },
  [FONT.heading2]: { alt: '楷体', family: 'roman' },
  [FONT.pageNumber]: { alt: 'SimSun', family: 'roman' },
};

function fontTable(): string {
  const fonts = Object.entries(FALLBACK)
    .map(
      ([name, f]) =>
        `<w:font w:name="${name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:font w:name="${FONT.latin}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>` +
    fonts +
    '</w:fonts>'
  );
}

/**
 * The body is written as WordprocessingML text, paragraph by paragraph, and deflated into the package as it
 * is made: a report of 100,000 problems is a 330 MB document.xml, which the docx library would hold as a
 * tree of objects (over a gigabyte) and then as one string. The XML below is byte for byte what docx
 * writes for the same paragraphs (element and attribute order, escaping, the characters XML forbids
 * dropped), so the file reads back the same; docx still writes the package around it (styles, footers,
 * settings, the font table).
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
const escapeXml = (text: string) => text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (ch) => ESCAPES[ch] ?? '');

interface RunStyle {
  size?: number;
  bold?: boolean;
}

/** The run properties of one font and style, made once per combination. */
const runPropertiesCache = new Map<string, string>();
function runProperties(font: string, style: RunStyle): string {
  const key = `${font}|${style.size ?? ''}|${style.bold ? 1 : 0}`;
  let xml = runPropertiesCache.get(key);
  if (xml === undefined) {
    const size = (style.size ?? BODY_PT) * 2;
    xml =
      `<w:rPr><w:rFonts w:ascii="${FONT.latin}" w:eastAsia="${escapeXml(font)}" w:hAnsi="${FONT.latin}" w:hint="eastAsia"/>` +
      (style.bold ? '<w:b/><w:bCs/>' : '') +
      (style.size ? '' : `<w:spacing w:val="${CHAR_SPACING}"/>`) +
      `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>`;
    runPropertiesCache.set(key, xml);
  }
  return xml;
}

/** Runs of one font; a newline in the text (a measure written in two paragraphs) becomes a line break. */
function runs(text: string, font: string, style: RunStyle = {}): string {
  const rPr = runProperties(font, style);
  return text
    .split('\n')
    .map((line, i) => `<w:r>${rPr}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`)
    .join('');
}

type Alignment = 'both' | 'center' | 'right';
interface Indent {
  firstLine?: number;
  left?: number;
  right?: number;
}

const SPACING = `<w:spacing w:after="0" w:before="0" w:line="${LINE}" w:lineRule="exact"/>`;
const FIRST_LINE: Indent = { firstLine: INDENT_2 };

/** A paragraph at the fixed line pitch: justified with a two-character first-line indent unless told otherwise. */
function para(runsXml: string, options: { alignment?: Alignment; indent?: Indent } = {}): string {
  const indent = options.indent ?? FIRST_LINE;
  const ind =
    (indent.firstLine !== undefined ? ` w:firstLine="${indent.firstLine}"` : '') +
    (indent.left !== undefined ? ` w:left="${indent.left}"` : '') +
    (indent.right !== undefined ? ` w:right="${indent.right}"` : '');
  return `<w:p><w:pPr>${SPACING}<w:ind${ind}/><w:jc w:val="${options.alignment ?? 'both'}"/></w:pPr>${runsXml}</w:p>`;
}

/** Width of a line in characters: CJK one, ASCII half (the date 2025年2月21日 is 9 wide). */
function widthOf(text: string): number {
  return [...text].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);
}

const TITLE_PT = 22;
const TITLE_PER_LINE = Math.floor(TEXT_WIDTH / (TITLE_PT * 20));

/**
 * The title's lines balanced (GB/T 9704 7.2.3: never a lone character such as “报” on the last line): the
 * paragraph is narrowed, equally from both sides, to the longest balanced line plus less than a character,
 * so that Word and WPS wrap it there. The title stays one paragraph of text.
 */
function titleIndent(title: string): Indent {
  const chars = balancedWidth(title, TITLE_PER_LINE);
  if (titleWidth(title) <= TITLE_PER_LINE) return {};
  const side = Math.max(0, Math.floor((TEXT_WIDTH - chars * TITLE_PT * 20 - TITLE_PT * 10) / 2));
  return { left: side, right: side };
}

/**
 * The body's paragraphs as XML, one block after another (a generator: nothing is held but the current block,
 * and from the first closing line on the few that end the document, whose layout depends on the last).
 */
function* paragraphs(source: Iterable<Block>): Generator<string> {
  let tail: Block[] | null = null;
  for (const b of source) {
    if (tail || b.kind === 'closing') (tail ??= []).push(b);
    else yield paragraph(b);
  }
  if (tail) yield* closingParagraphs(tail);
}

function paragraph(b: Exclude<Block, { kind: 'closing' }>): string {
  switch (b.kind) {
    case 'title':
      return para(runs(b.text, FONT.title, { size: TITLE_PT }), { alignment: 'center', indent: titleIndent(b.text) }) + para('', { indent: {} });
    case 'heading1':
      return para(runs(b.text, FONT.heading1));
    case 'heading2':
      return para(runs(b.text, FONT.heading2));
    case 'lead':
      return para(runs(b.lead, FONT.heading2) + runs(b.text, FONT.body));
    case 'problem':
      return para(b.level === 'general' ? runs(b.label + b.text, FONT.body, { bold: true }) : runs(b.label, FONT.body, { bold: true }) + runs(b.text, FONT.body));
    case 'field':
      return para(runs(b.label, FONT.body, { bold: true }) + runs(b.text, FONT.body));
    case 'body':
      return para(runs(b.text, FONT.body));
    case 'addressee':
      // 主送机关: flush left, ending with a full-width colon (GB/T 9704 7.2.3).
      return para(runs(b.text, FONT.body), { indent: {} });
  }
}

/** The end of the document, from its first closing line (signer, date) on. */
function* closingParagraphs(blocks: Block[]): Generator<string> {
  let closingStarted = false;
  let dateWidth: number | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'closing') {
      yield paragraph(b);
      continue;
    }
    // The signer is centred over the date; the date ends four characters in from the right (GB/T 9704 7.3.5).
    if (!closingStarted) {
      yield para('', { indent: {} });
      yield para('', { indent: {} });
      closingStarted = true;
      const last = blocks.filter((x) => x.kind === 'closing').at(-1);
      dateWidth = widthOf(last && last.kind === 'closing' ? last.text : '');
    }
    const isDate = i === blocks.length - 1;
    const inset = 4 + (isDate ? 0 : Math.max(0, ((dateWidth ?? 0) - widthOf(b.text)) / 2));
    yield para(runs(b.text, FONT.body), { alignment: 'right', indent: { right: Math.round(inset * BODY_PT * 20) } });
  }
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const oneChar = 14 * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
        children: [
          new TextRun({ font: FONT.pageNumber, size: 28, children: ['— ', PageNumber.CURRENT, ' —'] }),
        ],
      }),
    ],
  });
}

export async function reportDocx(model: ReportModel): Promise<Uint8Array> {
  return blocksDocx(model.blocks, {
    creator: model.round.inspectedOrg || '整改台账',
    title: model.blocks.find((b) => b.kind === 'title')?.text ?? '巡察整改进展情况',
    description: `截至${model.asOf}${model.public ? '（社会公开版）' : '（内部版）'}`,
  });
}

/** The report as it is written: its blocks made, and its problems read, a page at a time. */
export async function reportStreamDocx(report: ReportStream): Promise<Uint8Array> {
  return blocksDocx(report.blocks(), {
    creator: report.round.inspectedOrg || '整改台账',
    title: report.title,
    description: `截至${report.asOf}${report.public ? '（社会公开版）' : '（内部版）'}`,
  });
}

/** Any document made of blocks (the report, 督办通知) in the GB/T 9704 layout above. */
export async function blocksDocx(blocks: Iterable<Block>, meta: { creator: string; title: string; description: string }): Promise<Uint8Array> {
  const doc = new Document({
    creator: meta.creator,
    title: meta.title,
    description: meta.description,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { eastAsia: FONT.body, ascii: FONT.latin, hAnsi: FONT.latin }, size: BODY_PT * 2, language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: { ...MARGIN, header: mm(15), footer: mm(23) },
          },
          // No snapping grid: every paragraph has the exact 28.95 pt pitch already, and a grid would give the
          // 22 pt title lines two grid lines each.
          grid: { type: DocumentGridType.DEFAULT, linePitch: LINE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [],
      },
    ],
  });
  const skeleton = unzipSync(new Uint8Array(await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTable() }])));
  return withBody(skeleton, blocks);
}

const BODY_OPEN = '<w:body>';
/** Text is handed to the deflater in pieces of about this many characters. */
const PIECE = 1 << 16;

/**
 * The package again, entry for entry in the same order, with the paragraphs inserted at the start of the
 * (empty) body: document.xml is deflated as it is made, so only the compressed file is held whole.
 */
function withBody(skeleton: Record<string, Uint8Array>, blocks: Iterable<Block>): Uint8Array {
  const parts: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else parts.push(chunk);
  });
  for (const [name, data] of Object.entries(skeleton)) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    if (name !== 'word/document.xml') {
      entry.push(data, true);
      continue;
    }
    const xml = strFromU8(data);
    const at = xml.indexOf(BODY_OPEN);
    if (at < 0) throw new Error('docx skeleton without <w:body>');
    let piece = xml.slice(0, at + BODY_OPEN.length);
    for (const p of paragraphs(blocks)) {
      piece += p;
      if (piece.length >= PIECE) {
        entry.push(strToU8(piece));
        piece = '';
      }
    }
    entry.push(strToU8(piece + xml.slice(at + BODY_OPEN.length)), true);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
