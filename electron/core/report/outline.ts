import { fromChineseNumeral } from '../../../shared/domain/numerals';
import type { SourceLine } from './source';

/**
 * A document as an outline: every numbered heading (一、 （一） 1. （1） 1） ① 具体问题：, and in a .docx bold
 * paragraphs, heading styles and list numbering) opens a node; every other paragraph is body text of the
 * node above it. Which style is which level is not fixed: it is learnt from the document, as a person
 * reads it — a style seen before closes the nodes below it, a new style opens a level. A number out of
 * sequence (a 3. with no 2. before it, 一、 again) is not a heading but text, so that a paragraph that
 * happens to start with 1. does not break the tree.
 */
export type Style = string;

export interface Heading {
  style: Style;
  /** The number, when the style has one (bold paragraphs and 具体问题： have none). */
  n: number | null;
  /** The text after the numbering. */
  head: string;
}

export interface OutlineNode {
  style: Style;
  n: number | null;
  head: string;
  line: SourceLine;
  /** Index of the heading line in the document's lines; the node runs to `end` (exclusive). */
  start: number;
  end: number;
  body: SourceLine[];
  children: OutlineNode[];
  parent: OutlineNode | null;
}

const NUM = '[0-9０-９]{1,3}';
const CNUM = '[一二三四五六七八九十]{1,3}';
const PATTERNS: [Style, RegExp][] = [
  ['具体问题', /^()具体问题\s*[:：]\s*/],
  ['(cn)', new RegExp(`^[（(]\\s*(${CNUM})\\s*[）)]\\s*[、.．]?\\s*`)],
  ['cn、', new RegExp(`^(${CNUM})\\s*[、.．]\\s*`)],
  ['(n)', new RegExp(`^[（(]\\s*(${NUM})\\s*[）)]\\s*[、.．]?\\s*`)],
  ['n.', new RegExp(`^(${NUM})\\s*[.．、](?![0-9０-９])\\s*`)],
  ['n)', new RegExp(`^(${NUM})\\s*[）)]\\s*`)],
  ['circled', /^([①-⑳])\s*/],
  ['第n', new RegExp(`^第(${CNUM})(?:部分|章|节)\\s*[、:：]?\\s*`)],
];

function numberOf(style: Style, raw: string): number | null {
  if (style === '具体问题') return null;
  if (style === 'circled') return raw.codePointAt(0)! - 0x2460 + 1;
  return fromChineseNumeral(raw.normalize('NFKC'));
}

/** The heading a line opens, if its text starts with a numbering style. */
export function headingOf(line: SourceLine): Heading | null {
  for (const [style, re] of PATTERNS) {
    const m = line.text.match(re);
    if (!m) continue;
    const head = line.text.slice(m[0].length).trim();
    // "一、" alone, or a number followed by nothing but punctuation, is not a heading.
    if (!head && style !== '具体问题') return null;
    return { style, n: numberOf(style, m[1]!), head };
  }
  if (line.heading) return { style: `h${line.heading}`, n: null, head: line.text };
  if (line.list) return { style: `list:${line.list.id}:${line.list.level}`, n: null, head: line.text };
  // A whole paragraph in bold, short and not a sentence run on: a heading without a number.
  if (line.bold && line.text.length <= 80) return { style: 'bold', n: null, head: line.text };
  return null;
}

/** Build the outline of lines [from, to); the root holds what comes before the first heading. */
export function buildOutline(lines: SourceLine[], from = 0, to = lines.length): OutlineNode {
  const root: OutlineNode = { style: 'root', n: null, head: '', line: lines[from] ?? { no: 0, text: '' }, start: from, end: to, body: [], children: [], parent: null };
  const stack: OutlineNode[] = [root];
  let numberedSeen = false;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    let h = headingOf(line);
    // Bold paragraphs before the first numbered heading are the title and the like, not the outline.
    if (h && h.style === 'bold' && !numberedSeen) h = null;
    if (h) h = placeable(stack, h) ? h : null;
    if (!h) {
      stack.at(-1)!.body.push(line);
      continue;
    }
    if (h.style !== 'bold') numberedSeen = true;
    const at = stack.findLastIndex((n) => n.style === h!.style);
    if (at > 0) stack.length = at;
    // ①②③ are always the last level (measures): a new style after them belongs above them.
    else while (stack.length > 1 && LEAF_STYLES.has(stack.at(-1)!.style)) stack.pop();
    const parent = stack.at(-1)!;
    const node: OutlineNode = { style: h.style, n: h.n, head: h.head, line, start: i, end: to, body: [], children: [], parent };
    const prev = parent.children.at(-1);
    if (prev) closeAt(prev, i);
    parent.children.push(node);
    stack.push(node);
  }
  return root;
}

const LEAF_STYLES = new Set(['circled']);

/** Whether a heading fits where it stands: the next number of its level, or 1 of a new level. */
function placeable(stack: OutlineNode[], h: Heading): boolean {
  const at = stack.findLastIndex((n) => n.style === h.style);
  if (at < 0 && h.n === 1) return true;
  if (at > 0) {
    const prev = stack[at]!;
    return h.n == null || prev.n == null || h.n > prev.n;
  }
  return h.n == null || h.n === 1;
}

function closeAt(node: OutlineNode, end: number): void {
  node.end = end;
  const last = node.children.at(-1);
  if (last) closeAt(last, end);
}

/** The node's own text and its body, in document order. */
export function linesOf(node: OutlineNode, all: SourceLine[]): SourceLine[] {
  return all.slice(node.start, node.end);
}

export function descendants(node: OutlineNode): OutlineNode[] {
  return node.children.flatMap((c) => [c, ...descendants(c)]);
}
