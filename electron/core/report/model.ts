import type { Db } from '../db/open';
import { getRound, listCategories } from '../ledger/rounds';
import { listProblemDetails, problemDetailsOf } from '../ledger/views';
import { ledgerOrderIds } from '../ledger/summaries';
import { lintProblem, lintRound } from './lint';
import type { ReportLintFinding } from '../../../shared/domain/report';
import { statsFor } from '../stats';
import { chineseDate } from '../../../shared/domain/dates';
import { toChineseNumeral } from '../../../shared/domain/numerals';
import { formatResultPhrase, ordinals } from '../../../shared/domain/resultPhrase';
import { splitMeasureDeadlines } from '../../../shared/domain/deadline';
import type { Figures } from '../../../shared/domain/stats';
import type { ProblemDetail, RoundInfo } from '../../../shared/domain/types';
import { headlineText, introText } from './phrases';
import { joinMeasures } from './measure-text';
import { REPORT_TEXT_KEYS as K, sectionsOf } from './texts';
import { compareStated, statedFiguresOfRound, type StatedComparison } from '../../../shared/domain/statedFigures';

/**
 * A report as a list of blocks, each with its role in the layout (GB/T 9704: 黑体 first-level headings,
 * 楷体 second-level, 仿宋 body). The text and the .docx writers both render these blocks, so that the two
 * files say the same thing.
 */
export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  /** A paragraph opening with a second-level heading sentence: （一）持续推动整改落地见效。以… */
  | { kind: 'lead'; lead: string; text: string }
  | { kind: 'problem'; level: 'general' | 'specific'; label: string; text: string }
  | { kind: 'field'; label: string; text: string }
  | { kind: 'body'; text: string }
  /** 主送机关 of a notice, flush left. */
  | { kind: 'addressee'; text: string }
  | { kind: 'closing'; text: string };

export interface ReportModel {
  round: RoundInfo;
  asOf: string;
  public: boolean;
  blocks: Block[];
  figures: { general: Figures; specific: Figures };
  shown: { general: number; specific: number; withheld: number };
  /** The problems the report shows, in order (for the lint). */
  problems: ProblemDetail[];
  /** The figures an imported report stated, beside what the ledger computes now (the pre-check shows them). */
  stated: StatedComparison[];
}

export interface ReportOptions {
  asOf: string;
  publicOnly: boolean;
}

/** Whether a problem appears in the public variant: public itself, and its general problem public too. */
export function isShown<P extends { public: boolean; parentId: number | null }>(p: P, byId: Map<number, P>, publicOnly: boolean): boolean {
  if (!publicOnly) return true;
  return p.public && (p.parentId == null || byId.get(p.parentId)?.public !== false);
}

/** 整改时限 as the report prints it: the problem's own text, unless its measures now say otherwise. */
export function deadlineText(p: ProblemDetail): string {
  const own = p.measures.map((m) => m.deadline.raw);
  if (own.every((r) => !r)) return p.deadline.raw;
  const parts = splitMeasureDeadlines(p.deadline.raw);
  if (parts && own.every((r, i) => r === (parts.get(i + 1) ?? ''))) return p.deadline.raw;
  // A measure without its own deadline keeps the problem's, unless that one is itself split by measure
  // (then the measure has none, and the lint says so).
  const effective = own.map((r) => r || (parts ? '' : p.deadline.raw));
  if (effective.every((r) => r === effective[0])) return effective[0]!;
  const groups = new Map<string, number[]>();
  effective.forEach((r, i) => r && groups.set(r, [...(groups.get(r) ?? []), i + 1]));
  return [...groups].map(([r, nums]) => `第${ordinals(nums)}项${r}`).join(';');
}

/** 整改结果 from the measures; a problem without measures speaks for itself. */
export function resultText(p: ProblemDetail): string {
  if (p.measures.length) return formatResultPhrase(p.measures.map((m) => m.status));
  if (p.status === '已完成' || p.status === '已销号') return '完成整改';
  if (p.status === '长期坚持') return '长期坚持';
  return '未完成整改';
}

const SECOND_LEVEL = /^[（(][一二三四五六七八九十]+[）)]/;

/** Lines of a kept section: a （一） line is a heading, or a heading sentence leading its paragraph. */
function sectionBlocks(lines: string[]): Block[] {
  return lines.map((line): Block => {
    if (!SECOND_LEVEL.test(line)) return { kind: 'body', text: line };
    const end = line.search(/[。！？]/);
    if (end < 0 || end === line.length - 1) return { kind: 'heading2', text: line };
    return { kind: 'lead', lead: line.slice(0, end + 1), text: line.slice(end + 1) };
  });
}

function titleOf(round: RoundInfo): string {
  const t = round.reportTexts[K.title];
  if (t) return t;
  const signer = round.reportTexts[K.signature]?.split('\n')[0] || (round.inspectedOrg ? `中共${round.inspectedOrg}` : '');
  return `${signer}关于巡察整改进展情况的通报`;
}

