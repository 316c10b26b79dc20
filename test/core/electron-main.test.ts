import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import { tmpDir } from '../helpers/ledger';

/**
 * The main process wired against a mocked 'electron' module (the Electron binary cannot run here):
 * window options, handlers registered for every operation, and every message's sender and payload checked.
 */
const handlers = new Map<string, (event: unknown, req: unknown) => Promise<unknown>>();
const windows: { options: Record<string, unknown>; url: string | null; handlers: Record<string, (...a: unknown[]) => void>; openHandler: (() => unknown) | null }[] = [];
const syncHandlers = new Map<string, (event: { senderFrame: unknown; returnValue?: unknown }) => void>();
const notifications: { options: { title: string; body: string }; shown: boolean; handlers: Record<string, () => void> }[] = [];
const sessionHandlers: { permission?: (wc: unknown, p: string, cb: (ok: boolean) => void) => void; request?: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void } = {};

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const entry = { options, url: null as string | null, handlers: {} as Record<string, (...a: unknown[]) => void>, openHandler: null as (() => unknown) | null };
      windows.push(entry);
      this.webContents = {
        on: (ev: string, fn: (...a: unknown[]) => void) => (entry.handlers[ev] = fn),
        setWindowOpenHandler: (fn: () => unknown) => (entry.openHandler = fn),
      };
      (this as unknown as { entry: typeof entry }).entry = entry;
    }
    once() {}
    loadURL(url: string) {
      windows.at(-1)!.url = url;
      return Promise.resolve();
    }
    isMinimized() {
      return false;
    }
    focus() {}
    restore() {}
  }
  let userData = '';
  class Notification {
    static isSupported() {
      return true;
    }
    entry: (typeof notifications)[number];
    constructor(options: { title: string; body: string }) {
      this.entry = { options, shown: false, handlers: {} };
      notifications.push(this.entry);
    }
    on(ev: string, fn: () => void) {
      this.entry.handlers[ev] = fn;
    }
    show() {
      this.entry.shown = true;
    }
  }
  return {
    Notification,
    app: {
      setPath: (_k: string, v: string) => (userData = v),
      getPath: () => userData,
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      on: () => {},
      quit: () => {},
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, req: unknown) => Promise<unknown>) => handlers.set(channel, fn),
      on: (channel: string, fn: (event: { senderFrame: unknown; returnValue?: unknown }) => void) => syncHandlers.set(channel, fn),
    },
    dialog: { showErrorBox: () => {}, showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
    shell: { openPath: async () => '' },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof sessionHandlers.permission) => (sessionHandlers.permission = fn),
        setPermissionCheckHandler: () => {},
        webRequest: { onBeforeRequest: (fn: typeof sessionHandlers.request) => (sessionHandlers.request = fn) },
      },
    },
    contextBridge: { exposeInMainWorld: () => {} },
    ipcRenderer: { invoke: () => {} },
  };
});

