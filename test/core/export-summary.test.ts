import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { runCli } from '../../electron/cli';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { runAction } from '../../electron/core/ledger/actions';
import { createProblem } from '../../electron/core/ledger/problems';
import { listCategories, currentRoundId } from '../../electron/core/ledger/rounds';
import { FIGURE_COLUMNS, SUMMARY_SHEET, UNFINISHED_SHEET } from '../../electron/core/excel/write/summary-workbook';
import { categoryHeading } from '../../electron/core/excel/write/data';
import type { Figures, Stats } from '../../shared/domain/stats';
import { daysBetween } from '../../shared/domain/dates';
import { tmpLedger } from '../helpers/ledger';
import { readWorkbook, xmlParts } from '../helpers/workbook';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

/** The seven figures of one kind as the sheet shows them, starting at column `from`. */
function sheetFigures(ws: ExcelJS.Worksheet, row: number, from: number): unknown[] {
  return FIGURE_COLUMNS.map((_, i) => ws.getCell(row, from + i).value);
}

/** The same seven figures from `cli stats --json`: the rate as the fraction the % format shows, — when nothing is due. */
function expectedFigures(f: Figures): unknown[] {
  return [f.total, f.dueInPeriod, f.completedInPeriod, f.dueInPeriod ? f.rateInPeriod / 100 : '—', f.completedOutOfPeriod, f.outOfPeriod - f.completedOutOfPeriod, f.overdue];
}

