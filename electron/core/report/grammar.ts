import { fromChineseNumeral } from '../../../shared/domain/numerals';

/**
 * The lines a progress report is made of. Reports write the same things with ASCII or full-width
 * punctuation, and number their items in two families of styles:
 *   (一)反馈问题:…   1.面上问题:…   (1)具体问题:…   具体问题:…        (the published report)
 *   (一)关于“…”方面的问题   1.关于“…”问题的整改   (1)关于“…”的问题   (variants)
 */
export type LineKind =
  | { kind: 'top'; no: number; text: string }
  | { kind: 'category'; no: number; text: string; marked: boolean }
  | { kind: 'general'; no: number; text: string; marked: boolean }
  | { kind: 'specific'; no: number | null; text: string; marked: boolean }
  | { kind: 'label'; field: Field; text: string }
  | { kind: 'text'; text: string };

export type Field = 'situation' | 'deadline' | 'result';

const TOP = /^([一二三四五六七八九十]+)\s*[、.．]\s*(.+)$/;
const CATEGORY = /^[(（]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.*)$/;
const GENERAL = /^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$/;
const SPECIFIC = /^[(（]\s*(\d{1,3})\s*[)）]\s*(.*)$/;
const SPECIFIC_UNNUMBERED = /^具体问题\s*[:：]\s*(.*)$/;
const LABELS: [RegExp, Field][] = [
  [/^(?:整改情况|整改措施|整改举措|落实情况|整改落实情况)\s*[:：]\s*(.*)$/, 'situation'],
  [/^(?:整改时限|完成时限|整改期限)\s*[:：]\s*(.*)$/, 'deadline'],
  [/^(?:整改结果|整改成效|完成情况|整改状态)\s*[:：]\s*(.*)$/, 'result'],
];

const PREFIX: Record<'category' | 'general' | 'specific', RegExp> = {
  category: /^反馈问题\s*[:：]\s*/,
  general: /^面上问题\s*[:：]\s*/,
  specific: /^具体问题\s*[:：]\s*/,
};

/**
 * "关于“统筹推进依法治市不够有力”问题的整改" → 统筹推进依法治市不够有力. Quotes may be “”, ‘’, 「」 or ASCII.
 */
const ABOUT_QUOTED = /^关于\s*[“"'‘「『](.+)[”"'’」』]\s*(?:方面)?\s*(?:的)?\s*(?:问题)?\s*(?:的)?\s*(?:整改(?:落实)?(?:情况)?)?\s*[。.:：]?$/;
const ABOUT_PLAIN = /^关于(.+?)(?:方面)?的?问题(?:的)?(?:整改(?:落实)?(?:情况)?)?\s*[。.:：]?$/;

/** The item text without its style words; `marked` says whether the line named what it is. */
export function itemText(kind: 'category' | 'general' | 'specific', rest: string): { text: string; marked: boolean } {
  const s = rest.trim();
  if (PREFIX[kind].test(s)) return { text: s.replace(PREFIX[kind], '').trim(), marked: true };
  const quoted = s.match(ABOUT_QUOTED);
  if (quoted) return { text: quoted[1]!.trim(), marked: true };
  const plain = s.match(ABOUT_PLAIN);
  if (plain) return { text: plain[1]!.trim(), marked: true };
  return { text: s, marked: false };
}

export function classify(text: string): LineKind {
  for (const [re, field] of LABELS) {
    const m = text.match(re);
    if (m) return { kind: 'label', field, text: m[1]!.trim() };
  }
  let m = text.match(SPECIFIC_UNNUMBERED);
  if (m) return { kind: 'specific', no: null, text: m[1]!.trim(), marked: true };
  m = text.match(CATEGORY);
  if (m) return { kind: 'category', no: fromChineseNumeral(m[1]!)!, ...itemText('category', m[2]!) };
  m = text.match(SPECIFIC);
  if (m) return { kind: 'specific', no: Number(m[1]), ...itemText('specific', m[2]!) };
  m = text.match(GENERAL);
  if (m) return { kind: 'general', no: Number(m[1]), ...itemText('general', m[2]!) };
  m = text.match(TOP);
  if (m) return { kind: 'top', no: fromChineseNumeral(m[1]!)!, text: m[2]!.trim() };
  return { kind: 'text', text };
}

export const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
export const CONTACT = /联系电话|联系方式|邮政信箱|通信地址|通讯地址|电子邮箱|举报电话|欢迎.{0,20}监督/;
