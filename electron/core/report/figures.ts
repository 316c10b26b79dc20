import type { StatedFigure } from '../../../shared/domain/report';

/**
 * Headline figures in the free forms reports state them: "巡察反馈32个问题，已完成整改27个、正在整改5个，整改
 * 完成率84.4%", "210项整改任务，已完成205项", "512个问题，完成整改500个，基本完成…7个，未完成5个", and the
 * fixture's "巡察反馈的22个面上问题,4个月集中整改期内应完成整改19个…". Each figure keeps the sentence it came
 * from. `scope` says what is counted (面上问题, 具体问题, 问题 or 整改任务) as far as the sentence says it.
 */
const N = '([0-9０-９]+(?:\\.[0-9]+)?)';
const UNIT = '\\s*(?:个|项|条|件)';

const RULES: [string, RegExp][] = [
  ['问题总数', new RegExp(`${N}${UNIT}(?:面上问题|具体问题|问题)`, 'g')],
  ['问题总数', new RegExp(`(?:反馈|指出|移交)(?:的)?(?:问题|面上问题|具体问题)(?:共)?${N}${UNIT}`, 'g')],
  ['整改任务', new RegExp(`${N}${UNIT}整改(?:任务|措施)`, 'g')],
  ['整改任务', new RegExp(`整改(?:任务|措施)(?:共)?${N}${UNIT}`, 'g')],
  ['期内应完成', new RegExp(`应完成整改${N}${UNIT}`, 'g')],
  ['已完成', new RegExp(`(?:已完成整改|实际完成整改|完成整改|已整改到位|已整改完成|已经?完成|已整改)${N}${UNIT}`, 'g')],
  ['已完成', new RegExp(`${N}${UNIT}(?:已完成整改|已完成|已整改到位|已整改)`, 'g')],
  ['基本完成', new RegExp(`基本完成(?:整改)?${N}${UNIT}`, 'g')],
  ['正在推进', new RegExp(`(?:正在整改|正在推进|持续推进|正稳步推进|稳步推进|推进中)${N}${UNIT}`, 'g')],
  ['未完成', new RegExp(`未完成(?:整改)?${N}${UNIT}`, 'g')],
  ['完成率', new RegExp(`(?:阶段性)?(?:整改)?(?:完成率|整改率)(?:为|达到?|是)?\\s*${N}\\s*[%％]`, 'g')],
];

function scopeOf(before: string): StatedFigure['scope'] {
  const s = before.slice(-40);
  const last = Math.max(s.lastIndexOf('面上问题'), s.lastIndexOf('具体问题'), s.lastIndexOf('整改任务'), s.lastIndexOf('整改措施'));
  if (last < 0) return '问题';
  const word = s.slice(last, last + 4);
  return word === '整改措施' ? '整改任务' : (word as StatedFigure['scope']);
}

/** The figures of one paragraph, in the order the paragraph states them. */
export function statedFiguresOf(text: string, line: number | null): StatedFigure[] {
  const t = text.normalize('NFKC').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const found: (StatedFigure & { at: number })[] = [];
  const taken = new Set<number>();
  for (const [what, re] of RULES) {
    for (const m of t.matchAll(re)) {
      const numAt = m.index! + m[0].indexOf(m[1]!);
      if (taken.has(numAt)) continue;
      taken.add(numAt);
      const sentence = sentenceAround(text, m.index!);
      const scope = what === '整改任务' ? '整改任务' : scopeOf(t.slice(0, m.index! + m[0].length));
      found.push({ what, value: Number(m[1]), text: sentence, scope, line, at: numAt });
    }
  }
  // "巡察反馈的3个问题已全部完成整改": all of them done.
  const all = t.match(/全部(?:完成整改|整改完成|完成|整改到位|办结)/);
  const total = found.find((f) => f.what === '问题总数');
  if (all && total && !found.some((f) => f.what === '已完成' && f.scope === total.scope)) found.push({ ...total, what: '已完成', at: all.index! });
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter((f) => {
      const key = `${f.what}|${f.value}|${f.scope}`;
      return !seen.has(key) && (seen.add(key), true);
    })
    .map(({ at: _at, ...f }) => f);
}

function sentenceAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('。', at - 1), text.lastIndexOf('；', at - 1), text.lastIndexOf(';', at - 1)) + 1;
  const stops = ['。', '；', ';'].map((c) => text.indexOf(c, at)).filter((i) => i >= 0);
  const end = stops.length ? Math.min(...stops) + 1 : text.length;
  return text.slice(start, end).trim();
}

/** Whether a paragraph states headline figures (of problems or tasks, with something done). */
export function statesFigures(text: string): boolean {
  const f = statedFiguresOf(text, null);
  return f.some((x) => x.what === '问题总数' || x.what === '整改任务') && f.some((x) => x.what !== '问题总数' && x.what !== '整改任务');
}
