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
import { cachedStatement } from '../db/statements';
import type { DeadlineKind } from '../../../shared/domain/deadline';

export interface StatsInput {
  problems: StatsProblem[];
  measures: StatsMeasure[];
  round: StatsRound;
}

// Problems are read in table order (NOT INDEXED: one pass over the table instead of a lookup per row
// through the round's index, which on 100,000 problems cost a third more), then sorted into ledger order.
// Category and unit names are joined in JavaScript: a copy of a category's title for each of 100,000 rows
// was a fifth of the work.
const PROBLEMS_SQL = `SELECT p.id, p.code, p.kind, p.category_id, p.lead_unit_id, p.deadline_kind, p.deadline_date, p.status, p.completed_date,
         p.public, (SELECT g.public FROM problems g WHERE g.id = p.parent_id)
  FROM problems p NOT INDEXED JOIN categories c ON c.id = p.category_id
  WHERE p.round_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL
  ORDER BY c.sort, c.no, coalesce((SELECT g.sort FROM problems g WHERE g.id = p.parent_id), p.sort), p.parent_id IS NOT NULL, p.sort`;

/**
 * The measures of the same problems, counted by status and completion date: the rules need no more of
 * them, and 300,000 measure objects were most of `stats` on a 100,000-problem ledger. Read in table order,
 * each one's problem by its id: CROSS JOIN keeps measures the outer loop (the planner would otherwise read
 * all measures once per problem of the round). The second parameter (1) keeps the measures of public problems
 * only (a specific problem under a withheld general one is withheld with it).
 */
const MEASURES_SQL = `SELECT m.status, m.completed_date, count(*) FROM measures m
  CROSS JOIN problems p ON p.id = m.problem_id CROSS JOIN categories c ON c.id = p.category_id
  WHERE p.round_id = ? AND m.deleted_at IS NULL AND p.deleted_at IS NULL AND c.deleted_at IS NULL
    AND (? = 0 OR (p.public = 1 AND coalesce((SELECT g.public FROM problems g WHERE g.id = p.parent_id), 1) <> 0))
  GROUP BY m.status, m.completed_date`;

type ProblemRow = [
  number, string, 'general' | 'specific', number, number | null, DeadlineKind, string | null, string, string | null, number, number | null,
];

/**
 * Load what the statistics rules need for a round: live problems in ledger order and their measures (as
 * counts by status and completion date). Rows come as arrays: on 100,000 problems an object per row, with
 * its column names, cost twice as much.
 */
export function loadStatsInput(db: Db, roundId: number, options: { publicOnly?: boolean } = {}): StatsInput {
  const round = getRound(db, roundId);
  const categories = new Map(
    (db.raw.prepare('SELECT id, no, title FROM categories WHERE round_id = ?').raw(true).all(roundId) as [number, number, string][]).map(([id, no, title]) => [id, { no, title }]),
  );
  const units = new Map(db.raw.prepare('SELECT id, name FROM units').raw(true).all() as [number, string][]);
  const problems: StatsProblem[] = [];
  for (const r of cachedStatement(db, PROBLEMS_SQL, { rows: 'arrays' }).all(roundId) as ProblemRow[]) {
    // A specific problem under a withheld general problem is withheld with it: it cannot be shown alone.
    if (options.publicOnly && !(r[9] === 1 && r[10] !== 0)) continue;
    const category = categories.get(r[3])!;
    problems.push({
      id: r[0], code: r[1], kind: r[2], categoryNo: category.no, categoryTitle: category.title, leadUnit: r[4] == null ? null : units.get(r[4]) ?? null,
      deadlineKind: r[5], deadlineDate: r[6], status: r[7], completedDate: r[8],
    });
  }
  const measures = (cachedStatement(db, MEASURES_SQL, { rows: 'arrays' }).all(roundId, options.publicOnly ? 1 : 0) as [string, string | null, number][]).map(
    ([status, completedDate, count]): StatsMeasure => ({ problemId: 0, status, completedDate, count }),
  );
  return { problems, measures, round: { periodEnd: round.periodEnd, longTermCountsCompleted: round.longTermCountsCompleted } };
}

export function statsFor(db: Db, roundId: number, asOf: string, options: { publicOnly?: boolean } = {}): StatsWithItems {
  const input = loadStatsInput(db, roundId, options);
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