describe('the Electron main process (mocked electron)', () => {
  const t = tmpDir();
  const rendererDir = path.join(t.dir, 'renderer');
  let trustedUrl: string;

  const dataDirBefore = process.env.LEDGER_DATA_DIR;
  beforeAll(async () => {
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html>');
    process.env.LEDGER_DATA_DIR = path.join(t.dir, 'data');
    process.env.LEDGER_RENDERER_DIR = rendererDir;
    // The default ledger holds the sample round, whose deadlines (2025) are past: there is something to do.
    const { defaultLedgerPath } = await import('../../electron/core/paths');
    const { openDb } = await import('../../electron/core/db/open');
    const { createSampleLedger } = await import('../../electron/core/ledger/sample');
    fs.mkdirSync(process.env.LEDGER_DATA_DIR, { recursive: true });
    const db = openDb(defaultLedgerPath(process.env.LEDGER_DATA_DIR), { create: true });
    createSampleLedger(db);
    db.close();
    const main = await import('../../electron/main');
    await main.desktop;
    trustedUrl = windows[0]!.url!;
  });
  afterAll(async () => {
    const main = await import('../../electron/main');
    (await main.desktop).service.ctx.session.close();
    if (dataDirBefore === undefined) delete process.env.LEDGER_DATA_DIR;
    else process.env.LEDGER_DATA_DIR = dataDirBefore;
    delete process.env.LEDGER_RENDERER_DIR;
    t.cleanup();
  });

  it('opens one window with context isolation, sandbox and no Node in the page', () => {
    expect(windows).toHaveLength(1);
    const prefs = windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(trustedUrl).toBe(`file://${rendererDir}/index.html`);
  });

  it('denies new windows, foreign navigation and every permission request', () => {
    expect(windows[0]!.openHandler!()).toEqual({ action: 'deny' });
    let prevented = false;
    windows[0]!.handlers['will-navigate']!({ preventDefault: () => (prevented = true) }, 'https://example.com/');
    expect(prevented).toBe(true);
    let allowed: boolean | null = null;
    sessionHandlers.permission!(null, 'media', (ok) => (allowed = ok));
    expect(allowed).toBe(false);
    let cancel: boolean | null = null;
    sessionHandlers.request!({ url: 'https://example.com/tracker.js' }, (r) => (cancel = r.cancel));
    expect(cancel).toBe(true);
    sessionHandlers.request!({ url: `file://${rendererDir}/assets/index.js` }, (r) => (cancel = r.cancel));
    expect(cancel).toBe(false);
  });

  it('registers one handler per operation of the contract', async () => {
    const { OP_NAMES } = await import('../../shared/api/contract');
    expect([...handlers.keys()].sort()).toEqual(OP_NAMES.map((n) => `api:${n}`).sort());
  });

  it('gives the operation names to our preload only', async () => {
    const { OP_NAMES } = await import('../../shared/api/contract');
    const ours: { senderFrame: unknown; returnValue?: unknown } = { senderFrame: { url: trustedUrl, parent: null } };
    syncHandlers.get('api:names')!(ours);
    expect(ours.returnValue).toEqual(OP_NAMES);
    const forged: { senderFrame: unknown; returnValue?: unknown } = { senderFrame: { url: 'https://evil.example/', parent: null } };
    syncHandlers.get('api:names')!(forged);
    expect(forged.returnValue).toEqual([]);
  });

  it('answers our page, and refuses a forged sender and a malformed payload', async () => {
    const call = handlers.get('api:ledger.info')!;
    const ok = (await call({ senderFrame: { url: trustedUrl + '#/stats', parent: null } }, {})) as { ok: boolean };
    expect(ok.ok).toBe(true);
    const forged = (await call({ senderFrame: { url: 'https://evil.example/', parent: null } }, {})) as { ok: boolean; error: { code: string } };
    expect(forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const otherFile = (await call({ senderFrame: { url: 'file:///tmp/evil.html', parent: null } }, {})) as { ok: boolean };
    expect(otherFile.ok).toBe(false);
    const subframe = (await call({ senderFrame: { url: trustedUrl, parent: {} } }, {})) as { ok: boolean };
    expect(subframe.ok).toBe(false);
    const malformed = (await handlers.get('api:problems.update')!({ senderFrame: { url: trustedUrl, parent: null } }, { id: -1, patch: 'x' })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(malformed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('shows the to-do notification once on the first open of a day, never again that day, and again the next day', async () => {
    const main = await import('../../electron/main');
    const { service } = await main.desktop;
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.shown).toBe(true);
    expect(notifications[0]!.options.title).toMatch(/^整改台账：\d+ 项待办$/);
    expect(notifications[0]!.options.body).toContain('已逾期');
    // Opening again the same day (another start, a reload) shows nothing.
    expect(main.notifyDaily(service)).toBe(false);
    expect(main.notifyDaily(service)).toBe(false);
    expect(notifications).toHaveLength(1);
    const { setClockForTests } = await import('../../electron/core/clock');
    try {
      setClockForTests(new Date(Date.now() + 86_400_000));
      expect(main.notifyDaily(service)).toBe(true);
      expect(main.notifyDaily(service)).toBe(false);
      expect(notifications).toHaveLength(2);
      // Switched off in the settings: nothing, even on a new day.
      await service.call('reminders.saveSettings', { notify: false });
      setClockForTests(new Date(Date.now() + 2 * 86_400_000));
      expect(main.notifyDaily(service)).toBe(false);
      expect(notifications).toHaveLength(2);
    } finally {
      setClockForTests(null);
    }
  });
});
