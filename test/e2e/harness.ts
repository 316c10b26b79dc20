import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createSession, type Session } from '../../electron/core/session';
import { createService, type Service } from '../../electron/core/service';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { REPO_ROOT, tmpDir } from '../helpers/ledger';

export const RENDERER_DIR = path.join(REPO_ROOT, 'dist/renderer');
export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results/e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface E2eApp {
  url: string;
  host: WebHost;
  session: Session;
  service: Service;
  browser: Browser;
  page: Page;
  dir: string;
  /** Messages the page logged as errors, and uncaught page errors: a test should expect none. */
  pageErrors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Chromium and Playwright put their profile, downloads and shared-memory files in the temporary folder of
 * the moment: launched with this test's own folder as the temporary folder, all of it goes when the folder
 * is removed (the e2e tests used to leave playwright_chromiumdev_profile-* and Chromium folders behind).
 */
async function launchInside(dir: string): Promise<Browser> {
  const tmp = path.join(dir, 'browser-tmp');
  fs.mkdirSync(tmp);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env: { ...process.env, TMPDIR: tmp } });
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

/**
 * Start the real web host over a temporary data folder (optionally on a given ledger file), and a
 * headless Chromium page on it. `npm run test:e2e` builds the renderer first.
 */
export async function startE2eApp(options: { ledgerPath?: string; viewport?: { width: number; height: number }; todoFirst?: boolean } = {}): Promise<E2eApp> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer`');
  const t = tmpDir('ledger-e2e-');
  const undo: (() => unknown)[] = [() => t.cleanup()];
  const unwind = async () => {
    for (const step of undo.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // Keep unwinding: the temporary folder goes last, whatever failed before it.
      }
    }
  };
  let session: Session;
  let service: Service;
  let host: WebHost;
  let browser: Browser;
  let page: Page;
  try {
    session = createSession({ dataDir: t.dir, ledgerPath: options.ledgerPath, actor: 'e2e' });
    undo.push(() => session.close());
    service = createService({ session, host: { kind: 'web' } }, () => {});
    host = await startWebHost({ service, rendererDir: RENDERER_DIR });
    undo.push(() => host.close());
    browser = await launchInside(t.dir);
    undo.push(() => browser.close());
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    // The to-do view opens first when there is something to do; tests of other pages start on the ledger.
    if (!options.todoFirst) await context.addInitScript("try { window.localStorage?.setItem('ledger-todo-first', 'off'); } catch {}"); // frames such as the PDF viewer have no storage
    page = await context.newPage();
  } catch (e) {
    await unwind();
    throw e;
  }
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    url: host.url,
    host,
    session,
    service,
    browser,
    page,
    dir: t.dir,
    pageErrors,
    async screenshot(name) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: false });
      return file;
    },
    async close() {
      await unwind();
    },
  };
}
