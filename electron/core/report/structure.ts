import type { CellIssue } from '../../../shared/domain/issues';
import type { ParsedCategory, ParsedMeasure, ParsedProblem, ParsedReport, StatedFigure } from '../../../shared/domain/report';
import type { MeasureStatus } from '../../../shared/domain/status';
import { parseResultPhrase } from '../../../shared/domain/resultPhrase';
import { splitMeasureDeadlines } from '../../../shared/domain/deadline';
import type { SourceLine } from './source';
import { buildOutline, type OutlineNode } from './outline';
import { itemText } from './grammar';
import { isIntroLine, parseIntro, parsePeriod, parseStated, roundOfReport } from './intro';
import { splitMeasures } from './measure-text';
import { deadlineOf } from './problem-fields';
import { DEADLINE_LABEL, RESULT_LABEL, SITUATION_LABEL, resultSentence, statusOfWord, trailingResult } from './results';
import { statedFiguresOf, statesFigures } from './figures';
import { describeDocument } from './document-kind';
import { byLine, closingOf, emptyReport, isTitleLine } from './parse';
import { REPORT_TEXT_KEYS as K } from './texts';

const short = (s: string, n = 40) => (s.length > n ? s.slice(0, n) + '…' : s);

/**
 * Section titles say what a section holds. The organisation of the work (组织/主体责任/第一责任人), next steps
 * (下一步/工作打算) and contact are never problems; the feedback problems and their rectification are.
 */
const NOT_PROBLEMS = /组织|领导小组|主体责任|第一责任|工作打算|下一步|下步|今后|长效机制|联系方式|基本情况|工作开展情况|整改工作(?:的)?(?:开展|推进)情况|主要做法|工作成效|提高政治站位|加强组织/;
const PROBLEMS = /反馈(?:的)?(?:意见|问题)|问题(?:的)?整改|整改落实|整改进展|具体问题|整改情况|逐项|逐条/;

/** The first sentence of a heading: "（一）持续推动整改落地见效。以…" → 持续推动整改落地见效 */
const titleOf = (n: OutlineNode) => n.head.split(/[。！？]/)[0]!;

function hasInlineMeasures(head: string): boolean {
  const at = head.search(/[。：:；;]\s*(?:一是|[（(]1[)）]|①|1[.．、])/);
  return at > 0;
}

function bodiless(n: OutlineNode): boolean {
  return n.children.length === 0 && n.body.length === 0 && !hasInlineMeasures(n.head);
}

/** The children of a node are its measures: ①②…, or mostly headings with nothing under them. */
function childrenAreMeasures(n: OutlineNode): boolean {
  if (!n.children.length || n.children.some((c) => c.children.length > 0)) return false;
  if (n.children.every((c) => c.style === 'circled')) return true;
  const bare = n.children.filter(bodiless).length;
  return bare * 2 >= n.children.length && bare > 0;
}

function isProblemNode(n: OutlineNode): boolean {
  if (n.children.length === 0) return n.body.length > 0 || hasInlineMeasures(n.head);
  return childrenAreMeasures(n);
}

const CATEGORY_STYLES = new Set(['(cn)', 'cn、', '第n', 'h1', 'h2']);

