import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import { startE2eApp, type E2eApp } from './harness';

/* eslint-disable @typescript-eslint/no-explicit-any */ // in-page code reaches the DOM through globalThis (no DOM types here)
import type { OpName, Req, Res } from '../../shared/api/contract';

/**
 * Issue 14: "Enter in a settings date field does not submit the form three times". jsdom cannot show it (its
 * date pickers do not open), so this types a date into every date field of 设置 → 巡察轮次 in Chromium, presses
 * Enter, and counts the saves the page sent to the web host.
 */
describe('Enter in a date field of the round settings', () => {
  let app: E2eApp;
  let page: Page;
  const saves: string[] = [];
  let answered = 0;
  const call = async <K extends OpName>(name: K, req: Req<K>): Promise<Res<K>> => {
    const r = await app.service.call(name, req);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as Res<K>;
  };
  const round = async () => (await call('ledger.info', {})).round!;

  beforeAll(async () => {
    app = await startE2eApp();
    page = app.page;
    await call('ledger.addSample', {});
    page.on('request', (r: Request) => {
      if (r.url().endsWith('/api/rounds.update')) saves.push(r.postData() ?? '');
    });
    page.on('requestfinished', (r: Request) => {
      if (r.url().endsWith('/api/rounds.update')) answered++;
    });
    await page.goto(app.url); // the token travels in the fragment: take it before going to 设置
    await page.getByRole('grid').waitFor();
    await page.goto(`${app.url.split('#')[0]}#/settings?tab=ledger`);
    await page.getByRole('button', { name: '保存轮次设置' }).waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  /**
   * Saves sent up to now, counted after a save made by clicking 保存轮次设置 has come back: whatever the Enter
   * set off was sent before that click, so a second or third submit cannot slip past the count.
   */
  const savesAfterBarrier = async () => {
    const before = saves.length;
    await page.getByRole('button', { name: '保存轮次设置' }).click();
    await expect.poll(() => saves.length > before && answered === saves.length).toBe(true);
    return { beforeBarrier: before, total: saves.length };
  };

  const dateInput = (label: string, nth = 0) =>
    page.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) }).locator('input').nth(nth);
  const typeDate = async (label: string, nth: number, date: string) => {
    const input = dateInput(label, nth);
    await input.click();
    await input.press('Control+A');
    await input.pressSequentially(date);
    await input.press('Enter');
  };

  const singles = [
    { label: '反馈日期', field: 'feedbackDate', date: '2024-06-18' },
    { label: '集中整改期截止', field: 'periodEnd', date: '2024-10-31' },
  ] as const;
  for (const f of singles) {
    it(`${f.label}: a typed date + Enter saves exactly once, with that date`, async () => {
      saves.length = 0;
      answered = 0;
      await typeDate(f.label, 0, f.date);
      await expect.poll(async () => (await round())[f.field]).toBe(f.date);
      // One save from the Enter, one from the barrier's click.
      expect(await savesAfterBarrier()).toEqual({ beforeBarrier: 1, total: 2 });
      expect(JSON.parse(saves[0]!).fields[f.field]).toBe(f.date);
      await expect.poll(() => dateInput(f.label).inputValue()).toBe(f.date);
      expect(app.pageErrors).toEqual([]);
    });
  }

  it('巡察时间: Enter in the start date moves to the end date without saving; Enter there saves both, once', async () => {
    saves.length = 0;
    answered = 0;
    await typeDate('巡察时间', 0, '2024-03-04');
    // The picker moved on to the end date; nothing was saved, and the typed start date is still there.
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('date-range') as string | null)).toBe('end');
    expect(await dateInput('巡察时间', 0).inputValue()).toBe('2024-03-04');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2024-04-26');
    await page.keyboard.press('Enter');
    await expect.poll(async () => {
      const r = await round();
      return [r.inspectionStart, r.inspectionEnd];
    }).toEqual(['2024-03-04', '2024-04-26']);
    expect(await savesAfterBarrier()).toEqual({ beforeBarrier: 1, total: 2 });
    expect(JSON.parse(saves[0]!).fields).toMatchObject({ inspectionStart: '2024-03-04', inspectionEnd: '2024-04-26' });
    expect(await dateInput('巡察时间', 0).inputValue()).toBe('2024-03-04');
    expect(await dateInput('巡察时间', 1).inputValue()).toBe('2024-04-26');
    expect(app.pageErrors).toEqual([]);
  });
});
