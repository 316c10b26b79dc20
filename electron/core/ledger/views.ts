import type { Db } from '../db/open';
import type { HistoryEntry, MeasureView, ProblemDetail, ProblemSummary, ProgressView } from '../../../shared/domain/types';
import type { DeadlineKind } from '../../../shared/domain/deadline';
import type { MeasureStatus } from '../../../shared/domain/status';
import { ledgerOrder } from '../../../shared/domain/order';
import type { ProblemRow } from './problems';
import type { MeasureRow } from './measures';

interface SummaryRow extends ProblemRow {
  parent_sort: number | null;
  category_no: number;
  category_title: string;
  category_sort: number;
  lead_unit: string | null;
}

function groupNames(db: Db, sql: string, args: unknown[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of db.raw.prepare(sql).all(...(args as never[])) as { problem_id: number; name: string }[]) {
    if (!out.has(r.problem_id)) out.set(r.problem_id, []);
    out.get(r.problem_id)!.push(r.name);
  }
  return out;
}

function countMap(db: Db, sql: string, args: unknown[]): Map<number, { n: number; done: number }> {
  return new Map(
    (db.raw.prepare(sql).all(...(args as never[])) as { problem_id: number; n: number; done: number }[]).map((r) => [
      r.problem_id,
      { n: r.n, done: r.done },
    ]),
  );
}

// Ledger order is a pure rule shared with the renderer (which re-sorts after merging changed rows).
export { ledgerOrder } from '../../../shared/domain/order';

export interface SummaryQuery {
  roundId: number;
  includeDeleted?: boolean;
  onlyDeleted?: boolean;
  ids?: number[];
}

