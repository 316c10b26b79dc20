import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOTS, startE2eApp, type E2eApp } from './harness';
import { importMasterLedger } from '../helpers/import';
import type { OpName, Req, Res } from '../../shared/api/contract';

/**
 * The spreadsheet-like table at the two common office screens, on the master ledger fixture (63 problems):
 * default columns without sideways scrolling, widths remembered, the print preview as a PDF, and a
 * statistics drill-down exported and read back.
 */
const DEFAULT_COLUMNS = ['编号', '问题', '整改措施', '责任领导', '牵头单位', '整改时限', '整改状态', '最新进展', '佐证'];

async function start(viewport: { width: number; height: number }) {
  const app = await startE2eApp({ viewport });
  const call = async <K extends OpName>(name: K, req: Req<K>): Promise<Res<K>> => {
    const r = await app.service.call(name, req);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as Res<K>;
  };
  const imported = await importMasterLedger(call);
  expect(imported.committed).toBe(true);
  await app.page.goto(app.url);
  await app.page.getByRole('grid').waitFor();
  await app.page.getByTestId('filtered-count').getByText('共 63 个问题').waitFor();
  return { app, call };
}

/** Wait until no animation runs (antd's menus and dialogs fade in): a screenshot then shows them. */
async function settled(page: Page) {
  await page.waitForFunction(() => (globalThis as any).document.getAnimations().every((a: any) => a.playState !== 'running'));
}

/** How the window and the table fit: nothing of the page scrolls; the table's columns, where they end. */
// In-page code reaches the page through `globalThis` (this file is type-checked for Node, without the DOM's types).
/* eslint-disable @typescript-eslint/no-explicit-any */
async function fit(page: Page) {
  return page.evaluate((titles) => {
    const w = globalThis as any;
    const doc = w.document.scrollingElement;
    const grid = w.document.querySelector('[role="grid"]');
    const g = grid.getBoundingClientRect();
    const headers = [...grid.querySelectorAll('[role="columnheader"]')].map((h: any) => ({ title: String(h.innerText).trim(), right: h.getBoundingClientRect().right as number }));
    return {
      pageScrolls: doc.scrollHeight > w.innerHeight || doc.scrollWidth > w.innerWidth,
      bodyMargin: String(w.getComputedStyle(w.document.body).margin),
      gridScrollsSideways: grid.scrollWidth > grid.clientWidth,
      titles: headers.map((h) => h.title),
      allInView: titles.every((t) => headers.some((h) => h.title === t && h.right <= g.right + 1)),
    };
  }, DEFAULT_COLUMNS);
}

/** Where an element is, and whether all of it lies inside the window (nothing cut off at an edge). */
async function inWindow(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const w = globalThis as any;
    const els = [...w.document.querySelectorAll(sel)].filter((e: any) => e.getClientRects().length > 0);
    if (els.length === 0) return { found: false, inside: false, box: null };
    const r = els[els.length - 1].getBoundingClientRect();
    const box = { left: Math.round(r.left), top: Math.round(r.top), right: Math.round(r.right), bottom: Math.round(r.bottom) };
    return { found: true, inside: r.left >= 0 && r.top >= 0 && r.right <= w.innerWidth && r.bottom <= w.innerHeight, box };
  }, selector);
}

/**
 * Each control the table gained, opened in turn at the window's size and photographed (`controls-<size>-*`):
 * the sort mark and the chips, a column's filter panel, the right-click menu and its 设置状态 submenu, Ctrl+F's
 * highlighted hits, 查找和替换, the print preview, the 视图 menu. Each must lie wholly inside the window, and
 * the chips must not run into the table.
 */
