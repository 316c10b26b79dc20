import type { DataValidation, Style } from 'exceljs';
import type { RoundInfo } from '../../../../shared/domain/types';
import type { ExportProblem } from './data';
import { PROBLEM_STATUSES } from '../../../../shared/domain/status';
import type { Book } from './book';
import { documentTitle } from './data';
import { writeHeader, totalWidth, type Column } from './header';
import { deadlineText, numberedMeasures } from './ledger-workbook';
import { heightFor, heightForLines, wrappedLines } from './measure';
import { addTableSheet } from './print';
import { rangeRef, ref } from './refs';
import { sheetName } from './safe';
import { makeStyles, SIZES, unlocked } from './styles';
import { writeTemplateIds, type TemplateIds } from './template-ids';
import { TEMPLATE_ID_SHEET } from '../template-format';

/**
 * A return template (回执模板) for one lead unit: its problems, one row each, with what the unit must not
 * change locked (grey) and what it reports open (white): status from a list, completion date, progress,
 * evidence, notes. The header words are the ones the importer reads; the hidden sheet 台账标识 ties each
 * row to its problem.
 */
type Key = 'code' | 'text' | 'measures' | 'deadline' | 'status' | 'completedDate' | 'progress' | 'evidence' | 'notes';

export const TEMPLATE_COLUMNS: readonly (Column<Key> & { open: boolean })[] = [
  { key: 'code', label: '编号', width: 8.5, open: false },
  { key: 'text', label: '问题', width: 24, open: false },
  { key: 'measures', label: '整改措施', width: 38, open: false },
  { key: 'deadline', label: '整改时限', width: 12, open: false },
  { key: 'status', label: '完成状态', width: 10, open: true },
  { key: 'completedDate', label: '完成日期', width: 13, open: true },
  { key: 'progress', label: '整改进展', width: 32, open: true },
  { key: 'evidence', label: '佐证材料', width: 20, open: true },
  { key: 'notes', label: '备注', width: 10, open: true },
];