function groupBy<T, K, V>(items: T[], key: (item: T) => K, value: (item: T) => V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(value(item));
    else groups.set(k, [value(item)]);
  }
  return groups;
}

/** What the report needs to know of every problem before it writes any: where it goes and whether it shows. */
interface Place {
  id: number;
  kind: 'general' | 'specific';
  parentId: number | null;
  categoryId: number;
  public: boolean;
}

/**
 * Where every problem the report shows goes, as ids: the generals of each category and the specifics of each
 * general in ledger order, the order they are printed in, and the shown ones in ledger order (the lint's
 * order). Made from one light query; the objects made on the way are let go (the heap V8 allows grows with
 * what stays, and at 100,000 problems a place object and its map entries for each were tens of MB).
 */
function planOf(db: Db, roundId: number, categories: readonly { id: number }[], publicOnly: boolean) {
  const rows = db.raw
    .prepare('SELECT id, kind, parent_id AS parentId, category_id AS categoryId, public FROM problems WHERE round_id = ? AND deleted_at IS NULL')
    .all(roundId) as (Omit<Place, 'public'> & { public: number })[];
  const byId = new Map<number, Place>(rows.map((r) => [r.id, { ...r, public: r.public === 1 }]));
  const places = ledgerOrderIds(db, roundId).map((id) => byId.get(id)!);
  const shown = places.filter((p) => isShown(p, byId, publicOnly));
  // The internal variant numbers items by their codes (people refer to them so); the public variant
  // numbers what it shows 1, 2, 3, so that no gap hints at a withheld item.
  // Grouped once, in ledger order: filtering the whole list per category and per problem was quadratic
  // (10,000 problems: 19 s of the report's 20).
  const generalsOf = groupBy(shown.filter((p) => p.kind === 'general'), (p) => p.categoryId, (p) => p.id);
  const specificsOf = groupBy(shown.filter((p) => p.parentId != null), (p) => p.parentId!, (p) => p.id);
  const printed: number[] = [];
  for (const c of categories) {
    for (const g of generalsOf.get(c.id) ?? []) printed.push(g, ...(specificsOf.get(g) ?? []));
  }
  const isPrinted = new Set(printed);
  return {
    generalsOf,
    specificsOf,
    printed: Int32Array.from(printed),
    shownIds: Int32Array.from(shown, (p) => p.id),
    /** Shown but printed under no general (a specific whose general is gone): linted all the same. */
    unprinted: Int32Array.from(shown.filter((p) => !isPrinted.has(p.id)), (p) => p.id),
    counts: {
      general: shown.filter((p) => p.kind === 'general').length,
      specific: shown.filter((p) => p.kind === 'specific').length,
      withheld: places.length - shown.length,
    },
  };
}

/** Runs an iterator to its end (for what it does on the way). */
export function drain(it: Iterator<unknown>): void {
  while (!it.next().done);
}

/** Reads the details of problems, in the order asked (a page of the report, or all of them at once). */
export type DetailSource = (ids: readonly number[]) => ProblemDetail[];

/**
 * The report as it is written: what is known before the problems (round, figures, what is shown) and the
 * blocks as a generator that reads the problems' details a page at a time in the order they are printed,
 * linting each as it goes. A 100,000-problem report is never held as problems or as blocks.
 */
export interface ReportStream {
  round: RoundInfo;
  asOf: string;
  public: boolean;
  title: string;
  figures: { general: Figures; specific: Figures };
  shown: ReportModel['shown'];
  stated: StatedComparison[];
  /** The blocks, once, in order. */
  blocks(): Generator<Block>;
  /** The lint of the round and of every problem shown, in ledger order; complete once blocks() has ended. */
  lint(): ReportLintFinding[];
  /** The most problem details held at once while the blocks were made (a page). */
  heldAtMost(): number;
}

export const REPORT_PAGE = 1000;