describe('the summary sheet for the Party-group meeting', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => {
    t = tmpLedger();
    createSampleLedger(t.db);
    // A problem without a lead unit: the statistics count it under （未指定牵头单位）.
    const [category] = listCategories(t.db, currentRoundId(t.db)!);
    runAction(t.db, { source: 'edit', label: '加问题' }, () =>
      createProblem(t.db, { categoryId: category!.id, kind: 'general', text: '尚未分工的问题。', deadline: { raw: '2025年1月31日前' } }),
    );
  });
  afterEach(() => t.cleanup());

  for (const asOf of ['2025-01-15', '2025-03-01', '2025-12-31']) {
    it(`shows exactly the figures of cli stats --as-of ${asOf}, cell by cell`, async () => {
      const out = path.join(t.dir, `summary-${asOf}.xlsx`);
      const exported = await cli('export', t.file, '--kind', 'summary', '--out', out, '--as-of', asOf);
      expect(exported.code, exported.err).toBe(0);
      const statsRun = await cli('stats', t.file, '--as-of', asOf, '--json');
      const stats = JSON.parse(statsRun.out) as Stats;
      const wb = await readWorkbook(fs.readFileSync(out));
      const ws = wb.getWorksheet(SUMMARY_SHEET)!;
      expect(String(ws.getCell('A2').value)).toContain(`统计截至：${asOf.slice(0, 4)}年${Number(asOf.slice(5, 7))}月${Number(asOf.slice(8))}日`);

      const labels: string[] = [];
      for (let r = 1; r <= ws.rowCount; r++) labels.push(String(ws.getCell(r, 1).value ?? ''));
      const rowOf = (label: string, after = 0) => labels.indexOf(label, after) + 1;
      const byCategory = rowOf('一、按问题类别统计');
      const byUnit = rowOf('二、按牵头单位统计');
      expect(byCategory).toBeGreaterThan(0);
      expect(byUnit).toBeGreaterThan(byCategory);

      stats.byCategory.forEach((c, i) => {
        const r = byCategory + 1 + i;
        expect(ws.getCell(r, 1).value).toBe(categoryHeading(c.no, c.title));
        expect(sheetFigures(ws, r, 2), `${c.title} 面上`).toEqual(expectedFigures(c.general));
        expect(sheetFigures(ws, r, 9), `${c.title} 具体`).toEqual(expectedFigures(c.specific));
      });
      const categoryTotal = byCategory + 1 + stats.byCategory.length;
      expect(ws.getCell(categoryTotal, 1).value).toBe('合计');
      expect(sheetFigures(ws, categoryTotal, 2)).toEqual(expectedFigures(stats.general));
      expect(sheetFigures(ws, categoryTotal, 9)).toEqual(expectedFigures(stats.specific));

      expect(stats.byUnit.map((u) => u.unit)).toContain('（未指定牵头单位）');
      stats.byUnit.forEach((u, i) => {
        const r = byUnit + 1 + i;
        expect(ws.getCell(r, 1).value).toBe(u.unit);
        expect(sheetFigures(ws, r, 2), `${u.unit} 面上`).toEqual(expectedFigures(u.general));
        expect(sheetFigures(ws, r, 9), `${u.unit} 具体`).toEqual(expectedFigures(u.specific));
      });
      const unitTotal = byUnit + 1 + stats.byUnit.length;
      expect(ws.getCell(unitTotal, 1).value).toBe('合计');
      expect(sheetFigures(ws, unitTotal, 2)).toEqual(expectedFigures(stats.general));
      expect(sheetFigures(ws, unitTotal, 9)).toEqual(expectedFigures(stats.specific));
      expect(String(ws.getCell(unitTotal + 1, 1).value)).toBe(`整改措施共 ${stats.measures.total} 项，已完成 ${stats.measures.completed} 项。`);
    });
  }

  it('lists exactly the unfinished problems, the overdue first with their days overdue', async () => {
    const asOf = '2025-03-01';
    const out = path.join(t.dir, 'summary.xlsx');
    expect((await cli('export', t.file, '--kind', 'summary', '--out', out, '--as-of', asOf)).code).toBe(0);
    const overdueRun = await cli('stats', t.file, '--as-of', asOf, '--json');
    const stats = JSON.parse(overdueRun.out) as Stats;
    const wb = await readWorkbook(fs.readFileSync(out));
    const ws = wb.getWorksheet(UNFINISHED_SHEET)!;
    const rows: { code: string; overdue: string; status: string }[] = [];
    let overdueHeading = 0;
    for (let r = 4; r <= ws.rowCount; r++) {
      const a = String(ws.getCell(r, 1).value ?? '');
      if (a.startsWith('一、逾期未完成')) overdueHeading = r;
      if (/^\d+-\d+/.test(a)) rows.push({ code: a, status: String(ws.getCell(r, 7).value), overdue: String(ws.getCell(r, 8).value ?? '') });
    }
    // Every problem that is not completed as of the date, and no other.
    const unfinished = (t.db.raw.prepare('SELECT code, status, completed_date AS d, deadline_date AS dl FROM problems WHERE deleted_at IS NULL').all() as {
      code: string;
      status: string;
      d: string | null;
      dl: string | null;
    }[]).filter((p) => !((p.status === '已完成' || p.status === '已销号') && (p.d == null || p.d <= asOf)));
    expect(rows.map((r) => r.code).sort()).toEqual(unfinished.map((p) => p.code).sort());
    const overdue = rows.filter((r) => r.overdue);
    expect(overdue.length).toBe(stats.general.overdue + stats.specific.overdue);
    expect(overdueHeading).toBeGreaterThan(0);
    expect(String(ws.getCell(overdueHeading, 1).value)).toBe(`一、逾期未完成（${overdue.length} 个）`);
    for (const r of overdue) {
      const p = unfinished.find((u) => u.code === r.code)!;
      expect(r.overdue).toBe(`逾期${daysBetween(p.dl!, asOf)}天`);
    }
    // The overdue come first.
    expect(rows.slice(0, overdue.length).every((r) => r.overdue)).toBe(true);
    // A problem done after the date is unfinished on it, and says when it was done.
    const late = rows.find((r) => r.code === '1-1-1')!;
    expect(late.status).toBe('已完成（2025年3月20日）');
  });

  it('prints both sheets on A4 landscape with their headers repeated and page numbers', async () => {
    const out = path.join(t.dir, 'summary.xlsx');
    expect((await cli('export', t.file, '--kind', 'summary', '--out', out, '--as-of', '2025-03-01')).code).toBe(0);
    const bytes = fs.readFileSync(out);
    const wb = await readWorkbook(bytes);
    const expected: Record<string, string> = { [SUMMARY_SHEET]: '3:4', [UNFINISHED_SHEET]: '3:3' };
    for (const [name, titles] of Object.entries(expected)) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: titles });
      expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    }
    const fonts = xmlParts(bytes)['xl/styles.xml']!;
    expect(fonts).toContain('方正小标宋简体');
    expect(fonts).toContain('黑体');
    expect(fonts).toContain('宋体');
  });

  it('says so instead of claiming everything done when the round has no problems yet', async () => {
    const empty = tmpLedger();
    try {
      const init = await cli('init', path.join(empty.dir, 'new.zgtz'));
      expect(init.code).toBe(0);
      const out = path.join(empty.dir, 'summary.xlsx');
      const r = await cli('export', path.join(empty.dir, 'new.zgtz'), '--kind', 'summary', '--out', out, '--as-of', '2025-03-01');
      expect(r.code, r.err).toBe(0);
      const wb = await readWorkbook(fs.readFileSync(out));
      expect(wb.getWorksheet(UNFINISHED_SHEET)!.getCell('A4').value).toBe('当前轮次还没有问题。');
      expect(wb.getWorksheet(SUMMARY_SHEET)!.getCell('A6').value).toBe('合计');
    } finally {
      empty.cleanup();
    }
  });
});
