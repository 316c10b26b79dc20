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
 * Start the real web host over a temporary data folder (optionally on a given ledger file), and a
 * headless Chromium page on it. `npm run test:e2e` builds the renderer first.
 */
export async function startE2eApp(options: { ledgerPath?: string; viewport?: { width: number; height: number }; todoFirst?: boolean } = {}): Promise<E2eApp> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build:renderer`');
  const t = tmpDir('ledger-e2e-');
  const session = createSession({ dataDir: t.dir, ledgerPath: options.ledgerPath, actor: 'e2e' });
  const service = createService({ session, host: { kind: 'web' } }, () => {});
  const host = await startWebHost({ service, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  // The to-do view opens first when there is something to do; tests of other pages start on the ledger.
  if (!options.todoFirst) await context.addInitScript("localStorage.setItem('ledger-todo-first', 'off')");
  const page = await context.newPage();
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
      await browser.close();
      await host.close();
      session.close();
      t.cleanup();
    },
  };
}
