import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { startE2eApp, type E2eApp } from './harness';

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('exports through the page, in Chromium against the web host', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
    await app.page.goto(app.url);
    await app.page.getByRole('button', { name: /创建示例台账/ }).click();
    await app.page.getByTestId('ledger-title').getByText('市委第三巡察组巡察反馈问题整改（示例）').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('downloads the ledger workbook in the chosen layout, which opens with its title, header and problems', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: /导出/ }).click();
    await page.getByRole('tab', { name: '台账总表' }).click();
    await page.getByLabel('填报单位').fill('局办公室');
    await page.getByText('全部措施写在同一单元格').click();
    await page.getByTestId('export-preview').getByText('共 27 个问题、52 项措施，31 行。', { exact: false }).waitFor();
    await app.screenshot('export-ledger');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出台账总表/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^市生态环境局党组巡察反馈问题整改台账-\d{8}\.xlsx$/);
    const file = path.join(app.dir, 'ledger.xlsx');
    await download.saveAs(file);
    await page.getByTestId('export-done').waitFor();
    await app.screenshot('export-ledger-done');
    const ws = (await workbook(file)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('市生态环境局党组巡察反馈问题整改台账');
    expect(ws.getCell('A2').value).toBe('填报单位：局办公室');
    expect(ws.getCell('D4').value).toBe('整改措施');
    expect(ws.getCell('A6').value).toBe('1-1');
    expect(String(ws.getCell('D6').value)).toMatch(/^1\.修订党组理论学习中心组学习规则/);
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
  });

  it('downloads the summary sheet, whose totals equal the statistics of the same date', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '汇总表' }).click();
    const date = page.getByLabel('统计截至');
    await date.fill('2025-03-01');
    await date.press('Enter');
    await page.getByRole('heading', { name: '导出' }).click(); // closes the date picker
    await page.getByTestId('export-preview').filter({ hasText: '汇总表与清单' }).getByText('-20250301.xlsx', { exact: false }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出汇总表/ }).click()]);
    const file = path.join(app.dir, 'summary.xlsx');
    await download.saveAs(file);
    const stats = await app.service.call('stats.get', { asOf: '2025-03-01' });
    if (!stats.ok) throw new Error(stats.error.message);
    const g = (stats.value as { general: { total: number; overdue: number } }).general;
    const ws = (await workbook(file)).getWorksheet('汇总表')!;
    let total = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '合计' && !total) total = n;
    });
    expect(ws.getCell(total, 2).value).toBe(g.total);
    expect(ws.getCell(total, 8).value).toBe(g.overdue);
  });

  it('downloads return templates for the chosen units as one zip of locked workbooks', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '回执模板' }).click();
    await page.getByLabel('牵头单位').click();
    await page.getByTitle('人事科（2）').click();
    await page.getByTitle('应急与信访科（4）').click();
    await page.keyboard.press('Escape');
    await page.getByText('2 个单位、6 个问题。', { exact: false }).waitFor();
    await page.waitForTimeout(400); // the list's closing animation
    await app.screenshot('export-returns');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出回执模板/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^整改进展回执模板-\d{8}\.zip$/);
    const file = path.join(app.dir, 'returns.zip');
    await download.saveAs(file);
    const files = unzipSync(new Uint8Array(fs.readFileSync(file)));
    expect(Object.keys(files).sort()).toEqual(['整改进展回执-人事科.xlsx', '整改进展回执-应急与信访科.xlsx']);
    const one = path.join(app.dir, 'one.xlsx');
    fs.writeFileSync(one, files['整改进展回执-人事科.xlsx']!);
    const wb = await workbook(one);
    expect(wb.worksheets.map((w) => w.state)).toEqual(['visible', 'veryHidden']);
    expect(wb.worksheets[0]!.getCell('E5').dataValidation?.type).toBe('list');
    await page.getByTestId('export-done').filter({ hasText: '已导出回执模板' }).waitFor();
    await app.screenshot('export-returns-done');
    // The published report has its own section on the same page.
    await page.getByRole('tab', { name: '进展情况公布' }).click();
    await page.getByTestId('report-export').waitFor();
    await app.screenshot('export-report-tab');
    expect(app.pageErrors).toEqual([]);
  });
});
