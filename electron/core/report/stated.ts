import { deriveProblemStatus } from '../../../shared/domain/status';
import { computeStats, type Figures, type StatsMeasure, type StatsProblem, type StatsWithItems } from '../../../shared/domain/stats';
import type { ParsedReport, StatedFigures } from '../../../shared/domain/report';

const LABELS: [keyof StatedFigures, keyof Figures | 'advancing', string][] = [
  ['total', 'total', '总数'],
  ['dueInPeriod', 'dueInPeriod', '集中整改期内应完成整改'],
  ['completedInPeriod', 'completedInPeriod', '期内实际完成整改'],
  ['rateInPeriod', 'rateInPeriod', '阶段性整改率'],
  ['outOfPeriod', 'outOfPeriod', '集中整改期外'],
  ['completedOutOfPeriod', 'completedOutOfPeriod', '期外已完成整改'],
  ['advancingOutOfPeriod', 'advancing', '期外正在推进'],
];

/**
 * Recount the report's headline from its own detail (DOMAIN §5, as of the report's date) and list where
 * the stated figures differ: published reports often cannot be re-derived, and the clerk should know
 * before the figures are repeated.
 */
export function headlineMismatches(report: ParsedReport): { kind: 'general' | 'specific'; label: string; stated: number; counted: number }[] {
  const asOf = report.reportDate;
  if (!asOf || !report.round.periodEnd) return [];
  const stats = detailStats(report, asOf);
  const out: ReturnType<typeof headlineMismatches> = [];
  for (const kind of ['general', 'specific'] as const) {
    const stated = report.stated[kind];
    if (!stated) continue;
    const f = stats[kind];
    for (const [key, figure, label] of LABELS) {
      const value = stated[key];
      const counted = figure === 'advancing' ? f.outOfPeriod - f.completedOutOfPeriod : f[figure];
      if (value != null && value !== counted) out.push({ kind, label, stated: value, counted });
    }
  }
  return out;
}

/** The statistics of a report's own detail (DOMAIN §5) as of a date: what the ledger will compute. */
export function detailStats(report: ParsedReport, asOf: string): StatsWithItems {
  const problems: StatsProblem[] = [];
  const measures: StatsMeasure[] = [];
  let id = 0;
  for (const c of report.categories) {
    for (const p of c.problems) {
      problems.push({
        id: ++id,
        code: p.code,
        kind: p.kind,
        categoryNo: c.no,
        categoryTitle: c.title,
        leadUnit: null,
        deadlineKind: p.deadline.kind,
        deadlineDate: p.deadline.date,
        status: p.measures.length ? deriveProblemStatus(p.measures.map((m) => m.status)) : p.result ? '未启动' : '未注明',
        completedDate: null,
      });
      for (const m of p.measures) measures.push({ problemId: id, status: m.status, completedDate: null });
    }
  }
  return computeStats(problems, measures, { periodEnd: report.round.periodEnd, longTermCountsCompleted: false }, asOf);
}
