import type { DeadlineKind } from './deadline';
import { countsAsCompleted } from './status';

/**
 * The statistics of DOMAIN §5, as pure functions over plain records, so that the core, the summary sheet,
 * the report and the renderer's test fake all count the same way.
 *
 * For an as-of date D and a round whose concentrated period ends on E (D when the round has no end set):
 * - due in period: deadline date ≤ E, or 立行立改;
 * - completed: status 已完成/待销号/已销号 (长期坚持 too when the round says so) with completion date ≤ D;
 *   (待销号 only follows a completed problem, see isDoneStatus; 已销号's completion date is the approval date);
 *   a completed item without a completion date counts as completed on any date;
 * - 阶段性整改率 = completed among due ÷ due, one decimal (0 when nothing is due);
 * - out of period: the rest, split into completed and advancing;
 * - overdue: deadline date < D and not completed.
 * - unstated (未注明, DOMAIN §3): read from a document that gives no result; counted apart in a figure of
 *   their own, never as completed or overdue (nothing is known of them). In the out-of-period split they
 *   stay among the not completed (期外 = 已完成 + the rest), so that the split still adds up.
 */
export interface StatsProblem {
  id: number;
  code: string;
  kind: 'general' | 'specific';
  categoryNo: number;
  categoryTitle: string;
  leadUnit: string | null;
  deadlineKind: DeadlineKind;
  deadlineDate: string | null;
  status: string;
  completedDate: string | null;
}

export interface StatsMeasure {
  problemId: number;
  status: string;
  completedDate: string | null;
  /** How many measures this record stands for (the core counts them by status and date in SQL); 1 when absent. */
  count?: number;
}

export interface StatsRound {
  periodEnd: string | null;
  longTermCountsCompleted: boolean;
}

export interface Figures {
  total: number;
  completed: number;
  dueInPeriod: number;
  completedInPeriod: number;
  rateInPeriod: number;
  outOfPeriod: number;
  completedOutOfPeriod: number;
  overdue: number;
  /** Problems whose result is 未注明. */
  unstated: number;
}

