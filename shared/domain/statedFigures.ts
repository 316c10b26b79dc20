import type { StatedFigure } from './report';
import type { Figures, Stats } from './stats';
import { REPORT_TEXT_KEYS } from './reportTexts';
import { rate } from './stats';

/**
 * What a published document states (its headline figures, kept on the round) beside what the ledger
 * computes (DOMAIN §6, last paragraph): shown side by side, never merged.
 */
export interface StatedComparison {
  what: string;
  scope: StatedFigure['scope'];
  stated: number;
  /** null when the ledger has no figure of that kind (基本完成). */
  computed: number | null;
  text: string;
  /** 已公布：完成27个；台账计算：24个 */
  words: string;
}

export function statedFiguresOfRound(reportTexts: Record<string, string>): StatedFigure[] {
  const raw = reportTexts[REPORT_TEXT_KEYS.stated];
  if (!raw) return [];
  try {
    const list = JSON.parse(raw) as StatedFigure[];
    return Array.isArray(list) ? list.filter((f) => typeof f.value === 'number' && typeof f.what === 'string') : [];
  } catch {
    return [];
  }
}

function sum(a: Figures, b: Figures): Figures {
  const out = { ...a };
  for (const k of Object.keys(a) as (keyof Figures)[]) out[k] = a[k] + b[k];
  out.rateInPeriod = rate(out.completedInPeriod, out.dueInPeriod);
  return out;
}

function computedOf(f: StatedFigure, stats: Pick<Stats, 'general' | 'specific' | 'measures'>): number | null {
  if (f.scope === '整改任务') {
    const m = stats.measures;
    if (f.what === '整改任务' || f.what === '问题总数') return m.total;
    if (f.what === '已完成') return m.completed;
    if (f.what === '未完成' || f.what === '正在推进') return m.total - m.completed - m.unstated;
    if (f.what === '完成率') return rate(m.completed, m.total);
    return null;
  }
  const g = f.scope === '面上问题' ? stats.general : f.scope === '具体问题' ? stats.specific : sum(stats.general, stats.specific);
  switch (f.what) {
    case '问题总数':
      return g.total;
    case '已完成':
      return g.completed;
    case '正在推进':
    case '未完成':
      return g.total - g.completed - g.unstated;
    case '期内应完成':
      return g.dueInPeriod;
    case '完成率':
      return /阶段性/.test(f.text) ? g.rateInPeriod : rate(g.completed, g.total);
    case '整改任务':
      return stats.measures.total;
    default:
      return null;
  }
}

const unitOf = (f: StatedFigure) => (f.what === '完成率' ? '%' : f.scope === '整改任务' || f.what === '整改任务' ? '项' : '个');
const scopeWord = (f: StatedFigure) => (f.scope === '问题' || f.what === '整改任务' ? '' : f.scope);

export function compareStated(stated: StatedFigure[], stats: Pick<Stats, 'general' | 'specific' | 'measures'>): StatedComparison[] {
  return stated.map((f) => {
    const computed = computedOf(f, stats);
    const label = `${scopeWord(f)}${f.what}`;
    const u = unitOf(f);
    return {
      what: f.what,
      scope: f.scope,
      stated: f.value,
      computed,
      text: f.text,
      words: `已公布：${label}${f.value}${u}；台账计算：${computed == null ? '无对应数字' : `${computed}${u}`}`,
    };
  });
}
