import type { ReportLintFinding } from '../../../shared/domain/report';
import { splitMeasureDeadlines } from '../../../shared/domain/deadline';
import type { ReportModel } from './model';
import type { ProblemDetail, RoundInfo } from '../../../shared/domain/types';
import { REPORT_TEXT_KEYS as K, sectionsOf } from './texts';

const ROUND = '轮次设置';

/**
 * Everything that would make a written report wrong or incomplete, each with what to do. Run on the
 * problems the report shows, so that the public variant is checked as it will be published.
 */
export function lintReport(model: ReportModel): ReportLintFinding[] {
  return [...lintRound(model.round, model.public, model.problems.length), ...model.problems.flatMap(lintProblem)];
}

/** The findings on the round's settings and texts (before those on problems). */
export function lintRound(round: RoundInfo, publicOnly: boolean, shownProblems: number): ReportLintFinding[] {
  const out: ReportLintFinding[] = [];
  const add = (code: string, where: string, message: string) => out.push({ code, where, message });
  if (!round.inspectingBody || !round.inspectedOrg) add('NO_INSPECTION', ROUND, '没有填写巡察组或被巡察单位，报告缺少导语。请在轮次设置中填写。');
  else if (!round.inspectionStart || !round.inspectionEnd) add('NO_INSPECTION_DATES', ROUND, '没有填写巡察起止日期，导语中将不写日期。请在轮次设置中填写。');
  if (!round.feedbackDate) add('NO_FEEDBACK_DATE', ROUND, '没有填写反馈日期，导语中无法写明何时反馈。请在轮次设置中填写反馈日期。');
  if (!round.periodEnd) add('NO_PERIOD_END', ROUND, '没有填写集中整改期截止日期，期内、期外和阶段性整改率无法按规则计算。请在轮次设置中填写。');
  if (!round.periodLabel) add('NO_PERIOD_LABEL', ROUND, '没有填写集中整改期的说法（如“4个月”），总体情况中将只写“集中整改期”。请在轮次设置中填写。');
  const texts = round.reportTexts;
  if (!texts[K.signature]?.trim()) add('NO_SIGNATURE', ROUND, '没有落款（署名单位，如“中共××局党组”），报告末尾日期上方将空缺。请在轮次的报告文字中填写落款。');
  if (!sectionsOf(texts, 'after').some((x) => /工作打算|下一步|下步|今后/.test(x.heading))) {
    add('NO_PLANS', ROUND, '没有“下一步工作打算”一节，报告将直接从问题转到联系方式。请在轮次的报告文字中补写工作打算。');
  }
  if (shownProblems === 0) add('NO_PROBLEMS', ROUND, publicOnly ? '没有可公开的问题，报告正文为空。' : '本轮次还没有问题，报告正文为空。');
  return out;
}

/** The findings on one problem the report shows: the report reads them a page at a time. */
export function lintProblem(p: ProblemDetail): ReportLintFinding[] {
  const out: ReportLintFinding[] = [];
  const add = (code: string, where: string, message: string) => out.push({ code, where, message });
  if (p.measures.length === 0) add('NO_MEASURES', p.code, '没有整改措施，报告的“整改情况”将为空。请补充整改措施。');
  const done = p.status === '已完成' || p.status === '已销号';
  const open = p.measures.filter((m) => m.status !== '已完成');
  if (done && open.length) {
    add('COMPLETED_WITH_OPEN_MEASURES', p.code, `问题状态为“${p.status}”，但第${open.map((m) => m.no).join('、')}项措施尚未完成，整改结果会与状态矛盾。请核对措施状态或问题状态。`);
  }
  const unstated = p.measures.filter((m) => m.status === '未注明');
  if (unstated.length) add('UNSTATED', p.code, `第${unstated.map((m) => m.no).join('、')}项措施的整改结果未注明，报告将写“未注明”。请按各单位报送的情况填写状态。`);
  else if (!p.measures.length && p.status === '未注明') add('UNSTATED', p.code, '整改结果未注明。请填写问题状态。');
  if (p.deadline.kind === 'none') add('NO_DEADLINE', p.code, '没有整改时限。请补填整改时限。');
  if (p.deadline.kind === 'text') add('UNPARSED_DEADLINE', p.code, `整改时限“${p.deadline.raw}”无法识别，统计时不计入期内。请改写为具体日期或“立行立改”“长期坚持”“待……后”。`);
  const split = splitMeasureDeadlines(p.deadline.raw) != null && p.measures.some((m) => m.deadline.raw);
  for (const m of p.measures) {
    if (split && !m.deadline.raw) add('MEASURE_NO_DEADLINE', `${p.code} 第${m.no}项`, '整改时限按措施分别填写，但这项措施没有整改时限，报告中将不写它的时限。请补填。');
    if (m.deadline.kind === 'text') add('UNPARSED_DEADLINE', `${p.code} 第${m.no}项`, `措施的整改时限“${m.deadline.raw}”无法识别。请改写为具体日期或“立行立改”“长期坚持”“待……后”。`);
  }
  return out;
}
