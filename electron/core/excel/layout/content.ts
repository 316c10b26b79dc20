import type { Grid } from './grid';
import type { ColumnRole } from './columns';
import { parseCode } from '../../../../shared/domain/code';
import { normalizeStatus } from '../../../../shared/domain/status';
import { parseResultPhrase } from '../../../../shared/domain/resultPhrase';
import { parseDeadline } from '../../../../shared/domain/deadline';

/**
 * What a column's cells hold, read from the data rows below the header (issue 10): a kind column holds
 * 面上/具体, a status column status words (DOMAIN §3), a code column 2-3 / 2.3.2 / 二（三）2, a category
 * column a few long values repeated down many rows. Used when a header is unknown or ambiguous, and to
 * say when header and content disagree.
 */
export type ContentKind =
  | 'kind'
  | 'status'
  | 'code'
  | 'running'
  | 'measureNo'
  | 'date'
  | 'leaders'
  | 'unit'
  | 'category'
  | 'longText'
  | 'numberedList'
  | 'text'
  | 'empty';

export interface ColumnProfile {
  col: number;
  kind: ContentKind;
  /** Non-empty values seen, distinct values, mean length. */
  count: number;
  distinct: number;
  meanLength: number;
}

const SAMPLE = 600;
const share = (xs: string[], test: (s: string) => boolean) => (xs.length ? xs.filter(test).length / xs.length : 0);

const KIND_RE = /^(面上|具体)(问题)?$/;
const LEADER_RE = /(局长|书记|主任|领导|党组成员|政委|队长|组长|部长|厅长|处长|院长|主席|委员)/;
const UNIT_RE = /(科|室|部|处|中心|办|局|队|所|站|院|委|组|党办|支部)$/;

export function isStatusWord(s: string): boolean {
  return normalizeStatus(s) !== null || parseResultPhrase(s) !== null;
}

function isDateLike(grid: Grid, row: number, col: number, text: string): boolean {
  const v = grid.value(row, col);
  if (v?.t === 'd') return true;
  if (v?.t === 'n') return v.v > 20000 && v.v < 80000;
  const p = parseDeadline(text, 2024);
  return !p.error && p.kind !== 'text' && p.kind !== 'none';
}

/** Profiles of the given columns over the data rows (rows after `fromRow`, skipping `skip`). */
export function profileColumns(grid: Grid, cols: number[], fromRow: number, skip: (row: number) => boolean): ColumnProfile[] {
  const rows: number[] = [];
  for (const r of grid.rows) {
    if (r <= fromRow || skip(r)) continue;
    rows.push(r);
    if (rows.length >= SAMPLE) break;
  }
  return cols.map((col) => {
    const texts: string[] = [];
    const dates: boolean[] = [];
    for (const r of rows) {
      const t = grid.text(r, col);
      if (!t) continue;
      texts.push(t);
      dates.push(isDateLike(grid, r, col, t));
    }
    const distinct = new Set(texts).size;
    const meanLength = texts.length ? texts.reduce((n, t) => n + t.length, 0) / texts.length : 0;
    const profile = { col, count: texts.length, distinct, meanLength };
    if (texts.length === 0) return { ...profile, kind: 'empty' };
    const majority = (p: number) => p >= 0.8;
    let kind: ContentKind = 'text';
    if (majority(share(texts, (s) => KIND_RE.test(s.replace(/\s/g, ''))))) kind = 'kind';
    else if (majority(share(texts, (s) => /^\d{1,5}$/.test(s)))) kind = 'running';
    else if (majority(share(texts, (s) => /^\d{1,3}([.．]\d{1,3}){3}$/.test(s.trim())))) kind = 'measureNo';
    else if (majority(share(texts, (s) => parseCode(s) !== null))) kind = 'code';
    else if (majority(share(texts, isStatusWord))) kind = 'status';
    else if (majority(dates.filter(Boolean).length / texts.length)) kind = 'date';
    else if (meanLength <= 30 && majority(share(texts, (s) => LEADER_RE.test(s)))) kind = 'leaders';
    else if (meanLength <= 20 && majority(share(texts, (s) => s.split(/[、,，;；\n\s]+/).filter(Boolean).every((u) => UNIT_RE.test(u))))) kind = 'unit';
    else if (share(texts, (s) => /(^|\n)\s*(1[.、．]|（1）|\(1\)|一是)/.test(s)) >= 0.5) kind = 'numberedList';
    else if (meanLength >= 8 && distinct <= Math.max(12, texts.length / 6) && distinct * 3 <= texts.length) kind = 'category';
    else if (meanLength >= 8) kind = 'longText';
    return { ...profile, kind };
  });
}

/** The role content alone suggests for a column whose header says nothing, or null. */
export function roleFromContent(p: ColumnProfile): ColumnRole | null {
  switch (p.kind) {
    case 'kind':
      return 'kind';
    case 'status':
      return 'status';
    case 'code':
      return 'code';
    case 'measureNo':
      return 'measureNo';
    case 'date':
      return 'deadline';
    case 'leaders':
      return 'leaders';
    case 'unit':
      return 'leadUnit';
    case 'category':
      return 'category';
    case 'numberedList':
      return 'measures';
    default:
      return null;
  }
}

/** Words for a content kind, for messages. */
export const CONTENT_WORDS: Record<ContentKind, string> = {
  kind: '“面上问题/具体问题”',
  status: '完成状态用语',
  code: '问题编号',
  running: '流水序号',
  measureNo: '措施编号',
  date: '日期',
  leaders: '领导职务',
  unit: '单位名称',
  category: '少数几段反复出现的长文字（类别）',
  longText: '长文字',
  numberedList: '分条编号的文字',
  text: '文字',
  empty: '空白',
};
