import type { Db } from '../db/open';
import type { HistoryEntry, MeasureView, ProblemDetail, ProblemSummary, ProgressView } from '../../../shared/domain/types';
import type { DeadlineKind } from '../../../shared/domain/deadline';
import type { MeasureStatus } from '../../../shared/domain/status';
import { ledgerOrderIds, listProblemSummaries } from './summaries';
import type { MeasureRow } from './measures';
import { extrasByProblem, extrasOf } from './extras';

// The summaries of problems live in summaries.ts; re-exported here, where callers have always found them.
export { listProblemSummaries, listTableProblems, type SummaryQuery } from './summaries';
// Ledger order is a pure rule shared with the renderer (which re-sorts after merging changed rows).
export { ledgerOrder } from '../../../shared/domain/order';

export function toMeasureView(m: MeasureRow): MeasureView {
  return {
    id: m.id,
    problemId: m.problem_id,
    no: m.no,
    text: m.text,
    status: m.status as MeasureStatus,
    deadline: { raw: m.deadline_raw, kind: m.deadline_kind as DeadlineKind, date: m.deadline_date },
    completedDate: m.completed_date,
  };
}

/** Live measures of many problems at once, keyed by problem id, in measure order. */
/** Measures of the round's problems (or of those of `ids` only), by problem. */
export function measuresByProblem(db: Db, roundId: number, ids?: readonly number[]): Map<number, MeasureView[]> {
  const out = new Map<number, MeasureView[]>();
  const only = ids ? 'AND m.problem_id IN (SELECT value FROM json_each(?))' : '';
  const rows = db.raw
    .prepare(
      `SELECT m.* FROM measures m JOIN problems p ON p.id = m.problem_id
       WHERE p.round_id = ? AND m.deleted_at IS NULL ${only} ORDER BY m.problem_id, m.no, m.id`,
    )
    .all(roundId, ...(ids ? [JSON.stringify(ids)] : [])) as MeasureRow[];
  for (const m of rows) {
    if (!out.has(m.problem_id)) out.set(m.problem_id, []);
    out.get(m.problem_id)!.push(toMeasureView(m));
  }
  return out;
}

interface ProgressRow {
  id: number;
  problem_id: number;
  measure_id: number | null;
  date: string;
  text: string;
  source: string;
  batch_id: number | null;
  created_at: string;
}

function toProgressView(g: ProgressRow): ProgressView {
  return {
    id: g.id,
    problemId: g.problem_id,
    measureId: g.measure_id,
    date: g.date,
    text: g.text,
    source: g.source,
    batchId: g.batch_id,
    createdAt: g.created_at,
  };
}

/** Progress of the round's problems (or of those of `ids` only), by problem. */
export function progressByProblem(db: Db, roundId: number, ids?: readonly number[]): Map<number, ProgressView[]> {
  const out = new Map<number, ProgressView[]>();
  const only = ids ? 'AND g.problem_id IN (SELECT value FROM json_each(?))' : '';
  const rows = db.raw
    .prepare(
      `SELECT g.* FROM progress g JOIN problems p ON p.id = g.problem_id
       WHERE p.round_id = ? AND g.deleted_at IS NULL ${only} ORDER BY g.problem_id, g.date, g.id`,
    )
    .all(roundId, ...(ids ? [JSON.stringify(ids)] : [])) as ProgressRow[];
  for (const g of rows) {
    if (!out.has(g.problem_id)) out.set(g.problem_id, []);
    out.get(g.problem_id)!.push(toProgressView(g));
  }
  return out;
}

/**
 * The same problems as listProblemDetails, in the same order, a page at a time: a command that writes a
 * long list (`list --json` of 100,000 problems) holds one page of objects, not the whole round.
 */
export function* problemDetailPages(db: Db, roundId: number, pageSize = 2000): Generator<ProblemDetail[]> {
  const ids = ledgerOrderIds(db, roundId);
  for (let i = 0; i < ids.length; i += pageSize) yield problemDetailsOf(db, roundId, ids.slice(i, i + pageSize));
}

