import type { Db } from '../db/open';
import { cachedStatement } from '../db/statements';
import type { ProblemKind, ProblemSummary, TableProblem } from '../../../shared/domain/types';
import type { DeadlineKind } from '../../../shared/domain/deadline';
import type { ProblemStatus, StatusSource } from '../../../shared/domain/status';
import { ledgerOrder } from '../../../shared/domain/order';

/**
 * Problems with what lists show of their leaders, measures, progress, evidence and history, read for a
 * whole round at once. The ledger table reads 10,000 of them on every open: every query here is one pass
 * over a table (never one query per problem), with prepared statements kept, and rows read as arrays.
 */

/** Which problems: all of a round, or some by id (the rows an edit touched, the items behind a figure). */
export interface SummaryQuery {
  roundId: number;
  includeDeleted?: boolean;
  onlyDeleted?: boolean;
  ids?: readonly number[];
}

/**
 * The problems a query covers, as a subquery of one column `id` with one parameter: the round, or the ids
 * as one JSON array (one statement for any number of ids).
 */
function scope(q: SummaryQuery): { sql: string; arg: number | string } {
  return q.ids ? { sql: 'SELECT value AS id FROM json_each(?)', arg: JSON.stringify(q.ids) } : { sql: 'SELECT id FROM problems WHERE round_id = ?', arg: q.roundId };
}

function rows<T extends readonly unknown[]>(db: Db, sql: string, ...args: unknown[]): T[] {
  return cachedStatement(db, sql, { rows: 'arrays' }).all(...(args as never[])) as T[];
}

/** Names linked to each problem (leaders, cooperating units), in their order. */
function namesByProblem(db: Db, link: 'leaders' | 'units', q: SummaryQuery): Map<number, string[]> {
  const s = scope(q);
  const sql =
    link === 'leaders'
      ? `SELECT pl.problem_id, l.name FROM problem_leaders pl JOIN leaders l ON l.id = pl.leader_id
         WHERE pl.problem_id IN (${s.sql}) ORDER BY pl.problem_id, pl.ord`
      : `SELECT pu.problem_id, u.name FROM problem_units pu JOIN units u ON u.id = pu.unit_id
         WHERE pu.problem_id IN (${s.sql}) ORDER BY pu.problem_id, pu.ord`;
  const out = new Map<number, string[]>();
  for (const [id, name] of rows<[number, string]>(db, sql, s.arg)) {
    const list = out.get(id);
    if (list) list.push(name);
    else out.set(id, [name]);
  }
  return out;
}

interface Aggregates {
  leaders: Map<number, string[]>;
  /** [live measures, of which 已完成] */
  measures: Map<number, [number, number]>;
  evidence: Map<number, number>;
  latestProgress: Map<number, { date: string; text: string }>;
  lastChangeAt: Map<number, string>;
}

function aggregates(db: Db, q: SummaryQuery): Aggregates {
  if (!q.ids) return roundAggregates(db, q);
  const s = scope(q);
  const measures = new Map<number, [number, number]>();
  for (const [id, n, done] of rows<[number, number, number]>(
    db,
    `SELECT m.problem_id, count(*), sum(m.status = '已完成') FROM measures m
     WHERE m.problem_id IN (${s.sql}) AND m.deleted_at IS NULL GROUP BY m.problem_id`,
    s.arg,
  ))
    measures.set(id, [n, done]);
  const evidence = new Map(
    rows<[number, number]>(
      db,
      `SELECT e.problem_id, count(*) FROM evidence e WHERE e.problem_id IN (${s.sql}) AND e.deleted_at IS NULL GROUP BY e.problem_id`,
      s.arg,
    ),
  );
  // The latest entry by date (then by entry order), looked up per problem through progress_problem.
  const latestProgress = new Map<number, { date: string; text: string }>();
  for (const [id, date, text] of rows<[number, string, string]>(
    db,
    `SELECT g.problem_id, g.date, g.text FROM progress g WHERE g.id IN (
       SELECT (SELECT x.id FROM progress x WHERE x.problem_id = s.id AND x.deleted_at IS NULL ORDER BY x.date DESC, x.id DESC LIMIT 1)
       FROM (${s.sql}) s)`,
    s.arg,
  ))
    latestProgress.set(id, { date, text });
  // Action ids grow with time: the last action that touched a problem is its last change.
  const lastChangeAt = new Map(
    rows<[number, string]>(
      db,
      `SELECT h.problem_id, a.at FROM (SELECT problem_id, max(action_id) AS action_id FROM history
       WHERE problem_id IN (${s.sql}) GROUP BY problem_id) h JOIN actions a ON a.id = h.action_id`,
      s.arg,
    ),
  );
  return { leaders: namesByProblem(db, 'leaders', q), measures, evidence, latestProgress, lastChangeAt };
}

/**
 * The same for a whole round, each in one pass over its table instead of one index lookup per problem of
 * the round (at 100,000 problems 1.0 s of SQLite instead of 2.3 s): measures through the round's problems
 * (CROSS JOIN: the outer loop is the round), evidence and progress read in table order, the last action
 * per problem from history's covering index. The last three cover every round; a problem of another round
 * is simply never asked about.
 */