async function controlsTour(app: E2eApp, size: string) {
  const page = app.page;
  const shot = async (name: string) => {
    await settled(page);
    await app.screenshot(`controls-${size}-${name}`);
  };
  const expectInside = async (selector: string) => expect(await inWindow(page, selector), selector).toMatchObject({ found: true, inside: true });

  await page.getByRole('button', { name: '筛选“整改状态”' }).click();
  const panel = page.getByRole('dialog', { name: '筛选“整改状态”' });
  await panel.waitFor();
  await expectInside('.column-filter');
  await shot('filter-panel');
  await panel.getByRole('checkbox', { name: /^全选/ }).click();
  await panel.getByRole('checkbox', { name: /^正在推进/ }).click();
  await panel.getByRole('button', { name: /确\s*定/ }).click();
  await page.getByRole('columnheader').filter({ hasText: '整改时限' }).getByRole('button', { name: /^整改时限/ }).click();
  await page.getByText(/按“整改时限”升序/).waitFor();
  await expectInside('.filter-chips');
  await expectInside('[role="columnheader"][aria-sort="ascending"] .sort-mark');
  const chips = (await inWindow(page, '.filter-chips')).box!;
  const grid = (await inWindow(page, '[role="grid"]')).box!;
  expect(chips.bottom).toBeLessThanOrEqual(grid.top);
  await shot('sort-and-chips');

  await page.locator('[role="row"][data-code] [data-field="status"]').first().click({ button: 'right' });
  await page.getByRole('menuitem', { name: /向下填充/ }).waitFor();
  await page.getByRole('menuitem', { name: /设置状态/ }).click();
  await page.getByRole('menuitem', { name: '已完成' }).waitFor();
  await expectInside('.ant-dropdown:not(.ant-dropdown-hidden) > .ant-dropdown-menu');
  await expectInside('.ant-dropdown-menu-submenu-popup:not(.ant-dropdown-menu-submenu-hidden)');
  await shot('context-menu');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+F');
  await page.keyboard.type('推进');
  await page.locator('mark.hit').first().waitFor();
  await shot('find-hits');
  await page.getByPlaceholder(/搜索问题/).fill('');

  await page.keyboard.press('Control+H');
  await page.getByLabel('查找内容').fill('工作');
  await page.getByLabel('替换为').fill('事项');
  await page.getByTestId('replace-summary').getByText(/将替换/).waitFor();
  await expectInside('.ant-modal:has([aria-label="查找内容"]) .ant-modal-container');
  await shot('replace');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+P');
  await page.getByTestId('print-preview').waitFor();
  await expectInside('.ant-modal:has([data-testid="print-preview"]) .ant-modal-container');
  await shot('print-preview');
  await page.keyboard.press('Escape');
  await page.getByTestId('print-preview').waitFor({ state: 'detached' });

  await page.getByRole('button', { name: '视图' }).click();
  await page.getByRole('button', { name: '恢复默认布局' }).waitFor();
  await expectInside('.view-menu');
  await shot('view-menu');
  await page.keyboard.press('Escape');

  // Back as it was: no filter, the ledger's order (the sort is remembered).
  await page.getByRole('button', { name: /清除筛选/ }).click();
  await page.getByLabel('恢复原顺序').click();
  await page.getByText(/按“整改时限”升序/).waitFor({ state: 'detached' });
  expect(app.pageErrors).toEqual([]);
}

