import type { Db } from '../db/open';
import { cachedStatement } from '../db/statements';
import type { ProblemKind } from '../../../shared/domain/types';
import type { ProblemStatus } from '../../../shared/domain/status';
import { deriveProblemStatus, isDoneStatus, isProblemStatus, type MeasureStatus } from '../../../shared/domain/status';
import { readDeadline, UNPARSED_DEADLINE_NOTE, type DeadlineKind } from '../../../shared/domain/deadline';
import { isIsoDate } from '../../../shared/domain/dates';
import { formatCode } from '../../../shared/domain/code';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { resolvePerson, splitUnitCell } from './people';
import { getCategory, getRound, roundYear } from './rounds';
import { updateChanged } from './write';

export interface ProblemRow {
  id: number;
  round_id: number;
  category_id: number;
  parent_id: number | null;
  kind: ProblemKind;
  no: number;
  code: string;
  sort: number;
  text: string;
  lead_unit_id: number | null;
  responsible_person: string;
  deadline_raw: string;
  deadline_kind: DeadlineKind;
  deadline_date: string | null;
  status: ProblemStatus;
  status_source: 'derived' | 'manual' | 'import';
  status_reason: string;
  completed_date: string | null;
  workflow: '' | '申请延期' | '待销号' | '已销号';
  public: number;
  notes: string;
  created_at: string;
  deleted_at: string | null;
}

export interface DeadlineInput {
  raw: string;
  /** When given (a date picker, a kind chosen from the list) it is used as is; otherwise raw is parsed. */
  kind?: DeadlineKind;
  date?: string | null;
}

export interface NewProblem {
  categoryId: number;
  parentId?: number | null;
  kind: ProblemKind;
  text: string;
  /** Explicit canonical code (from an imported sheet); otherwise the next free number is used. */
  code?: string;
  leaders?: string[];
  leadUnit?: string | null;
  units?: string[];
  responsiblePerson?: string;
  deadline?: DeadlineInput;
  public?: boolean;
  notes?: string;
  /** Place after this sibling; default at the end. */
  afterId?: number | null;
}

export function getProblemRow(db: Db, id: number): ProblemRow {
  const row = cachedStatement(db, 'SELECT * FROM problems WHERE id = ?').get(id) as ProblemRow | undefined;
  if (!row) throw new LedgerError('PROBLEM_NOT_FOUND', `找不到问题（编号 ${id}）。`);
  return row;
}

/** The check of getProblemRow without reading the row (adding progress to a problem needs no more). */
export function assertProblemExists(db: Db, id: number): void {
  if (!cachedStatement(db, 'SELECT 1 FROM problems WHERE id = ?').get(id)) throw new LedgerError('PROBLEM_NOT_FOUND', `找不到问题（编号 ${id}）。`);
}

export function findProblemByCode(db: Db, roundId: number, code: string): ProblemRow | undefined {
  return cachedStatement(db, 'SELECT * FROM problems WHERE round_id = ? AND code = ?').get(roundId, code) as ProblemRow | undefined;
}

/** Resolve a deadline input against the round's year; an impossible date is refused with its reason. */
export function resolveDeadline(db: Db, roundId: number, input: DeadlineInput): { raw: string; kind: DeadlineKind; date: string | null } {
  const raw = (input.raw ?? '').trim();
  if (input.kind) {
    const needsDate = input.kind === 'date' || input.kind === 'date+long-term';
    if (needsDate && !isIsoDate(input.date)) throw new LedgerError('BAD_DEADLINE', `整改时限的日期无效：${input.date ?? '（空）'}`);
    return { raw, kind: input.kind, date: needsDate ? input.date! : null };
  }
  const reading = readDeadline(raw, roundYear(getRound(db, roundId)));
  if (reading.state === 'invalid') throw new LedgerError('BAD_DEADLINE', reading.message);
  // Unreadable text is kept only when the caller says so (kind 'text'): a person confirmed it, or an
  // import listed it as a warning. Never silently: it drops out of every deadline-based figure.
  if (reading.state === 'unparsed') {
    throw new LedgerError('UNPARSED_DEADLINE', `${reading.message}。确认只保留文字后才能保存（${UNPARSED_DEADLINE_NOTE}）。`, { raw });
  }
  return reading.deadline;
}

