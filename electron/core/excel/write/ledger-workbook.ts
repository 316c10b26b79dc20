import type { ExportProblem } from './data';
import { chineseDate } from '../../../../shared/domain/dates';
import { splitMeasureDeadlines } from '../../../../shared/domain/deadline';
import { toChineseNumeral } from '../../../../shared/domain/numerals';
import type { Book } from './book';
import { categoryHeading, documentTitle, KIND_LABEL, type LedgerData } from './data';
import { writeHeader, totalWidth, type Column } from './header';
import { heightFor, heightForLines, spreadHeight, wrappedLines } from './measure';
import { addTableSheet } from './print';
import { sheetName } from './safe';
import type { SheetWriter } from './sheet';
import { makeStyles, SIZES, type Styles } from './styles';

/** How measures are laid out: one row each with the problem's cells merged down, or all in one cell. */
export type MeasureLayout = 'rows' | 'cell';

export interface LedgerSheetOptions {
  /** 填报时间. */
  date: string;
  layout: MeasureLayout;
  /** 填报单位; left blank for the clerk to write in by hand when not given. */
  filler?: string;
  /** Called after each problem is written (for progress display). */
  onProblem?: (done: number) => void;
}

type Key = 'code' | 'kind' | 'text' | 'measures' | 'leaders' | 'leadUnit' | 'units' | 'deadline' | 'status' | 'progress' | 'evidence' | 'notes';

const GROUP = '整改情况';
/** Problems written between two pauses that let the committed rows reach the file (SheetWriter.drain). */
const DRAIN_EVERY = 200;

/**
 * The office layout (DOMAIN §6). Labels are the ones our importer (and people) read: 编号 holds the
 * canonical code (a master ledger's 序号 is only a running number, so there is no 序号 column), and the
 * evidence count is headed 材料份数 so that it is not taken for a list of evidence titles.
 */
export const LEDGER_COLUMNS: readonly Column<Key>[] = [
  { key: 'code', label: '编号', width: 8.5 },
  { key: 'kind', label: '问题类型', width: 9 },
  { key: 'text', label: '问题表现', width: 25 },
  { key: 'measures', label: '整改措施', width: 45, group: GROUP },
  { key: 'leaders', label: '责任领导', width: 13, group: GROUP },
  { key: 'leadUnit', label: '牵头单位', width: 11, group: GROUP },
  { key: 'units', label: '配合单位', width: 11, group: GROUP },
  { key: 'deadline', label: '整改时限', width: 13, group: GROUP },
  { key: 'status', label: '完成状态', width: 9, group: GROUP },
  { key: 'progress', label: '整改进展', width: 24, group: GROUP },
  { key: 'evidence', label: '材料\n份数', width: 6, group: GROUP },
  { key: 'notes', label: '备注', width: 9 },
];

const COL = Object.fromEntries(LEDGER_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<Key, number>;
const WIDTH = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c.key, c.width])) as Record<Key, number>;
const LAST = LEDGER_COLUMNS.length;
export const LEDGER_HEADER_ROWS: [number, number] = [3, 4];

/** Write the ledger sheet into `book`; returns the number of rows written below the header. */
export async function writeLedgerSheet(book: Book, data: LedgerData, options: LedgerSheetOptions): Promise<number> {
  const styles = makeStyles();
  const out = addTableSheet(book, sheetName('整改台账', new Set()), LEDGER_COLUMNS, LEDGER_HEADER_ROWS, { defaultRowHeight: 18 });

  out.put(1, 1, documentTitle(data.round, '台账'), styles.title);
  out.merge(1, 1, 1, LAST);
  out.height(1, 40);
  const half = Math.ceil(LAST / 2);
  out.put(2, 1, `填报单位：${options.filler ?? ''}`, styles.formLine);
  out.merge(2, 1, 2, half);
  out.put(2, half + 1, `填报时间：${chineseDate(options.date)}`, styles.formLineRight);
  out.merge(2, half + 1, 2, LAST);
  out.height(2, 22);
  let row = writeHeader(out, styles, LEDGER_HEADER_ROWS[0], LEDGER_COLUMNS);
  out.commit(row - 1);

  let done = 0;
  const first = row;
  for (const category of data.categories) {
    const heading = categoryHeading(category.no, category.title);
    out.put(row, 1, heading, styles.banner);
    out.merge(row, 1, row, LAST);
    out.height(row, heightFor(heading, totalWidth(LEDGER_COLUMNS), SIZES.body, 22));
    out.commit(row);
    row++;
    for (const problem of category.problems) {
      row = options.layout === 'rows' ? writeProblemRows(out, styles, row, problem) : writeProblemCell(out, styles, row, problem);
      out.commit(row - 1);
      options.onProblem?.(++done);
      if (done % DRAIN_EVERY === 0) await out.drain();
    }
  }
  return row - first;
}

/**
 * Measures numbered as ledgers number them, 1.… 2.…; when a measure's own text starts with a digit
 * (3.2024年…, kept from a sheet that numbered it so), the numbers are written （1）（2）, because a reader
 * cannot tell "1.2024年" from a decimal or a date and would leave the number in the text.
 */
export function numberedMeasures(p: ExportProblem): string[] {
  const parens = p.measures.some((m) => /^\s*\d/.test(m.text));
  return p.measures.map((m) => (parens ? `（${m.no}）${m.text}` : `${m.no}.${m.text}`));
}

