import type { Db } from '../db/open';
import { cachedStatement } from '../db/statements';
import { isMeasureStatus, type MeasureStatus } from '../../../shared/domain/status';
import { isIsoDate } from '../../../shared/domain/dates';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { assertProblemExists, getProblemRow, refreshDerivedStatus, resolveDeadline, type DeadlineInput } from './problems';
import { updateChanged } from './write';

export interface MeasureRow {
  id: number;
  problem_id: number;
  no: number;
  text: string;
  status: MeasureStatus;
  deadline_raw: string;
  deadline_kind: string;
  deadline_date: string | null;
  completed_date: string | null;
  created_at: string;
  deleted_at: string | null;
}

export interface MeasureInput {
  text: string;
  status?: MeasureStatus;
  deadline?: DeadlineInput;
  completedDate?: string | null;
}

export function getMeasureRow(db: Db, id: number): MeasureRow {
  const row = cachedStatement(db, 'SELECT * FROM measures WHERE id = ?').get(id) as MeasureRow | undefined;
  if (!row) throw new LedgerError('MEASURE_NOT_FOUND', `找不到整改措施（编号 ${id}）。`);
  return row;
}

function liveMeasures(db: Db, problemId: number): MeasureRow[] {
  return cachedStatement(db, 'SELECT * FROM measures WHERE problem_id = ? AND deleted_at IS NULL ORDER BY no, id').all(problemId) as MeasureRow[];
}

function checkStatus(status: string | undefined): void {
  if (status !== undefined && !isMeasureStatus(status)) throw new LedgerError('BAD_STATUS', `未知的措施状态：${status}`);
}

function checkDate(date: string | null | undefined): void {
  if (date != null && !isIsoDate(date)) throw new LedgerError('BAD_DATE', `完成日期无效：${date}`);
}

/** Must run inside an action. `position` is 1-based; default after the last measure. */
export function addMeasure(db: Db, problemId: number, input: MeasureInput, position?: number): number {
  const problem = getProblemRow(db, problemId);
  const text = input.text.trim();
  if (!text) throw new LedgerError('EMPTY_TEXT', '整改措施的内容不能为空。');
  checkStatus(input.status);
  checkDate(input.completedDate);
  const live = liveMeasures(db, problemId);
  const no = position == null ? live.length + 1 : Math.max(1, Math.min(position, live.length + 1));
  for (const m of live.filter((m) => m.no >= no).reverse()) {
    cachedStatement(db, 'UPDATE measures SET no = ? WHERE id = ?').run(m.no + 1, m.id);
  }
  const deadline = resolveDeadline(db, problem.round_id, input.deadline ?? { raw: '' });
  const status = input.status ?? '未启动';
  const id = Number(
    cachedStatement(db, 
        `INSERT INTO measures (problem_id, no, text, status, deadline_raw, deadline_kind, deadline_date, completed_date, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(problemId, no, text, status, deadline.raw, deadline.kind, deadline.date, status === '已完成' ? (input.completedDate ?? null) : null, nowIso())
      .lastInsertRowid,
  );
  refreshDerivedStatus(db, problemId);
  return id;
}

/**
 * Must run inside an action. `refresh: false` leaves the problem's derived status to the caller, who
 * changes several of its measures and re-derives once (refreshDerivedStatus) instead of after each.
 */
export function updateMeasure(db: Db, id: number, patch: Partial<MeasureInput>, options: { refresh?: boolean } = {}): void {
  const row = getMeasureRow(db, id);
  checkStatus(patch.status);
  checkDate(patch.completedDate);
  const next: Partial<MeasureRow> = {};
  if (patch.text !== undefined) {
    const t = patch.text.trim();
    if (!t) throw new LedgerError('EMPTY_TEXT', '整改措施的内容不能为空。');
    next.text = t;
  }
  if (patch.deadline !== undefined) {
    const problem = getProblemRow(db, row.problem_id);
    const d = resolveDeadline(db, problem.round_id, patch.deadline);
    Object.assign(next, { deadline_raw: d.raw, deadline_kind: d.kind, deadline_date: d.date });
  }
  const status = patch.status ?? row.status;
  if (patch.status !== undefined) next.status = patch.status;
  if (status !== '已完成') next.completed_date = null;
  else if (patch.completedDate !== undefined) next.completed_date = patch.completedDate;
  updateChanged(db, 'measures', row, next);
  if (options.refresh !== false) refreshDerivedStatus(db, row.problem_id);
}

/**
 * Every live measure of a problem not yet done, done on `date`, in one statement (a return that reports the
 * problem done): the rows and history rows updateMeasure(…, { status: '已完成', completedDate }, { refresh: false })
 * gives each of them, without reading each first. The caller re-derives the problem's status. Returns how many.
 */
export function completeOpenMeasures(db: Db, problemId: number, date: string): number {
  checkDate(date);
  return cachedStatement(db, "UPDATE measures SET status = '已完成', completed_date = ? WHERE problem_id = ? AND deleted_at IS NULL AND status <> '已完成'").run(date, problemId)
    .changes;
}

/** Soft delete, then renumber the rest so that 第N项 stays positional. */
export function deleteMeasure(db: Db, id: number): void {
  const row = getMeasureRow(db, id);
  if (row.deleted_at) return;
  cachedStatement(db, 'UPDATE measures SET deleted_at = ? WHERE id = ?').run(nowIso(), id);
  renumber(db, row.problem_id, liveMeasures(db, row.problem_id).map((m) => m.id));
  refreshDerivedStatus(db, row.problem_id);
}

/** Put a measure at a 1-based position among the live measures. */
export function moveMeasure(db: Db, id: number, position: number): void {
  const row = getMeasureRow(db, id);
  const ids = liveMeasures(db, row.problem_id).map((m) => m.id).filter((x) => x !== id);
  const at = Math.max(0, Math.min(position - 1, ids.length));
  ids.splice(at, 0, id);
  renumber(db, row.problem_id, ids);
}

function renumber(db: Db, _problemId: number, orderedIds: number[]): void {
  orderedIds.forEach((mid, i) => {
    cachedStatement(db, 'UPDATE measures SET no = ? WHERE id = ? AND no <> ?').run(i + 1, mid, i + 1);
  });
}

export interface ProgressInput {
  date: string;
  text: string;
  measureId?: number | null;
  source?: string;
  batchId?: number | null;
}

/** Must run inside an action. */
/** `problemRead`: the caller read the problem's row in this action (a return's rows), so it exists. */
export function addProgress(db: Db, problemId: number, input: ProgressInput, options: { problemRead?: boolean } = {}): number {
  if (!options.problemRead) assertProblemExists(db, problemId);
  if (!isIsoDate(input.date)) throw new LedgerError('BAD_DATE', `进展日期无效：${input.date}`);
  const text = input.text.trim();
  if (!text) throw new LedgerError('EMPTY_TEXT', '进展内容不能为空。');
  if (input.measureId != null && getMeasureRow(db, input.measureId).problem_id !== problemId) {
    throw new LedgerError('BAD_MEASURE', '该措施不属于这个问题。');
  }
  return Number(
    cachedStatement(db, 'INSERT INTO progress (problem_id, measure_id, date, text, source, batch_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(problemId, input.measureId ?? null, input.date, text, input.source ?? 'manual', input.batchId ?? null, nowIso()).lastInsertRowid,
  );
}

export function deleteProgress(db: Db, id: number): void {
  cachedStatement(db, 'UPDATE progress SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(nowIso(), id);
}