function roundAggregates(db: Db, q: SummaryQuery): Aggregates {
  const measures = new Map<number, [number, number]>();
  for (const [id, n, done] of rows<[number, number, number]>(
    db,
    `SELECT m.problem_id, count(*), sum(m.status = '已完成') FROM problems p CROSS JOIN measures m ON m.problem_id = p.id
     WHERE p.round_id = ? AND m.deleted_at IS NULL GROUP BY m.problem_id`,
    q.roundId,
  ))
    measures.set(id, [n, done]);
  const evidence = new Map<number, number>();
  for (const [id] of rows<[number]>(db, 'SELECT problem_id FROM evidence NOT INDEXED WHERE deleted_at IS NULL'))
    evidence.set(id, (evidence.get(id) ?? 0) + 1);
  // The latest entry by date, then by entry order (the larger id).
  const latest = new Map<number, { date: string; id: number; text: string }>();
  for (const [problemId, date, id, text] of rows<[number, string, number, string]>(
    db,
    'SELECT problem_id, date, id, text FROM progress NOT INDEXED WHERE deleted_at IS NULL',
  )) {
    const was = latest.get(problemId);
    if (!was || date > was.date || (date === was.date && id > was.id)) latest.set(problemId, { date, id, text });
  }
  const latestProgress = new Map<number, { date: string; text: string }>();
  for (const [problemId, { date, text }] of latest) latestProgress.set(problemId, { date, text });
  // Action ids grow with time: the last action that touched a problem is its last change.
  const lastChangeAt = new Map(
    rows<[number, string]>(
      db,
      `SELECT h.problem_id, a.at FROM (SELECT problem_id, max(action_id) AS action_id FROM history
       WHERE problem_id IS NOT NULL GROUP BY problem_id) h JOIN actions a ON a.id = h.action_id`,
    ),
  );
  return { leaders: namesByProblem(db, 'leaders', q), measures, evidence, latestProgress, lastChangeAt };
}

const TABLE_COLUMNS = `p.id, p.category_id, p.parent_id, p.kind, p.code, p.sort, p.text, u.name, p.deadline_raw, p.deadline_kind,
  p.deadline_date, p.status, p.status_source, p.status_reason, p.completed_date, c.sort, g.sort`;
type TableColumns = [
  id: number,
  categoryId: number,
  parentId: number | null,
  kind: ProblemKind,
  code: string,
  sort: number,
  text: string,
  leadUnit: string | null,
  deadlineRaw: string,
  deadlineKind: DeadlineKind,
  deadlineDate: string | null,
  status: ProblemStatus,
  statusSource: StatusSource,
  statusReason: string,
  completedDate: string | null,
  categorySort: number,
  parentSort: number | null,
];
/** A row that starts with the table's columns (the summaries' rows go on with more). */
type StartsWithTableColumns = readonly [...TableColumns, ...unknown[]];
const SUMMARY_COLUMNS = `p.round_id, c.no, c.title, p.no, p.responsible_person, p.workflow, p.public, p.notes, p.created_at, p.deleted_at`;
type SummaryExtraColumns = [
  roundId: number,
  categoryNo: number,
  categoryTitle: string,
  no: number,
  responsiblePerson: string,
  workflow: ProblemSummary['workflow'],
  isPublic: number,
  notes: string,
  createdAt: string,
  deletedAt: string | null,
];
type SummaryColumns = [...TableColumns, ...SummaryExtraColumns];

function problemRows<T extends StartsWithTableColumns>(db: Db, q: SummaryQuery, columns: string): T[] {
  const where = ['p.round_id = ?'];
  if (q.onlyDeleted) where.push('p.deleted_at IS NOT NULL');
  else if (!q.includeDeleted) where.push('p.deleted_at IS NULL', 'c.deleted_at IS NULL');
  if (q.ids) where.push('p.id IN (SELECT value FROM json_each(?))');
  const sql = `SELECT ${columns} FROM problems p JOIN categories c ON c.id = p.category_id
    LEFT JOIN units u ON u.id = p.lead_unit_id LEFT JOIN problems g ON g.id = p.parent_id WHERE ${where.join(' AND ')}`;
  return rows<T>(db, sql, q.roundId, ...(q.ids ? [JSON.stringify(q.ids)] : []));
}

function tableProblem(r: StartsWithTableColumns, a: Aggregates): TableProblem {
  const [id, categoryId, parentId, kind, code, sort, text, leadUnit, raw, deadlineKind, date, status, statusSource, statusReason, completedDate] = r;
  const measures = a.measures.get(id);
  return {
    id,
    categoryId,
    parentId,
    kind,
    code,
    sort,
    text,
    leaders: a.leaders.get(id) ?? [],
    leadUnit,
    deadline: { raw, kind: deadlineKind, date },
    status,
    statusSource,
    statusReason,
    completedDate,
    measureCount: measures?.[0] ?? 0,
    measuresCompleted: measures?.[1] ?? 0,
    latestProgress: a.latestProgress.get(id) ?? null,
    evidenceCount: a.evidence.get(id) ?? 0,
    lastChangeAt: a.lastChangeAt.get(id) ?? null,
  };
}

