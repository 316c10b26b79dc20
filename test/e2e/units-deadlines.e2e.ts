import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from './harness';
import type { OpName, Req, Res } from '../../shared/api/contract';

/**
 * Issue 13's traps, in Chromium against the web host, on the sample ledger: a list typed or pasted into
 * 牵头单位, an unreadable deadline typed, pasted and bulk-set, a selection hidden by a search, rename and
 * merge of units in 设置, the sign-off person.
 */
const LIST = /[、，,；;/\n]/;

describe('units, deadlines and selections in Chromium', () => {
  let app: E2eApp;
  let page: Page;
  const call = async <K extends OpName>(name: K, req: Req<K>): Promise<Res<K>> => {
    const r = await app.service.call(name, req);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as Res<K>;
  };
  const cell = (code: string, field: string) => page.locator(`[data-code="${code}"] [data-field="${field}"]`);
  const problem = async (code: string) => {
    const p = (await call('problems.list', {})).find((x) => x.code === code)!;
    return call('problems.get', { id: p.id });
  };
  /** What Excel puts on the clipboard, pasted into the focused table. */
  const paste = async (text: string) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
    await page.keyboard.press('Control+V');
  };
  const noPhantoms = async () => {
    const units = await call('people.units', {});
    expect(units.filter((u) => LIST.test(u.name))).toEqual([]);
    expect((await call('stats.get', {})).byUnit.filter((u) => LIST.test(u.unit))).toEqual([]);
    expect((await call('export.choices', {})).units.filter((u) => LIST.test(u.unit))).toEqual([]);
  };

  beforeAll(async () => {
    app = await startE2eApp();
    page = app.page;
    await call('ledger.addSample', {});
    await page.goto(app.url);
    await page.getByRole('grid').waitFor();
    await cell('1-1', 'code').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('typing 甲科、乙科 into 牵头单位 asks once about the new names, then gives a lead and a cooperating unit', async () => {
    await cell('1-2', 'leadUnit').click();
    await page.keyboard.press('Enter');
    const editor = page.locator('.cell-editor').getByRole('combobox', { name: '牵头单位' });
    await editor.press('Control+A');
    await editor.fill('甲科、乙科');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /有 2 个单位名称不在单位名单中/ });
    await dialog.waitFor();
    await dialog.getByText('新建单位“甲科”').waitFor();
    await dialog.getByText('新建单位“乙科”').waitFor();
    // 乙科 is another name of 人事科.
    await dialog.getByRole('group', { name: '单位名称“乙科”' }).getByText('是已有单位的别称').click();
    const which = dialog.getByRole('combobox', { name: '“乙科”是哪个单位的别称' });
    await which.click();
    await which.fill('人事科');
    await app.screenshot('units-alias-choice');
    await page.locator('.ant-select-item-option[title="人事科"]').click();
    await app.screenshot('units-new-names');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => cell('1-2', 'leadUnit').innerText()).toBe('甲科');
    const p = await problem('1-2');
    expect(p.leadUnit).toBe('甲科');
    expect(p.units).toContain('人事科');
    expect((await call('people.units', {})).find((u) => u.name === '人事科')!.aliases).toContain('乙科');
    await noPhantoms();
  });

  it('pasting 丙科、办公室 into 牵头单位 asks about 丙科 only, and cancelling writes nothing', async () => {
    await cell('2-2', 'leadUnit').click();
    const before = await problem('2-2');
    await paste('丙科、办公室');
    await page.getByText('新建单位“丙科”？').waitFor();
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByText('粘贴已取消，台账没有改动').waitFor();
    expect((await problem('2-2')).leadUnit).toBe(before.leadUnit);
    // (A click on the cell already active would open its editor: come back to it with the keyboard.)
    await cell('2-2', 'deadline').click();
    await page.keyboard.press('ArrowLeft');
    await paste('丙科、办公室');
    await page.getByText('新建单位“丙科”？').waitFor();
    await page.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => cell('2-2', 'leadUnit').innerText()).toBe('丙科');
    expect((await problem('2-2')).units).toContain('办公室');
    await noPhantoms();
  });

  it('an unreadable deadline is treated the same when typed, pasted and bulk-set, and the statistics page counts it', async () => {
    // Typed: Enter asks first, a second Enter keeps the text.
    await cell('2-3', 'deadline').click();
    await page.keyboard.press('Enter');
    const editor = page.locator('.cell-editor').getByRole('combobox', { name: '整改时限' });
    await editor.press('Control+A');
    await editor.fill('明年上半年');
    await page.keyboard.press('Enter');
    await page.locator('.cell-editor').getByRole('status').getByText(/无法识别：只保留文字，不计入期限统计。再按 Enter 按原文保存/).waitFor();
    await app.screenshot('deadline-typed-confirm');
    expect((await problem('2-3')).deadline.raw).not.toBe('明年上半年');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await problem('2-3')).deadline).toMatchObject({ raw: '明年上半年', kind: 'text' });
    await cell('2-3', 'deadline').locator('.deadline-unparsed').waitFor();

    // Pasted: the confirmation lists the cell.
    const p24 = await problem('2-4');
    await cell('2-4', 'deadline').click();
    await paste('看情况再定');
    // The confirmation lists the cell, and its 按原文保存 button has the focus: Enter takes it.
    const focused = () => page.evaluate<string>(`document.activeElement?.textContent ?? ''`);
    await expect.poll(focused).toBe('按原文保存');
    expect(await page.locator('body').innerText()).toContain(`${p24.code}“看情况再定”`);
    await app.screenshot('deadline-paste-confirm');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await problem('2-4')).deadline).toMatchObject({ raw: '看情况再定', kind: 'text' });

    // Bulk-set on two rows.
    await cell('3-2', 'text').click();
    await page.keyboard.press('Shift+ArrowDown');
    const bar = page.getByRole('toolbar', { name: '批量设置' });
    await bar.getByText(/已选 2 个问题：/).waitFor();
    const codes = (await bar.innerText()).match(/已选 2 个问题：(\S+)/)![1]!.split('、');
    await bar.getByRole('button', { name: '设置整改时限' }).click();
    const dlg = page.getByRole('dialog', { name: /为 2 个问题设置整改时限：/ });
    await dlg.getByRole('textbox', { name: '整改时限', exact: true }).fill('年内尽快');
    await dlg.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('整改时限“年内尽快”无法识别');
    await app.screenshot('deadline-bulk-confirm');
    await page.locator('button:has-text("按原文保存")').click({ force: true });
    for (const code of codes) await expect.poll(async () => (await problem(code)).deadline).toMatchObject({ raw: '年内尽快', kind: 'text' });

    const stats = await call('stats.get', {});
    expect(stats.deadlineUnparsed).toBe(4);
    expect(new Set(stats.deadlineUnparsedCodes)).toEqual(new Set(['2-3', '2-4', ...codes]));
    await page.goto(`${app.url.split('#')[0]}#/stats`);
    const alert = page.getByTestId('deadline-unparsed');
    await alert.getByText('4 个问题的整改时限无法识别').waitFor();
    await app.screenshot('stats-unparsed-deadlines');
    await alert.getByRole('button', { name: /查看 4 个整改时限无法识别的问题/ }).click();
    const drawer = page.getByRole('dialog', { name: /整改时限无法识别（4 个）/ });
    await drawer.getByRole('button', { name: '在台账中查看 2-4' }).click();
    // The drill-down selects the row in the grid and brings it into view.
    await page.locator('[data-code="2-4"][aria-selected="true"]').waitFor();
    expect(await cell('2-4', 'code').isVisible()).toBe(true);
  });

  it('a selection hidden by a search is dropped and never acted on', async () => {
    await page.goto(`${app.url.split('#')[0]}#/ledger`);
    await page.locator('.grid-catcher').focus();
    await page.keyboard.press('Control+Home');
    await cell('1-1', 'text').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    const bar = page.getByRole('toolbar', { name: '批量设置' });
    await bar.getByText(/已选 3 个问题/).waitFor();
    const all = await call('problems.list', {});
    const target = all.filter((p) => p.kind === 'general').at(-1)!;
    await page.getByRole('textbox', { name: '搜索' }).fill(target.text.slice(0, 8));
    await page.getByText(/搜索或筛选隐藏了 \d 个已选的问题，已取消选择它们/).waitFor();
    await app.screenshot('selection-hidden');
    expect(await bar.count()).toBe(0);
    // Select what is shown and delete: only shown rows go.
    const shownCodes = await page.locator('[role="row"][data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')!));
    expect(shownCodes).not.toContain('1-1');
    await page.locator(`[data-code="${shownCodes[0]}"] [data-field="text"]`).click();
    await page.keyboard.press('Control+Delete');
    await page.getByRole('dialog', { name: `删除问题 ${shownCodes[0]}？` }).getByRole('button', { name: /删\s*除/ }).click();
    await expect.poll(async () => (await call('problems.list', {})).length).toBe(all.length - 1 - all.filter((p) => p.parentId === all.find((x) => x.code === shownCodes[0])!.id).length);
    for (const code of ['1-1', '1-1-1', '1-1-2']) expect((await call('problems.list', {})).some((p) => p.code === code)).toBe(true);
    await page.getByRole('textbox', { name: '搜索' }).fill('');
  });

  it('rename and merge of units in 设置 are single undoable actions and the figures follow', async () => {
    const units = await call('people.units', {});
    const from = units.find((u) => u.name === '甲科')!;
    const into = units.find((u) => u.name === '办公室')!;
    const total = (name: string, s: Res<'stats.get'>) => {
      const u = s.byUnit.find((x) => x.unit === name);
      return u ? u.general.total + u.specific.total : 0;
    };
    const before = await call('stats.get', {});
    await page.goto(`${app.url.split('#')[0]}#/settings?tab=units`);
    await page.getByRole('button', { name: '更名“甲科”' }).click();
    const rename = page.getByRole('dialog', { name: '更名：甲科' });
    await rename.getByRole('textbox', { name: '新名称' }).fill('法治甲科');
    await rename.getByRole('button', { name: /更\s*名/ }).click();
    await expect.poll(async () => total('法治甲科', await call('stats.get', {}))).toBe(total('甲科', before));
    expect((await call('ledger.info', {})).undo.undoLabel).toBe('将单位“甲科”更名为“法治甲科”');

    await page.getByRole('button', { name: '合并“法治甲科”' }).click();
    const merge = page.getByRole('dialog', { name: /把“法治甲科”合并到另一单位/ });
    const target = merge.getByRole('combobox', { name: '合并到的单位' });
    await target.click();
    await target.fill('办公室');
    await page.locator('.ant-select-item-option[title="办公室"]').click();
    await app.screenshot('units-merge');
    await merge.getByRole('button', { name: /合\s*并/ }).click();
    await expect.poll(async () => total('办公室', await call('stats.get', {}))).toBe(total('甲科', before) + total('办公室', before));
    expect((await call('people.units', {})).some((u) => u.id === from.id)).toBe(false);
    expect((await call('people.units', {})).find((u) => u.id === into.id)!.aliases).toContain('法治甲科');
    await app.screenshot('units-after-merge');
    await call('history.undo', {});
    const undone = await call('stats.get', {});
    expect(total('法治甲科', undone)).toBe(total('甲科', before));
    expect(total('办公室', undone)).toBe(total('办公室', before));
    await noPhantoms();
    expect(app.pageErrors).toEqual([]);
  });
});