describe('the table at 1366×768', () => {
  let app: E2eApp;
  let page: Page;
  let call: Awaited<ReturnType<typeof start>>['call'];
  beforeAll(async () => {
    ({ app, call } = await start({ width: 1366, height: 768 }));
    page = app.page;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('fits the window exactly and shows every default column without scrolling sideways (最后修改 hidden)', async () => {
    const f = await fit(page);
    expect(f).toMatchObject({ pageScrolls: false, bodyMargin: '0px', gridScrollsSideways: false, allInView: true });
    expect(f.titles).toEqual(DEFAULT_COLUMNS);
    await app.screenshot('layout-1366');
    // The detail panel opens as a drawer over the table: the table keeps its width.
    const before = await page.getByRole('grid').evaluate((el) => el.clientWidth);
    await page.locator('[data-code="2-3"] [data-field="text"]').click();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('complementary', { name: '问题详情' }).waitFor();
    expect(await page.getByRole('grid').evaluate((el) => el.clientWidth)).toBe(before);
    expect((await fit(page)).pageScrolls).toBe(false);
    await settled(page);
    await app.screenshot('layout-1366-detail');
    await page.getByRole('button', { name: '关闭详情' }).click();
  });

  it('keeps a column width dragged on the header border after a reload', async () => {
    const header = page.getByRole('columnheader').filter({ hasText: '牵头单位' });
    const before = (await header.boundingBox())!;
    const handle = header.getByRole('separator');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await header.boundingBox())!.width)).toBe(Math.round(before.width + 40));
    await page.reload();
    await page.getByTestId('filtered-count').getByText('共 63 个问题').waitFor();
    const after = page.getByRole('columnheader').filter({ hasText: '牵头单位' });
    expect(Math.round((await after.boundingBox())!.width)).toBe(Math.round(before.width + 40));
    // Back to the default layout, from the 视图 menu.
    await page.getByRole('button', { name: '视图' }).click();
    await settled(page);
    await app.screenshot('view-menu');
    await page.getByRole('button', { name: '恢复默认布局' }).click();
    await expect.poll(async () => Math.round((await after.boundingBox())!.width)).toBe(Math.round(before.width));
    await page.keyboard.press('Escape');
  });

  it('sorts and filters from the headers, and prints the filtered view: preview, then a PDF of A4 landscape pages', async () => {
    await page.getByRole('button', { name: '筛选“整改状态”' }).click();
    const panel = page.getByRole('dialog', { name: '筛选“整改状态”' });
    await panel.waitFor();
    await settled(page);
    await app.screenshot('column-filter');
    await panel.getByRole('checkbox', { name: /^全选/ }).click();
    await panel.getByRole('checkbox', { name: /^正在推进/ }).click();
    await panel.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('整改状态：正在推进').waitFor();
    await page.getByRole('columnheader').filter({ hasText: '整改时限' }).getByRole('button', { name: /^整改时限/ }).click();
    await page.getByText(/按“整改时限”升序/).waitFor();
    const shown = await page.locator('[role="row"][data-code]').evaluateAll((rows) => rows.map((r: any) => String(r.dataset.code)));
    expect(shown.length).toBeGreaterThan(0);
    await settled(page);
    await app.screenshot('filtered-sorted');

    await page.keyboard.press('Control+P');
    const preview = page.getByTestId('print-preview');
    await preview.waitFor();
    await settled(page);
    await app.screenshot('print-preview');
    // The printed rows are the view's rows, in its order.
    const printed = await preview.locator('tbody tr td.print-code').allInnerTexts();
    expect(printed).toEqual(shown);

    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(SCREENSHOTS, 'print-filtered.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    // A4 landscape: 842 × 595 points.
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdf, path.join(SCREENSHOTS, 'print-filtered')]);
    const pages = fs.readdirSync(SCREENSHOTS).filter((f) => /^print-filtered-\d+\.png$/.test(f));
    expect(pages.length).toBeGreaterThan(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('整改状态：正在推进');
    expect(text).toMatch(/第 1 页，共 \d+ 页/);
    for (const code of shown) expect(text).toContain(code);
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /清除筛选/ }).click();
  });

  it('keeps a sort and a column order dragged on the header after a reload; 恢复默认布局 brings both back', async () => {
    const titles = async () => (await fit(page)).titles;
    const codes = () => page.locator('[role="row"][data-code]').evaluateAll((rows) => rows.map((r: any) => String(r.dataset.code)));
    const statusHeader = () => page.getByRole('columnheader').filter({ hasText: '整改状态' });
    const sortStatus = statusHeader().getByRole('button', { name: /^整改状态/ });
    await sortStatus.click();
    await sortStatus.click();
    await expect.poll(() => statusHeader().getAttribute('aria-sort')).toBe('descending');
    const sorted = await codes();
    expect(sorted.length).toBeGreaterThan(0);

    // 牵头单位 dragged onto 责任领导: it goes before it.
    const before = await titles();
    expect(before.indexOf('牵头单位')).toBe(before.indexOf('责任领导') + 1);
    await page.getByRole('columnheader').filter({ hasText: '牵头单位' }).dragTo(page.getByRole('columnheader').filter({ hasText: '责任领导' }), { sourcePosition: { x: 6, y: 6 } });
    const moved = before.filter((t) => t !== '牵头单位');
    moved.splice(moved.indexOf('责任领导'), 0, '牵头单位');
    await expect.poll(titles).toEqual(moved);
    await settled(page);
    await app.screenshot('sorted-reordered-1366');

    await page.reload();
    await page.getByTestId('filtered-count').getByText('共 63 个问题').waitFor();
    expect(await titles()).toEqual(moved);
    await expect.poll(() => statusHeader().getAttribute('aria-sort')).toBe('descending');
    expect(await statusHeader().locator('.sort-mark.desc').count()).toBe(1);
    await page.getByText('按“整改状态”降序：层级已平铺显示，编号不变').waitFor();
    expect(await codes()).toEqual(sorted);
    expect((await fit(page)).gridScrollsSideways).toBe(false);

    await page.getByRole('button', { name: '视图' }).click();
    await page.getByRole('button', { name: '恢复默认布局' }).click();
    await expect.poll(titles).toEqual(before);
    await expect.poll(() => statusHeader().getAttribute('aria-sort')).toBe('none');
    await page.keyboard.press('Escape');
    expect(app.pageErrors).toEqual([]);
  });

  it('prints folded categories as on screen, saying so on paper, or unfolded when the preview is told to', async () => {
    const codes = () => page.locator('[role="grid"] [role="row"][data-code]').evaluateAll((rows) => rows.map((r: any) => String(r.dataset.code)));
    // The whole ledger fits in the window's rows only when folded: fold (二) and (三) and take what is drawn.
    await page.getByRole('button', { name: '收起类别（2）' }).click();
    await page.getByRole('button', { name: '收起类别（3）' }).click();
    await expect.poll(async () => (await codes()).some((c) => /^[23]-/.test(c))).toBe(false);
    const folded = (await call('problems.list', {})).filter((p) => /^[23]-/.test(p.code)).map((p) => p.code);
    expect(folded.length).toBeGreaterThan(0);

    await page.keyboard.press('Control+P');
    const preview = page.getByTestId('print-preview');
    await preview.waitFor();
    const printed = await preview.locator('tbody tr td.print-code').allInnerTexts();
    expect(printed.length).toBe(63 - folded.length);
    expect(printed.some((c) => /^[23]-/.test(c))).toBe(false);
    await page.getByText(`其下的 ${folded.length} 个问题不打印（纸上注明）`, { exact: false }).waitFor();
    await settled(page);
    await app.screenshot('print-preview-folded');

    const pdfOf = async (name: string) => {
      await page.emulateMedia({ media: 'print' });
      const pdf = path.join(SCREENSHOTS, `${name}.pdf`);
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      await page.emulateMedia({ media: 'screen' });
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, path.join(SCREENSHOTS, name)]);
      // Without -layout a code cell comes out as a line of its own (with -layout, 3-4-1 can run into its text).
      return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    };
    const onItsLine = (code: string) => new RegExp(`^${code}(\\s|$)`, 'm');
    const onPaper = await pdfOf('print-folded');
    expect(onPaper).toMatch(/（二）[\s\S]*已折叠，未打印/);
    expect(onPaper).toContain(`其中 ${folded.length} 个在折叠的类别或问题下，未打印`);
    for (const c of printed) expect(onPaper).toMatch(onItsLine(c));
    for (const c of folded) expect(onPaper).not.toMatch(onItsLine(c));

    await page.getByRole('checkbox', { name: '展开折叠的内容一并打印' }).check();
    await expect.poll(() => preview.locator('tbody tr td.print-code').count()).toBe(63);
    const unfolded = await pdfOf('print-unfolded');
    for (const c of folded) expect(unfolded).toMatch(onItsLine(c));
    expect(unfolded).not.toContain('未打印');
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    // (三) first: once (二) unfolds, (三)'s banner is below the rows drawn.
    await page.getByRole('button', { name: '展开类别（3）' }).click();
    await page.getByRole('button', { name: '展开类别（2）' }).click();
    expect(app.pageErrors).toEqual([]);
  });

  it('opens every new control wholly inside the window (screenshots controls-1366-*)', async () => {
    await controlsTour(app, '1366');
  });

  it('shows the right-click menu and the 查找和替换 dialog', async () => {
    await page.locator('[role="row"][data-code] [data-field="leadUnit"]').first().click({ button: 'right' });
    await page.getByRole('menuitem', { name: /向下填充/ }).waitFor();
    await settled(page);
    await app.screenshot('context-menu');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+H');
    await page.getByLabel('查找内容').fill('党组');
    await page.getByLabel('替换为').fill('党委');
    await page.getByTestId('replace-summary').getByText(/将替换/).waitFor();
    await settled(page);
    await app.screenshot('replace-dialog');
    await page.keyboard.press('Escape');
    expect(app.pageErrors).toEqual([]);
  });

  it('exports a statistics drill-down list; the workbook holds the same rows', async () => {
    await page.getByRole('menuitem', { name: /统计/ }).click();
    await page.locator('[data-figure="具体问题问题总数"]').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.locator('tbody tr.ant-table-row').first().waitFor();
    const codes = await drawer.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    const texts = await drawer.locator('tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();
    await settled(page);
    await app.screenshot('drilldown-export');
    const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: /导出为 Excel/ }).click()]);
    const file = path.join(app.dir, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const rows: [string, string][] = [];
    ws.eachRow((row, n) => {
      if (n > 3) rows.push([String(row.getCell(1).value), String(row.getCell(2).value)]);
    });
    expect(rows).toEqual(codes.map((c, i) => [c.trim(), texts[i]!.trim()]));
    expect(rows.length).toBe(41);
  });
});

describe('the table at 1920×1080', () => {
  let app: E2eApp;
  beforeAll(async () => {
    ({ app } = await start({ width: 1920, height: 1080 }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('fits the window exactly with every default column in view', async () => {
    const f = await fit(app.page);
    expect(f).toMatchObject({ pageScrolls: false, bodyMargin: '0px', gridScrollsSideways: false, allInView: true });
    await app.screenshot('layout-1920');
    expect(app.pageErrors).toEqual([]);
  });

  it('opens every new control wholly inside the window (screenshots controls-1920-*)', async () => {
    await controlsTour(app, '1920');
  });
});