/**
 * The deadline as written. Measures with deadlines of their own (set one by one, not split from the
 * problem's text) are written the way ledgers write them, 第一三项2024年11月20日前;第二项长期坚持, which the
 * importer splits back onto the measures; a measure without its own deadline follows the problem's.
 */
export function deadlineText(p: ExportProblem): string {
  const split = splitMeasureDeadlines(p.deadline.raw);
  const own = p.measures.some((m) => m.deadline.raw && m.deadline.raw !== p.deadline.raw && m.deadline.raw !== split?.get(m.no));
  if (!own) return p.deadline.raw;
  const groups = new Map<string, number[]>();
  for (const m of p.measures) {
    const text = m.deadline.raw || p.deadline.raw;
    if (!text) continue;
    if (!groups.has(text)) groups.set(text, []);
    groups.get(text)!.push(m.no);
  }
  return [...groups.entries()].map(([text, nos]) => `第${ordinals(nos)}项${text}`).join(';');
}

/** 第一三项 (single characters run together), 第十一、十二项 (longer numerals separated). */
function ordinals(nos: number[]): string {
  const words = nos.map(toChineseNumeral);
  return words.every((w) => w.length === 1) ? words.join('') : words.join('、');
}

/** The cells every layout writes once per problem (merged down in the row layout). */
function problemCells(p: ExportProblem): [Key, string | number | null, keyof Styles][] {
  return [
    ['code', p.code, 'code'],
    ['kind', KIND_LABEL[p.kind], 'center'],
    ['text', p.text, 'text'],
    ['leaders', p.leaders.join('\n'), 'center'],
    ['leadUnit', p.leadUnit ?? '', 'center'],
    ['units', p.units.join('、'), 'center'],
    ['progress', p.latestProgress?.text ?? '', 'text'],
    ['evidence', p.evidenceCount > 0 ? p.evidenceCount : null, 'number'],
    ['notes', p.notes, 'text'],
  ];
}

function neededHeight(cells: [Key, string | number | null, keyof Styles][]): number {
  let lines = 1;
  for (const [key, value] of cells) if (typeof value === 'string') lines = Math.max(lines, wrappedLines(value, WIDTH[key], SIZES.body));
  return heightForLines(lines, SIZES.body, 20);
}

/**
 * One row per measure, the problem's own cells merged down over them. The status is merged too when every
 * measure has the same one (as master ledgers write it); otherwise each measure row shows its own.
 */
function writeProblemRows(out: SheetWriter, styles: Styles, top: number, p: ExportProblem): number {
  const n = Math.max(1, p.measures.length);
  const bottom = top + n - 1;
  const shared = [...problemCells(p), ['deadline', deadlineText(p), 'center'] as [Key, string, keyof Styles]];
  for (const [key, value, style] of shared) {
    out.put(top, COL[key], value, styles[style]);
    out.merge(top, COL[key], bottom, COL[key]);
  }
  const mixedStatus = p.measures.some((m) => m.status !== p.measures[0]!.status);
  const perRow: [Key, string | number | null, keyof Styles][][] = [];
  const texts = numberedMeasures(p);
  for (let i = 0; i < n; i++) {
    const m = p.measures[i];
    const cells: [Key, string | number | null, keyof Styles][] = [['measures', texts[i] ?? '', 'text']];
    if (mixedStatus) cells.push(['status', m!.status, 'center']);
    perRow.push(cells);
    for (const [key, value, style] of cells) out.put(top + i, COL[key], value, styles[style]);
  }
  if (!mixedStatus) {
    out.put(top, COL.status, p.status, styles.center);
    out.merge(top, COL.status, bottom, COL.status);
  }
  const heights = spreadHeight(perRow.map(neededHeight), neededHeight(shared));
  heights.forEach((h, i) => out.height(top + i, h));
  return bottom + 1;
}

/**
 * Per-measure statuses in one cell, 第一三项已完成;第二项未启动: the result phrase of DOMAIN §3 written with
 * the canonical status words, so that 未启动 and 正在推进 stay apart (the report's 未完成整改 merges them).
 */
export function measureStatusPhrase(p: ExportProblem): string {
  const groups = new Map<string, number[]>();
  for (const m of p.measures) {
    if (!groups.has(m.status)) groups.set(m.status, []);
    groups.get(m.status)!.push(m.no);
  }
  return [...groups.entries()].map(([status, nos]) => `第${ordinals(nos)}项${status}`).join(';');
}

/** One row per problem: measures as "1.…\n2.…", per-measure statuses as a phrase when they differ. */
function writeProblemCell(out: SheetWriter, styles: Styles, row: number, p: ExportProblem): number {
  const mixedStatus = p.measures.some((m) => m.status !== p.measures[0]!.status);
  const cells: [Key, string | number | null, keyof Styles][] = [
    ...problemCells(p),
    ['measures', numberedMeasures(p).join('\n'), 'text'],
    ['deadline', deadlineText(p), 'center'],
    ['status', mixedStatus ? measureStatusPhrase(p) : p.status, 'center'],
  ];
  for (const [key, value, style] of cells) out.put(row, COL[key], value, styles[style]);
  out.height(row, neededHeight(cells));
  return row + 1;
}
