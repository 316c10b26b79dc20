import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp, type E2eApp } from './harness';

describe('the app in Chromium against the web host', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the welcome screen on an empty default ledger, then the sample ledger with its title', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByText('欢迎使用整改台账').waitFor();
    await app.screenshot('shell-welcome');
    await page.getByRole('button', { name: /创建示例台账/ }).click();
    await page.getByTestId('ledger-title').getByText('市委第三巡察组巡察反馈问题整改（示例）').waitFor();
    await expect(page.title()).resolves.toContain('示例台账');
    await page.getByText('理论学习中心组学习制度落实不到位。').first().waitFor();
    await app.screenshot('shell-ledger');
  });

  it('shows the statistics of the open ledger, equal to the service figures', async () => {
    const { page } = app;
    await page.getByRole('menuitem', { name: /统计/ }).click();
    await page.getByLabel('统计截止日期').fill('2025-03-01');
    await page.getByLabel('统计截止日期').press('Enter');
    await page.getByRole('heading', { name: '统计' }).click();
    const stats = await app.service.call('stats.get', { asOf: '2025-03-01' });
    if (!stats.ok) throw new Error(stats.error.message);
    const s = stats.value as { general: { total: number; dueInPeriod: number; overdue: number }; specific: { total: number; completedInPeriod: number } };
    const figure = (label: string) => page.locator(`[data-figure="${label}"]`).innerText();
    await expect.poll(() => figure('面上问题期内应完成')).toBe(String(s.general.dueInPeriod));
    expect(await figure('面上问题问题总数')).toBe(String(s.general.total));
    expect(await figure('面上问题逾期')).toBe(String(s.general.overdue));
    expect(await figure('具体问题期内已完成')).toBe(String(s.specific.completedInPeriod));
    // The figure opens exactly the problems behind it.
    const items = await app.service.call('stats.items', { asOf: '2025-03-01', kind: 'specific', key: 'dueInPeriod' });
    if (!items.ok) throw new Error(items.error.message);
    const codes = (items.value as { code: string }[]).map((p) => p.code);
    await page.locator('[data-figure="具体问题期内应完成"]').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`具体问题 · 期内应完成（${codes.length} 个）`).waitFor();
    const shown = await drawer.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(shown).toEqual(codes);
    await page.waitForTimeout(400); // the drawer's slide-in
    await app.screenshot('shell-stats-drill');
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses an API call without the token, or from a foreign origin', async () => {
    const base = `http://127.0.0.1:${app.host.port}`;
    const noToken = await fetch(`${base}/api/ledger.info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    const foreign = await fetch(`${base}/api/ledger.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': app.host.token, Origin: 'http://evil.example' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const ok = await fetch(`${base}/api/ledger.info`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': app.host.token }, body: '{}' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
    // From inside the page, without the header the app adds, the call is refused too.
    const status = await app.page.evaluate(async () => (await fetch('api/ledger.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
    expect(status).toBe(401);
  });
});