export const FIGURE_KEYS = [
  'total',
  'completed',
  'dueInPeriod',
  'completedInPeriod',
  'outOfPeriod',
  'completedOutOfPeriod',
  'advancingOutOfPeriod',
  'overdue',
  'unstated',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const FIGURE_LABELS: Record<FigureKey | 'rateInPeriod', string> = {
  total: '问题总数',
  completed: '已完成',
  dueInPeriod: '期内应完成',
  completedInPeriod: '期内已完成',
  rateInPeriod: '阶段性整改率',
  outOfPeriod: '期外',
  completedOutOfPeriod: '期外已完成',
  advancingOutOfPeriod: '期外正在推进',
  overdue: '逾期',
  unstated: '未注明结果',
};

/** The problem ids behind each figure, so that every number can be opened to show its items. */
export type FigureItems = Record<FigureKey, number[]>;

export interface GroupStats {
  general: Figures;
  specific: Figures;
}

export interface CategoryStats extends GroupStats {
  no: number;
  title: string;
}

export interface UnitStats extends GroupStats {
  unit: string;
}

export interface Stats {
  asOf: string;
  general: Figures;
  specific: Figures;
  /** Measures: all, completed, and those whose result the document did not state (未注明). */
  measures: { total: number; completed: number; unstated: number };
  byCategory: CategoryStats[];
  byUnit: UnitStats[];
  /** Problems whose deadline text could not be read (kept as text): outside every deadline figure. */
  deadlineUnparsed: number;
  deadlineUnparsedCodes: string[];
}

export interface StatsWithItems extends Stats {
  /** Items behind the top-level figures: items.general.overdue = ids of overdue general problems. */
  items: { general: FigureItems; specific: FigureItems };
  periodEnd: string;
  deadlineUnparsedIds: number[];
}

export const NO_UNIT = '（未指定牵头单位）';

export interface Classified {
  due: boolean;
  completed: boolean;
  overdue: boolean;
  unstated: boolean;
}

export function classifyProblem(p: StatsProblem, round: StatsRound, asOf: string): Classified {
  const periodEnd = round.periodEnd ?? asOf;
  const hasDate = p.deadlineDate != null && (p.deadlineKind === 'date' || p.deadlineKind === 'date+long-term');
  const due = p.deadlineKind === 'immediate' || (hasDate && p.deadlineDate! <= periodEnd);
  const completed =
    countsAsCompleted(p.status, round.longTermCountsCompleted) && (p.completedDate == null || p.completedDate <= asOf);
  const unstated = p.status === '未注明';
  const overdue = hasDate && p.deadlineDate! < asOf && !completed && !unstated;
  return { due, completed, overdue, unstated };
}

export function rate(done: number, due: number): number {
  if (due === 0) return 0;
  return Math.round((done / due) * 1000) / 10;
}

function emptyItems(): FigureItems {
  return {
    total: [],
    completed: [],
    dueInPeriod: [],
    completedInPeriod: [],
    outOfPeriod: [],
    completedOutOfPeriod: [],
    advancingOutOfPeriod: [],
    overdue: [],
    unstated: [],
  };
}

function collect(problems: readonly StatsProblem[], round: StatsRound, asOf: string): FigureItems {
  const items = emptyItems();
  for (const p of problems) {
    const c = classifyProblem(p, round, asOf);
    items.total.push(p.id);
    if (c.completed) items.completed.push(p.id);
    if (c.due) {
      items.dueInPeriod.push(p.id);
      if (c.completed) items.completedInPeriod.push(p.id);
    } else {
      items.outOfPeriod.push(p.id);
      (c.completed ? items.completedOutOfPeriod : items.advancingOutOfPeriod).push(p.id);
    }
    if (c.overdue) items.overdue.push(p.id);
    if (c.unstated) items.unstated.push(p.id);
  }
  return items;
}

export function figuresOf(items: FigureItems): Figures {
  return {
    total: items.total.length,
    completed: items.completed.length,
    dueInPeriod: items.dueInPeriod.length,
    completedInPeriod: items.completedInPeriod.length,
    rateInPeriod: rate(items.completedInPeriod.length, items.dueInPeriod.length),
    outOfPeriod: items.outOfPeriod.length,
    completedOutOfPeriod: items.completedOutOfPeriod.length,
    overdue: items.overdue.length,
    unstated: items.unstated.length,
  };
}

function group(problems: readonly StatsProblem[], round: StatsRound, asOf: string): GroupStats {
  return {
    general: figuresOf(collect(problems.filter((p) => p.kind === 'general'), round, asOf)),
    specific: figuresOf(collect(problems.filter((p) => p.kind === 'specific'), round, asOf)),
  };
}

/** Problems must come in ledger order; categories keep that order, units are sorted by name. */
export function computeStats(
  problems: readonly StatsProblem[],
  measures: readonly StatsMeasure[],
  round: StatsRound,
  asOf: string,
): StatsWithItems {
  const general = collect(problems.filter((p) => p.kind === 'general'), round, asOf);
  const specific = collect(problems.filter((p) => p.kind === 'specific'), round, asOf);

  const categories = new Map<number, { title: string; problems: StatsProblem[] }>();
  const units = new Map<string, StatsProblem[]>();
  for (const p of problems) {
    if (!categories.has(p.categoryNo)) categories.set(p.categoryNo, { title: p.categoryTitle, problems: [] });
    categories.get(p.categoryNo)!.problems.push(p);
    const unit = p.leadUnit ?? NO_UNIT;
    if (!units.has(unit)) units.set(unit, []);
    units.get(unit)!.push(p);
  }

  let measureTotal = 0;
  let measureDone = 0;
  let measureUnstated = 0;
  for (const m of measures) {
    const n = m.count ?? 1;
    measureTotal += n;
    if (countsAsCompleted(m.status, round.longTermCountsCompleted) && (m.completedDate == null || m.completedDate <= asOf)) measureDone += n;
    if (m.status === '未注明') measureUnstated += n;
  }

  return {
    asOf,
    periodEnd: round.periodEnd ?? asOf,
    general: figuresOf(general),
    specific: figuresOf(specific),
    measures: { total: measureTotal, completed: measureDone, unstated: measureUnstated },
    byCategory: [...categories.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([no, c]) => ({ no, title: c.title, ...group(c.problems, round, asOf) })),
    byUnit: [...units.entries()]
      .sort((a, b) => a[0].localeCompare(b[0], 'zh-Hans-CN'))
      .map(([unit, ps]) => ({ unit, ...group(ps, round, asOf) })),
    items: { general, specific },
    ...unparsedDeadlines(problems),
  };
}

/** The problems counted apart because their deadline is text the rule could not read. */
export function unparsedDeadlines(problems: readonly StatsProblem[]): { deadlineUnparsed: number; deadlineUnparsedCodes: string[]; deadlineUnparsedIds: number[] } {
  const list = problems.filter((p) => p.deadlineKind === 'text');
  return { deadlineUnparsed: list.length, deadlineUnparsedCodes: list.map((p) => p.code), deadlineUnparsedIds: list.map((p) => p.id) };
}

/** The items behind any figure, for any grouping: used when a person clicks a number. */
export function itemsBehind(
  problems: readonly StatsProblem[],
  round: StatsRound,
  asOf: string,
  filter: { kind: 'general' | 'specific'; categoryNo?: number; unit?: string },
  key: FigureKey,
): number[] {
  const chosen = problems.filter(
    (p) =>
      p.kind === filter.kind &&
      (filter.categoryNo == null || p.categoryNo === filter.categoryNo) &&
      (filter.unit == null || (p.leadUnit ?? NO_UNIT) === filter.unit),
  );
  return collect(chosen, round, asOf)[key];
}
