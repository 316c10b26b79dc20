import type { MeasureStatus } from './status';
import { digitsOfList, toChineseNumeral } from './numerals';

/**
 * The 整改结果 phrase of a report (DOMAIN §3): "完成整改", or per measure
 * "第一三项完成整改;第二项未完成整改". Both read and written here.
 */
export type ResultPhrase =
  | { kind: 'all'; status: MeasureStatus }
  | { kind: 'partial'; byMeasure: Map<number, MeasureStatus> };

const DONE = /^(完成整改|已完成整改|已完成|已整改|已整改到位|整改到位|完成)$/;
const NOT_DONE = /^(未完成整改|未完成|正在推进|正在整改|持续推进|正稳步推进|推进中|基本完成|阶段性完成)$/;
const NOT_STARTED = /^(未启动|未开始|尚未整改)$/;
const LONG_TERM = /^(长期坚持|持续整改)$/;
const UNSTATED = /^(未注明|未注明结果)$/;

function wordStatus(word: string): MeasureStatus | null {
  const w = word.replace(/[。.\s]/g, '');
  if (DONE.test(w)) return '已完成';
  if (NOT_DONE.test(w)) return '正在推进';
  if (NOT_STARTED.test(w)) return '未启动';
  if (LONG_TERM.test(w)) return '长期坚持';
  if (UNSTATED.test(w)) return '未注明';
  return null;
}

export function parseResultPhrase(text: string): ResultPhrase | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '').replace(/[。.]$/, '');
  if (!s) return null;
  const whole = wordStatus(s);
  if (whole) return { kind: 'all', status: whole };
  const byMeasure = new Map<number, MeasureStatus>();
  for (const seg of s.split(/[;；,，]/).filter(Boolean)) {
    const m = seg.match(/^第([一二三四五六七八九十、]+)项(.+)$/);
    if (!m) return null;
    const nums = digitsOfList(m[1]!);
    const status = wordStatus(m[2]!);
    if (!nums || !status) return null;
    for (const n of nums) byMeasure.set(n, status);
  }
  return byMeasure.size ? { kind: 'partial', byMeasure } : null;
}

/** 第…项 ordinals: 一三 for single-character numerals, 十一、十二 otherwise. */
export function ordinals(nums: number[]): string {
  const words = nums.map(toChineseNumeral);
  // Single characters run together as the reports write them (第一三项); longer numerals need 、.
  return words.every((w) => w.length === 1) ? words.join('') : words.join('、');
}

const PHRASE: Record<MeasureStatus, string> = {
  已完成: '完成整改',
  正在推进: '未完成整改',
  未启动: '未完成整改',
  长期坚持: '长期坚持',
  未注明: '未注明',
};

/** Write the phrase for measures in order (index 0 is measure 1). */
export function formatResultPhrase(statuses: readonly MeasureStatus[]): string {
  if (statuses.length === 0) return '未完成整改';
  const groups = new Map<string, number[]>();
  statuses.forEach((st, i) => {
    const phrase = PHRASE[st];
    if (!groups.has(phrase)) groups.set(phrase, []);
    groups.get(phrase)!.push(i + 1);
  });
  if (groups.size === 1) return [...groups.keys()][0]!;
  return [...groups.entries()].map(([phrase, nums]) => `第${ordinals(nums)}项${phrase}`).join(';');
}
