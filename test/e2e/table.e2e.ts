import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from './harness';
import { importMasterLedger } from '../helpers/import';
import { cliJson } from '../helpers/cli';
import type { OpName, Req, Res } from '../../shared/api/contract';
import type { Stats } from '../../shared/domain/stats';
import { toChineseNumeral } from '../../shared/domain/numerals';

/**
 * The ledger table in Chromium against the web host, on the master ledger fixture imported as the import
 * page does it (test/helpers/import.ts): 5 categories, 22 general and 41 specific problems, 205 measures.
 */
const AS_OF = '2025-02-10';

describe('the ledger table in Chromium', () => {
  let app: E2eApp;
  let page: Page;
  const call = async <K extends OpName>(name: K, req: Req<K>): Promise<Res<K>> => {
    const r = await app.service.call(name, req);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as Res<K>;
  };
  const cell = (code: string, field: string) => page.locator(`[data-code="${code}"] [data-field="${field}"]`);
  const count = () => page.getByTestId('filtered-count').innerText();

  beforeAll(async () => {
    app = await startE2eApp();
    page = app.page;
    const imported = await importMasterLedger(call);
    expect(imported.committed).toBe(true);
    expect(imported.preview).toMatchObject({ kind: 'ledger', added: 63, errors: [], counts: { categories: 5, general: 22, specific: 41, measures: 205 } });
    await page.goto(app.url);
    await page.getByRole('grid').waitFor();
    await page.getByTestId('filtered-count').getByText('共 63 个问题').waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('edits a deadline and a status in the table; after a reload both persisted and are in the history', async () => {
    await cell('2-3', 'deadline').click();
    await page.keyboard.press('Enter');
    const deadline = page.getByRole('combobox', { name: '整改时限' });
    await deadline.press('Control+A');
    await page.keyboard.type('2025年1月15日前');
    await expect.poll(() => page.getByRole('status').innerText()).toBe('识别为：日期 2025年1月15日');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('2-3', 'deadline').innerText()).toBe('2025年1月15日前');

    await cell('2-3', 'status').click();
    await page.keyboard.press('Enter');
    await page.keyboard.type('正在推进');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('2-3', 'status').innerText()).toContain('正在推进');
    await app.screenshot('table-edited');

    await page.reload();
    await page.getByRole('grid').waitFor();
    await expect.poll(() => cell('2-3', 'deadline').innerText()).toBe('2025年1月15日前');
    expect(await cell('2-3', 'status').innerText()).toContain('正在推进');

    const p = (await call('problems.list', {})).find((x) => x.code === '2-3')!;
    expect(p).toMatchObject({ deadline: { raw: '2025年1月15日前', kind: 'date', date: '2025-01-15' }, status: '正在推进', statusSource: 'manual' });
    const history = await call('history.problem', { id: p.id });
    expect(history.filter((h) => h.source === 'edit').map((h) => [h.field, h.oldValue, h.newValue])).toEqual(
      expect.arrayContaining([
        ['deadline_raw', '2024年12月31日', '2025年1月15日前'],
        ['deadline_date', '2024-12-31', '2025-01-15'],
        ['status', '已完成', '正在推进'],
        ['status_source', 'derived', 'manual'],
      ]),
    );

    // The detail panel shows the same changes, in words.
    await cell('2-3', 'status').click();
    await page.keyboard.press('Control+Enter');
    const panel = page.getByRole('complementary', { name: '问题详情' });
    await panel.getByRole('tab', { name: '变更记录' }).click();
    await panel.getByText('整改状态：已完成 → 正在推进').waitFor();
    await panel.getByText('整改时限：2024年12月31日 → 2025年1月15日前').waitFor();
    await page.waitForTimeout(300);
    await app.screenshot('table-detail-history');
    await panel.getByRole('tab', { name: /措施/ }).click();
    await panel.getByTestId('result-phrase').waitFor();
    await page.waitForTimeout(400); // the tab's slide
    await app.screenshot('table-detail-measures');
    await panel.getByRole('button', { name: '关闭详情' }).click();
    expect(app.pageErrors).toEqual([]);
  });

  it('finds “社区矫正” in problem, measure and progress text, and shows exactly those rows', async () => {
    const expected = await call('problems.search', { query: '社区矫正' });
    const list = await call('problems.list', {});
    const codes = list.filter((p) => expected.ids.includes(p.id)).map((p) => p.code);
    // Every problem whose own text names it is among them (2-3, 2-3-1, 2-3-2 and 3-2-2).
    expect(codes).toEqual(expect.arrayContaining(['2-3', '2-3-1', '2-3-2', '3-2-2']));
    await page.getByRole('textbox', { name: '搜索' }).fill('社区矫正');
    await expect.poll(count).toBe(`显示 ${codes.length} / 共 63 个问题`);
    const shown = await page.locator('[role="row"][data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute("data-code")));
    expect(shown).toEqual(codes);
    await app.screenshot('table-search');
    await page.getByRole('textbox', { name: '搜索' }).fill('');
    await expect.poll(count).toBe('共 63 个问题');
  });

  it('filters by lead unit and shows its count', async () => {
    const units = await call('people.units', {});
    const unit = units.find((u) => u.name === '政治部')!;
    expect(unit.problemCount).toBe(8);
    const select = page.getByRole('combobox', { name: '按牵头单位筛选' });
    await select.click();
    await page.keyboard.type('政治部');
    await page.keyboard.press('Enter');
    await expect.poll(count).toBe('显示 8 / 共 63 个问题');
    const leadUnits = await page.locator('[role="row"][data-code] [data-field="leadUnit"]').allInnerTexts();
    expect(leadUnits).toEqual(Array(8).fill('政治部'));
    await app.screenshot('table-filter-unit');
    await page.getByRole('button', { name: /清除筛选/ }).click();
    await expect.poll(count).toBe('共 63 个问题');
  });

  it('lists a deleted category without problems in the recycle bin and restores it', async () => {
    const empty = await call('categories.create', { title: '尚未细化的反馈问题' });
    await call('categories.delete', { id: empty.id });
    await page.reload();
    await page.getByTestId('filtered-count').getByText('共 63 个问题').waitFor();
    await page.getByRole('button', { name: /回收站/ }).click();
    const bin = page.getByTestId('deleted-categories');
    await bin.getByText('类别下没有问题').waitFor();
    await page.waitForTimeout(300); // the table's fade-in
    await app.screenshot('table-recycle-bin');
    await bin.getByRole('button', { name: /尚未细化的反馈问题/ }).click();
    await bin.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /返回台账/ }).click();
    // Its banner is the last line of the table.
    await page.getByRole('grid').evaluate((grid) => grid.scrollTo(0, grid.scrollHeight));
    await page.locator(`[data-key="c${empty.id}"]`).getByText('尚未细化的反馈问题').waitFor();
    expect((await call('categories.list', {})).map((c) => c.title)).toContain('尚未细化的反馈问题');
    await page.getByRole('grid').evaluate((grid) => grid.scrollTo(0, 0));
    expect(app.pageErrors).toEqual([]);
  });

  it('takes Chinese typed with an input method straight onto a cell, and Ctrl+Z undoes it', async () => {
    await cell('1-1', 'leadUnit').click();
    // What an input method does in Chromium: compose 拼音, then commit the chosen words.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'zhengzhibu', selectionStart: 10, selectionEnd: 10 });
    await cdp.send('Input.insertText', { text: '政治部' });
    const editor = page.getByRole('combobox', { name: '牵头单位', exact: true });
    await expect.poll(() => editor.inputValue()).toBe('政治部');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('1-1', 'leadUnit').innerText()).toBe('政治部');
    expect((await call('problems.list', {})).find((p) => p.code === '1-1')!.leadUnit).toBe('政治部');
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell('1-1', 'leadUnit').innerText()).toBe('法治调研科');
    await cdp.detach();
  });

  it('shows on the statistics page the same figures as `cli stats --json`', async () => {
    const cli = cliJson<Stats>(['stats', app.session.path(), '--as-of', AS_OF, '--json']);
    await page.getByRole('menuitem', { name: /统计/ }).click();
    await page.getByLabel('统计截止日期').fill(AS_OF);
    await page.getByLabel('统计截止日期').press('Enter');
    await page.getByRole('heading', { name: '统计' }).click();
    const figure = (label: string) => page.locator(`[data-figure="${label}"]`).innerText();
    const kinds = [
      ['面上问题', cli.general],
      ['具体问题', cli.specific],
    ] as const;
    await expect.poll(() => figure('面上问题问题总数')).toBe(String(cli.general.total));
    await expect.poll(() => figure('面上问题期内应完成')).toBe(String(cli.general.dueInPeriod));
    for (const [label, f] of kinds) {
      expect(await figure(`${label}问题总数`)).toBe(String(f.total));
      expect(await figure(`${label}期内应完成`)).toBe(String(f.dueInPeriod));
      expect(await figure(`${label}期内已完成`)).toBe(String(f.completedInPeriod));
      expect(await figure(`${label}期外`)).toBe(String(f.outOfPeriod));
      expect(await figure(`${label}期外已完成`)).toBe(String(f.completedOutOfPeriod));
      expect(await figure(`${label}逾期`)).toBe(String(f.overdue));
      const card = page.getByTestId(`cards-${label === '面上问题' ? 'general' : 'specific'}`);
      await expect.poll(() => card.innerText()).toContain(`${f.rateInPeriod}`);
    }
    // The table by category, figure by figure.
    for (const c of cli.byCategory) {
      // Categories are numbered （一）（二） on the statistics page as everywhere else.
      const no = toChineseNumeral(c.no);
      expect(await figure(`（${no}）面上问题总数`)).toBe(String(c.general.total));
      expect(await figure(`（${no}）面上问题期内完成`)).toBe(String(c.general.completedInPeriod));
      expect(await figure(`（${no}）面上问题逾期`)).toBe(String(c.general.overdue));
    }
    // The overdue list holds exactly the overdue problems of both kinds.
    const overdue = page.getByTestId('overdue-list');
    await overdue.scrollIntoViewIfNeeded();
    await expect.poll(() => overdue.locator('tbody tr.ant-table-row').count()).toBe(cli.general.overdue + cli.specific.overdue);
    await page.waitForTimeout(500);
    await page.setViewportSize({ width: 1440, height: 2600 });
    await page.waitForTimeout(500);
    await app.screenshot('stats-page');
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(app.pageErrors).toEqual([]);
  });

  it('reaches every figure, chart bar and list item of the statistics page with Tab and opens it with Enter', async () => {
    // Still on the statistics page, as of the same date (the test before).
    await page.getByRole('heading', { name: '统计' }).waitFor();
    const focused = () => page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null; textContent: string | null } | null } }).document.activeElement;
      return el ? el.getAttribute('data-figure') ?? el.getAttribute('aria-label') ?? el.textContent : null;
    });
    // Tab from the date field: the first figures are the cards of general problems.
    await page.getByLabel('统计截止日期').focus();
    await page.keyboard.press('Escape');
    const seen: string[] = [];
    for (let i = 0; i < 120 && !seen.some((s) => s.startsWith('按类别完成情况')); i++) {
      await page.keyboard.press('Tab');
      seen.push((await focused()) ?? '');
    }
    expect(seen).toEqual(expect.arrayContaining(['面上问题问题总数', '面上问题逾期', '具体问题期内已完成']));
    expect(seen.at(-1)).toMatch(/^按类别完成情况.*按方向键逐段查看/);

    // The chart: the arrow keys go through its bars' parts, Enter lists the problems behind one.
    await page.keyboard.press('ArrowRight');
    const said = await page.getByTestId('chart-focus').first().innerText();
    expect(said).toMatch(/^（.+）.+：(已完成|逾期|未完成（未逾期）) \d+ 个，按 Enter 查看$/);
    const [title, n] = said.match(/^(（.+?）)[^：]*：(\S+) (\d+) 个/)!.slice(1).reduce<string[]>((a, x, i) => (i === 1 ? a : [...a, x]), []);
    await page.waitForTimeout(300);
    await app.screenshot('stats-chart-keyboard');
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog');
    await drawer.getByText(new RegExp(`${title!.replace(/[()（）]/g, '.')}.*（${n} 个）`)).waitFor();
    expect(await drawer.locator('tbody tr.ant-table-row').count()).toBe(Number(n));

    // In the list, a problem's code is a button: Enter opens it in the ledger with its details.
    const first = drawer.getByRole('button', { name: /^在台账中查看 / }).first();
    const code = (await first.innerText()).trim();
    await first.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: '问题详情' }).getByText(code, { exact: false }).first().waitFor();
    expect(page.url()).toContain('#/ledger?problem=');
    expect(app.pageErrors).toEqual([]);
  });
});
