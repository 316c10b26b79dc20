import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startE2eApp, type E2eApp } from './harness';

/**
 * Issue 12, finding 2, in the browser: new ledgers and save-as take a file name, which lands in the data
 * folder; a name with a folder is refused with the message saying where files go.
 */
describe('saving in the browser goes to the data folder, by name', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
    await app.service.call('ledger.addSample', {});
  });
  afterAll(async () => {
    await app?.close();
  });

  it('另存为 with a name writes into the data folder; a folder in the name is refused', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('menuitem', { name: /设置/ }).click();
    await page.getByRole('button', { name: /另存为/ }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByText(`将保存在数据文件夹：${app.dir}`).waitFor();
    await app.screenshot('settings-save-as-name');
    await dialog.getByRole('textbox', { name: '文件名' }).fill('../别处/副本');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(/浏览器版只能把台账副本保存到数据文件夹/).waitFor();
    expect(fs.existsSync(path.join(app.dir, '..', '别处'))).toBe(false);

    await dialog.getByRole('textbox', { name: '文件名' }).fill('巡察整改副本');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText(`台账另存为：${path.join(app.dir, '巡察整改副本.zgtz')}`).waitFor();
    const info = await app.service.call('ledger.info', {});
    expect(info.ok && (info.value as { path: string }).path).toBe(path.join(app.dir, '巡察整改副本.zgtz'));
    expect(fs.existsSync(path.join(app.dir, '巡察整改副本.zgtz'))).toBe(true);
  });

  it('新建台账 with a name creates it in the data folder', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /新建台账/ }).click();
    const dialog = page.locator('.ant-modal');
    // The browser's 新建台账 asks for a name only (issue 14); the file goes into the data folder (issue 12).
    await dialog.getByRole('textbox', { name: '台账名称' }).fill('第二本台账');
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    await page.getByText(`已新建台账“第二本台账”（保存在数据文件夹：${path.join(app.dir, '第二本台账.zgtz')}）`).waitFor();
    expect(fs.existsSync(path.join(app.dir, '第二本台账.zgtz'))).toBe(true);
  });

  it('打开台账 is a choice among the ledgers of the data folder; the one chosen opens', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /打开台账/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '浏览器版打开数据文件夹中的台账' });
    await dialog.getByText('巡察整改副本').waitFor();
    await dialog.getByText('第二本台账').waitFor();
    expect(await dialog.getByRole('textbox').count()).toBe(0);
    await page.waitForFunction(() => (globalThis as any).document.getAnimations().every((a: any) => a.playState !== 'running'));
    await app.screenshot('settings-open-chooser');
    await dialog.getByRole('button', { name: '打开 巡察整改副本' }).click();
    await page.getByText(`打开台账：${path.join(app.dir, '巡察整改副本.zgtz')}`).waitFor();
    const info = await app.service.call('ledger.info', {});
    expect(info.ok && (info.value as { path: string }).path).toBe(path.join(app.dir, '巡察整改副本.zgtz'));
  });
});
