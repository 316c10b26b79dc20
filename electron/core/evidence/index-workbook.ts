import type ExcelJS from 'exceljs';
import { excel } from '../excel/write/exceljs';

/** One line of the 佐证材料目录 (the evidence index of a package). */
export interface IndexLine {
  code: string;
  problem: string;
  number: string;
  title: string;
  originalName: string;
  typeLabel: string;
  size: number | null;
  sha256: string | null;
  addedBy: string;
  addedAt: string;
  /** Where the file is inside the package; empty when the file has not been received. */
  path: string;
}

export const INDEX_FILE_NAME = '佐证材料目录.xlsx';

export const INDEX_COLUMNS: { header: string; key: keyof IndexLine | 'no' | 'state'; width: number }[] = [
  { header: '序号', key: 'no', width: 5 },
  { header: '问题编号', key: 'code', width: 8 },
  { header: '问题', key: 'problem', width: 28 },
  { header: '材料编号', key: 'number', width: 9 },
  { header: '材料名称', key: 'title', width: 20 },
  { header: '原文件名', key: 'originalName', width: 20 },
  { header: '类型', key: 'typeLabel', width: 10 },
  { header: '大小（字节）', key: 'size', width: 10 },
  // 64 hex digits wrap onto three lines in the small monospace font.
  { header: 'SHA-256', key: 'sha256', width: 23 },
  { header: '添加人', key: 'addedBy', width: 7 },
  { header: '添加时间', key: 'addedAt', width: 15 },
  { header: '包内位置', key: 'path', width: 22 },
  { header: '状态', key: 'state', width: 6 },
];

/** Wrapped lines a text takes in a column (Excel width units: a CJK character counts two). */
function linesFor(text: string, width: number, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return Math.max(1, Math.ceil((units * fontSize) / 11 / Math.max(1, width - 1)));
}

/** 2025-03-01T08:05:00.000Z → 2025-03-01 16:05 (local time, as the clerk saw it). */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * The index workbook: a title, what was exported and when, then one row per item, printable on A4
 * landscape with the header repeated on every page.
 */
export async function buildIndexWorkbook(lines: IndexLine[], meta: { ledgerName: string; roundTitle: string; exportedAt: string }): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = '整改台账';
  wb.created = new Date(meta.exportedAt);
  const ws = wb.addWorksheet('佐证材料目录', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  ws.columns = INDEX_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const last = String.fromCharCode(64 + INDEX_COLUMNS.length);
  ws.mergeCells(`A1:${last}1`);
  const title = ws.getCell('A1');
  title.value = `${meta.roundTitle || meta.ledgerName} 佐证材料目录`;
  title.font = { name: '黑体', size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(`A2:${last}2`);
  const received = lines.filter((l) => l.path).length;
  ws.getCell('A2').value = `台账：${meta.ledgerName}　导出时间：${localTime(meta.exportedAt)}　共 ${lines.length} 项，已收到文件 ${received} 项，未收到 ${lines.length - received} 项`;
  ws.getCell('A2').font = { name: '宋体', size: 10 };
  const header = ws.getRow(3);
  header.values = INDEX_COLUMNS.map((c) => c.header);
  header.font = { name: '黑体', size: 11, bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.height = 22;
  lines.forEach((l, i) => {
    const row = ws.addRow({
      no: i + 1,
      code: l.code,
      problem: l.problem,
      number: l.number,
      title: l.title,
      originalName: l.originalName,
      typeLabel: l.typeLabel,
      size: l.size,
      sha256: l.sha256 ?? '',
      addedBy: l.addedBy,
      addedAt: l.addedAt ? localTime(l.addedAt) : '',
      path: l.path,
      state: l.path ? '已收到' : '未收到',
    });
    row.font = { name: '宋体', size: 10 };
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell('sha256').font = { name: 'Consolas', size: 8 };
    // Neither Excel nor WPS grows rows written by a program to fit wrapped text: set the height here.
    const lines = Math.max(...INDEX_COLUMNS.map((c) => linesFor(String(row.getCell(c.key).value ?? ''), c.width, c.key === 'sha256' ? 8 : 10)));
    row.height = Math.max(16, lines * 13 + 3);
    if (!l.path) row.getCell('state').font = { name: '宋体', size: 10, color: { argb: 'FFC00000' }, bold: true };
  });
  for (let r = 3; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  }
  ws.pageSetup.printTitlesRow = '3:3';
  ws.headerFooter.oddFooter = '第 &P 页，共 &N 页';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