/** The details of one page of problems, in the order of `ids` (those that are live, of live categories). */
export function problemDetailsOf(db: Db, roundId: number, ids: readonly number[]): ProblemDetail[] {
  const measures = measuresByProblem(db, roundId, ids);
  const progress = progressByProblem(db, roundId, ids);
  const extras = extrasByProblem(db, roundId, ids);
  const details = listProblemSummaries(db, { roundId, ids }).map((s) => ({
    ...s,
    measures: measures.get(s.id) ?? [],
    progress: progress.get(s.id) ?? [],
    extras: extras.get(s.id) ?? [],
  }));
  const at = new Map(ids.map((id, i) => [id, i]));
  return details.sort((a, b) => at.get(a.id)! - at.get(b.id)!);
}

export function getProblemDetail(db: Db, id: number): ProblemDetail | null {
  const row = db.raw.prepare('SELECT round_id FROM problems WHERE id = ?').get(id) as { round_id: number } | undefined;
  if (!row) return null;
  const [summary] = listProblemSummaries(db, { roundId: row.round_id, includeDeleted: true, ids: [id] });
  if (!summary) return null;
  const measures = (
    db.raw.prepare('SELECT * FROM measures WHERE problem_id = ? AND deleted_at IS NULL ORDER BY no, id').all(id) as MeasureRow[]
  ).map(toMeasureView);
  const progress = (
    db.raw.prepare('SELECT * FROM progress WHERE problem_id = ? AND deleted_at IS NULL ORDER BY date, id').all(id) as ProgressRow[]
  ).map(toProgressView);
  return { ...summary, measures, progress, extras: extrasOf(db, id) };
}

/** Every problem with its measures and progress, in ledger order (for lists, exports and reports). */
export function listProblemDetails(db: Db, roundId: number): ProblemDetail[] {
  const measures = measuresByProblem(db, roundId);
  const progress = progressByProblem(db, roundId);
  const extras = extrasByProblem(db, roundId);
  return listProblemSummaries(db, { roundId }).map((s) => ({
    ...s,
    measures: measures.get(s.id) ?? [],
    progress: progress.get(s.id) ?? [],
    extras: extras.get(s.id) ?? [],
  }));
}

interface HistoryRow {
  id: number;
  action_id: number;
  at: string;
  actor: string;
  source: string;
  label: string;
  batch_id: number | null;
  tbl: string;
  row_id: number;
  field: string;
  old_value: unknown;
  new_value: unknown;
  problem_id: number | null;
}

function toHistory(r: HistoryRow): HistoryEntry {
  return {
    id: r.id,
    actionId: r.action_id,
    at: r.at,
    actor: r.actor,
    source: r.source,
    label: r.label,
    batchId: r.batch_id,
    table: r.tbl,
    rowId: r.row_id,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    problemId: r.problem_id,
  };
}

const HISTORY_SELECT = `SELECT h.*, a.at, a.actor, a.source, a.label, a.batch_id FROM history h JOIN actions a ON a.id = h.action_id`;

export function problemHistory(db: Db, problemId: number): HistoryEntry[] {
  return (db.raw.prepare(`${HISTORY_SELECT} WHERE h.problem_id = ? ORDER BY h.id DESC`).all(problemId) as HistoryRow[]).map(toHistory);
}

export interface HistoryQuery {
  from?: string;
  to?: string;
  source?: string;
  batchId?: number;
  limit?: number;
  beforeId?: number;
}

export function ledgerHistory(db: Db, q: HistoryQuery): HistoryEntry[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.from) (where.push('a.at >= ?'), args.push(q.from));
  if (q.to) (where.push('a.at < ?'), args.push(q.to));
  if (q.source) (where.push('a.source = ?'), args.push(q.source));
  if (q.batchId != null) (where.push('a.batch_id = ?'), args.push(q.batchId));
  if (q.beforeId != null) (where.push('h.id < ?'), args.push(q.beforeId));
  const sql = `${HISTORY_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY h.id DESC LIMIT ?`;
  args.push(Math.min(q.limit ?? 500, 5000));
  return (db.raw.prepare(sql).all(...(args as never[])) as HistoryRow[]).map(toHistory);
}