export function reportStream(db: Db, roundId: number, options: ReportOptions, source?: DetailSource, pageSize = REPORT_PAGE): ReportStream {
  const round = getRound(db, roundId);
  const detailsOf: DetailSource = source ?? ((ids) => problemDetailsOf(db, roundId, ids));
  const stats = statsFor(db, roundId, options.asOf, { publicOnly: options.publicOnly });
  const title = titleOf(round);
  const categories = listCategories(db, roundId);
  const { generalsOf, specificsOf, printed, shownIds, unprinted, counts } = planOf(db, roundId, categories, options.publicOnly);

  // Findings by problem id, put in ledger order at the end.
  const findings = new Map<number, ReportLintFinding[]>();
  let held = 0;
  const lintOne = (p: ProblemDetail) => {
    const found = lintProblem(p);
    if (found.length) findings.set(p.id, found);
  };
  function* detailsInPages(ids: Int32Array): Generator<ProblemDetail> {
    for (let i = 0; i < ids.length; i += pageSize) {
      let page: ProblemDetail[] | null = detailsOf([...ids.subarray(i, i + pageSize)]);
      held = Math.max(held, page.length);
      for (const p of page) lintOne(p);
      yield* page;
      page = null;
    }
  }

  function* blocks(): Generator<Block> {
    yield { kind: 'title', text: title };
    const intro = introText(round);
    if (intro) yield { kind: 'body', text: intro };
    let section = 0;
    const heading1 = (text: string): Block => ({ kind: 'heading1', text: `${toChineseNumeral(++section)}、${text}` });
    for (const s of sectionsOf(round.reportTexts, 'before')) {
      yield heading1(s.heading);
      yield* sectionBlocks(s.body);
    }
    yield heading1(round.reportTexts[K.progressHeading] || '巡察反馈问题的整改落实情况');
    const headline = headlineText(round, options.asOf, stats.general, stats.specific);
    if (headline) yield { kind: 'body', text: headline };

    const details = detailsInPages(printed);
    const next = (id: number): ProblemDetail => {
      const d = details.next();
      if (d.done || d.value.id !== id) throw new Error(`report: problem ${id} not read in print order`);
      return d.value;
    };
    let catNo = 0;
    for (const c of categories) {
      const generals = generalsOf.get(c.id) ?? [];
      if (!generals.length) continue;
      catNo++;
      yield { kind: 'heading2', text: `（${toChineseNumeral(options.publicOnly ? catNo : c.no)}）反馈问题：${c.title}` };
      for (const [gi, gid] of generals.entries()) {
        const g = next(gid);
        yield { kind: 'problem', level: 'general', label: `${options.publicOnly ? gi + 1 : g.no}.面上问题：`, text: g.text };
        yield* fieldBlocks(g);
        const specifics = specificsOf.get(g.id) ?? [];
        for (const [si, sid] of specifics.entries()) {
          const s = next(sid);
          const no = options.publicOnly ? si + 1 : s.no;
          const label = specifics.length === 1 && no === 1 ? '具体问题：' : `（${no}）具体问题：`;
          yield { kind: 'problem', level: 'specific', label, text: s.text };
          yield* fieldBlocks(s);
        }
      }
    }
    drain(detailsInPages(unprinted));

    for (const s of sectionsOf(round.reportTexts, 'after')) {
      yield heading1(s.heading);
      yield* sectionBlocks(s.body);
    }
    for (const line of round.contactLine.split('\n').filter(Boolean)) yield { kind: 'body', text: line };
    for (const line of (round.reportTexts[K.signature] ?? '').split('\n').filter(Boolean)) yield { kind: 'closing', text: line };
    yield { kind: 'closing', text: chineseDate(options.asOf) };
  }

  return {
    round,
    asOf: options.asOf,
    public: options.publicOnly,
    title,
    figures: { general: stats.general, specific: stats.specific },
    shown: counts,
    stated: compareStated(statedFiguresOfRound(round.reportTexts), stats),
    blocks,
    lint: () => [...lintRound(round, options.publicOnly, shownIds.length), ...[...shownIds].flatMap((id) => findings.get(id) ?? [])],
    heldAtMost: () => held,
  };
}

/** The whole report at once, with the problems it shows (the export page previews text, figures and lint). */
export function buildReport(db: Db, roundId: number, options: ReportOptions): ReportModel {
  const all = listProblemDetails(db, roundId);
  const byId = new Map(all.map((p) => [p.id, p]));
  const stream = reportStream(db, roundId, options, (ids) => ids.map((id) => byId.get(id)!), Number.MAX_SAFE_INTEGER);
  return {
    round: stream.round,
    asOf: stream.asOf,
    public: stream.public,
    blocks: [...stream.blocks()],
    figures: stream.figures,
    shown: stream.shown,
    problems: all.filter((p) => isShown(p, byId, options.publicOnly)),
    stated: stream.stated,
  };
}

function fieldBlocks(p: ProblemDetail): Block[] {
  const out: Block[] = [];
  if (p.measures.length) out.push({ kind: 'field', label: '整改情况：', text: joinMeasures(p.measures.map((m) => m.text)) });
  const deadline = deadlineText(p);
  if (deadline) out.push({ kind: 'field', label: '整改时限：', text: deadline });
  out.push({ kind: 'field', label: '整改结果：', text: resultText(p) + '。' });
  return out;
}

/** The report as plain text: one paragraph a line, as published reports are pasted into web pages. */
export function reportText(model: ReportModel): string {
  return model.blocks.map(blockLine).join('\n') + '\n';
}

/** One block as its line of the plain text. */
export function blockLine(b: Block): string {
  switch (b.kind) {
    case 'lead':
      return b.lead + b.text;
    case 'problem':
    case 'field':
      return b.label + b.text;
    default:
      return b.text;
  }
}
