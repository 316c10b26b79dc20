import type { Figures, GroupStats, StatsWithItems } from '../../../../shared/domain/stats';
import type { RoundInfo } from '../../../../shared/domain/types';
import type { ExportProblem } from './data';
import { chineseDate, daysBetween } from '../../../../shared/domain/dates';
import type { Book } from './book';
import { categoryHeading, documentTitle, KIND_LABEL } from './data';
import { totalWidth, writeHeader, type Column } from './header';
import { heightFor, heightForLines, wrappedLines } from './measure';
import { addTableSheet } from './print';
import { sheetName } from './safe';
import type { SheetWriter } from './sheet';
import { makeStyles, SIZES, FONTS, type Styles } from './styles';

/**
 * The summary for the Party-group meeting (汇总表): the figures of DOMAIN §5 by category and by lead unit,
 * then the list of unfinished and overdue problems. Every number is taken from the statistics passed in
 * (statsFor), never counted here, so the sheet always equals `cli stats` for the same date.
 */
export interface SummaryInput {
  round: RoundInfo;
  stats: StatsWithItems;
  /** Problems in ledger order (the list draws the unfinished ones from them by the statistics' item ids). */
  /** The problems in ledger order; iterated twice (overdue first, then the others), so it may be read lazily. */
  problems: Iterable<ExportProblem>;
}

/** The seven figures of each problem kind, in sheet order. */
export const FIGURE_COLUMNS = [
  { label: '问题总数', value: (f: Figures) => f.total },
  { label: '期内应完成', value: (f: Figures) => f.dueInPeriod },
  { label: '期内已完成', value: (f: Figures) => f.completedInPeriod },
  { label: '阶段性整改率', value: (f: Figures) => (f.dueInPeriod > 0 ? f.rateInPeriod / 100 : null) },
  { label: '期外已完成', value: (f: Figures) => f.completedOutOfPeriod },
  { label: '期外正在推进', value: (f: Figures) => f.outOfPeriod - f.completedOutOfPeriod },
  { label: '逾期', value: (f: Figures) => f.overdue },
] as const;

const RATE_INDEX = 3;
const KINDS = ['general', 'specific'] as const;

export const SUMMARY_COLUMNS: readonly Column[] = [
  { key: 'label', label: '项目', width: 26 },
  ...KINDS.flatMap((kind) => FIGURE_COLUMNS.map((f) => ({ key: `${kind}.${f.label}`, label: f.label, width: 8.5, group: KIND_LABEL[kind] }))),
];
export const SUMMARY_HEADER_ROWS: [number, number] = [3, 4];
export const SUMMARY_SHEET = '汇总表';
export const UNFINISHED_SHEET = '未完成问题清单';

export async function writeSummary(book: Book, input: SummaryInput, fontName: string = FONTS.body): Promise<{ rows: number; unfinished: number }> {
  const styles = makeStyles(fontName);
  const used = new Set<string>();
  const figuresRows = writeFiguresSheet(book, styles, sheetName(SUMMARY_SHEET, used), input);
  const list = await writeUnfinishedSheet(book, styles, sheetName(UNFINISHED_SHEET, used), input);
  return { rows: figuresRows + list.rows, unfinished: list.count };
}

function dateLine(input: SummaryInput): string {
  const { stats } = input;
  return `统计截至：${chineseDate(stats.asOf)}　　集中整改期截至：${chineseDate(stats.periodEnd)}${input.round.periodEnd ? '' : '（未设置，按统计日期计）'}`;
}

function writeTitle(out: SheetWriter, styles: Styles, title: string, line: string, lastCol: number): void {
  out.put(1, 1, title, styles.title);
  out.merge(1, 1, 1, lastCol);
  out.height(1, 40);
  out.put(2, 1, line, styles.formLine);
  out.merge(2, 1, 2, lastCol);
  out.height(2, 22);
}

function writeFiguresSheet(book: Book, styles: Styles, name: string, input: SummaryInput): number {
  const { stats } = input;
  const out = addTableSheet(book, name, SUMMARY_COLUMNS, SUMMARY_HEADER_ROWS);
  const last = SUMMARY_COLUMNS.length;
  writeTitle(out, styles, documentTitle(input.round, '情况汇总表'), dateLine(input), last);
  let row = writeHeader(out, styles, SUMMARY_HEADER_ROWS[0], SUMMARY_COLUMNS);
  const first = row;
  const banner = (text: string) => {
    out.put(row, 1, text, styles.banner);
    out.merge(row, 1, row, last);
    out.height(row, 22);
    row++;
  };
  const line = (label: string, g: GroupStats, total = false) => {
    out.put(row, 1, label, total ? styles.totalLabel : styles.text);
    let col = 2;
    for (const kind of KINDS) {
      FIGURE_COLUMNS.forEach((f, i) => {
        const value = f.value(g[kind]);
        const style = i === RATE_INDEX ? (total ? styles.totalPercent : styles.percent) : total ? styles.totalNumber : styles.number;
        out.put(row, col++, value ?? '—', value == null ? (total ? styles.totalLabel : styles.center) : style);
      });
    }
    out.height(row, heightFor(label, SUMMARY_COLUMNS[0]!.width, SIZES.body, 22));
    row++;
  };
  const totals: GroupStats = { general: stats.general, specific: stats.specific };
  banner('一、按问题类别统计');
  for (const c of stats.byCategory) line(categoryHeading(c.no, c.title), c);
  line('合计', totals, true);
  banner('二、按牵头单位统计');
  for (const u of stats.byUnit) line(u.unit, u);
  line('合计', totals, true);

  const notes = [
    `整改措施共 ${stats.measures.total} 项，已完成 ${stats.measures.completed} 项。`,
    '说明：1.期内应完成：整改时限不晚于集中整改期截止日，或立行立改的问题；2.阶段性整改率＝期内已完成÷期内应完成；' +
      '3.期外：其余问题，分已完成和正在推进；4.逾期：整改时限早于统计日期且尚未完成；' +
      `5.已完成指状态为已完成或已销号且完成日期不晚于统计日期${input.round.longTermCountsCompleted ? '，长期坚持计为完成' : '，长期坚持不计为完成'}。`,
  ];
  for (const text of notes) {
    out.put(row, 1, text, styles.note);
    out.merge(row, 1, row, last);
    out.height(row, heightFor(text, totalWidth(SUMMARY_COLUMNS), 10, 20));
    row++;
  }
  return row - first;
}

