import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startE2eApp, type E2eApp } from './harness';
import { PUBLISHED_REPORT } from '../helpers/report';
import { docxParagraphs } from '../../electron/core/report/docx-source';

describe('the progress report in Chromium against the web host', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports the published report on the import page: preview, lines to check, commit', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('menuitem', { name: /导入/ }).click();
    const section = page.getByTestId('report-import');
    await section.locator('input[type=file]').setInputFiles(PUBLISHED_REPORT);
    const understood = page.getByTestId('report-understood');
    await understood.getByText('市委第五巡察组', { exact: true }).waitFor();
    await expect(understood.getByText('4个月，至 2024-11-24').count()).resolves.toBe(1);
    await section.getByText('请核对（2 处）').scrollIntoViewIfNeeded();
    await app.screenshot('report-import-preview');
    await understood.getByText('（二）担当作为、攻坚克难不够,重点工作推进不力　15 个问题').click();
    const partial = understood.getByRole('row', { name: /2-2-1 合法性审查面宽量大/ });
    await expect(partial.getByText('4/5 项完成').count()).resolves.toBe(1);
    await partial.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await app.screenshot('report-import-problems');
    await section.getByRole('button', { name: '导 入' }).click();
    await page.getByTestId('ledger-title').getByText('市委第五巡察组巡察市司法局党组反馈问题整改').waitFor();
    const info = await app.service.call('ledger.info', {});
    if (!info.ok) throw new Error(info.error.message);
    expect((info.value as { problemCount: number }).problemCount).toBe(63);
  });

  it('previews the report for a date on the export page, with the figures of the statistics, and saves the .docx', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: /导出/ }).click();
    await page.getByRole('tab', { name: '进展情况公布' }).click();
    const date = page.getByLabel('公布截止日期');
    await date.fill('2025-02-21');
    await date.press('Enter');
    const stats = await app.service.call('stats.get', { asOf: '2025-02-21' });
    if (!stats.ok) throw new Error(stats.error.message);
    const g = (stats.value as { general: { total: number; dueInPeriod: number; completedInPeriod: number; rateInPeriod: number } }).general;
    await page.getByRole('heading', { name: '导出' }).click(); // closes the date picker
    const preview = page.getByTestId('report-preview');
    const headline = preview.getByText(`截至2025年2月21日，巡察反馈的${g.total}个面上问题，4个月集中整改期内应完成整改${g.dueInPeriod}个，实际完成整改${g.completedInPeriod}个`);
    await headline.waitFor();
    await page.getByText('检查通过：没有会使报告出错的内容。').waitFor();
    await page.getByText('检查通过：没有会使报告出错的内容。').scrollIntoViewIfNeeded();
    await headline.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await app.screenshot('report-export-preview');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /保存 \.docx/ }).click()]);
    expect(download.suggestedFilename()).toBe('巡察整改进展情况公布（内部版）2025-02-21.docx');
    const file = path.join(app.dir, 'saved.docx');
    await download.saveAs(file);
    const text = docxParagraphs('saved.docx', fs.readFileSync(file)).join('\n');
    expect(text).toContain(`阶段性整改率为${g.rateInPeriod}%`);
    expect(app.pageErrors).toEqual([]);
  });
});
