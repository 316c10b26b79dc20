import type { Db } from '../db/open';
import { getRound, listCategories } from '../ledger/rounds';
import { listProblemDetails } from '../ledger/views';
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
export function isShown(p: ProblemDetail, byId: Map<number, ProblemDetail>, publicOnly: boolean): boolean {
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

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function buildReport(db: Db, roundId: number, options: ReportOptions): ReportModel {
  const round = getRound(db, roundId);
  const all = listProblemDetails(db, roundId);
  const byId = new Map(all.map((p) => [p.id, p]));
  const problems = all.filter((p) => isShown(p, byId, options.publicOnly));
  const stats = statsFor(db, roundId, options.asOf, { publicOnly: options.publicOnly });
  const blocks: Block[] = [{ kind: 'title', text: titleOf(round) }];
  const intro = introText(round);
  if (intro) blocks.push({ kind: 'body', text: intro });

  let section = 0;
  const heading1 = (text: string) => blocks.push({ kind: 'heading1', text: `${toChineseNumeral(++section)}、${text}` });
  for (const s of sectionsOf(round.reportTexts, 'before')) {
    heading1(s.heading);
    blocks.push(...sectionBlocks(s.body));
  }
  heading1(round.reportTexts[K.progressHeading] || '巡察反馈问题的整改落实情况');
  const headline = headlineText(round, options.asOf, stats.general, stats.specific);
  if (headline) blocks.push({ kind: 'body', text: headline });

  // The internal variant numbers items by their codes (people refer to them so); the public variant
  // numbers what it shows 1, 2, 3, so that no gap hints at a withheld item.
  // Grouped once, in ledger order: filtering the whole list per category and per problem was quadratic
  // (10,000 problems: 19 s of the report's 20).
  const generalsOf = groupBy(problems.filter((p) => p.kind === 'general'), (p) => p.categoryId);
  const specificsOf = groupBy(problems.filter((p) => p.parentId != null), (p) => p.parentId!);
  const categories = listCategories(db, roundId);
  let catNo = 0;
  for (const c of categories) {
    const generals = generalsOf.get(c.id) ?? [];
    if (!generals.length) continue;
    catNo++;
    blocks.push({ kind: 'heading2', text: `（${toChineseNumeral(options.publicOnly ? catNo : c.no)}）反馈问题：${c.title}` });
    generals.forEach((g, gi) => {
      blocks.push({ kind: 'problem', level: 'general', label: `${options.publicOnly ? gi + 1 : g.no}.面上问题：`, text: g.text });
      blocks.push(...fieldBlocks(g));
      const specifics = specificsOf.get(g.id) ?? [];
      specifics.forEach((s, si) => {
        const no = options.publicOnly ? si + 1 : s.no;
        const label = specifics.length === 1 && no === 1 ? '具体问题：' : `（${no}）具体问题：`;
        blocks.push({ kind: 'problem', level: 'specific', label, text: s.text });
        blocks.push(...fieldBlocks(s));
      });
    });
  }

  for (const s of sectionsOf(round.reportTexts, 'after')) {
    heading1(s.heading);
    blocks.push(...sectionBlocks(s.body));
  }
  for (const line of round.contactLine.split('\n').filter(Boolean)) blocks.push({ kind: 'body', text: line });
  for (const line of (round.reportTexts[K.signature] ?? '').split('\n').filter(Boolean)) blocks.push({ kind: 'closing', text: line });
  blocks.push({ kind: 'closing', text: chineseDate(options.asOf) });

  return {
    round,
    asOf: options.asOf,
    public: options.publicOnly,
    blocks,
    figures: { general: stats.general, specific: stats.specific },
    shown: {
      general: problems.filter((p) => p.kind === 'general').length,
      specific: problems.filter((p) => p.kind === 'specific').length,
      withheld: all.length - problems.length,
    },
    problems,
    stated: compareStated(statedFiguresOfRound(round.reportTexts), stats),
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
  return (
    model.blocks
      .map((b) => {
        switch (b.kind) {
          case 'lead':
            return b.lead + b.text;
          case 'problem':
          case 'field':
            return b.label + b.text;
          default:
            return b.text;
        }
      })
      .join('\n') + '\n'
  );
}
