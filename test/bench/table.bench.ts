import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { openDb } from '../../electron/core/db/open';
import { createSession } from '../../electron/core/session';
import { createService } from '../../electron/core/service';
import { startWebHost } from '../../electron/web/server';
import { generateLedger } from './generate';
import { profiled, summaryLine, traced } from './trace';

/**
 * The ledger table with 10,000 problems, in Chromium against the web host (the same page the desktop app
 * shows): time from opening the ledger to the table drawn, from a keystroke in the search box to the
 * filtered table drawn, from a click on a column header (sort) or a column filter to the table drawn, and
 * frame times while scrolling. Targets: first draw < 1 s, filter and sort < 100 ms.
 * With BENCH_TRACE=folder, also writes Chromium traces of a reload and of the keystroke that brings back
 * every row (open them in Chrome's Performance panel) and prints where the main thread spent its time.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// BENCH_RENDERER: another build of the renderer (e.g. `vite build --minify false --outDir …` for profiles).
const RENDERER = process.env.BENCH_RENDERER ? path.resolve(process.env.BENCH_RENDERER) : path.join(ROOT, 'dist/renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const COUNT = Number(process.env.BENCH_PROBLEMS ?? 10000);
const TRACE_DIR = process.env.BENCH_TRACE ? path.resolve(process.env.BENCH_TRACE) : null;
/** BENCH_PROFILE=1: CPU profiles (functions by self time) of a reload, a sort, the column filter and fast scrolling. */
const PROFILE = !!process.env.BENCH_PROFILE;
/** BENCH_REPEAT=n: the column filter (and its removal) and the keystrokes that bring back every row, n times each (median and range). */
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const profileFile = (name: string) => (TRACE_DIR ? path.join(TRACE_DIR, `${name}.cpuprofile`) : undefined);

