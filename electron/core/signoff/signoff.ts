import type { Db } from '../db/open';
import type { SignoffState, SignoffStep, SignoffView } from '../../../shared/api/evidence';
import { evidenceNumber } from '../../../shared/domain/code';
import { isIsoDate, todayIso } from '../../../shared/domain/dates';
import { deriveProblemStatus, isDoneStatus, type MeasureStatus } from '../../../shared/domain/status';
import { LedgerError } from '../errors';
import { now } from '../clock';
import { getProblemRow, refreshDerivedStatus, type ProblemRow } from '../ledger/problems';
import { STEP_LABELS, allowedSteps, stepRefusal, workflowAfter } from './rules';

/**
 * The sign-off steps (rules.ts says which may follow which and what they do to the status). Each writes a
 * `signoffs` row and the problem's workflow/status in the caller's action, so that every step is in the
 * history and undo takes back both together. All writers must run inside an action.
 */

interface SignoffRow {
  id: number;
  problem_id: number;
  step: SignoffStep;
  at: string;
  actor: string;
  method: string;
  note: string;
  reason: string;
  evidence_ids: string;
}

function rows(db: Db, problemId: number): SignoffRow[] {
  return db.raw.prepare('SELECT * FROM signoffs WHERE problem_id = ? ORDER BY id').all(problemId) as SignoffRow[];
}

function liveProblem(db: Db, problemId: number): ProblemRow {
  const p = getProblemRow(db, problemId);
  if (p.deleted_at) throw new LedgerError('PROBLEM_DELETED', `问题 ${p.code} 已删除，不能办理销号。`);
  return p;
}

function refuseUnless(step: SignoffStep, p: ProblemRow): void {
  const why = stepRefusal(step, p.workflow, p.status);
  if (why) throw new LedgerError('SIGNOFF_STEP', `${p.code}：${why}`);
}

/** The step's date: given or today; a real date, not in the future, not before the previous step. */
function stepDate(db: Db, p: ProblemRow, date: string | undefined): string {
  const today = todayIso(now());
  const d = date ?? today;
  if (!isIsoDate(d)) throw new LedgerError('BAD_DATE', `日期无效：${d}`);
  if (d > today) throw new LedgerError('BAD_DATE', `日期 ${d} 晚于今天，销号记录不能预填。`);
  const last = rows(db, p.id).at(-1);
  if (last && d < last.at) throw new LedgerError('BAD_DATE', `日期 ${d} 早于上一步“${STEP_LABELS[last.step]}”的日期 ${last.at}。`);
  return d;
}

