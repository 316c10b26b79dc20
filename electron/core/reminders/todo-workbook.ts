import type ExcelJS from 'exceljs';
import { excel } from '../excel/write/exceljs';
import { cellText, needsTextFormat, sheetName } from '../excel/write/safe';
import { FONTS } from '../excel/write/styles';
import { chineseDate } from '../../../shared/domain/dates';
import { TODO_LABELS, type Todo } from '../../../shared/domain/reminders';

/** 导出为 Excel: the to-do view, one sheet per section, each with its title line and date. */
type Row = (string | number)[];

function addSheet(wb: ExcelJS.Workbook, used: Set<string>, title: string, asOf: string, header: string[], widths: number[], rows: Row[]): void {
  const ws = wb.addWorksheet(sheetName(title, used), { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, header.length);
  const t = ws.getCell(1, 1);
  t.value = `${title}（${rows.length}）`;
  t.font = { name: FONTS.title, size: 16, charset: 134 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.getCell(2, 1).value = `截至：${chineseDate(asOf)}`;
  const head = ws.getRow(3);
  header.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { name: FONTS.heading, size: 10.5, charset: 134 };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  rows.forEach((r, i) => {
    const row = ws.getRow(4 + i);
    r.forEach((v, j) => {
      const c = row.getCell(j + 1);
      if (typeof v === 'number') c.value = v;
      else {
        const text = cellText(v);
        c.value = text;
        if (needsTextFormat(text)) c.numFmt = '@';
      }
      c.font = { name: FONTS.body, size: 10.5, charset: 134 };
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
}

const progress = (p: { latestProgress: { date: string; text: string } | null }) => (p.latestProgress ? `${p.latestProgress.date} ${p.latestProgress.text}` : '');

export async function todoWorkbook(todo: Todo): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = '整改台账';
  const used = new Set<string>();
  const problemHeader = (days: string) => ['编号', '问题', '牵头单位', '整改时限', '状态', days, '最新进展'];
  const widths = [9, 50, 14, 18, 10, 10, 40];
  addSheet(wb, used, TODO_LABELS.overdue, todo.asOf, problemHeader('逾期天数'), widths, todo.overdue.map((p) => [p.code, p.text, p.leadUnit ?? '', p.deadline.raw, p.status, p.days, progress(p)]));
  addSheet(wb, used, TODO_LABELS.dueSoon, todo.asOf, problemHeader('剩余天数'), widths, todo.dueSoon.map((p) => [p.code, p.text, p.leadUnit ?? '', p.deadline.raw, p.status, p.days, progress(p)]));
  const returns = [
    ...todo.returns.late.map((u) => [u.unit, todo.returns.lateCycle?.label ?? '', '逾期未报', u.problems]),
    ...todo.returns.pending.map((u) => [u.unit, todo.returns.current?.label ?? '', '待报送', u.problems]),
  ];
  addSheet(wb, used, TODO_LABELS.returns, todo.asOf, ['单位', '报送周期', '情况', '牵头未完成问题数'], [20, 24, 12, 16], returns);
  addSheet(wb, used, TODO_LABELS.signoffs, todo.asOf, ['编号', '问题', '牵头单位', '状态'], [9, 60, 14, 10], todo.signoffs.map((p) => [p.code, p.text, p.leadUnit ?? '', p.status]));
  addSheet(
    wb,
    used,
    TODO_LABELS.stale,
    todo.asOf,
    ['编号', '措施', '牵头单位', '状态', '最近进展日期', '无进展天数'],
    [9, 60, 14, 10, 14, 12],
    todo.stale.map((m) => [`${m.code} 第${m.no}项`, m.text, m.leadUnit ?? '', m.status, m.lastProgress ?? '无', m.idleDays]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
