import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { startE2eApp, type E2eApp } from './harness';
import { tmpDir } from '../helpers/ledger';
import { openDb } from '../../electron/core/db/open';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { todayIso } from '../../shared/domain/dates';
import type { Todo } from '../../shared/domain/reminders';
import type { LedgerInfo } from '../../shared/api/ledger';
import type { StatsWithItems } from '../../shared/domain/stats';

async function value<T>(app: E2eApp, name: string, req: unknown): Promise<T> {
  const r = await app.service.call(name, req);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}

describe('reminders, notices and rounds in Chromium against the web host', () => {
  let app: E2eApp;
  const t = tmpDir();
  beforeAll(async () => {
    // The sample ledger's deadlines are in 2025: today it has overdue problems.
    const file = path.join(t.dir, '示例.zgtz');
    const db = openDb(file, { create: true });
    createSampleLedger(db);
    db.close();
    app = await startE2eApp({ ledgerPath: file, todoFirst: true });
  });
  afterAll(async () => {
    await app?.close();
    t.cleanup();
  });

  it('opens on the to-do view, whose counts are the service’s, and drills down into the table', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByTestId('todo-page').waitFor();
    const todo = await value<Todo>(app, 'todo.get', { asOf: todayIso() });
    expect(todo.overdue.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('todo-count-overdue').locator('.ant-statistic-content-value').innerText()).toBe(String(todo.overdue.length));
    const codes = await page.getByTestId('todo-overdue').locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(codes).toEqual(todo.overdue.slice(0, 10).map((p) => p.code));
    await app.screenshot('todo-view');

    await page.getByRole('button', { name: '在台账中查看已逾期' }).click();
    await page.getByTestId('ledger-pinned').getByText(`显示 ${todo.overdue.length} 个问题`).waitFor();
    expect(page.url()).toContain('#/ledger?ids=');
    await page.getByText(todo.overdue[0]!.text).first().waitFor();
    await app.screenshot('todo-drill-ledger');
    await page.getByTestId('ledger-pinned').getByRole('button', { name: '显示全部' }).click();
    await expect.poll(() => page.getByTestId('ledger-pinned').count()).toBe(0);
  });

  it('generates a unit’s 督办通知 and downloads it; the unit’s sent notices list it', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: /待办提醒/ }).click();
    const card = page.getByTestId('notices-card');
    await card.waitFor();
    const todo = await value<Todo>(app, 'todo.get', { asOf: todayIso() });
    const unit = todo.overdue[0]!.leadUnit!;
    const wanted = todo.overdue.filter((p) => p.leadUnit === unit).map((p) => p.code);
    await card.getByText(unit, { exact: true }).first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: `生成${unit}的督办通知` }).click()]);
    expect(download.suggestedFilename()).toBe(`督办通知-${unit}-${todayIso()}.zip`);
    const entries = unzipSync(fs.readFileSync((await download.path())!));
    expect(Object.keys(entries).sort()).toEqual([`督办通知-${unit}-${todayIso()}.docx`, `督办通知-${unit}-${todayIso()}.txt`]);
    const text = new TextDecoder().decode(entries[`督办通知-${unit}-${todayIso()}.txt`]);
    expect([...text.matchAll(/【([\d-]+)】/g)].map((m) => m[1]).slice(0, wanted.length)).toEqual(wanted);
    await page.getByTestId('notices-sent').getByText(wanted.join('、')).waitFor();
    await app.screenshot('todo-notice-sent');
  });

  it('starts a 回头看 round from the header and switches between rounds; the comparison shows each round’s statistics', async () => {
    const { page } = app;
    const before = await value<StatsWithItems>(app, 'stats.get', { asOf: todayIso() });
    await page.getByRole('combobox', { name: '巡察轮次' }).click();
    await page.getByText('开启新一轮（回头看 / 下一轮巡察 / 专项）…').click();
    const dialog = page.getByRole('dialog', { name: '开启新一轮' });
    await dialog.waitFor();
    await dialog.getByLabel('新轮次标题').fill('示例台账回头看');
    // The dialog's opening animation has ended and the menu has closed.
    await expect.poll(() => page.locator('.ant-zoom-appear, .ant-zoom-enter, .ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    await app.screenshot('round-new-dialog');
    await dialog.getByRole('button', { name: /开\s*启/ }).click();
    await page.getByTestId('ledger-title').getByText('示例台账回头看').waitFor();
    const info = await value<LedgerInfo>(app, 'ledger.info', {});
    expect(info.round).toMatchObject({ title: '示例台账回头看', kind: '回头看', originRoundId: 1 });
    expect(info.problemCount).toBeGreaterThan(0);
    await app.screenshot('round-new-started');

    // A carried problem shows where it came from, with the earlier round's progress.
    const carried = app.session.db().raw.prepare(
      `SELECT o.problem_id AS id, (SELECT text FROM progress g WHERE g.problem_id = o.origin_id ORDER BY date DESC LIMIT 1) AS progress
       FROM problem_origins o JOIN problems p ON p.id = o.problem_id WHERE p.round_id = ? ORDER BY progress IS NULL, o.id LIMIT 1`,
    ).get(info.roundId) as { id: number; progress: string };
    expect(carried.progress).toBeTruthy();
    await page.evaluate((id) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = `#/ledger?problem=${id}`;
    }, carried.id);
    await page.getByRole('tab', { name: '来源' }).click();
    await page.getByTestId('lineage-tab').getByText(carried.progress, { exact: false }).waitFor();
    await app.screenshot('round-carried-origin');

    // The comparison page: each round's figures equal the service's statistics of that round.
    await page.getByRole('menuitem', { name: /轮次对比/ }).click();
    await page.getByTestId('compare-totals').waitFor();
    for (const id of [1, info.roundId!]) {
      const s = await value<StatsWithItems>(app, 'stats.get', { asOf: todayIso(), roundId: id });
      await expect.poll(() => page.locator(`[data-figure="r${id}-general-total"]`).innerText()).toBe(String(s.general.total));
      expect(await page.locator(`[data-figure="r${id}-specific-overdue"]`).innerText()).toBe(String(s.specific.overdue));
      expect(await page.locator(`[data-figure="r${id}-general-rateInPeriod"]`).innerText()).toBe(`${s.general.rateInPeriod}%`);
    }
    await app.screenshot('round-compare');

    // Back to the first round from the header: its statistics are as they were.
    await page.getByRole('combobox', { name: '巡察轮次' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '市委第三巡察组巡察反馈问题整改（示例）' }).click();
    await expect.poll(async () => (await value<LedgerInfo>(app, 'ledger.info', {})).roundId).toBe(1);
    const after = await value<StatsWithItems>(app, 'stats.get', { asOf: todayIso() });
    expect(after.general).toEqual(before.general);
    expect(after.specific).toEqual(before.specific);
    await app.screenshot('round-switched-back');
    expect(app.pageErrors).toEqual([]);
  });

  it('the import page shows the current reporting cycle, a unit can be marked 已报送, past cycles can be viewed', async () => {
    const { page } = app;
    await value(app, 'rounds.update', { id: 1, fields: { cycleRule: { kind: 'monthly', day: 25 } } });
    await page.getByRole('menuitem', { name: /导入/ }).click();
    const card = page.getByTestId('cycle-card');
    await card.getByText('每月25日前报送').waitFor();
    const cycles = await value<{ current: number; cycles: { cycle: { label: string }; units: { unit: string; state: string }[] }[] }>(app, 'cycles.get', {});
    const current = cycles.cycles[cycles.current]!;
    await card.getByText(`本期：${current.cycle.label}`).waitFor();
    const unit = current.units[0]!.unit;
    await card.getByRole('button', { name: `标记${unit}已报送` }).click();
    await card.locator('tr', { hasText: unit }).getByText('已报送', { exact: true }).waitFor();
    await app.screenshot('import-cycle');
    // Past cycles remain viewable.
    await card.getByRole('combobox', { name: '选择报送周期' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: cycles.cycles[cycles.current - 1]!.cycle.label }).click();
    await card.getByText(`往期：${cycles.cycles[cycles.current - 1]!.cycle.label}`).waitFor();
    expect(app.pageErrors).toEqual([]);
  });
});
