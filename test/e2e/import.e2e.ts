import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp, type E2eApp } from './harness';
import { sharedFixture } from '../helpers/ledger';

const W = (name: string) => sharedFixture('workbooks', name);

async function value<T>(app: E2eApp, name: string, req: unknown): Promise<T> {
  const r = await app.service.call(name, req);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('importing the master ledger and a return through the import page in Chromium', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('previews the master ledger, imports it, and the ledger table shows its problems', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('button', { name: /导入整改台账总表/ }).click();
    const section = page.getByTestId('excel-import');
    await section.locator('input[type=file]').setInputFiles(W('整改台账-总表.xlsx'));
    const file = section.getByTestId('import-file');
    await file.getByText('新增 63').waitFor();
    await file.getByText('5 类 · 面上 22 · 具体 41 · 措施 205').waitFor();
    await file.getByText('统筹推进依法治市不够有力。').waitFor();
    await app.screenshot('import-master-preview');
    expect((await value<{ problemCount: number }>(app, 'ledger.info', {})).problemCount).toBe(0);

    await section.getByRole('button', { name: '导入 1 个文件' }).click();
    await page.getByTestId('import-batches').getByText('整改台账-总表.xlsx').waitFor();
    await page.getByTestId('returns-status').getByText('已报送 0 / 18 个牵头单位', { exact: false }).waitFor();
    await page.getByTestId('import-batches').scrollIntoViewIfNeeded();
    await app.screenshot('import-master-done');
    expect((await value<{ problemCount: number }>(app, 'ledger.info', {})).problemCount).toBe(63);

    await page.getByRole('menuitem', { name: /台账/ }).click();
    await page.getByText('统筹推进依法治市不够有力。').first().waitFor();
    await page.getByText('共 63 个问题').waitFor();
    await page.waitForTimeout(600); // the page's fade-in
    await app.screenshot('import-ledger-table');
  });

  it('previews a return with its changes, imports it, and the statistics and returns list follow', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: /导入/ }).click();
    const section = page.getByTestId('excel-import');
    await section.locator('input[type=file]').setInputFiles([W('回执-政治部.xlsx'), W('bad-unknown-code.xlsx')]);
    const files = section.getByTestId('import-file');
    await files.nth(1).getByTestId('import-errors').getByText('编号“9-9-9”在台账中不存在', { exact: false }).waitFor();
    await section.getByRole('button', { name: '有 1 处错误，不能导入' }).waitFor();
    await files.nth(1).scrollIntoViewIfNeeded();
    await app.screenshot('import-return-error');

    await files.nth(1).getByRole('button', { name: /移除 bad-unknown-code/ }).click();
    await section.getByRole('button', { name: '导入 1 个文件' }).waitFor();
    const preview = section.getByTestId('import-file');
    await preview.getByText('更新 8').waitFor();
    await preview.getByText('政治部（取自标题）').waitFor();
    await preview.getByText('2024-11-15（取自填报日期）').waitFor();
    await preview.getByText('佐证材料（清单）：', { exact: false }).first().waitFor();
    await expect.poll(() => section.getByRole('button', { name: '导入 1 个文件' }).isEnabled()).toBe(true);
    await preview.getByTestId('import-changes').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400); // the button's colour transition once enabled
    await app.screenshot('import-return-preview');

    await section.getByRole('button', { name: '导入 1 个文件' }).click();
    const status = page.getByTestId('returns-status');
    await status.getByText('已报送 1 / 18 个牵头单位', { exact: false }).waitFor();
    await status.getByText('政治部 · 2024-11-15').waitFor();
    await status.scrollIntoViewIfNeeded();
    await app.screenshot('import-return-done');
    const list = await value<{ code: string; latestProgress: { date: string; text: string } | null }[]>(app, 'problems.list', {});
    expect(list.find((p) => p.code === '2-5')!.latestProgress).toEqual({ date: '2024-11-15', text: '已按措施全部落实。' });

    await page.getByRole('menuitem', { name: /统计/ }).click();
    await page.getByLabel('统计截止日期').fill('2025-02-21');
    await page.getByLabel('统计截止日期').press('Enter');
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: '统计' }).click();
    const stats = await value<{ general: { total: number; completed: number }; specific: { total: number } }>(app, 'stats.get', { asOf: '2025-02-21' });
    expect(stats.general.total).toBe(22);
    expect(stats.specific.total).toBe(41);
    const figure = (label: string) => page.locator(`[data-figure="${label}"]`).innerText();
    await expect.poll(() => figure('面上问题问题总数')).toBe('22');
    expect(await figure('具体问题问题总数')).toBe('41');
    await page.waitForTimeout(400); // the date picker's fade-out
    await app.screenshot('import-stats');
    expect(app.pageErrors).toEqual([]);
  });
});