function nextNumber(db: Db, roundId: number, prefix: string, siblingsSql: string, args: unknown[]): number {
  const max = cachedStatement(db, `SELECT coalesce(max(no), 0) AS n FROM problems WHERE ${siblingsSql}`).get(...(args as never[])) as { n: number };
  let n = max.n + 1;
  while (findProblemByCode(db, roundId, `${prefix}-${n}`)) n++;
  return n;
}

/** The sort key for a new sibling: after `afterId`, or at the end. Two indexed lookups, not a scan of the siblings. */
function sortAfter(db: Db, siblingsSql: string, args: unknown[], afterId: number | null | undefined): number {
  const last = () => ((cachedStatement(db, `SELECT max(sort) AS s FROM problems WHERE ${siblingsSql}`).get(...(args as never[])) as { s: number | null }).s ?? 0) + 1;
  if (afterId == null) return last();
  const at = cachedStatement(db, `SELECT sort FROM problems WHERE id = ? AND ${siblingsSql}`).get(afterId, ...(args as never[])) as { sort: number } | undefined;
  if (!at) return last();
  const next = cachedStatement(db, `SELECT min(sort) AS s FROM problems WHERE ${siblingsSql} AND sort > ?`).get(...(args as never[]), at.sort) as { s: number | null };
  return next.s != null ? (at.sort + next.s) / 2 : at.sort + 1;
}