const ms = (x: number) => `${x.toFixed(0)} ms`;
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Record, inside the page, when the first problem row is drawn (the frame after it enters the DOM). */
const FIRST_DRAW = `
  // The ledger opens on the table (待办提醒 would otherwise open first: the generated ledger has overdue problems).
  try { window.localStorage.setItem('ledger-todo-first', 'off'); } catch {}
  // tsx names the functions it compiles with a helper the page does not have.
  window.__name = (f) => f;
  window.__drawn = null;
  window.__complete = null;
  new MutationObserver((_, obs) => {
    if (document.querySelector('[role="row"][data-code]')) {
      obs.disconnect();
      requestAnimationFrame(() => { window.__drawn = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true });
  // Every row here (the count no longer says the rest is loading): sorting and filtering work on all.
  new MutationObserver((_, obs) => {
    const label = document.querySelector('[data-testid="filtered-count"]');
    if (label && label.textContent === window.__all) {
      obs.disconnect();
      requestAnimationFrame(() => { window.__complete = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

// In-page code reaches the page through `globalThis` (this file is type-checked for Node, without the
// DOM's types); functions, not strings, because the app's CSP forbids evaluating strings.
/* eslint-disable @typescript-eslint/no-explicit-any */
interface Draw {
  /** Navigation start → the first problem row drawn. */
  drawn: number;
  /** → every row here (sorting and filtering possible). */
  complete: number;
  /** The first screen's request and the request of every row (sent together as the page starts). */
  headRequest: number;
  rowsRequest: number;
  /** CPU of the page's process and of this process (the web host's core and the JSON it writes). */
  pageCpu: number;
  hostCpu: number;
}

/** Time to the first drawn row and to every row, and how long of it the page waited for the rows. */
async function firstDraw(page: Page, url: string, reload: boolean, cpu: () => Promise<number>): Promise<Draw> {
  const c0 = await cpu();
  const h0 = process.cpuUsage();
  if (reload) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(() => (globalThis as any).__complete != null && (globalThis as any).__drawn != null, null, { timeout: 120_000 });
  const pageCpu = (await cpu()) - c0;
  const h = process.cpuUsage(h0);
  const times = await page.evaluate(() => {
    const w = globalThis as any;
    const reqs = w.performance.getEntriesByType('resource').filter((e: any) => e.name.endsWith('/api/problems.changes'));
    const span = (e: any) => (e ? ((e.responseEnd - e.startTime) as number) : NaN);
    return { drawn: w.__drawn as number, complete: w.__complete as number, headRequest: span(reqs[0]), rowsRequest: span(reqs[1]) };
  });
  return { ...times, pageCpu, hostCpu: (h.user + h.system) / 1000 };
}

/** Type one key into the search box; time from the key to the frame after the count shows `expected`. */
async function keystroke(page: Page, key: string, expected: string): Promise<number> {
  await page.evaluate((want) => {
    const w = globalThis as any;
    w.__t1 = null;
    const input = w.document.querySelector('input[aria-label="搜索"]');
    const label = w.document.querySelector('[data-testid="filtered-count"]');
    input.addEventListener('beforeinput', () => (w.__t0 = w.performance.now()), { once: true, capture: true });
    const obs = new w.MutationObserver(() => {
      if (label.textContent === want) {
        obs.disconnect();
        w.requestAnimationFrame(() => (w.__t1 = w.performance.now()));
      }
    });
    obs.observe(label, { childList: true, subtree: true, characterData: true });
  }, expected);
  if (key.length > 1 || /[\x20-\x7e]/.test(key)) await page.keyboard.press(key);
  else await page.keyboard.insertText(key);
  try {
    await page.waitForFunction(() => (globalThis as any).__t1 != null, null, { timeout: 30_000 });
  } catch (e) {
    const shown = await page.getByTestId('filtered-count').innerText();
    throw new Error(`after “${key}” the table shows “${shown}”, expected “${expected}”`, { cause: e });
  }
  return page.evaluate(() => (globalThis as any).__t1 - (globalThis as any).__t0);
}

/**
 * Click a column header's sort button; time from the press to the frame after the header says `dir`
 * (the rows are drawn in the same commit as the header's state).
 */
async function sortClick(page: Page, title: string, dir: 'ascending' | 'descending' | 'none'): Promise<number> {
  const header = page.getByRole('columnheader').filter({ hasText: title });
  await header.evaluate((el, want) => {
    const w = globalThis as any;
    w.__t1 = null;
    el.querySelector('button').addEventListener('pointerdown', () => (w.__t0 = w.performance.now()), { once: true, capture: true });
    const obs = new w.MutationObserver(() => {
      if (el.getAttribute('aria-sort') === want) {
        obs.disconnect();
        w.requestAnimationFrame(() => (w.__t1 = w.performance.now()));
      }
    });
    obs.observe(el, { attributes: true });
  }, dir);
  await header.getByRole('button', { name: new RegExp(`^${title}`) }).click();
  await page.waitForFunction(() => (globalThis as any).__t1 != null, null, { timeout: 30_000 });
  return page.evaluate(() => (globalThis as any).__t1 - (globalThis as any).__t0);
}

/** Click 确定 in an open column filter; time from the press to the frame after the count shows `expected`. */
function applyFilter(page: Page, expected: string): Promise<number> {
  return pressUntilCount(page, () => page.locator('.column-filter').getByRole('button', { name: /确\s*定/ }).click(), expected);
}

/** Time from the pointer going down in `press` to the frame after the count shows `expected`. */
async function pressUntilCount(page: Page, press: () => Promise<void>, expected: string): Promise<number> {
  await page.evaluate((want) => {
    const w = globalThis as any;
    w.__t1 = null;
    const label = w.document.querySelector('[data-testid="filtered-count"]');
    w.document.addEventListener('pointerdown', () => (w.__t0 = w.performance.now()), { once: true, capture: true });
    const obs = new w.MutationObserver(() => {
      if (label.textContent === want) {
        obs.disconnect();
        w.requestAnimationFrame(() => (w.__t1 = w.performance.now()));
      }
    });
    obs.observe(label, { childList: true, subtree: true, characterData: true });
  }, expected);
  await press();
  await page.waitForFunction(() => (globalThis as any).__t1 != null, null, { timeout: 30_000 });
  return page.evaluate(() => (globalThis as any).__t1 - (globalThis as any).__t0);
}

const median = (xs: number[]) => quantile(xs, 0.5);
/** “median 80 ms (72–95 ms, 5 runs)”. */
const spread = (xs: number[]) =>
  xs.length === 1 ? ms(xs[0]!) : `median ${ms(median(xs))} (${Math.min(...xs).toFixed(0)}–${ms(Math.max(...xs))}, ${xs.length} runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;

/** Scroll the table by `step` pixels every frame for `seconds`; the time between frames. */
async function scrollFrames(page: Page, seconds: number, step: number): Promise<number[]> {
  return page.evaluate(
    ({ seconds, step }) =>
      new Promise<number[]>((resolve) => {
        const w = globalThis as any;
        const grid = w.document.querySelector('[role="grid"]');
        const deltas: number[] = [];
        let last = w.performance.now();
        const end = last + seconds * 1000;
        const frame = (t: number) => {
          deltas.push(t - last);
          last = t;
          grid.scrollTop += step;
          if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) grid.scrollTop = 0;
          if (t < end) w.requestAnimationFrame(frame);
          else resolve(deltas.slice(1));
        };
        w.requestAnimationFrame(frame);
      }),
    { seconds, step },
  );
}

