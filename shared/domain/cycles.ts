import { daysInMonth, ymd } from './dates';

/**
 * Reporting cycles (DOMAIN §1 step 2): units send their progress returns on a rhythm the round sets —
 * monthly by day N, on listed dates, or none. A cycle is the window (from, due]: a return dated inside it
 * answers that cycle; after the due day a unit without one is late (逾期未报).
 */
export type CycleRule = { kind: 'none' } | { kind: 'monthly'; day: number } | { kind: 'dates'; dates: string[] };

export interface Cycle {
  /** 1-based, in date order. */
  index: number;
  /** Exclusive start: the previous cycle's due day ('' for the first cycle: everything before counts). */
  from: string;
  due: string;
  /** How people name it: 2025年3月 or 第2次. */
  name: string;
  /** With its due day: 2025年3月（25日前） or 第2次（2025-04-10前）. */
  label: string;
}

export const NO_CYCLE: CycleRule = { kind: 'none' };

/** Read a stored rule; anything unreadable is "none" rather than an error on every page. */
export function parseCycleRule(text: string | null | undefined): CycleRule {
  try {
    const v = JSON.parse(text ?? '') as Partial<CycleRule> & { day?: unknown; dates?: unknown };
    if (v.kind === 'monthly' && Number.isInteger(v.day) && (v.day as number) >= 1 && (v.day as number) <= 31) return { kind: 'monthly', day: v.day as number };
    if (v.kind === 'dates' && Array.isArray(v.dates)) {
      const dates = [...new Set(v.dates.filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)))].sort();
      return dates.length ? { kind: 'dates', dates } : NO_CYCLE;
    }
  } catch {
    /* fall through */
  }
  return NO_CYCLE;
}

export function describeCycleRule(rule: CycleRule): string {
  if (rule.kind === 'monthly') return `每月${rule.day}日前报送`;
  if (rule.kind === 'dates') return `按指定日期报送（${rule.dates.length} 次）`;
  return '不定期报送';
}

/** Day N of a month, or its last day when the month is shorter (每月31日 in February is the 28th/29th). */
function monthlyDue(year: number, month: number, day: number): string {
  return ymd(year, month, Math.min(day, daysInMonth(year, month)));
}

/**
 * The cycles from a round's start up to and including the first one due on or after `asOf` (the current
 * cycle). For listed dates, those after the current cycle are left out too; when all listed dates are
 * past, the last one is the current cycle.
 */
export function cyclesUntil(rule: CycleRule, start: string, asOf: string): Cycle[] {
  const dues: string[] = [];
  if (rule.kind === 'monthly') {
    let [y, m] = start.split('-').map(Number) as [number, number];
    for (let guard = 0; guard < 600; guard++) {
      const due = monthlyDue(y, m, rule.day);
      if (due >= start) dues.push(due);
      if (due >= asOf) break;
      m += 1;
      if (m > 12) (m = 1), (y += 1);
    }
  } else if (rule.kind === 'dates') {
    for (const d of rule.dates) {
      dues.push(d);
      if (d >= asOf) break;
    }
  }
  return dues.map((due, i) => {
    const name = rule.kind === 'monthly' ? `${due.slice(0, 4)}年${Number(due.slice(5, 7))}月` : `第${i + 1}次`;
    return {
      index: i + 1,
      from: i === 0 ? '' : dues[i - 1]!,
      due,
      name,
      label: rule.kind === 'monthly' ? `${name}（${Number(due.slice(8))}日前）` : `${name}（${due}前）`,
    };
  });
}

/** The cycle `asOf` falls in (the first due on or after it), or the last one when all are past. */
export function currentCycle(cycles: readonly Cycle[], asOf: string): Cycle | null {
  return cycles.find((c) => c.due >= asOf) ?? cycles.at(-1) ?? null;
}

export function inCycle(c: Cycle, date: string): boolean {
  return date > c.from && date <= c.due;
}

export type ReturnState = '已报送' | '待报送' | '逾期未报';

/** A unit's state in one cycle given the dates of its returns. */
export function returnState(c: Cycle, dates: readonly string[], asOf: string): { state: ReturnState; date: string | null } {
  const inside = dates.filter((d) => inCycle(c, d)).sort();
  if (inside.length) return { state: '已报送', date: inside.at(-1)! };
  return { state: asOf > c.due ? '逾期未报' : '待报送', date: null };
}