/** 在“…”方面, 关于“…”方面的问题, 反馈问题：… → the category's own words. */
function categoryTitle(head: string): string {
  const s = titleOf({ head } as OutlineNode).trim();
  const at = s.match(/^在\s*[“"'‘「『](.+?)[”"'’」』]\s*方面(?:存在的问题|的问题|问题)?\s*[:：]?$/) ?? s.match(/^在(.+?)方面(?:存在的问题|的问题|问题)?\s*[:：]?$/);
  if (at) return at[1]!.trim();
  return itemText('category', s).text.replace(/[。:：]$/, '');
}

interface Built {
  categories: ParsedCategory[];
  warnings: CellIssue[];
  unplaced: SourceLine[];
}

/**
 * Read a report by its structure (issue 11): the outline of numbered headings decides which part is the
 * problem list and which levels are categories, problems (面上/具体 when the document splits them) and
 * measures. A measure or a problem ends at the next heading of any level. Labels (整改情况：…) are used when
 * present, never required; results are taken where the document gives them, and otherwise the status is
 * 未注明. What cannot be placed is kept and listed by line.
 */
export function parseStructure(lines: SourceLine[], fileName: string, U: '行' | '段'): ParsedReport {
  const errors: CellIssue[] = [];
  const warnings: CellIssue[] = [];
  const issue = (list: CellIssue[], row: number | null, code: string, message: string) => list.push({ sheet: fileName, row, column: null, code, message });
  const texts: Record<string, string> = {};

  const { end, reportDate, signature, contact } = closingOf(lines);
  const body = lines.slice(0, end);
  const whole = body.map((l) => l.text).join('\n');
  const kind = describeDocument(body.map((l) => l.text));
  if (kind) {
    issue(errors, null, 'NOT_A_REPORT', kind);
    return emptyReport(fileName, U, errors, warnings);
  }

  const root = buildOutline(body);
  const unplaced: SourceLine[] = [];
  const figures: StatedFigure[] = [];
  let intro = '';
  let headline: SourceLine | null = null;
  const takeFigures = (l: SourceLine): boolean => {
    if (!statesFigures(l.text)) return false;
    figures.push(...statedFiguresOf(l.text, l.no));
    if (!headline) headline = l;
    return true;
  };
  root.body.forEach((l, i) => {
    if (!intro && isIntroLine(l.text)) intro = l.text;
    else if (takeFigures(l)) return;
    else if (i === 0 && isTitleLine(l.text)) texts[K.title] = l.text;
    else unplaced.push(l);
  });

  // Which top-level nodes hold the problems: by their titles, else every node that is not organisation,
  // next steps or the like (then the top level is the category level).
  const tops = root.children;
  // Several sections named for problems are the categories themselves (一、关于“…”方面问题的整改情况).
  const named = tops.filter((t) => PROBLEMS.test(titleOf(t)) && !NOT_PROBLEMS.test(titleOf(t)));
  const titled = named.length === 1 ? named : [];
  const holders: OutlineNode[] = titled.length ? titled : [];
  const items: { node: OutlineNode; holder: OutlineNode | null }[] = titled.length
    ? titled.flatMap((h) => h.children.map((node) => ({ node, holder: h })))
    : (named.length > 1 ? named : tops.filter((t) => !NOT_PROBLEMS.test(titleOf(t)) && (t.children.length || t.body.length))).map((node) => ({ node, holder: null }));
  const used = new Set<OutlineNode>([...holders, ...items.filter((x) => !x.holder).map((x) => x.node)]);
  const firstUsed = tops.findIndex((t) => used.has(t));
  const lastUsed = tops.findLastIndex((t) => used.has(t));
  let before = 0;
  let after = 0;
  tops.forEach((t, i) => {
    if (used.has(t)) return;
    const key = firstUsed < 0 || i < firstUsed ? `before.${++before}` : `after.${++after}`;
    texts[`${key}.heading`] = t.head;
    texts[`${key}.body`] = body.slice(t.start + 1, t.end).map((l) => l.text).join('\n');
    void lastUsed;
  });
  if (holders[0]) texts[K.progressHeading] = holders[0].head;
  for (const h of holders) for (const l of h.body) if (!takeFigures(l)) unplaced.push(l);

  const year = Number((parseIntro(intro).feedbackDate ?? reportDate ?? '').slice(0, 4)) || null;
  const built = buildCategories(items, year, fileName);
  warnings.push(...built.warnings);
  unplaced.push(...built.unplaced);
  const categories = built.categories;

  if (categories.length === 0) {
    if (figures.length) {
      issue(warnings, headline ? (headline as SourceLine).no : null, 'FIGURES_ONLY', '这份通报只公布了总体数字，没有逐条列出问题和整改措施：导入后是一个只有公布数字的巡察轮次，没有问题。');
    } else {
      issue(errors, null, 'NOT_A_REPORT', describeDocument(body.map((l) => l.text), true)!);
      return emptyReport(fileName, U, errors, warnings);
    }
  }
  for (const l of unplaced) issue(warnings, l.no, 'UNPARSED', `无法归入任何问题的这一${U}已原样保存在轮次的报告文字中：“${short(l.text)}”`);
  if (unplaced.length) texts[K.unparsed] = unplaced.map((l) => `第${l.no}${U}：${l.text}`).join('\n');
  const hl = headline as SourceLine | null;
  if (hl) texts[K.publishedHeadline] = hl.text;
  if (figures.length) texts[K.stated] = JSON.stringify(figures);
  if (signature.length) texts[K.signature] = signature.join('\n');
  if (reportDate) texts[K.date] = reportDate;

  const introFields = parseIntro(intro);
  if (!intro) issue(warnings, null, 'NO_INTRO', '没有找到导语（“…巡察组对…开展了巡察”）。导入后请在轮次设置中填写巡察组、被巡察单位和日期。');
  const period = parsePeriod(hl?.text ?? '') ?? parsePeriod(intro) ?? parsePeriod(whole);
  return {
    round: roundOfReport(introFields, period, contact, texts, texts[K.title] ?? fileName.replace(/\.[^.]+$/, '')),
    reportDate,
    categories,
    stated: hl ? parseStated(hl.text) : { general: null, specific: null },
    statedFigures: figures,
    unplaced: unplaced.map((l) => ({ line: l.no, text: l.text })),
    headlineLine: hl?.no ?? null,
    lineUnit: U,
    errors: byLine(errors),
    warnings: byLine(warnings),
  };
}

function buildCategories(items: { node: OutlineNode; holder: OutlineNode | null }[], year: number | null, fileName: string): Built {
  const warnings: CellIssue[] = [];
  const unplaced: SourceLine[] = [];
  const warn = (row: number, code: string, message: string) => warnings.push({ sheet: fileName, row, column: null, code, message });
  const categories: ParsedCategory[] = [];
  let loose: ParsedCategory | null = null;
  const newCategory = (title: string, line: number): ParsedCategory => {
    const c: ParsedCategory = { no: categories.length + 1, title, line, problems: [] };
    categories.push(c);
    return c;
  };

  for (const { node, holder } of items) {
    if (isProblemNode(node) || (node.children.length && node.body.length && !CATEGORY_STYLES.has(node.style))) {
      if (CATEGORY_STYLES.has(node.style)) {
        // Measures directly under a category: the category is its own (one) problem.
        const c = newCategory(categoryTitle(node.head), node.line.no);
        addGeneral(c, node, year, warn);
      } else {
        loose ??= newCategory(holder ? holder.head.replace(/^.*?(巡[察视]反馈)/, '$1') : '巡察反馈问题', node.line.no);
        addGeneral(loose, node, year, warn);
      }
      continue;
    }
    const c = newCategory(categoryTitle(node.head), node.line.no);
    unplaced.push(...node.body);
    for (const g of node.children) addGeneral(c, g, year, warn);
    if (!c.problems.length) {
      categories.pop();
      unplaced.push(node.line);
    }
  }
  return { categories: categories.map((c, i) => ({ ...c, no: i + 1 })), warnings, unplaced };
}

function addGeneral(c: ParsedCategory, g: OutlineNode, year: number | null, warn: (row: number, code: string, message: string) => void): void {
  const no = c.problems.filter((p) => p.kind === 'general').length + 1;
  const code = `${c.no}-${no}`;
  // Children that are problems themselves are specific problems; the rest (①…, bare headings) are measures.
  const all = childrenAreMeasures(g);
  const specifics = all ? [] : g.children.filter((k) => k.style !== 'circled' && (isProblemNode(k) || k.children.length > 0));
  const measures = g.children.filter((k) => !specifics.includes(k));
  c.problems.push(problemOf(g, 'general', code, measures, year, warn));
  let sno = 0;
  for (const s of specifics) {
    const own = childrenAreMeasures(s) ? s.children : s.children.flatMap((x) => [x, ...x.children]);
    c.problems.push(problemOf(s, 'specific', `${code}-${++sno}`, own, year, warn));
  }
}

/** Field labels written inside a paragraph ("…的问题。整改措施：一是…。整改结果：正在推进。"). */
const INLINE_LABEL = /(?<=^|[。；;！!])\s*(?:整改情况|整改措施|整改举措|落实情况|整改时限|完成时限|整改期限|整改结果|整改进展|整改成效|完成情况|进展情况)\s*[:：]/;
const INLINE_LABELS = new RegExp(INLINE_LABEL.source, 'g');

function explodeLabels(l: SourceLine): SourceLine[] {
  const at = [...l.text.matchAll(INLINE_LABELS)].map((m) => m.index!).filter((i) => i > 0);
  if (!at.length) return [l];
  return [0, ...at].map((from, i) => ({ no: l.no, text: l.text.slice(from, at[i] ?? l.text.length).trim() })).filter((x) => x.text);
}

/** A problem from its heading, its body paragraphs and (when the document numbers them) its measure headings. */
function problemOf(
  n: OutlineNode,
  kind: 'general' | 'specific',
  code: string,
  measureNodes: OutlineNode[],
  year: number | null,
  warn: (row: number, code: string, message: string) => void,
): ParsedProblem {
  // The heading may run on into the first measures: "1.统筹推进依法治市不够有力。一是…"
  const label = n.head.search(INLINE_LABEL);
  const marker = n.head.search(/[。：:；;]\s*(?:一是|[（(]1[)）]|①|1[.．、])/);
  const split = label > 0 && (marker < 0 || label <= marker) ? label : marker > 0 ? marker + 1 : -1;
  const headText = split > 0 ? n.head.slice(0, split) : n.head;
  // A result or deadline line after the last numbered measure speaks for the problem, not that measure.
  const isField = (l: SourceLine) => RESULT_LABEL.test(l.text) || DEADLINE_LABEL.test(l.text) || resultSentence(l.text) != null;
  const lifted = measureNodes.flatMap((m) => m.body.filter(isField));
  const paragraphs = [...(split > 0 ? [{ no: n.line.no, text: n.head.slice(split).trim() }] : []), ...n.body, ...lifted].flatMap(explodeLabels);
  const { text } = itemText(kind, headText.replace(/[：:]$/, ''));

  let result = '';
  let deadlineRaw = '';
  const situation: SourceLine[] = [];
  for (const l of paragraphs) {
    const s = l.text.match(SITUATION_LABEL);
    const d = l.text.match(DEADLINE_LABEL);
    const r = l.text.match(RESULT_LABEL);
    if (s) {
      if (s[1]!.trim()) situation.push({ no: l.no, text: s[1]!.trim() });
    } else if (d) deadlineRaw = d[1]!.trim();
    else if (r) result = r[1]!.trim();
    else if (resultSentence(l.text)) result = l.text;
    else situation.push(l);
  }

  let notes = '';
  let texts: string[];
  if (measureNodes.length) {
    texts = measureNodes.map((m) => [m.head, ...m.body.filter((b) => !isField(b)).map((b) => b.text)].join('\n'));
    if (situation.length) notes = `【整改情况导语】${situation.map((l) => l.text).join('\n')}`;
  } else {
    const joined = situation.map((l) => l.text).join('\n');
    const byMarkers = splitMeasures(joined);
    if (/(?:^|[\s。；;，,：:])一是/.test(joined)) {
      texts = byMarkers.measures;
      if (byMarkers.preamble) notes = `【整改情况导语】${byMarkers.preamble}`;
    } else texts = situation.map((l) => l.text);
  }
  if (notes) warn(n.line.no, 'PREAMBLE', `问题 ${code} 的措施之前有一段导语，已保存在该问题的备注中：“${short(notes.replace(/^【整改情况导语】/, ''))}”`);

  const own = texts.map((t) => trailingResult(t));
  // "…二是约谈企业负责人5人。目前已完成整改。": a closing sentence of its own after the last measure is
  // the problem's result, not that measure's.
  const last = own.at(-1);
  if (!result && last?.sentence && last.status) {
    result = last.word;
    own[own.length - 1] = { ...last, status: null };
  }
  const phrase = result ? parseResultPhrase(result) : null;
  const whole = phrase?.kind === 'all' ? phrase.status : !phrase && result ? statusOfWord(result) : null;
  if (result && !phrase && !whole) notes = `【整改结果原文】${result}${notes ? '\n' + notes : ''}`;
  const statuses: MeasureStatus[] = own.map((o, i) => o.status ?? (phrase?.kind === 'partial' ? phrase.byMeasure.get(i + 1) : null) ?? whole ?? '未注明');

  const parts = deadlineRaw ? splitMeasureDeadlines(deadlineRaw) : null;
  const measures: ParsedMeasure[] = own.map((o, i) => {
    const d = parts?.get(i + 1);
    return { no: i + 1, text: o.text, status: statuses[i]!, deadline: d ? deadlineOf(d, year).deadline : null };
  });
  if (!measures.length) warn(n.line.no, 'NO_MEASURES', `问题 ${code} 下没有整改措施。`);
  return { kind, code, line: n.line.no, text, measures, deadline: deadlineOf(deadlineRaw, year).deadline, result, notes };
}