function insertStep(db: Db, problemId: number, step: SignoffStep, f: { at: string; actor: string; method?: string; note?: string; reason?: string; evidenceIds?: number[] }): void {
  db.raw
    .prepare('INSERT INTO signoffs (problem_id, step, at, actor, method, note, reason, evidence_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(problemId, step, f.at, f.actor.trim(), f.method?.trim() ?? '', f.note?.trim() ?? '', f.reason?.trim() ?? '', JSON.stringify(f.evidenceIds ?? []));
}

function setProblem(db: Db, p: ProblemRow, fields: Partial<Pick<ProblemRow, 'workflow' | 'status' | 'status_source' | 'status_reason' | 'completed_date'>>): void {
  for (const [col, value] of Object.entries(fields)) {
    // Only changed columns are written, so that the history shows exactly what the step changed.
    if (p[col as keyof ProblemRow] !== value) db.raw.prepare(`UPDATE problems SET ${col} = ? WHERE id = ?`).run(value as never, p.id);
  }
}

export function applySignoff(db: Db, problemId: number, input: { evidenceIds: number[]; note?: string; date?: string; actor: string }): void {
  const p = liveProblem(db, problemId);
  refuseUnless('apply', p);
  const received = db.raw
    .prepare('SELECT id FROM evidence WHERE problem_id = ? AND deleted_at IS NULL AND sha256 IS NOT NULL')
    .all(problemId) as { id: number }[];
  if (received.length === 0) throw new LedgerError('NO_EVIDENCE', `${p.code}：还没有收到任何佐证材料文件，不能申请销号。请先上传佐证材料。`);
  const ids = [...new Set(input.evidenceIds)];
  if (ids.length === 0) throw new LedgerError('NO_EVIDENCE', `${p.code}：请选择随销号申请提交的佐证材料。`);
  const ok = new Set(received.map((r) => r.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) throw new LedgerError('BAD_EVIDENCE', `${p.code}：所选佐证材料中有 ${bad.length} 项不属于该问题、已删除或尚未收到文件。`, bad);
  const at = stepDate(db, p, input.date);
  insertStep(db, problemId, 'apply', { at, actor: input.actor, note: input.note, evidenceIds: ids });
  setProblem(db, p, {
    workflow: workflowAfter('apply'),
    status: '待销号',
    status_source: 'manual',
    status_reason: `申请销号（${at}${input.actor.trim() ? '，' + input.actor.trim() : ''}）`,
    completed_date: p.completed_date ?? at,
  });
}

export function approveSignoff(db: Db, problemId: number, input: { reviewer: string; method: string; note?: string; date?: string }): void {
  const p = liveProblem(db, problemId);
  refuseUnless('approve', p);
  if (!input.reviewer.trim()) throw new LedgerError('NO_REVIEWER', '请填写审核人。');
  if (!input.method.trim()) throw new LedgerError('NO_METHOD', '请填写销号方式（如：书面审核、实地核查、三方验收）。');
  const at = stepDate(db, p, input.date);
  const applied = rows(db, problemId).filter((r) => r.step === 'apply').at(-1);
  insertStep(db, problemId, 'approve', {
    at,
    actor: input.reviewer,
    method: input.method,
    note: input.note,
    evidenceIds: applied ? (JSON.parse(applied.evidence_ids) as number[]) : [],
  });
  setProblem(db, p, {
    workflow: workflowAfter('approve'),
    status: '已销号',
    status_source: 'manual',
    status_reason: `已销号（${at}，审核人：${input.reviewer.trim()}，方式：${input.method.trim()}）`,
    completed_date: at,
  });
}

export function rejectSignoff(db: Db, problemId: number, input: { reason: string; reviewer: string; date?: string }): void {
  const p = liveProblem(db, problemId);
  refuseUnless('reject', p);
  if (!input.reason.trim()) throw new LedgerError('NO_REASON', '退回销号申请时请填写理由。');
  const at = stepDate(db, p, input.date);
  insertStep(db, problemId, 'reject', { at, actor: input.reviewer, reason: input.reason });
  setProblem(db, p, { workflow: workflowAfter('reject'), status_source: 'derived', status_reason: '' });
  refreshDerivedStatus(db, problemId);
}

export function reopenSignoff(db: Db, problemId: number, input: { reason: string; actor: string; date?: string }): void {
  const p = liveProblem(db, problemId);
  refuseUnless('reopen', p);
  if (!input.reason.trim()) throw new LedgerError('NO_REASON', '重新打开已销号问题时请填写理由。');
  const at = stepDate(db, p, input.date);
  insertStep(db, problemId, 'reopen', { at, actor: input.actor, reason: input.reason });
  setProblem(db, p, {
    workflow: workflowAfter('reopen'),
    status: '正在推进',
    status_source: 'manual',
    status_reason: `回头看重新打开（${at}）：${input.reason.trim()}`,
    completed_date: null,
  });
}

export function signoffState(db: Db, problemId: number): SignoffState {
  const p = getProblemRow(db, problemId);
  const evidence = new Map(
    (db.raw.prepare('SELECT id, seq, title FROM evidence WHERE problem_id = ?').all(problemId) as { id: number; seq: number; title: string }[]).map((e) => [
      e.id,
      { id: e.id, number: evidenceNumber(p.code, e.seq), title: e.title },
    ]),
  );
  const steps: SignoffView[] = rows(db, problemId).map((r) => ({
    id: r.id,
    step: r.step,
    stepLabel: STEP_LABELS[r.step],
    date: r.at,
    actor: r.actor,
    method: r.method,
    note: r.note,
    reason: r.reason,
    evidence: (JSON.parse(r.evidence_ids) as number[]).map((id) => evidence.get(id) ?? { id, number: '（已撤销）', title: '' }),
  }));
  const allowed = p.deleted_at ? [] : allowedSteps(p.workflow).filter((s) => !stepRefusal(s, p.workflow, p.status));
  const measures = db.raw.prepare('SELECT status FROM measures WHERE problem_id = ? AND deleted_at IS NULL').all(problemId) as { status: MeasureStatus }[];
  const derived = measures.length ? deriveProblemStatus(measures.map((m) => m.status)) : null;
  const canRederive = !p.workflow && p.status_source !== 'derived' && derived != null && derived !== p.status && isDoneStatus(derived);
  let applyBlockedReason = allowedSteps(p.workflow).includes('apply') ? (stepRefusal('apply', p.workflow, p.status) ?? '') : '';
  if (applyBlockedReason && canRederive) {
    // After 重新打开（回头看）the measures are all done already: saying “mark the measures done” misleads.
    applyBlockedReason = `问题当前状态为“${p.status}”（${p.status_reason || '手动设置'}），而各项整改措施均已完成。整改确已到位时，请把整改状态恢复为“按措施推导”（将为“${derived}”）后再申请销号；如需继续整改，请添加新的整改措施。`;
  }
  return {
    problemId,
    code: p.code,
    status: p.status,
    workflow: p.workflow,
    steps,
    allowed,
    applyBlockedReason,
    canRederive,
  };
}
