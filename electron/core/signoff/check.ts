import type { Db } from '../db/open';
import type { SignoffStep } from '../../../shared/api/evidence';
import type { CheckFinding } from '../ledger/check';
import { LedgerError } from '../errors';
import { STEP_LABELS, expectedWorkflow } from './rules';

/**
 * The sign-off invariants of rules.ts: a problem's workflow agrees with its last recorded step, and a
 * problem in the procedure shows that state as its status (已销号 with the approval date as its
 * completion date).
 */
export function checkSignoffs(db: Db, problemId?: number): CheckFinding[] {
  const out: CheckFinding[] = [];
  const problems = db.raw
    .prepare(
      `SELECT p.id, p.code, p.workflow, p.status, p.status_source, p.completed_date,
              (SELECT s.step FROM signoffs s WHERE s.problem_id = p.id ORDER BY s.id DESC LIMIT 1) AS last_step,
              (SELECT s.at FROM signoffs s WHERE s.problem_id = p.id ORDER BY s.id DESC LIMIT 1) AS last_at
       FROM problems p ${problemId != null ? 'WHERE p.id = ?' : ''}`,
    )
    .all(...(problemId != null ? [problemId] : [])) as { id: number; code: string; workflow: string; status: string; status_source: string; completed_date: string | null; last_step: SignoffStep | null; last_at: string | null }[];
  for (const p of problems) {
    const expected = expectedWorkflow(p.last_step);
    // 申请延期 is a workflow state of its own, outside the sign-off steps.
    const workflow = p.workflow === '申请延期' ? '' : p.workflow;
    if (workflow !== expected) {
      const last = p.last_step ? `最后一步为“${STEP_LABELS[p.last_step]}”` : '没有销号记录';
      out.push({ where: p.code, message: `销号流程状态为“${p.workflow || '无'}”，但${last}` });
      continue;
    }
    if ((p.workflow === '待销号' || p.workflow === '已销号') && (p.status !== p.workflow || p.status_source !== 'manual')) {
      out.push({ where: p.code, message: `处于“${p.workflow}”流程，但状态记录为“${p.status}”` });
    }
    if (p.workflow === '已销号' && p.completed_date !== p.last_at) {
      out.push({ where: p.code, message: `已销号问题的完成日期（${p.completed_date ?? '无'}）应为销号日期 ${p.last_at}` });
    }
  }
  return out;
}

/**
 * Refuse (inside an action, so that it rolls back) a generic change that would leave a problem's sign-off
 * state disagreeing with its recorded steps: restoring one old value of a status, say, while the sign-off
 * record stays. Sign-off steps are taken back with undo or with the next step instead.
 */
export function assertSignoffConsistent(db: Db, problemId: number): void {
  const bad = checkSignoffs(db, problemId);
  if (bad.length) {
    throw new LedgerError(
      'SIGNOFF_CONFLICT',
      `该修改会使问题 ${bad[0]!.where} 的状态与其销号记录不一致（${bad[0]!.message}），未执行。销号步骤请用“撤销”，或在“佐证材料”页办理退回、重新打开。`,
      bad,
    );
  }
}
