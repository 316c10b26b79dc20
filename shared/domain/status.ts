/** Canonical statuses (DOMAIN §3). 逾期 is computed, never stored. */
export const MEASURE_STATUSES = ['未启动', '正在推进', '已完成', '长期坚持', '未注明'] as const;
/** A document read into the ledger stated no result for the item (DOMAIN §3): never guessed as 未启动. */
export const UNSTATED = '未注明' as const;
export const WORKFLOW_STATUSES = ['申请延期', '待销号', '已销号'] as const;
export const PROBLEM_STATUSES = [...MEASURE_STATUSES, ...WORKFLOW_STATUSES] as const;

export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** Where a problem's status comes from: derived from its measures, or set by a person or a return. */
export type StatusSource = 'derived' | 'manual' | 'import';

const SPELLINGS: ReadonlyArray<readonly [ProblemStatus, readonly string[]]> = [
  ['已完成', ['完成整改', '已整改', '已整改到位', '整改到位', '已完成', '是', '完成', '已完成整改', '全部完成']],
  ['正在推进', ['正在推进', '正在整改', '持续推进', '正稳步推进', '稳步推进', '推进中', '基本完成', '阶段性完成', '否', '未完成', '未完成整改', '整改中']],
  ['未启动', ['未启动', '未开始', '尚未整改', '尚未启动']],
  ['长期坚持', ['长期坚持', '持续整改']],
  ['未注明', ['未注明', '未说明', '未写明']],
  ['申请延期', ['申请延期']],
  ['待销号', ['待销号', '申请销号']],
  ['已销号', ['已销号']],
];

const LOOKUP = new Map<string, ProblemStatus>();
for (const [status, words] of SPELLINGS) for (const word of words) LOOKUP.set(word, status);

/** Map any spelling seen in returns to the canonical status, or null when it is not a known status. */
export function normalizeStatus(input: string | null | undefined): ProblemStatus | null {
  if (input == null) return null;
  const key = String(input).replace(/[\s。．.！!]/g, '');
  if (!key) return null;
  return LOOKUP.get(key) ?? null;
}

export function isProblemStatus(s: string): s is ProblemStatus {
  return (PROBLEM_STATUSES as readonly string[]).includes(s);
}

export function isMeasureStatus(s: string): s is MeasureStatus {
  return (MEASURE_STATUSES as readonly string[]).includes(s);
}

/**
 * A problem's status from its measures: all done → 已完成; all done or kept up, with at least one kept
 * up → 长期坚持; none started → 未启动; otherwise 正在推进. A problem without measures has not started. Measures
 * whose result the document did not state (未注明) leave the problem 未注明 unless a known one is open.
 */
export function deriveProblemStatus(measureStatuses: readonly MeasureStatus[]): MeasureStatus {
  if (measureStatuses.length === 0) return '未启动';
  // Unknown measures: the problem is 未注明 unless a known one is still open (then it is being worked on).
  if (measureStatuses.includes('未注明')) {
    const known = measureStatuses.filter((s) => s !== '未注明');
    return known.some((s) => s === '正在推进' || s === '未启动') ? '正在推进' : '未注明';
  }
  if (measureStatuses.every((s) => s === '已完成')) return '已完成';
  if (measureStatuses.every((s) => s === '已完成' || s === '长期坚持')) return '长期坚持';
  if (measureStatuses.every((s) => s === '未启动')) return '未启动';
  return '正在推进';
}

/**
 * Statuses that say the rectification work is done: 已完成, and the sign-off states after it. 待销号 is
 * included because a problem can only be put forward for sign-off once it is done (signoff rules): were it
 * not counted, putting finished problems forward would make the completion rate drop until a reviewer
 * approves them. They keep a completion date like 已完成 does.
 */
export function isDoneStatus(status: string): boolean {
  return status === '已完成' || status === '待销号' || status === '已销号';
}

/** Whether a status counts as completed for statistics (DOMAIN §5; 待销号: see isDoneStatus). */
export function countsAsCompleted(status: string, longTermCountsCompleted: boolean): boolean {
  return isDoneStatus(status) || (longTermCountsCompleted && status === '长期坚持');
}
