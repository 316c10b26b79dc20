import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { unzipSync } from 'fflate';
import { startE2eApp, type E2eApp } from './harness';
import { makePdf, makePng } from '../helpers/evidence-files';

/** Unwrap a service result in the test (the page goes through HTTP; the test checks the core directly). */
async function value<T>(app: E2eApp, name: string, req: unknown): Promise<T> {
  const r = await app.service.call(name, req);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('evidence and sign-off in Chromium against the web host', () => {
  let app: E2eApp;
  let problemId: number;
  beforeAll(async () => {
    app = await startE2eApp();
    await value(app, 'ledger.addSample', {});
    problemId = (await value<{ id: number; code: string }[]>(app, 'problems.list', {})).find((p) => p.code === '1-1')!.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('attaches files by upload, lists them numbered (the duplicate stored once) and previews an image and a PDF', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('menuitem', { name: /佐证材料/ }).click();
    await page.getByTestId('missing-evidence-summary').waitFor();
    await app.screenshot('evidence-page');
    await page.locator('[data-code="1-1"]').click();
    await page.getByTestId('evidence-problem').getByText('理论学习中心组学习制度落实不到位。').waitFor();
    const pdf = makePdf('Evidence 1-1-1');
    await page.getByTestId('evidence-file-input').setInputFiles([
      { name: '党组理论学习中心组学习规则.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: '学习通报会现场照片.png', mimeType: 'image/png', buffer: makePng(480, 320, [40, 120, 200]) },
      { name: '学习规则（重复上传）.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    const list = page.getByTestId('evidence-list');
    await list.getByText('学习通报会现场照片', { exact: true }).waitFor();
    await page.getByText(/与 1-1-1 内容相同，未重复添加/).waitFor();
    expect(await list.locator('tbody tr.ant-table-row td:first-child').allInnerTexts()).toEqual(['1-1-1', '1-1-2']);
    const stored = await value<{ number: string; size: number; mime: string }[]>(app, 'evidence.list', { problemId });
    expect(stored.map((e) => [e.number, e.mime])).toEqual([
      ['1-1-1', 'application/pdf'],
      ['1-1-2', 'image/png'],
    ]);

    await list.getByText('学习通报会现场照片', { exact: true }).click();
    const preview = page.getByTestId('evidence-preview');
    const img = preview.locator('img');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    await app.screenshot('evidence-preview-image');

    await list.getByText('党组理论学习中心组学习规则', { exact: true }).click();
    const frame = preview.locator('iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await page.waitForTimeout(1500); // the PDF viewer paints
    await app.screenshot('evidence-preview-pdf');
    expect(app.pageErrors).toEqual([]);
  });

  it('highlights an item listed but not received, and fills it when its file arrives', async () => {
    const { page } = app;
    await page.getByLabel('待收材料名称').fill('学习督查通报');
    await page.getByRole('button', { name: /登记待收材料/ }).click();
    const row = page.getByTestId('evidence-list').locator('tr', { hasText: '学习督查通报' });
    await row.getByText('已登记，未收到文件').waitFor();
    await app.screenshot('evidence-listed-not-received');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), row.getByRole('button', { name: /上传文件/ }).click()]);
    await chooser.setFiles({ name: 'scan0001.pdf', mimeType: 'application/pdf', buffer: makePdf('Report') });
    await row.getByText(/scan0001\.pdf/).waitFor();
    const stored = await value<{ number: string; title: string; received: boolean }[]>(app, 'evidence.list', { problemId });
    expect(stored.map((e) => [e.number, e.title, e.received])).toContainEqual(['1-1-3', '学习督查通报', true]);
  });

  it('puts the problem through sign-off: apply, reject, apply, approve, reopen', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '销号' }).click();
    const panel = page.getByTestId('signoff-panel');
    await panel.getByLabel('申请说明').fill('两项措施均已完成，学习规则和通报齐全。');
    // The applicant is a chosen person (issue 13), not the computer's login; the first name given here
    // becomes this computer's clerk.
    await panel.getByRole('textbox', { name: '申请人' }).fill('办公室 王梅');
    await app.screenshot('evidence-signoff-apply');
    await panel.getByRole('button', { name: '申请销号' }).click();
    await panel.getByText('销号流程：待销号').waitFor();

    await panel.getByLabel('审核人').fill('巡察办 李明');
    await panel.getByLabel('退回理由（退回时必填）').fill('缺少中心组学习记录');
    await panel.getByRole('button', { name: /^退\s*回$/ }).click();
    await panel.getByText('未进入销号流程').waitFor();

    await panel.getByLabel('申请说明').fill('已补充学习记录。');
    await panel.getByRole('button', { name: '申请销号' }).click();
    await panel.getByLabel('审核人').waitFor();
    await panel.getByLabel('审核人').fill('巡察办 李明');
    await panel.getByLabel('销号方式').fill('三方验收');
    await panel.getByLabel('审核意见（通过时）').fill('经巡察办、巡察组和单位三方验收，同意销号。');
    await app.screenshot('evidence-signoff-review');
    await panel.getByRole('button', { name: '审核通过，销号' }).click();
    await panel.getByText('销号流程：已销号').waitFor();
    await page.waitForTimeout(300);
    await app.screenshot('evidence-signoff-approved');

    const state = await value<{ steps: { step: string }[]; status: string }>(app, 'signoff.state', { problemId });
    expect(state.steps.map((s) => s.step)).toEqual(['apply', 'reject', 'apply', 'approve']);
    expect(state.status).toBe('已销号');
    expect(await panel.getByTestId('signoff-steps').locator('.ant-timeline-item').count()).toBe(4);

    await panel.getByLabel('理由').fill('回头看发现学习记录不完整');
    await expect.poll(() => panel.getByRole('textbox', { name: '经办人' }).inputValue()).toBe('办公室 王梅');
    await panel.getByRole('button', { name: '重新打开' }).click();
    await panel.getByText('未进入销号流程').waitFor();
    const after = await value<{ steps: { step: string; actor: string }[]; status: string }>(app, 'signoff.state', { problemId });
    expect(after.steps.map((s) => s.step)).toEqual(['apply', 'reject', 'apply', 'approve', 'reopen']);
    expect(after.steps.map((s) => s.actor)).toEqual(['办公室 王梅', '巡察办 李明', '办公室 王梅', '巡察办 李明', '办公室 王梅']);
    expect(after.status).toBe('正在推进');
    // Reopened with every measure done: the panel offers 按措施推导 instead of “mark the measures done”.
    await panel.getByRole('button', { name: '恢复为按措施推导' }).waitFor();
    await app.screenshot('evidence-signoff-reopened');
    expect(app.pageErrors).toEqual([]);
  });

  it('downloads the evidence package from the export page: folders, files and index match', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: /导出/ }).click();
    await page.getByRole('tab', { name: '佐证材料包' }).click();
    await page.getByTestId('package-plan').getByText(/将导出 1 个问题的 3 个文件/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载 zip 压缩包/ }).click()]);
    expect(download.suggestedFilename()).toBe('佐证材料包.zip');
    const entries = unzipSync(fs.readFileSync((await download.path())!));
    expect(Object.keys(entries).sort()).toEqual(['1-1/1-1-1 党组理论学习中心组学习规则.pdf', '1-1/1-1-2 学习通报会现场照片.png', '1-1/1-1-3 学习督查通报.pdf', '佐证材料目录.xlsx']);
    await page.getByTestId('package-done').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /导出到文件夹/ }).isEnabled()).toBe(true);
    await page.waitForTimeout(300);
    await app.screenshot('export-evidence-package');
  });

  it('shows the ledger-wide history in words, and restores one change', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: /设置/ }).click();
    await page.getByRole('tab', { name: '变更记录' }).click();
    const tab = page.getByTestId('history-tab');
    await tab.getByText('重新打开已销号问题 1-1（回头看）').waitFor();
    await tab.getByText('1-1 销号审核通过').click();
    await tab.getByText('问题 1-1 · 整改状态').first().waitFor();
    await page.waitForTimeout(300);
    await app.screenshot('settings-history');

    // Restore a title change through the history.
    const [first] = await value<{ id: number }[]>(app, 'evidence.list', { problemId });
    await value(app, 'evidence.rename', { id: first!.id, title: '改错的名称' });
    // Changed behind the page's back: reopening the tab reloads it.
    await page.getByRole('tab', { name: '备份' }).click();
    await page.getByRole('tab', { name: '变更记录' }).click();
    await tab.getByText('修改佐证材料 1-1-1 的名称').click();
    await tab.getByRole('button', { name: /恢复 问题 1-1 · 佐证材料 · 材料标题/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /^恢\s*复$/ }).click();
    await expect.poll(async () => (await value<{ title: string }[]>(app, 'evidence.list', { problemId }))[0]!.title).toBe('党组理论学习中心组学习规则');
  });

  it('takes a file dropped onto the evidence list', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: /佐证材料/ }).click();
    await page.locator('[data-code="1-2"]').click();
    await page.getByTestId('evidence-problem').getByText('落实生态环境保护督察反馈问题整改不够有力。').waitFor();
    const png = [...makePng(64, 64, [20, 160, 60])];
    // Runs in the page (DOM types are not in this tsconfig): a DataTransfer holding one file.
    const transfer = await page.evaluateHandle(
      new Function('bytes', "const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array(bytes)], '整改后现场照片.png', { type: 'image/png' })); return dt;") as (b: number[]) => unknown,
      png,
    );
    const zone = page.getByTestId('evidence-dropzone');
    await zone.dispatchEvent('dragover', { dataTransfer: transfer });
    await zone.dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByTestId('evidence-list').getByText('整改后现场照片', { exact: true }).waitFor();
    const id = (await value<{ id: number; code: string }[]>(app, 'problems.list', {})).find((p) => p.code === '1-2')!.id;
    expect((await value<{ number: string; mime: string }[]>(app, 'evidence.list', { problemId: id })).map((e) => [e.number, e.mime])).toEqual([['1-2-1', 'image/png']]);
    expect(app.pageErrors).toEqual([]);
    await page.getByRole('menuitem', { name: /设置/ }).click();
  });

  it('lists backups and restores one, the current ledger backed up first', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: '备份' }).click();
    const tab = page.getByTestId('backup-tab');
    await tab.getByRole('button', { name: /立即备份/ }).click();
    await tab.getByText('手动备份').waitFor();
    const count = (await value<{ backups: unknown[] }>(app, 'backup.list', {})).backups.length;
    await value(app, 'evidence.remove', { id: (await value<{ id: number }[]>(app, 'evidence.list', { problemId }))[0]!.id });
    await tab.locator('tr', { hasText: '手动备份' }).getByRole('button', { name: /恢复/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /^恢\s*复$/ }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '已从备份恢复' }).waitFor();
    await page.waitForTimeout(300);
    await app.screenshot('settings-backup-restored');
    expect((await value<unknown[]>(app, 'evidence.list', { problemId })).length).toBe(3);
    expect((await value<{ backups: { reason: string }[] }>(app, 'backup.list', {})).backups.length).toBe(count + 1);
    expect(app.pageErrors).toEqual([]);
  });
});
