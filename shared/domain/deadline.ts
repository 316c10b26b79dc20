import { daysInMonth, isValidYmd, parseLooseDate, ymd } from './dates';
import { digitsOfList } from './numerals';

/**
 * Deadline kinds (DOMAIN §4). `none` is an empty cell; `text` is free text kept as written that names no
 * date and no known kind (a report lists it as unparsed).
 */
export const DEADLINE_KINDS = ['none', 'date', 'immediate', 'long-term', 'date+long-term', 'conditional', 'text'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  none: '未填写',
  date: '日期',
  immediate: '立行立改',
  'long-term': '长期坚持',
  'date+long-term': '日期并长期坚持',
  conditional: '附条件',
  text: '未识别',
};

export interface Deadline {
  raw: string;
  kind: DeadlineKind;
  date: string | null;
}

export interface ParsedDeadline extends Deadline {
  /** Why the text is not a usable deadline (an impossible date, an unknown phrase), in Chinese. */
  error?: string;
  /** The error is a date that does not exist or lacks its year (refused), not an unknown phrase. */
  invalidDate?: boolean;
}

const LONG_TERM = /长期坚持|持续整改|常态化|长期/;
const IMMEDIATE = /立行立改|立即整改|即知即改/;
const CONDITIONAL = /^(待|根据|按照|依据|视|随|结合|在.*后)|待.*(后|出台)|根据.*部署/;

/**
 * Parse a deadline cell. `defaultYear` supplies the year for texts like `8月底前` (the round's year).
 * The raw text is always kept as given.
 */
export function parseDeadline(rawInput: string | null | undefined, defaultYear?: number | null): ParsedDeadline {
  const raw = (rawInput ?? '').trim();
  if (!raw) return { raw: '', kind: 'none', date: null };
  const s = raw.normalize('NFKC').replace(/\s+/g, '');
  const longTerm = LONG_TERM.test(s);

  const found = findDate(s, defaultYear);
  if (found && 'error' in found) return { raw, kind: 'text', date: null, error: found.error, invalidDate: true };
  if (found) return { raw, kind: longTerm ? 'date+long-term' : 'date', date: found.date };
  if (IMMEDIATE.test(s)) return { raw, kind: 'immediate', date: null };
  if (longTerm) return { raw, kind: 'long-term', date: null };
  if (CONDITIONAL.test(s)) return { raw, kind: 'conditional', date: null };
  return {
    raw,
    kind: 'text',
    date: null,
    error: `无法识别的整改时限“${raw}”：请写成具体日期（如 2025年6月30日前），或“立行立改”“长期坚持”“待……后”`,
  };
}

/** The first date the text names, in any of the forms of DOMAIN §4. */
function findDate(s: string, defaultYear?: number | null): { date: string } | { error: string } | null {
  const full = parseLooseDate(s);
  if (full) return full;
  let m = s.match(/(\d{4})年(\d{1,2})月(底|末)/);
  if (m) return monthEnd(Number(m[1]), Number(m[2]), m[0]);
  m = s.match(/(\d{4})年(年底|底|末|年末|年内|内|下半年|全年)/);
  if (m) return { date: ymd(Number(m[1]), 12, 31) };
  m = s.match(/(\d{4})年上半年/);
  if (m) return { date: ymd(Number(m[1]), 6, 30) };
  m = s.match(/(\d{4})年(第)?([一二三四1-4])季度/);
  if (m) {
    const q = '一二三四'.includes(m[3]!) ? '一二三四'.indexOf(m[3]!) + 1 : Number(m[3]);
    return monthEnd(Number(m[1]), q * 3, m[0]);
  }
  m = s.match(/(\d{4})年(\d{1,2})月(?!\d)/);
  if (m) return monthEnd(Number(m[1]), Number(m[2]), m[0]);
  // Without a year: 8月底前, 11月20日前 take the round's year.
  m = s.match(/(?<!\d)(\d{1,2})月(\d{1,2})日/);
  if (m) {
    if (!defaultYear) return { error: `“${m[0]}”缺少年份：请写成“${new Date().getFullYear()}年${m[0]}”的形式` };
    const mo = Number(m[1]);
    const d = Number(m[2]);
    if (!isValidYmd(defaultYear, mo, d)) return { error: `“${m[0]}”不是有效日期` };
    return { date: ymd(defaultYear, mo, d) };
  }
  m = s.match(/(?<!\d)(\d{1,2})月(底|末|前)/);
  if (m) {
    if (!defaultYear) return { error: `“${m[0]}”缺少年份：请写成“${new Date().getFullYear()}年${m[0]}”的形式` };
    return monthEnd(defaultYear, Number(m[1]), m[0]);
  }
  return null;
}

function monthEnd(y: number, m: number, text: string): { date: string } | { error: string } {
  if (m < 1 || m > 12 || y < 1900 || y > 2200) return { error: `“${text}”不是有效日期` };
  return { date: ymd(y, m, daysInMonth(y, m)) };
}

/**
 * Per-measure parts of a deadline: `第一二三五项2024年11月20日前完成整改;第四项待省上出台政策后…`
 * → {1: '2024年11月20日前完成整改', 2: …, 4: '待省上出台政策后…'}. Null when the text is not split by measure.
 */
export function splitMeasureDeadlines(raw: string): Map<number, string> | null {
  const segments = raw
    .split(/[;；。]/)
    .map((x) => x.trim())
    .filter(Boolean);
  const out = new Map<number, string>();
  for (const seg of segments) {
    const m = seg.match(/^第([一二三四五六七八九十、,，]+)项[,，:：]?(.*)$/);
    if (!m) return null;
    const nums = digitsOfList(m[1]!);
    if (!nums) return null;
    for (const n of nums) out.set(n, m[2]!.trim());
  }
  return out.size ? out : null;
}

/** Display a deadline as people write it: the raw text, or the date when there is no text. */
export function deadlineLabel(d: Deadline): string {
  if (d.raw) return d.raw;
  if (d.date) return d.date;
  return '';
}

/** What an unparsed deadline means for the figures; shown on the cell, in confirmations and warnings. */
export const UNPARSED_DEADLINE_NOTE = '只保留文字，不计入期限统计';

/**
 * The one deadline rule (DOMAIN §4), used by the grid, the detail panel, paste, bulk set and import:
 * - `ok`: read as a kind (and a date);
 * - `invalid`: names a date that does not exist or lacks its year — refused, with the reason;
 * - `unparsed`: free text the parser cannot read — allowed only when a person confirms it (or, in an
 *   import, listed as a warning with its row), kept as written with kind `text`, outside every
 *   deadline-based figure.
 */
export type DeadlineReading =
  | { state: 'ok'; deadline: Deadline }
  | { state: 'invalid'; message: string }
  | { state: 'unparsed'; deadline: Deadline; message: string };

export function readDeadline(rawInput: string | null | undefined, defaultYear?: number | null): DeadlineReading {
  const p = parseDeadline(rawInput, defaultYear);
  if (!p.error) return { state: 'ok', deadline: { raw: p.raw, kind: p.kind, date: p.date } };
  if (p.invalidDate) return { state: 'invalid', message: p.error };
  return {
    state: 'unparsed',
    deadline: { raw: p.raw, kind: 'text', date: null },
    message: `整改时限“${p.raw}”无法识别：${UNPARSED_DEADLINE_NOTE}`,
  };
}

/** A stored deadline that holds text the rule could not read (counted apart in the statistics). */
export function isUnparsedDeadline(d: Pick<Deadline, 'raw' | 'kind'>): boolean {
  return d.kind === 'text' && d.raw.trim() !== '';
}