const COL = Object.fromEntries(TEMPLATE_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<Key, number>;
const LAST = TEMPLATE_COLUMNS.length;
export const TEMPLATE_HEADER_ROW = 4;
export const TEMPLATE_FIRST_ROW = TEMPLATE_HEADER_ROW + 1;
/** Where the unit writes the date of its return (the importer dates the progress by it). */
export const TEMPLATE_DATE_CELL = { row: 2, col: 7 };

/**
 * The statuses a unit may report (已销号 is the office's sign-off, not the unit's; 未注明 says a published
 * document gave no result, which is what the return is asked to give).
 */
export const TEMPLATE_STATUSES = PROBLEM_STATUSES.filter((s) => s !== '已销号' && s !== '未注明');

const NOTE =
  '说明：1.灰底各列为台账内容，请勿修改；白底各列请如实填写。2.完成状态请从下拉列表中选择；各项措施完成情况不同的，可填写“第一三项完成整改;第二项未完成整改”。' +
  '3.完成日期填写实际完成的日期，如2025年3月10日。4.整改进展已填入上次报送的内容，请改写为截至填报日期的最新进展。' +
  '5.佐证材料每行写一项，注明文件名称、文号或日期。6.请勿增删行、调整行序或改动表格结构，填好后将本文件直接报回。';

const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

export interface TemplateInput {
  round: RoundInfo;
  unit: string;
  /** The unit's problems in ledger order (read lazily: iterated once). */
  problems: Iterable<ExportProblem>;
  ids: Omit<TemplateIds, 'rows' | 'unit'>;
}

function isoToDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Write one unit's template into `book`; returns the number of problem rows. */
export async function writeReturnTemplate(book: Book, input: TemplateInput): Promise<number> {
  const base = makeStyles();
  const grey = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } } as const;
  const s = {
    ...base,
    lockedText: { ...base.text, fill: grey },
    lockedCenter: { ...base.center, fill: grey },
    lockedCode: { ...base.code, fill: grey },
    openText: unlocked(base.textTop),
    openCenter: unlocked(base.center),
    openDate: unlocked({ ...base.center, numFmt: DATE_FORMAT } as Partial<Style>),
    formDate: unlocked({ ...base.formLine, numFmt: DATE_FORMAT, border: { bottom: { style: 'thin' } } } as Partial<Style>),
    footer: unlocked(base.formLine),
  };
  const out = addTableSheet(book, sheetName(input.unit, new Set([TEMPLATE_ID_SHEET]), '回执'), TEMPLATE_COLUMNS, [TEMPLATE_HEADER_ROW, TEMPLATE_HEADER_ROW]);

  out.put(1, 1, `${documentTitle(input.round, '进展情况')}（${input.unit}）`, s.title);
  out.merge(1, 1, 1, LAST);
  out.height(1, 40);
  out.put(2, 1, `填报单位：${input.unit}`, s.formLine);
  out.merge(2, 1, 2, TEMPLATE_DATE_CELL.col - 2);
  out.put(2, TEMPLATE_DATE_CELL.col - 1, '填报日期：', s.formLineRight);
  out.put(2, TEMPLATE_DATE_CELL.col, null, s.formDate);
  out.height(2, 24);
  out.put(3, 1, NOTE, s.note);
  out.merge(3, 1, 3, LAST);
  out.height(3, heightFor(NOTE, totalWidth(TEMPLATE_COLUMNS), 10, 30));
  let row = writeHeader(out, s, TEMPLATE_HEADER_ROW, TEMPLATE_COLUMNS);

  const rows: TemplateIds['rows'] = [];
  for (const p of input.problems) {
    const done = p.status === '已完成' || p.status === '已销号';
    const cells: [Key, string | Date | null, Partial<Style>][] = [
      ['code', p.code, s.lockedCode],
      ['text', p.text, s.lockedText],
      ['measures', numberedMeasures(p).join('\n'), s.lockedText],
      ['deadline', deadlineText(p), s.lockedCenter],
      // 未注明 is left blank for the unit to fill in: it is not a status a return can give back.
      ['status', p.status === '未注明' ? '' : p.status, s.openCenter],
      ['completedDate', done && p.completedDate ? isoToDate(p.completedDate) : null, s.openDate],
      ['progress', p.latestProgress?.text ?? '', s.openText],
      ['evidence', '', s.openText],
      ['notes', '', s.openText],
    ];
    let lines = 3; // room to write in by hand on a printed copy
    for (const [key, value, style] of cells) {
      out.put(row, COL[key], value, style);
      if (typeof value === 'string') lines = Math.max(lines, wrappedLines(value, TEMPLATE_COLUMNS[COL[key] - 1]!.width, SIZES.body));
    }
    out.height(row, heightForLines(lines, SIZES.body));
    rows.push({ sheetRow: row, problemId: p.id, code: p.code });
    out.commit(row);
    row++;
    if (rows.length % 500 === 0) await out.drain();
  }
  const footer = '填表人：　　　　　　　　联系电话：';
  out.put(row, 1, footer, s.footer);
  out.merge(row, 1, row, LAST);
  out.height(row, 28);

  if (rows.length) {
    const first = TEMPLATE_FIRST_ROW;
    const last = first + rows.length - 1;
    out.validate(rangeRef(first, COL.status, last, COL.status), statusValidation());
    out.validate(rangeRef(first, COL.completedDate, last, COL.completedDate), dateValidation('完成日期'));
  }
  out.validate(ref(TEMPLATE_DATE_CELL.row, TEMPLATE_DATE_CELL.col), dateValidation('填报日期'));
  // No password: protection guards against slips, not against a determined unit; the importer trusts
  // only the hidden identifiers and the open columns anyway.
  void out.ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatRows: true, formatColumns: true });

  writeTemplateIds(book, { ...input.ids, unit: input.unit, rows });
  return rows.length;
}

function statusValidation(): DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${TEMPLATE_STATUSES.join(',')}"`],
    showInputMessage: true,
    promptTitle: '完成状态',
    prompt: '请从下拉列表中选择',
    showErrorMessage: true,
    // A warning, not a stop: the per-measure phrase (第一项完成整改;第二项未完成整改) must stay possible.
    errorStyle: 'warning',
    errorTitle: '完成状态',
    error: `建议选择：${TEMPLATE_STATUSES.join('、')}。各项措施完成情况不同时，可写“第一三项完成整改;第二项未完成整改”。`,
  };
}

function dateValidation(label: string): DataValidation {
  return {
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
    showInputMessage: true,
    promptTitle: label,
    prompt: '请填写日期，如 2025年3月10日',
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: label,
    error: '请填写有效日期，如 2025年3月10日（不能填写 2月30日 这样不存在的日期）。',
  };
}