export function listProblemSummaries(db: Db, q: SummaryQuery): ProblemSummary[] {
  const where = ['p.round_id = ?'];
  const args: unknown[] = [q.roundId];
  if (q.onlyDeleted) where.push('p.deleted_at IS NOT NULL');
  else if (!q.includeDeleted) where.push('p.deleted_at IS NULL', 'c.deleted_at IS NULL');
  if (q.ids) {
    if (q.ids.length === 0) return [];
    where.push(`p.id IN (${q.ids.map(() => '?').join(',')})`);
    args.push(...q.ids);
  }
  const rows = db.raw
    .prepare(
      `SELECT p.*, g.sort AS parent_sort, c.no AS category_no, c.title AS category_title, c.sort AS category_sort, u.name AS lead_unit
       FROM problems p JOIN categories c ON c.id = p.category_id LEFT JOIN units u ON u.id = p.lead_unit_id
       LEFT JOIN problems g ON g.id = p.parent_id
       WHERE ${where.join(' AND ')}`,
    )
    .all(...(args as never[])) as SummaryRow[];
  // With a short list of ids (one edited row), aggregate only those problems: the round-wide queries
  // cost tens of milliseconds on a ledger of 10,000 problems, and every edit asks for its row.
  const only = q.ids && q.ids.length <= 500 ? ` AND p.id IN (${q.ids.map(() => '?').join(',')})` : '';
  const r = only ? [q.roundId, ...q.ids!] : [q.roundId];
  const leaders = groupNames(
    db,
    `SELECT pl.problem_id, l.name FROM problem_leaders pl JOIN leaders l ON l.id = pl.leader_id
     JOIN problems p ON p.id = pl.problem_id WHERE p.round_id = ?${only} ORDER BY pl.problem_id, pl.ord`,
    r,
  );
  const units = groupNames(
    db,
    `SELECT pu.problem_id, u.name FROM problem_units pu JOIN units u ON u.id = pu.unit_id
     JOIN problems p ON p.id = pu.problem_id WHERE p.round_id = ?${only} ORDER BY pu.problem_id, pu.ord`,
    r,
  );
  const measures = countMap(
    db,
    `SELECT m.problem_id, count(*) AS n, sum(m.status = '已完成') AS done FROM measures m JOIN problems p ON p.id = m.problem_id
     WHERE p.round_id = ?${only} AND m.deleted_at IS NULL GROUP BY m.problem_id`,
    r,
  );
  const evidence = countMap(
    db,
    `SELECT e.problem_id, count(*) AS n, 0 AS done FROM evidence e JOIN problems p ON p.id = e.problem_id
     WHERE p.round_id = ?${only} AND e.deleted_at IS NULL GROUP BY e.problem_id`,
    r,
  );
  const latest = new Map(
    (
      db.raw
        .prepare(
          `SELECT g.problem_id, g.date, g.text FROM progress g JOIN problems p ON p.id = g.problem_id
           WHERE p.round_id = ?${only} AND g.deleted_at IS NULL ORDER BY g.problem_id, g.date, g.id`,
        )
        .all(...(r as never[])) as { problem_id: number; date: string; text: string }[]
    ).map((x) => [x.problem_id, { date: x.date, text: x.text }]),
  );
  const lastChange = new Map(
    (
      db.raw
        .prepare(
          `SELECT h.problem_id, max(a.at) AS at FROM history h JOIN actions a ON a.id = h.action_id
           WHERE h.problem_id IN (SELECT p.id FROM problems p WHERE p.round_id = ?${only}) GROUP BY h.problem_id`,
        )
        .all(...(r as never[])) as { problem_id: number; at: string }[]
    ).map((x) => [x.problem_id, x.at]),
  );
  const summaries = rows.map(
    (p): ProblemSummary => ({
      id: p.id,
      roundId: p.round_id,
      categoryId: p.category_id,
      categoryNo: p.category_no,
      categoryTitle: p.category_title,
      parentId: p.parent_id,
      kind: p.kind,
      no: p.no,
      code: p.code,
      sort: p.sort,
      text: p.text,
      leaders: leaders.get(p.id) ?? [],
      leadUnit: p.lead_unit,
      units: units.get(p.id) ?? [],
      responsiblePerson: p.responsible_person,
      deadline: { raw: p.deadline_raw, kind: p.deadline_kind, date: p.deadline_date },
      status: p.status,
      statusSource: p.status_source,
      statusReason: p.status_reason,
      completedDate: p.completed_date,
      workflow: p.workflow,
      public: p.public === 1,
      notes: p.notes,
      measureCount: measures.get(p.id)?.n ?? 0,
      measuresCompleted: measures.get(p.id)?.done ?? 0,
      latestProgress: latest.get(p.id) ?? null,
      evidenceCount: evidence.get(p.id)?.n ?? 0,
      lastChangeAt: lastChange.get(p.id) ?? null,
      createdAt: p.created_at,
      deletedAt: p.deleted_at,
    }),
  );
  const byId = new Map(rows.map((x) => [x.id, x]));
  return ledgerOrder(summaries, (p) => {
    const row = byId.get(p.id)!;
    return { categorySort: row.category_sort, sort: row.sort, parentSort: row.parent_sort };
  });
}

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
export function measuresByProblem(db: Db, roundId: number): Map<number, MeasureView[]> {
  const out = new Map<number, MeasureView[]>();
  const rows = db.raw
    .prepare(
      `SELECT m.* FROM measures m JOIN problems p ON p.id = m.problem_id
       WHERE p.round_id = ? AND m.deleted_at IS NULL ORDER BY m.problem_id, m.no, m.id`,
    )
    .all(roundId) as MeasureRow[];
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

export function progressByProblem(db: Db, roundId: number): Map<number, ProgressView[]> {
  const out = new Map<number, ProgressView[]>();
  const rows = db.raw
    .prepare(
      `SELECT g.* FROM progress g JOIN problems p ON p.id = g.problem_id
       WHERE p.round_id = ? AND g.deleted_at IS NULL ORDER BY g.problem_id, g.date, g.id`,
    )
    .all(roundId) as ProgressRow[];
  for (const g of rows) {
    if (!out.has(g.problem_id)) out.set(g.problem_id, []);
    out.get(g.problem_id)!.push(toProgressView(g));
  }
  return out;
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
  return { ...summary, measures, progress };
}

/** Every problem with its measures and progress, in ledger order (for lists, exports and reports). */
export function listProblemDetails(db: Db, roundId: number): ProblemDetail[] {
  const measures = measuresByProblem(db, roundId);
  const progress = progressByProblem(db, roundId);
  return listProblemSummaries(db, { roundId }).map((s) => ({
    ...s,
    measures: measures.get(s.id) ?? [],
    progress: progress.get(s.id) ?? [],
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
