import type { Db } from '../db/open';
import {
  computeStats,
  itemsBehind,
  type FigureKey,
  type Stats,
  type StatsMeasure,
  type StatsProblem,
  type StatsRound,
  type StatsWithItems,
} from '../../../shared/domain/stats';
import { getRound } from '../ledger/rounds';
import type { DeadlineKind } from '../../../shared/domain/deadline';

export interface StatsInput {
  problems: StatsProblem[];
  measures: StatsMeasure[];
  round: StatsRound;
}

/** Load what the statistics rules need for a round: live problems in ledger order and their measures. */
export function loadStatsInput(db: Db, roundId: number, filter?: (p: { public: boolean }) => boolean): StatsInput {
  const round = getRound(db, roundId);
  const rows = db.raw
    .prepare(
      `SELECT p.id, p.code, p.kind, p.public, (SELECT g.public FROM problems g WHERE g.id = p.parent_id) AS parentPublic, c.no AS categoryNo, c.title AS categoryTitle, u.name AS leadUnit,
              p.deadline_kind AS deadlineKind, p.deadline_date AS deadlineDate, p.status, p.completed_date AS completedDate
       FROM problems p JOIN categories c ON c.id = p.category_id LEFT JOIN units u ON u.id = p.lead_unit_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL
       ORDER BY c.sort, c.no, coalesce((SELECT g.sort FROM problems g WHERE g.id = p.parent_id), p.sort), p.parent_id IS NOT NULL, p.sort`,
    )
    .all(roundId) as (StatsProblem & { public: number; parentPublic: number | null; deadlineKind: DeadlineKind })[];
  // A specific problem under a withheld general problem is withheld with it: it cannot be shown alone.
  const chosen = filter ? rows.filter((r) => filter({ public: r.public === 1 && r.parentPublic !== 0 })) : rows;
  const ids = new Set(chosen.map((r) => r.id));
  const measures = (
    db.raw
      .prepare(
        `SELECT m.problem_id AS problemId, m.status, m.completed_date AS completedDate FROM measures m
         JOIN problems p ON p.id = m.problem_id WHERE p.round_id = ? AND m.deleted_at IS NULL`,
      )
      .all(roundId) as StatsMeasure[]
  ).filter((m) => ids.has(m.problemId));
  return {
    problems: chosen.map(({ public: _p, parentPublic: _g, ...p }) => p),
    measures,
    round: { periodEnd: round.periodEnd, longTermCountsCompleted: round.longTermCountsCompleted },
  };
}

export function statsFor(db: Db, roundId: number, asOf: string, options: { publicOnly?: boolean } = {}): StatsWithItems {
  const input = loadStatsInput(db, roundId, options.publicOnly ? (p) => p.public : undefined);
  return computeStats(input.problems, input.measures, input.round, asOf);
}

/** The figures only, in the shape `cli stats --json` prints. */
export function plainStats(s: StatsWithItems): Stats {
  return {
    asOf: s.asOf,
    general: s.general,
    specific: s.specific,
    measures: s.measures,
    byCategory: s.byCategory,
    byUnit: s.byUnit,
    deadlineUnparsed: s.deadlineUnparsed,
    deadlineUnparsedCodes: s.deadlineUnparsedCodes,
  };
}

export function statsItems(
  db: Db,
  roundId: number,
  asOf: string,
  filter: { kind: 'general' | 'specific'; categoryNo?: number; unit?: string },
  key: FigureKey,
): number[] {
  const input = loadStatsInput(db, roundId);
  return itemsBehind(input.problems, input.round, asOf, filter, key);
}