type ListKey = 'code' | 'kind' | 'text' | 'leaders' | 'leadUnit' | 'deadline' | 'status' | 'overdue' | 'progress';
export const UNFINISHED_COLUMNS: readonly Column<ListKey>[] = [
  { key: 'code', label: '编号', width: 8.5 },
  { key: 'kind', label: '问题类型', width: 9 },
  { key: 'text', label: '问题', width: 32 },
  { key: 'leaders', label: '责任领导', width: 14 },
  { key: 'leadUnit', label: '牵头单位', width: 12 },
  { key: 'deadline', label: '整改时限', width: 13 },
  { key: 'status', label: '完成状态', width: 9 },
  { key: 'overdue', label: '逾期情况', width: 9 },
  { key: 'progress', label: '最新进展', width: 36 },
];
export const UNFINISHED_HEADER_ROW = 3;
/** Rows written between two pauses that let the committed rows reach the file (SheetWriter.drain). */
const DRAIN_EVERY = 500;

async function writeUnfinishedSheet(book: Book, styles: Styles, name: string, input: SummaryInput): Promise<{ rows: number; count: number }> {
  const { stats } = input;
  const out = addTableSheet(book, name, UNFINISHED_COLUMNS, [UNFINISHED_HEADER_ROW, UNFINISHED_HEADER_ROW]);
  const last = UNFINISHED_COLUMNS.length;

  const overdueIds = new Set([...stats.items.general.overdue, ...stats.items.specific.overdue]);
  const completedIds = new Set([...stats.items.general.completed, ...stats.items.specific.completed]);
  const totalIds = new Set([...stats.items.general.total, ...stats.items.specific.total]);
  // Counted from the statistics' own lists; the problems themselves are read while they are written.
  const unfinishedIds = new Set([...totalIds].filter((id) => !completedIds.has(id)));
  const unfinished = { length: unfinishedIds.size };
  const overdue = { length: [...unfinishedIds].filter((id) => overdueIds.has(id)).length };
  const others = { length: unfinished.length - overdue.length };

  writeTitle(
    out,
    styles,
    '未完成及逾期问题清单',
    `统计截至：${chineseDate(stats.asOf)}　　未完成 ${unfinished.length} 个（面上问题 ${stats.general.total - stats.general.completed} 个、具体问题 ${stats.specific.total - stats.specific.completed} 个），其中逾期 ${overdue.length} 个`,
    last,
  );
  let row = writeHeader(out, styles, UNFINISHED_HEADER_ROW, UNFINISHED_COLUMNS);
  const first = row;
  const banner = (text: string) => {
    out.put(row, 1, text, styles.banner);
    out.merge(row, 1, row, last);
    out.height(row, 22);
    out.commit(row);
    row++;
  };
  if (totalIds.size === 0) banner('当前轮次还没有问题。');
  else if (unfinished.length === 0) banner(`截至${chineseDate(stats.asOf)}，全部问题均已完成整改。`);
  const groups: [string, number, (p: ExportProblem) => boolean][] = [
    [`一、逾期未完成（${overdue.length} 个）`, overdue.length, (p) => overdueIds.has(p.id)],
    [`二、其他未完成（${others.length} 个）`, others.length, (p) => !overdueIds.has(p.id)],
  ];
  let written = 0;
  for (const [heading, count, inGroup] of groups) {
    if (count === 0) continue;
    banner(heading);
    for (const p of input.problems) {
      if (!unfinishedIds.has(p.id) || !inGroup(p)) continue;
      const late = overdueIds.has(p.id) && p.deadline.date ? daysBetween(p.deadline.date, stats.asOf) : null;
      const cells: [ListKey, string, keyof Styles][] = [
        ['code', p.code, 'code'],
        ['kind', KIND_LABEL[p.kind], 'center'],
        ['text', p.text, 'text'],
        ['leaders', p.leaders.join('\n'), 'center'],
        ['leadUnit', p.leadUnit ?? '', 'center'],
        ['deadline', p.deadline.raw || (p.deadline.date ? chineseDate(p.deadline.date) : ''), 'center'],
        // Done after the date: unfinished on it; the date says why a 已完成 is listed.
        ['status', p.completedDate && p.completedDate > stats.asOf ? `${p.status}（${chineseDate(p.completedDate)}）` : p.status, 'center'],
        ['overdue', late != null ? `逾期${late}天` : '', late != null ? 'alert' : 'center'],
        ['progress', p.latestProgress ? `${chineseDate(p.latestProgress.date)}：${p.latestProgress.text}` : '', 'text'],
      ];
      let lines = 1;
      cells.forEach(([key, value, style], i) => {
        out.put(row, i + 1, value, styles[style]);
        lines = Math.max(lines, wrappedLines(value, UNFINISHED_COLUMNS[i]!.width, SIZES.body));
        void key;
      });
      out.height(row, heightForLines(lines, SIZES.body, 20));
      out.commit(row);
      row++;
      if (++written % DRAIN_EVERY === 0) await out.drain();
    }
  }
  return { rows: row - first, count: unfinished.length };
}