/** Must run inside an action. */
export function createProblem(db: Db, input: NewProblem): number {
  const category = getCategory(db, input.categoryId);
  const roundId = category.roundId;
  const text = input.text.trim();
  if (!text) throw new LedgerError('EMPTY_TEXT', '问题内容不能为空。');
  let parent: ProblemRow | null = null;
  if (input.kind === 'specific') {
    if (input.parentId == null) throw new LedgerError('NO_PARENT', '具体问题必须属于一个面上问题。');
    parent = getProblemRow(db, input.parentId);
    if (parent.kind !== 'general' || parent.category_id !== category.id) {
      throw new LedgerError('BAD_PARENT', '具体问题只能放在同一类别的面上问题之下。');
    }
  }
  const siblingsSql =
    input.kind === 'general' ? 'category_id = ? AND parent_id IS NULL' : 'parent_id = ?';
  const siblingArgs = input.kind === 'general' ? [category.id] : [parent!.id];
  const prefix = input.kind === 'general' ? String(category.no) : parent!.code;

  let code: string;
  let no: number;
  if (input.code) {
    code = input.code;
    no = Number(code.split('-').at(-1));
    if (findProblemByCode(db, roundId, code)) throw new LedgerError('CODE_TAKEN', `编号 ${code} 已被另一个问题使用。`);
  } else {
    no = nextNumber(db, roundId, prefix, siblingsSql, siblingArgs);
    code = input.kind === 'general' ? formatCode(category.no, no) : `${parent!.code}-${no}`;
  }
  const deadline = resolveDeadline(db, roundId, input.deadline ?? { raw: '' });
  const id = Number(
    cachedStatement(db, 
        `INSERT INTO problems (round_id, category_id, parent_id, kind, no, code, sort, text, responsible_person,
           deadline_raw, deadline_kind, deadline_date, public, notes, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        roundId,
        category.id,
        parent?.id ?? null,
        input.kind,
        no,
        code,
        sortAfter(db, siblingsSql, siblingArgs, input.afterId),
        text,
        input.responsiblePerson?.trim() ?? '',
        deadline.raw,
        deadline.kind,
        deadline.date,
        input.public === false ? 0 : 1,
        input.notes ?? '',
        nowIso(),
      ).lastInsertRowid,
  );
  const units = leadAndCooperating(input.leadUnit, input.units, []);
  if (units.lead) setLeadUnit(db, id, units.lead);
  if (input.leaders?.length) setLeaders(db, id, input.leaders);
  if (units.cooperating?.length) setUnits(db, id, units.cooperating);
  return id;
}

/**
 * A lead-unit cell that names several units (`法治调研科、立法科`) is a lead unit and cooperating ones
 * (DOMAIN §2), never a unit named by the list: the first is the lead, the rest join the cooperating units
 * (those given, or else those the problem has). `cooperating` undefined: leave them as they are.
 */
export function leadAndCooperating(
  leadUnit: string | null | undefined,
  units: string[] | undefined,
  current: string[],
): { lead: string | null | undefined; cooperating: string[] | undefined } {
  const cooperatingIn = units?.flatMap(splitUnitCell);
  if (leadUnit == null) return { lead: leadUnit, cooperating: cooperatingIn };
  const parts = splitUnitCell(leadUnit);
  const lead = parts[0] ?? null;
  const rest = parts.slice(1);
  if (rest.length === 0 && cooperatingIn === undefined) return { lead, cooperating: current.includes(lead ?? '') ? current.filter((u) => u !== lead) : undefined };
  const base = cooperatingIn ?? current;
  const cooperating = [...new Set([...base, ...rest])].filter((u) => u !== lead);
  return { lead, cooperating };
}

export function setLeadUnit(db: Db, problemId: number, unit: string | null): void {
  const unitId = unit && unit.trim() ? resolvePerson(db, 'unit', unit) : null;
  cachedStatement(db, 'UPDATE problems SET lead_unit_id = ? WHERE id = ?').run(unitId, problemId);
}

/** The names of a problem's cooperating units, in order. */
export function cooperatingUnits(db: Db, problemId: number): string[] {
  return (
    db.raw.prepare('SELECT u.name FROM problem_units pu JOIN units u ON u.id = pu.unit_id WHERE pu.problem_id = ? ORDER BY pu.ord').all(problemId) as {
      name: string;
    }[]
  ).map((r) => r.name);
}

function setLinks(db: Db, table: 'problem_leaders' | 'problem_units', col: string, problemId: number, ids: number[]): void {
  const current = cachedStatement(db, `SELECT id, ${col} AS ref, ord FROM ${table} WHERE problem_id = ? ORDER BY ord`).all(problemId) as {
    id: number;
    ref: number;
    ord: number;
  }[];
  const wanted = [...new Set(ids)];
  if (current.length === wanted.length && current.every((c, i) => c.ref === wanted[i])) return;
  for (const c of current) cachedStatement(db, `DELETE FROM ${table} WHERE id = ?`).run(c.id);
  wanted.forEach((ref, i) => cachedStatement(db, `INSERT INTO ${table} (problem_id, ${col}, ord) VALUES (?, ?, ?)`).run(problemId, ref, i));
}

export function setLeaders(db: Db, problemId: number, names: string[]): void {
  setLinks(db, 'problem_leaders', 'leader_id', problemId, names.filter((n) => n.trim()).map((n) => resolvePerson(db, 'leader', n)));
}

/** Cooperating units (配合单位). */
export function setUnits(db: Db, problemId: number, names: string[]): void {
  setLinks(db, 'problem_units', 'unit_id', problemId, names.flatMap(splitUnitCell).map((n) => resolvePerson(db, 'unit', n)));
}

export interface ProblemPatch {
  text?: string;
  leaders?: string[];
  leadUnit?: string | null;
  units?: string[];
  responsiblePerson?: string;
  deadline?: DeadlineInput;
  public?: boolean;
  notes?: string;
  completedDate?: string | null;
}

/** Must run inside an action. Only changed fields are written (and so recorded). */
export function updateProblem(db: Db, id: number, patch: ProblemPatch): void {
  const row = getProblemRow(db, id);
  const next: Partial<ProblemRow> = {};
  if (patch.text !== undefined) {
    const t = patch.text.trim();
    if (!t) throw new LedgerError('EMPTY_TEXT', '问题内容不能为空。');
    next.text = t;
  }
  if (patch.responsiblePerson !== undefined) next.responsible_person = patch.responsiblePerson.trim();
  if (patch.notes !== undefined) next.notes = patch.notes;
  if (patch.public !== undefined) next.public = patch.public ? 1 : 0;
  if (patch.completedDate !== undefined) {
    if (patch.completedDate !== null && !isIsoDate(patch.completedDate)) {
      throw new LedgerError('BAD_DATE', `完成日期无效：${patch.completedDate}`);
    }
    next.completed_date = patch.completedDate;
  }
  if (patch.deadline !== undefined) {
    const d = resolveDeadline(db, row.round_id, patch.deadline);
    Object.assign(next, { deadline_raw: d.raw, deadline_kind: d.kind, deadline_date: d.date });
  }
  updateChanged(db, 'problems', row, next);
  if (patch.leadUnit !== undefined || patch.units !== undefined) {
    const units = leadAndCooperating(patch.leadUnit, patch.units, patch.leadUnit != null ? cooperatingUnits(db, id) : []);
    if (units.lead !== undefined) setLeadUnit(db, id, units.lead);
    if (units.cooperating !== undefined) setUnits(db, id, units.cooperating);
  }
  if (patch.leaders !== undefined) setLeaders(db, id, patch.leaders);
}

/**
 * Set a problem's status explicitly (a person or a return), with its reason; `null` returns the problem to
 * the status derived from its measures. 已完成 without a date takes `completedDate` or stays undated.
 */
export function setProblemStatus(
  db: Db,
  id: number,
  status: ProblemStatus | null,
  options: { source: 'manual' | 'import'; reason?: string; completedDate?: string | null },
): void {
  const row = getProblemRow(db, id);
  if (row.workflow === '待销号' || row.workflow === '已销号') {
    // The sign-off procedure owns the status of a problem in it (signoff/): approve, reject or reopen there.
    throw new LedgerError(
      'IN_SIGNOFF',
      `问题 ${row.code} 正处于销号流程（${row.workflow}），不能直接修改状态。请在“佐证材料”页审核通过、退回或重新打开。`,
    );
  }
  if (status === null) {
    cachedStatement(db, "UPDATE problems SET status_source = 'derived', status_reason = '' WHERE id = ?").run(id);
    refreshDerivedStatus(db, id);
    return;
  }
  if (!isProblemStatus(status)) throw new LedgerError('BAD_STATUS', `未知的状态：${status}`);
  const done = isDoneStatus(status);
  const date = done ? (options.completedDate !== undefined ? options.completedDate : row.completed_date) : null;
  updateChanged(db, 'problems', row, { status, status_source: options.source, status_reason: options.reason ?? '', completed_date: date });
}

/** Recompute a derived status (and its completion date) from the live measures. */
export function refreshDerivedStatus(db: Db, id: number): { status: string; completed_date: string | null } {
  // The columns it compares and writes, not the whole row (a return re-derives thousands of problems).
  const row = cachedStatement(db, 'SELECT id, status, status_source, completed_date FROM problems WHERE id = ?').get(id) as
    | Pick<ProblemRow, 'id' | 'status' | 'status_source' | 'completed_date'>
    | undefined;
  if (!row) throw new LedgerError('PROBLEM_NOT_FOUND', `找不到问题（编号 ${id}）。`);
  if (row.status_source !== 'derived') return { status: row.status, completed_date: row.completed_date };
  const measures = cachedStatement(db, 'SELECT status, completed_date FROM measures WHERE problem_id = ? AND deleted_at IS NULL ORDER BY no')
    .all(id) as { status: MeasureStatus; completed_date: string | null }[];
  const status = deriveProblemStatus(measures.map((m) => m.status));
  let completed: string | null = null;
  if (status === '已完成' && measures.every((m) => m.completed_date)) {
    completed = measures.map((m) => m.completed_date!).sort().at(-1) ?? null;
  }
  updateChanged(db, 'problems', row, { status, completed_date: completed });
  return { status, completed_date: completed };
}

/** Soft delete: the problem and its specific problems leave the table and the statistics; restorable. */
export function deleteProblem(db: Db, id: number): void {
  const row = getProblemRow(db, id);
  if (row.deleted_at) return;
  const at = nowIso();
  cachedStatement(db, 'UPDATE problems SET deleted_at = ? WHERE id = ?').run(at, id);
  if (row.kind === 'general') {
    cachedStatement(db, 'UPDATE problems SET deleted_at = ? WHERE parent_id = ? AND deleted_at IS NULL').run(at, id);
  }
}

export function restoreProblem(db: Db, id: number): void {
  const row = getProblemRow(db, id);
  if (!row.deleted_at) return;
  if (row.parent_id != null) {
    const parent = getProblemRow(db, row.parent_id);
    if (parent.deleted_at) throw new LedgerError('PARENT_DELETED', `请先恢复它所属的面上问题 ${parent.code}。`);
  }
  const cat = getCategory(db, row.category_id);
  if (cat.deletedAt) throw new LedgerError('CATEGORY_DELETED', `请先恢复它所属的类别“${cat.title}”。`);
  cachedStatement(db, 'UPDATE problems SET deleted_at = NULL WHERE id = ?').run(id);
  if (row.kind === 'general') {
    // Bring back the specific problems deleted together with it (same moment), not earlier deletions.
    cachedStatement(db, 'UPDATE problems SET deleted_at = NULL WHERE parent_id = ? AND deleted_at = ?').run(id, row.deleted_at);
  }
}

/**
 * Move a problem: to another category (a general problem, with its specific problems), under another
 * general problem (a specific one), or to another place among its siblings. The code never changes.
 * `afterId`: a sibling to follow, null for the first place, undefined to keep the place (or go last
 * when the parent changes).
 */
export function moveProblem(db: Db, id: number, to: { categoryId?: number; parentId?: number; afterId?: number | null }): void {
  const row = getProblemRow(db, id);
  let siblingsSql: string;
  let args: unknown[];
  let moved = false;
  if (row.kind === 'general') {
    const categoryId = to.categoryId ?? row.category_id;
    if (getCategory(db, categoryId).roundId !== row.round_id) throw new LedgerError('BAD_MOVE', '只能在同一巡察轮次内移动问题。');
    if (categoryId !== row.category_id) {
      cachedStatement(db, 'UPDATE problems SET category_id = ? WHERE id = ? OR parent_id = ?').run(categoryId, id, id);
      moved = true;
    }
    siblingsSql = 'category_id = ? AND parent_id IS NULL AND id <> ?';
    args = [categoryId, id];
  } else {
    const parentId = to.parentId ?? row.parent_id!;
    const parent = getProblemRow(db, parentId);
    if (parent.kind !== 'general' || parent.round_id !== row.round_id) {
      throw new LedgerError('BAD_MOVE', '具体问题只能移到本轮次的面上问题之下。');
    }
    if (parentId !== row.parent_id) {
      cachedStatement(db, 'UPDATE problems SET parent_id = ?, category_id = ? WHERE id = ?').run(parentId, parent.category_id, id);
      moved = true;
    }
    siblingsSql = 'parent_id = ? AND id <> ?';
    args = [parentId, id];
  }
  if (to.afterId === undefined && !moved) return;
  let sort: number;
  if (to.afterId === null) {
    const first = cachedStatement(db, `SELECT min(sort) AS s FROM problems WHERE ${siblingsSql}`).get(...(args as never[])) as { s: number | null };
    sort = first.s == null ? 1 : first.s - 1;
  } else {
    sort = sortAfter(db, siblingsSql, args, to.afterId);
  }
  cachedStatement(db, 'UPDATE problems SET sort = ? WHERE id = ?').run(sort, id);
}
