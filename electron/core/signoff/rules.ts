import type { SignoffStep } from '../../../shared/api/evidence';

/**
 * The sign-off (销号) procedure as pure rules (DOMAIN §1 step 5):
 *
 *   (not in sign-off) --apply--> 待销号 --approve--> 已销号 --reopen (回头看)--> (not in sign-off)
 *                                  \--reject--> (not in sign-off)
 *
 * Status rule (ours): while a problem is in the procedure its `status` shows the step, with
 * status_source 'manual' and a reason naming it:
 * - apply: 待销号; the completion date it had is kept (only a done problem may apply, so it stays counted
 *   as completed, see isDoneStatus);
 * - approve: 已销号, completion date = the approval date;
 * - reject: back to the status derived from the measures (the work may be done; the evidence was not enough);
 * - reopen: 正在推进 (manual, "回头看重新打开：reason"): a follow-up inspection found the problem is back, so
 *   it must not count as completed until someone records the new work.
 * `workflow` holds '' | 待销号 | 已销号 and always agrees with the last recorded step (checked by check.ts).
 */
export type Workflow = '' | '申请延期' | '待销号' | '已销号';

export const STEP_LABELS: Record<SignoffStep, string> = {
  apply: '申请销号',
  approve: '审核通过（销号）',
  reject: '退回',
  reopen: '重新打开（回头看）',
};

/** Problem statuses from which a problem may be put forward: the work must be done. */
export const APPLY_FROM = ['已完成', '长期坚持'] as const;

export function allowedSteps(workflow: Workflow): SignoffStep[] {
  if (workflow === '待销号') return ['approve', 'reject'];
  if (workflow === '已销号') return ['reopen'];
  return ['apply'];
}

/** Why `step` may not be taken now (Chinese), or null when it may. */
export function stepRefusal(step: SignoffStep, workflow: Workflow, status: string): string | null {
  if (!allowedSteps(workflow).includes(step)) {
    const now = workflow || '未进入销号流程';
    const hint: Record<SignoffStep, string> = {
      apply: '只有未进入销号流程的问题可以申请销号',
      approve: '只有“待销号”的问题可以审核通过',
      reject: '只有“待销号”的问题可以退回',
      reopen: '只有“已销号”的问题可以重新打开',
    };
    return `当前为“${now}”，不能${STEP_LABELS[step]}：${hint[step]}。`;
  }
  if (step === 'apply' && !(APPLY_FROM as readonly string[]).includes(status)) {
    return `问题当前状态为“${status}”，尚未完成整改，不能申请销号。请先把整改措施标记为已完成（或长期坚持）。`;
  }
  return null;
}

export function workflowAfter(step: SignoffStep): Workflow {
  if (step === 'apply') return '待销号';
  if (step === 'approve') return '已销号';
  return '';
}

/** The workflow a problem must be in after its last recorded step (none: not in the procedure). */
export function expectedWorkflow(lastStep: SignoffStep | null): Workflow {
  return lastStep ? workflowAfter(lastStep) : '';
}
