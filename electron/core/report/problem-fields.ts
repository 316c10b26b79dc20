import { parseDeadline, splitMeasureDeadlines } from '../../../shared/domain/deadline';
import { parseResultPhrase } from '../../../shared/domain/resultPhrase';
import type { MeasureStatus } from '../../../shared/domain/status';
import type { ParsedProblem, ReportDeadline } from '../../../shared/domain/report';
import type { Field } from './grammar';
import { splitMeasures } from './measure-text';

const short = (s: string, n = 40) => (s.length > n ? s.slice(0, n) + '…' : s);

/** A problem while its lines are being read. */
export interface Draft {
  kind: 'general' | 'specific';
  code: string;
  line: number;
  text: string;
  notes: string;
  situation: string;
  situationLine: number;
  deadlineRaw: string;
  deadlineLine: number;
  result: string;
  resultLine: number;
  seen: Set<Field>;
}

export function deadlineOf(raw: string, year: number | null): { deadline: ReportDeadline; badDate?: string } {
  const parsed = parseDeadline(raw, year);
  const deadline = { raw: parsed.raw, kind: parsed.kind, date: parsed.date };
  // An impossible date (2024年2月30日) is kept as text, never rolled into March.
  return parsed.error && /不是有效日期|缺少年份/.test(parsed.error) ? { deadline, badDate: parsed.error } : { deadline };
}

/** Turn a problem's three fields into measures with statuses and deadlines. */
export function finishProblem(d: Draft, year: number | null, warn: (row: number, code: string, message: string) => void): ParsedProblem {
  let notes = d.notes;
  const split = splitMeasures(d.situation);
  if (split.preamble) {
    notes = `【整改情况导语】${split.preamble}${notes ? '\n' + notes : ''}`;
    warn(d.situationLine, 'PREAMBLE', `问题 ${d.code} 的整改情况在“一是”之前有一段导语，已保存在该问题的备注中：“${short(split.preamble)}”`);
  }
  if (split.measures.length === 0) warn(d.line, 'NO_MEASURES', `问题 ${d.code} 没有“整改情况：”，导入后没有整改措施。`);

  const whole = deadlineOf(d.deadlineRaw, year);
  if (!d.deadlineRaw) warn(d.line, 'NO_DEADLINE', `问题 ${d.code} 没有“整改时限：”。`);
  else if (whole.badDate) warn(d.deadlineLine, 'BAD_DEADLINE', `问题 ${d.code} 的整改时限：${whole.badDate}。已按原文保存为“未识别”，请在台账中改正。`);
  else if (whole.deadline.kind === 'text') warn(d.deadlineLine, 'UNPARSED_DEADLINE', `问题 ${d.code} 的整改时限“${short(d.deadlineRaw)}”无法识别为日期或“立行立改”“长期坚持”“待……后”，已按原文保存。`);
  const parts = d.deadlineRaw ? splitMeasureDeadlines(d.deadlineRaw) : null;
  for (const n of parts?.keys() ?? []) {
    if (n > split.measures.length) warn(d.deadlineLine, 'DEADLINE_MEASURE', `问题 ${d.code} 的整改时限写到第${n}项，但只有 ${split.measures.length} 项措施。`);
  }

  const phrase = parseResultPhrase(d.result);
  const statuses: MeasureStatus[] = split.measures.map(() => (d.result ? '未启动' : '未注明'));
  if (!d.result) warn(d.line, 'NO_RESULT', `问题 ${d.code} 没有“整改结果：”，措施状态记为“未注明”。`);
  else if (!phrase) {
    notes = `【整改结果原文】${d.result}${notes ? '\n' + notes : ''}`;
    warn(d.resultLine, 'UNPARSED_RESULT', `问题 ${d.code} 的整改结果“${short(d.result)}”无法识别（应为“完成整改”或“第一三项完成整改;第二项未完成整改”），措施状态记为“未启动”，原文已保存在备注中。`);
  } else if (phrase.kind === 'all') statuses.fill(phrase.status);
  else {
    for (const [n, status] of phrase.byMeasure) {
      if (n <= statuses.length) statuses[n - 1] = status;
      else warn(d.resultLine, 'RESULT_MEASURE', `问题 ${d.code} 的整改结果写到第${n}项，但只有 ${statuses.length} 项措施。`);
    }
    const missing = statuses.flatMap((_, i) => (phrase.byMeasure.has(i + 1) ? [] : [i + 1]));
    for (const n of missing) statuses[n - 1] = '正在推进';
    if (missing.length) warn(d.resultLine, 'RESULT_MEASURE', `问题 ${d.code} 的整改结果没有提到第${missing.join('、')}项，记为“正在推进”。`);
  }

  return {
    kind: d.kind,
    code: d.code,
    line: d.line,
    text: d.text,
    deadline: whole.deadline,
    result: d.result,
    notes,
    measures: split.measures.map((text, i) => {
      const own = parts?.get(i + 1);
      return { no: i + 1, text, status: statuses[i]!, deadline: own ? deadlineOf(own, year).deadline : null };
    }),
  };
}
