import type { MeasureStatus } from '../../../shared/domain/status';

/**
 * Results as reports write them in free text, without a 整改结果： label: after a measure in brackets
 * ("（已完成）"), as its closing clause ("…，目前已完成整改。"), or as a short sentence of their own ("目前，该问题
 * 已整改完成。"). Only these places count: a word such as 完成 inside a measure says nothing about its state.
 */
const WORDS =
  '(已经?完成整改|已整改完成|整改已完成|完成整改|整改完成|已整改到位|整改到位|已经?完成|已整改|全部完成|基本完成|阶段性完成|正稳步推进|稳步推进|正在推进|持续推进|正在整改|推进中|整改中|未完成整改|未完成|长期坚持|持续整改|尚未启动|未启动|尚未整改)';

const STATUS_OF: [RegExp, MeasureStatus][] = [
  [/长期坚持|持续整改/, '长期坚持'],
  [/未启动|尚未/, '未启动'],
  [/未完成|基本完成|阶段性完成|推进|整改中|正在整改/, '正在推进'],
  [/完成|到位|已整改/, '已完成'],
];

export function statusOfWord(word: string): MeasureStatus | null {
  for (const [re, status] of STATUS_OF) if (re.test(word)) return status;
  return null;
}

const SUBJECT = '(?:目前|现已|截至目前|当前|现)?[，,]?\\s*(?:该(?:问题|项(?:工作|任务|措施)?|措施|任务)|此项|此问题)?\\s*(?:整改)?';
const BRACKETED = new RegExp(`\\s*[（(【\\[]\\s*(?:整改(?:结果|进展|状态)\\s*[:：]\\s*)?${WORDS}\\s*[）)】\\]]\\s*[。；;，,.]?$`);
const CLAUSE = new RegExp(`[，,；;。]\\s*${SUBJECT}${WORDS}\\s*[。；;，,.]?$`);
const SENTENCE = new RegExp(`^${SUBJECT}${WORDS}\\s*[。；;，,.!！]?$`);

/** A measure's own result, and its text without it. */
export function trailingResult(text: string): { text: string; status: MeasureStatus | null; word: string; sentence: boolean } {
  for (const re of [BRACKETED, CLAUSE]) {
    const m = text.match(re);
    if (m) {
      const status = statusOfWord(m[1]!);
      // A result after a full stop is a sentence of its own: it may speak for the whole problem.
      const sentence = re === CLAUSE && /^[。]/.test(m[0]);
      if (status) return { text: text.slice(0, m.index! + (sentence ? 1 : 0)).replace(/[，,；;\s]+$/, ''), status, word: m[1]!, sentence };
    }
  }
  return { text, status: null, word: '', sentence: false };
}

/** A short paragraph that is nothing but a result ("目前，该问题已整改完成。"). */
export function resultSentence(text: string): MeasureStatus | null {
  if (text.length > 30) return null;
  const m = text.match(SENTENCE);
  return m ? statusOfWord(m[1]!) : null;
}

/** Result labels beyond the fixture's 整改结果： (整改进展：已完成。). */
export const RESULT_LABEL = /^(?:整改(?:结果|进展|成效|状态)|完成情况|进展情况|目前进展|完成状态)\s*[:：]\s*(.+)$/;
export const DEADLINE_LABEL = /^(?:整改时限|完成时限|整改期限)\s*[:：]\s*(.*)$/;
export const SITUATION_LABEL = /^(?:整改情况|整改措施|整改举措|落实情况|整改落实情况)\s*[:：]\s*(.*)$/;