export default async function tableBench(): Promise<void> {
  if (!fs.existsSync(path.join(RENDERER, 'index.html'))) {
    process.stdout.write('building the renderer (dist/renderer)…\n');
    const { build } = await import('vite');
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  const file = path.join(dir, 'bench.zgtz');
  try {
    // Generating 10,000 problems through the core takes half a minute: keep the (deterministic) result.
    // BENCH_LEDGER: a ledger made by the same generator (e.g. the scale bench's scale-100000.zgtz), copied.
    const cached = process.env.BENCH_LEDGER ? path.resolve(process.env.BENCH_LEDGER) : path.join(os.tmpdir(), 'ledger-bench-cache', `table-${COUNT}.zgtz`);
    let t = performance.now();
    if (!fs.existsSync(cached)) {
      fs.mkdirSync(path.dirname(cached), { recursive: true });
      const db = openDb(cached + '.tmp', { create: true });
      generateLedger(db, COUNT);
      db.close();
      fs.renameSync(cached + '.tmp', cached);
      process.stdout.write(`generated ${COUNT} problems (3 measures and 1 progress entry each) in ${ms(performance.now() - t)}\n`);
    }
    fs.copyFileSync(cached, file);

    const session = createSession({ dataDir: dir, ledgerPath: file, actor: 'bench' });
    const service = createService({ session, host: { kind: 'web' } }, () => {});
    const host = await startWebHost({ service, rendererDir: RENDERER });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    // CPU time of the page's processes (renderer and GPU/compositor), in ms: exact whatever the load.
    const systemInfo = await browser.newBrowserCDPSession();
    const pageCpu = async () => {
      const r = (await systemInfo.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; cpuTime: number }[] };
      return r.processInfo.filter((p) => p.type === 'renderer' || p.type === 'GPU').reduce((sum, p) => sum + p.cpuTime * 1000, 0);
    };
    try {
      // The service alone, for reference: what the page waits for.
      t = performance.now();
      const all = await service.call('problems.changes', {});
      const listMs = performance.now() - t;
      const size = Buffer.byteLength(JSON.stringify(all));
      const search = async (q: string) => {
        const r = await service.call('problems.search', { query: q });
        if (!r.ok) throw new Error(r.error.message);
        return (r.value as { ids: number[] }).ids.length;
      };

      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(`window.__all = '共 ${COUNT} 个问题';\n${FIRST_DRAW}`);
      const draws = [await firstDraw(page, host.url, false, pageCpu)];
      for (let i = 0; i < 4; i++) draws.push(await firstDraw(page, host.url, true, pageCpu));
      await page.getByTestId('filtered-count').getByText(`共 ${COUNT} 个问题`).waitFor();

      // Keystrokes whose answers differ, so that each one redraws the table: digits (a substring scan for
      // one and two characters, the trigram index from three), then a Chinese character, then clearing.
      await page.locator('input[aria-label="搜索"]').focus();
      const typed: { query: string; ms: number; shown: number }[] = [];
      let query = '';
      let previous = COUNT;
      for (const key of ['1', '2', '3', '4']) {
        query += key;
        const n = await search(query);
        if (n === previous) {
          // Nothing would redraw: type it without timing.
          await page.keyboard.press(key);
          await page.waitForTimeout(300);
          continue;
        }
        typed.push({ query, shown: n, ms: await keystroke(page, key, `显示 ${n} / 共 ${COUNT} 个问题`) });
        previous = n;
      }
      for (let i = query.length; i > 1; i--) {
        query = query.slice(0, -1);
        const n = await search(query);
        if (n === previous) {
          await page.keyboard.press('Backspace');
          await page.waitForTimeout(300);
          continue;
        }
        typed.push({ query: `⌫ → ${query}`, shown: n, ms: await keystroke(page, 'Backspace', `显示 ${n} / 共 ${COUNT} 个问题`) });
        previous = n;
      }
      await page.locator('input[aria-label="搜索"]').fill('');
      await page.getByTestId('filtered-count').getByText(`共 ${COUNT} 个问题`).waitFor();

      // Again and again: ⌫ from “12” back to “1” (every row, or nearly), and one character typed into the
      // empty box (a character not asked before in this run: the ledger answers it for the first time).
      const box = page.locator('input[aria-label="搜索"]');
      const ones = `显示 ${await search('1')} / 共 ${COUNT} 个问题`;
      const twelve = `显示 ${await search('12')} / 共 ${COUNT} 个问题`;
      const back: number[] = [];
      const fresh: { key: string; ms: number; shown: number }[] = [];
      for (let i = 0; i < REPEAT; i++) {
        await box.fill('12');
        await page.getByTestId('filtered-count').getByText(twelve).waitFor();
        back.push(await keystroke(page, 'Backspace', ones));
        await box.fill('');
        await page.getByTestId('filtered-count').getByText(`共 ${COUNT} 个问题`).waitFor();
        const key = String((5 + i) % 10);
        const n = await search(key);
        if (n === 0) continue;
        fresh.push({ key, shown: n, ms: await keystroke(page, key, `显示 ${n} / 共 ${COUNT} 个问题`) });
        await box.fill('');
        await page.getByTestId('filtered-count').getByText(`共 ${COUNT} 个问题`).waitFor();
      }

      // Header clicks: sort by a column up, down and back (10,000 rows sorted and drawn each time), then a
      // column filter from its drop-down and its removal.
      const clicks: { what: string; ms: number }[] = [];
      for (const title of ['编号', '整改时限', '整改状态', '牵头单位', '问题']) {
        clicks.push({ what: `sort “${title}” ↑`, ms: await sortClick(page, title, 'ascending') });
        clicks.push({ what: `sort “${title}” ↓`, ms: await sortClick(page, title, 'descending') });
        clicks.push({ what: `sort “${title}” off`, ms: await sortClick(page, title, 'none') });
      }
      const listed = await service.call('problems.list', {});
      if (!listed.ok) throw new Error(listed.error.message);
      const advancing = (listed.value as { status: string }[]).filter((p) => p.status === '正在推进').length;
      await page.getByRole('button', { name: '筛选“整改状态”' }).click();
      const panel = page.getByRole('dialog', { name: '筛选“整改状态”' });
      await panel.getByRole('checkbox', { name: /^全选/ }).click();
      await panel.getByRole('checkbox', { name: /^正在推进/ }).click();
      clicks.push({ what: `column filter 整改状态 = 正在推进 (${advancing} rows)`, ms: await applyFilter(page, `显示 ${advancing} / 共 ${COUNT} 个问题`) });
      await page.getByRole('button', { name: /清除筛选/ }).click();
      await page.getByTestId('filtered-count').getByText(`共 ${COUNT} 个问题`).waitFor();
      // The same filter again and again, and its removal (清除筛选, back to every row).
      const filters: number[] = [];
      const unfilters: number[] = [];
      const filterCpu: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        await page.getByRole('button', { name: '筛选“整改状态”' }).click();
        await panel.getByRole('checkbox', { name: /^全选/ }).click();
        await panel.getByRole('checkbox', { name: /^正在推进/ }).click();
        const c0 = await pageCpu();
        filters.push(await applyFilter(page, `显示 ${advancing} / 共 ${COUNT} 个问题`));
        filterCpu.push((await pageCpu()) - c0);
        unfilters.push(await pressUntilCount(page, () => page.getByRole('button', { name: /清除筛选/ }).click(), `共 ${COUNT} 个问题`));
      }

      const traces: string[] = [];
      if (TRACE_DIR) {
        fs.mkdirSync(TRACE_DIR, { recursive: true });
        const open = path.join(TRACE_DIR, 'table-open.json');
        traces.push(`trace of a reload (${open}): ${summaryLine(await traced(browser, page, open, () => firstDraw(page, host.url, true, pageCpu)))}`);
        await page.locator('input[aria-label="搜索"]').fill('12');
        await page.getByTestId('filtered-count').getByText(/^显示/).waitFor();
        const key = path.join(TRACE_DIR, 'table-keystroke.json');
        const all = `显示 ${await search('1')} / 共 ${COUNT} 个问题`;
        traces.push(`trace of the keystroke ⌫ → 1 (${key}): ${summaryLine(await traced(browser, page, key, () => keystroke(page, 'Backspace', all)))}`);
        await page.locator('input[aria-label="搜索"]').fill('');
        await page.getByTestId('filtered-count').getByText(`共 ${COUNT} 个问题`).waitFor();
        await page.getByRole('button', { name: '筛选“整改状态”' }).click();
        await panel.getByRole('checkbox', { name: /^全选/ }).click();
        await panel.getByRole('checkbox', { name: /^正在推进/ }).click();
        const filter = path.join(TRACE_DIR, 'table-filter.json');
        traces.push(`trace of the column filter (${filter}): ${summaryLine(await traced(browser, page, filter, () => applyFilter(page, `显示 ${advancing} / 共 ${COUNT} 个问题`)))}`);
        await page.getByRole('button', { name: /清除筛选/ }).click();
        await page.getByTestId('filtered-count').getByText(`共 ${COUNT} 个问题`).waitFor();
      }

      await page.locator('[role="grid"]').focus();
      await scrollFrames(page, 1, 60); // warm-up
      let c = await pageCpu();
      const slow = await scrollFrames(page, 4, 54 * 3);
      const slowCpu = ((await pageCpu()) - c) / slow.length;
      c = await pageCpu();
      const fast = await scrollFrames(page, 4, 54 * 25);
      const fastCpu = ((await pageCpu()) - c) / fast.length;
      if (TRACE_DIR) {
        const file = path.join(TRACE_DIR, 'table-scroll.json');
        traces.push(`trace of 2 s scrolling 25 rows/frame (${file}): ${summaryLine(await traced(browser, page, file, () => scrollFrames(page, 2, 54 * 25)))}`);
      }
      if (PROFILE) {
        traces.push('profile of a reload:', ...(await profiled(page, () => firstDraw(page, host.url, true, pageCpu), 25, profileFile('reload'))));
        await page.getByTestId('filtered-count').getByText(`共 ${COUNT} 个问题`).waitFor();
        traces.push('profile of sort “牵头单位” ↑ ↓ off:', ...(await profiled(page, async () => {
          await sortClick(page, '牵头单位', 'ascending');
          await sortClick(page, '牵头单位', 'descending');
          await sortClick(page, '牵头单位', 'none');
        }, 25, profileFile('sort'))));
        await page.getByRole('button', { name: '筛选“整改状态”' }).click();
        const panel = page.getByRole('dialog', { name: '筛选“整改状态”' });
        await panel.getByRole('checkbox', { name: /^全选/ }).click();
        await panel.getByRole('checkbox', { name: /^正在推进/ }).click();
        traces.push('profile of the column filter:', ...(await profiled(page, () => applyFilter(page, `显示 ${advancing} / 共 ${COUNT} 个问题`), 25, profileFile('column-filter'))));
        await page.getByRole('button', { name: /清除筛选/ }).click();
        await page.getByTestId('filtered-count').getByText(`共 ${COUNT} 个问题`).waitFor();
        await page.locator('[role="grid"]').focus();
        traces.push('profile of 2 s scrolling 25 rows/frame:', ...(await profiled(page, () => scrollFrames(page, 2, 54 * 25), 25, profileFile('scroll'))));
      }

      const load = os.loadavg()[0]!.toFixed(1);
      const lines = [
        `machine: ${os.cpus().length} CPU cores, load average ${load} while measuring`,
        `service: problems.changes (all ${COUNT} rows) ${ms(listMs)}, ${(size / 1024 / 1024).toFixed(1)} MB of JSON (UTF-8)`,
        `open → table drawn: first ${ms(draws[0]!.drawn)}, reloads ${draws.slice(1).map((d) => ms(d.drawn)).join(', ')} (median ${ms(quantile(draws.slice(1).map((d) => d.drawn), 0.5))})`,
        `  CPU to the first row drawn and every row here: page ${draws.map((d) => ms(d.pageCpu)).join(', ')}; web host ${draws.map((d) => ms(d.hostCpu)).join(', ')}`,
        `  the first screen's rows (problems.changes {first}; sent as the page starts, while React draws the rest): ${draws.map((d) => ms(d.headRequest)).join(', ')}`,
        `open → every row here (sorting and filtering on all): ${draws.map((d) => ms(d.complete)).join(', ')}; the request of every row: ${draws.map((d) => ms(d.rowsRequest)).join(', ')}`,
        ...typed.map((k) => `keystroke “${k.query}” → ${k.shown} rows drawn: ${ms(k.ms)}`),
        `keystroke ⌫ “12” → “1” (${ones}) drawn, repeated: ${spread(back)}`,
        `keystroke into the empty box, first time asked (${fresh.map((f) => `“${f.key}” → ${f.shown}`).join(', ')}) drawn: ${spread(fresh.map((f) => f.ms))}`,
        ...clicks.map((c) => `click: ${c.what}, drawn: ${ms(c.ms)}`),
        `column filter 整改状态 = 正在推进 repeated: ${spread(filters)}; page CPU from the press to the count drawn (and a little after) ${spread(filterCpu)}`,
        `清除筛选 → every row drawn, repeated: ${spread(unfilters)}`,
        ...([
          ['scrolling 3 rows/frame', slow],
          ['scrolling 25 rows/frame', fast],
        ] as const).map(
          ([label, d]) =>
            `${label}: ${d.length} frames, mean ${(d.reduce((a, b) => a + b, 0) / d.length).toFixed(1)} ms, p95 ${quantile(d, 0.95).toFixed(1)} ms, max ${Math.max(...d).toFixed(1)} ms, over 33 ms: ${d.filter((x) => x > 33.4).length}; page CPU ${(d === slow ? slowCpu : fastCpu).toFixed(1)} ms a frame`,
        ),
        ...traces,
        errors.length ? `page errors: ${errors.join(' | ')}` : 'page errors: none',
      ];
      process.stdout.write(lines.join('\n') + '\n');
    } finally {
      await browser.close();
      await host.close();
      session.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
