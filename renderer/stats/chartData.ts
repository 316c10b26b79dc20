import type { CategoryStats, StatsRound, UnitStats } from '../../shared/domain/stats';
import { classifyProblem } from '../../shared/domain/stats';
import type { ProblemSummary } from '../../shared/domain/types';
import { DEADLINE_KIND_LABELS, type DeadlineKind } from '../../shared/domain/deadline';
import { toChineseNumeral } from '../../shared/domain/numerals';

export type Kind = 'general' | 'specific';

/** One bar of a completion chart: completed, overdue, and the rest (neither: not yet due, or no date). */
export interface CompletionBar {
  name: string;
  /** The full name, for the tooltip and the drill-down title. */
  title: string;
  categoryNo?: number;
  unit?: string;
  completed: number;
  overdue: number;
  other: number;
  total: number;
}

/** Bars by category from the statistics (same figures as the tables beside them). */
export function categoryBars(rows: readonly CategoryStats[], kind: Kind): CompletionBar[] {
  return rows.map((c) => {
    const f = c[kind];
    return {
      name: `（${toChineseNumeral(c.no)}）`,
      title: `（${toChineseNumeral(c.no)}）${c.title}`,
      categoryNo: c.no,
      completed: f.completed,
      overdue: f.overdue,
      other: f.total - f.completed - f.overdue,
      total: f.total,
    };
  });
}

/** Bars by lead unit, largest first; units without problems of this kind are left out. */
export function unitBars(rows: readonly UnitStats[], kind: Kind): CompletionBar[] {
  return rows
    .filter((u) => u[kind].total > 0)
    .map((u) => {
      const f = u[kind];
      return { name: u.unit, title: u.unit, unit: u.unit, completed: f.completed, overdue: f.overdue, other: f.total - f.completed - f.overdue, total: f.total };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

export interface MonthBucket {
  /** `2024-11` */
  month: string;
  completed: number[];
  overdue: number[];
  /** Not completed and not yet overdue. */
  open: number[];
}

export interface Timeline {
  months: MonthBucket[];
  /** Problems whose deadline has no date, by kind (立行立改, 长期坚持, 附条件, 未填写…). */
  undated: { kind: DeadlineKind; label: string; ids: number[] }[];
}

/**
 * Deadlines over time: problems of one kind by the month of their deadline date, split as the statistics
 * classify them on `asOf` (completed, overdue, still open). Months without deadlines between the first and
 * the last are kept, so that the axis is a calendar.
 */
export function deadlineTimeline(problems: readonly ProblemSummary[], kind: Kind, round: StatsRound, asOf: string): Timeline {
  const byMonth = new Map<string, MonthBucket>();
  const undated = new Map<DeadlineKind, number[]>();
  for (const p of problems) {
    if (p.kind !== kind) continue;
    const dated = p.deadline.date && (p.deadline.kind === 'date' || p.deadline.kind === 'date+long-term');
    if (!dated) {
      if (!undated.has(p.deadline.kind)) undated.set(p.deadline.kind, []);
      undated.get(p.deadline.kind)!.push(p.id);
      continue;
    }
    const month = p.deadline.date!.slice(0, 7);
    if (!byMonth.has(month)) byMonth.set(month, { month, completed: [], overdue: [], open: [] });
    const c = classifyProblem(
      { id: p.id, code: p.code, kind: p.kind, categoryNo: p.categoryNo, categoryTitle: p.categoryTitle, leadUnit: p.leadUnit, deadlineKind: p.deadline.kind, deadlineDate: p.deadline.date, status: p.status, completedDate: p.completedDate },
      round,
      asOf,
    );
    const b = byMonth.get(month)!;
    (c.completed ? b.completed : c.overdue ? b.overdue : b.open).push(p.id);
  }
  const keys = [...byMonth.keys()].sort();
  const months: MonthBucket[] = [];
  if (keys.length) {
    let [y, m] = keys[0]!.split('-').map(Number) as [number, number];
    const last = keys.at(-1)!;
    for (;;) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      months.push(byMonth.get(key) ?? { month: key, completed: [], overdue: [], open: [] });
      if (key >= last) break;
      m++;
      if (m > 12) (m = 1), y++;
    }
  }
  return {
    months,
    undated: [...undated.entries()].map(([k, ids]) => ({ kind: k, label: DEADLINE_KIND_LABELS[k], ids })).sort((a, b) => b.ids.length - a.ids.length),
  };
}

/** One part of one bar that the keyboard can stop on: where it is in the chart, and what it says. */
export interface ChartStop {
  dataIndex: number;
  seriesIndex: number;
  seriesId: string;
  label: string;
}

/**
 * The parts of a stacked bar chart in reading order (bar by bar, each bottom part first), leaving out
 * empty ones: what Tab and the arrow keys go through, as a mouse goes over the bars.
 */
export function chartStops(
  bars: readonly { title: string }[],
  parts: readonly { id: string; label: string; value(barIndex: number): number }[],
): ChartStop[] {
  const stops: ChartStop[] = [];
  bars.forEach((bar, dataIndex) =>
    parts.forEach((part, seriesIndex) => {
      const n = part.value(dataIndex);
      if (n > 0) stops.push({ dataIndex, seriesIndex, seriesId: part.id, label: `${bar.title}：${part.label} ${n} 个` });
    }),
  );
  return stops;
}
