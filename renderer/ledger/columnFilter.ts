import type { TableProblem } from '../../shared/domain/types';
import type { StatsRound } from '../../shared/domain/stats';
import { PROBLEM_STATUSES } from '../../shared/domain/status';
import { codeParts } from '../../shared/domain/code';
import { urgencyOf } from '../../shared/domain/urgency';
import { cellText, type ColumnKey } from './columns';

/** The value an empty cell is listed under in a column's filter (as WPS lists 空白). */
export const BLANK = '（空白）';

/**
 * A condition set from a column's header, as WPS's 筛选 has them: some of the column's values, the
 * words a cell contains (problem text), or, for dates, a range and 逾期 / N 天内到期.
 */
export type ColumnCondition =
  | { kind: 'values'; values: string[] }
  | { kind: 'contains'; text: string }
  | { kind: 'dates'; from: string | null; to: string | null; overdue: boolean; dueWithinDays: number | null };

export type ColumnConditions = Partial<Record<ColumnKey, ColumnCondition>>;

/** How a column is filtered from its header. */
export function filterKindOf(key: ColumnKey): ColumnCondition['kind'] {
  if (key === 'text') return 'contains';
  if (key === 'deadline' || key === 'latestProgress' || key === 'lastChangeAt') return 'dates';
  return 'values';
}

/** The values a cell counts as in its column's value list: every leader of a problem, one value otherwise. */
export function cellValues(p: TableProblem, key: ColumnKey): string[] {
  if (key === 'leaders') return p.leaders.length ? p.leaders : [BLANK];
  return [cellValue(p, key)];
}

/** The one value a cell counts as, for every column but 责任领导 (a problem may have several leaders). */
function cellValue(p: TableProblem, key: Exclude<ColumnKey, 'leaders'>): string {
  if (key === 'measures') return p.measureCount ? `${p.measuresCompleted}/${p.measureCount}` : '无措施';
  const v = cellText(p, key);
  return v === '' ? BLANK : v;
}

function dateOf(p: TableProblem, key: ColumnKey): string | null {
  if (key === 'deadline') return p.deadline.date;
  if (key === 'latestProgress') return p.latestProgress?.date ?? null;
  if (key === 'lastChangeAt') return p.lastChangeAt ? p.lastChangeAt.slice(0, 10) : null;
  return null;
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
const STATUS_RANK = new Map<string, number>(PROBLEM_STATUSES.map((s, i) => [s, i]));

/**
 * The column's values with how many problems hold each, in the order a clerk looks for them: statuses in
 * their canonical order (every status listed, even with 0), codes as codes, others as words; 空白 last.
 */
export function valueCounts(problems: readonly TableProblem[], key: ColumnKey): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  if (key === 'status') for (const s of PROBLEM_STATUSES) counts.set(s, 0);
  for (const p of problems) for (const v of cellValues(p, key)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const list = [...counts].map(([value, count]) => ({ value, count }));
  const rank = (v: string) => (v === BLANK ? 1 : 0);
  list.sort((a, b) => {
    if (rank(a.value) !== rank(b.value)) return rank(a.value) - rank(b.value);
    if (key === 'status') return (STATUS_RANK.get(a.value) ?? 99) - (STATUS_RANK.get(b.value) ?? 99);
    if (key === 'code') return compareParts(codeParts(a.value), codeParts(b.value));
    if (key === 'evidenceCount') return Number(a.value) - Number(b.value);
    return collator.compare(a.value, b.value);
  });
  return list;
}

function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) - (b[i] ?? -1);
  return 0;
}

/** A compiled condition: built once per filter change, then run over every problem. */
export type ProblemTest = (p: TableProblem) => boolean;

export function compileConditions(conditions: ColumnConditions, today: string, round: StatsRound): ProblemTest | null {
  const tests: ProblemTest[] = [];
  for (const [key, cond] of Object.entries(conditions) as [ColumnKey, ColumnCondition][]) {
    if (!cond) continue;
    if (cond.kind === 'values') {
      const wanted = new Set(cond.values);
      // One value per cell but for leaders: no list made per problem (100,000 of them per filter).
      if (key === 'leaders') tests.push((p) => (p.leaders.length ? p.leaders.some((v) => wanted.has(v)) : wanted.has(BLANK)));
      else tests.push((p) => wanted.has(cellValue(p, key)));
    } else if (cond.kind === 'contains') {
      const words = cond.text.trim().toLowerCase();
      if (words) tests.push((p) => cellText(p, key).toLowerCase().includes(words));
    } else {
      const { from, to, overdue, dueWithinDays } = cond;
      tests.push((p) => {
        if (overdue || dueWithinDays != null) {
          // 逾期 and N 天内到期 exclude each other: both ticked means either (the same rule as the statistics).
          const late = overdue && urgencyOf(p, today, round) === 'overdue';
          const soon = dueWithinDays != null && urgencyOf(p, today, round, dueWithinDays) === 'dueSoon';
          if (!late && !soon) return false;
        }
        if (from || to) {
          const d = dateOf(p, key);
          if (!d || (from && d < from) || (to && d > to)) return false;
        }
        return true;
      });
    }
  }
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (p) => tests.every((t) => t(p));
}

/** Whether a condition narrows anything (an emptied one is dropped rather than kept). */
export function isActive(cond: ColumnCondition | undefined): cond is ColumnCondition {
  if (!cond) return false;
  if (cond.kind === 'values') return true;
  if (cond.kind === 'contains') return cond.text.trim() !== '';
  return !!(cond.from || cond.to || cond.overdue || cond.dueWithinDays != null);
}

/** The words of a chip for an active condition: “整改状态：正在推进、已完成”. */
export function conditionLabel(title: string, cond: ColumnCondition): string {
  if (cond.kind === 'values') {
    const shown = cond.values.slice(0, 3).join('、');
    return `${title}：${shown}${cond.values.length > 3 ? ` 等 ${cond.values.length} 项` : ''}${cond.values.length === 0 ? '（无）' : ''}`;
  }
  if (cond.kind === 'contains') return `${title}包含“${cond.text.trim()}”`;
  const parts: string[] = [];
  if (cond.overdue) parts.push('逾期');
  if (cond.dueWithinDays != null) parts.push(`${cond.dueWithinDays} 天内到期`);
  if (cond.from && cond.to) parts.push(`${cond.from} 至 ${cond.to}`);
  else if (cond.from) parts.push(`${cond.from} 起`);
  else if (cond.to) parts.push(`至 ${cond.to}`);
  return `${title}：${parts.join('，')}`;
}