/** In ledger order (categories, each general problem followed by its specific problems). */
function inLedgerOrder<T extends { id: number; parentId: number | null }>(list: T[], columns: readonly StartsWithTableColumns[]): T[] {
  const sorts = new Map(columns.map((r) => [r[0], r]));
  return ledgerOrder(list, (p) => {
    const r = sorts.get(p.id)!;
    return { categorySort: r[15], sort: r[5], parentSort: r[16] };
  });
}

/**
 * The ids of the round's live problems (of live categories) in ledger order, from a query of five columns:
 * what a long list walks page by page (problemDetailPages) instead of loading every problem at once.
 */
export function ledgerOrderIds(db: Db, roundId: number): number[] {
  const order = rows<[number, number | null, number, number, number | null]>(
    db,
    `SELECT p.id, p.parent_id, c.sort, p.sort, g.sort FROM problems p JOIN categories c ON c.id = p.category_id
     LEFT JOIN problems g ON g.id = p.parent_id
     WHERE p.round_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL`,
    roundId,
  ).map(([id, parentId, categorySort, sort, parentSort]) => ({ id, parentId, categorySort, sort, parentSort }));
  return ledgerOrder(order, (r) => r).map((r) => r.id);
}

/** The ledger table's rows: live problems of live categories (or those of `ids` that still are), in ledger order. */
export function listTableProblems(db: Db, q: { roundId: number; ids?: readonly number[] }): TableProblem[] {
  if (q.ids?.length === 0) return [];
  const columns = problemRows<TableColumns>(db, q, TABLE_COLUMNS);
  const a = aggregates(db, q);
  return inLedgerOrder(
    columns.map((r) => tableProblem(r, a)),
    columns,
  );
}

export function listProblemSummaries(db: Db, q: SummaryQuery): ProblemSummary[] {
  if (q.ids?.length === 0) return [];
  const columns = problemRows<SummaryColumns>(db, q, `${TABLE_COLUMNS}, ${SUMMARY_COLUMNS}`);
  const a = aggregates(db, q);
  const units = namesByProblem(db, 'units', q);
  const summaries = columns.map((r): ProblemSummary => {
    const [, , , , , , , , , , , , , , , , , roundId, categoryNo, categoryTitle, no, responsiblePerson, workflow, isPublic, notes, createdAt, deletedAt] = r;
    // Fields added to the table row's object, not spread into a new one: a spread of 30 fields costs more
    // than every query here together.
    const summary = tableProblem(r, a) as ProblemSummary;
    summary.roundId = roundId;
    summary.categoryNo = categoryNo;
    summary.categoryTitle = categoryTitle;
    summary.no = no;
    summary.units = units.get(r[0]) ?? [];
    summary.responsiblePerson = responsiblePerson;
    summary.workflow = workflow;
    summary.public = isPublic === 1;
    summary.notes = notes;
    summary.createdAt = createdAt;
    summary.deletedAt = deletedAt;
    return summary;
  });
  return inLedgerOrder(summaries, columns);
}

/**
 * The first `limit` of the round's live problems in ledger order, and how many there are: what the table's
 * first screen needs, before the rest. `categories` are the round's live categories in order with their
 * live problems counted (listCategories, which the table asks for anyway): only the first categories'
 * problems are read, through their index, and SQLite keeps only the first rows while it sorts
 * (ORDER BY … LIMIT). At 100,000 problems that is 9 ms where sorting the round took 250. The order is
 * shared/domain/order.ts's key, written in SQL (test/core/table.test.ts holds the two equal).
 */
export function ledgerOrderHead(
  db: Db,
  roundId: number,
  limit: number,
  categories: readonly { id: number; sort: number; problemCount: number }[],
): { ids: number[]; total: number } {
  const total = categories.reduce((sum, c) => sum + c.problemCount, 0);
  // The categories the first rows can come from: in order until they hold `limit` problems, and any other
  // of the same place (categories with equal sort share it, so their problems interleave).
  const first: number[] = [];
  let held = 0;
  let lastSort: number | null = null;
  for (const c of [...categories].sort((a, b) => a.sort - b.sort)) {
    if (held >= limit && c.sort !== lastSort) break;
    first.push(c.id);
    held += c.problemCount;
    lastSort = c.sort;
  }
  // `+p.round_id`: not through the round's index (every problem of the round), through the categories'.
  const ids = rows<[number]>(
    db,
    `SELECT p.id FROM problems p JOIN categories c ON c.id = p.category_id LEFT JOIN problems g ON g.id = p.parent_id
     WHERE p.category_id IN (SELECT value FROM json_each(?)) AND +p.round_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL
     ORDER BY c.sort,
       CASE WHEN p.parent_id IS NULL THEN p.sort ELSE coalesce(g.sort, 0) END,
       coalesce(p.parent_id, p.id),
       p.parent_id IS NOT NULL,
       CASE WHEN p.parent_id IS NULL THEN 0 ELSE p.sort END,
       p.id
     LIMIT ?`,
    JSON.stringify(first),
    roundId,
    limit,
  ).map(([id]) => id);
  return { ids, total };
}
