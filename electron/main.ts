import { app, BrowserWindow, dialog, Menu, Notification, session as electronSession, shell, type MenuItemConstructorOptions } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSession, type HostCapabilities } from './core/session';
import { createService, type Service } from './core/service';
import { defaultDataDir } from './core/paths';
import { isLedgerError } from './core/errors';
import { registerIpc } from './ipc';
import { dailyReminder } from './core/reminders/daily';
import { now } from './core/clock';
import { todayIso } from '../shared/domain/dates';
import { isAllowedRequest, isTrustedUrl, rendererIndexUrl, windowWebPreferences } from './security';

/**
 * The desktop app: lifecycle, the window, menus and native dialogs. The ledger itself lives in core/;
 * this file only wires it to Electron with the security habits of STYLE.md.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/node/main.js → dist/renderer, dist/node/preload.cjs */
export const rendererDir = process.env.LEDGER_RENDERER_DIR ?? path.resolve(here, '../renderer');
export const preloadPath = path.join(here, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: '整改台账',
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: windowWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  const contents = win.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, rendererDir)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url, rendererDir)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(rendererIndexUrl(rendererDir));
  return win;
}

function lockDownSession(): void {
  const ses = electronSession.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, rendererDir) }));
}

function hostCapabilities(): HostCapabilities {
  return {
    kind: 'electron',
    async pickFile(mode, options = {}) {
      const filters = options.extensions?.length ? [{ name: options.title ?? '文件', extensions: options.extensions }] : [];
      if (mode === 'open') {
        const r = await dialog.showOpenDialog(mainWindow!, { title: options.title ?? '打开', properties: ['openFile'], filters });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      }
      const r = await dialog.showSaveDialog(mainWindow!, { title: options.title ?? '保存', defaultPath: options.defaultName, filters });
      return r.canceled ? null : (r.filePath ?? null);
    },
    async openExternal(file) {
      const error = await shell.openPath(file);
      if (error) throw new Error(error);
    },
  };
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '显示数据文件夹', click: () => void shell.openPath(app.getPath('userData')) },
        { type: 'separator' },
        { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'reload', label: '重新载入' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/**
 * The day's system notification of what is to do (待办提醒), on the first open of a day only; the
 * decision and the text are the core's (reminders/daily.ts), the showing is Electron's. A click brings the
 * window forward, where the to-do view opens first.
 */
export function notifyDaily(service: Service): boolean {
  if (!Notification.isSupported()) return false;
  try {
    const shown = dailyReminder(service.ctx.session.db(), app.getPath('userData'), todayIso(now()), ({ title, body }) => {
      const n = new Notification({ title, body });
      n.on('click', () => {
        if (mainWindow?.isMinimized()) mainWindow.restore();
        mainWindow?.focus();
      });
      n.show();
    });
    return shown != null;
  } catch (e) {
    // A reminder must never stop the app from opening.
    process.stderr.write(`待办提醒未能显示：${e instanceof Error ? e.message : String(e)}\n`);
    return false;
  }
}

export async function startDesktop(): Promise<{ service: Service; window: BrowserWindow }> {
  // The same data folder as the web host and the command line (core/paths.ts).
  app.setPath('userData', defaultDataDir());
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    throw new Error('another instance is running');
  }
  await app.whenReady();
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    dialog.showErrorBox('整改台账', '找不到界面文件，请重新安装程序。');
    app.quit();
    throw new Error('renderer missing');
  }
  let session;
  try {
    session = createSession({ dataDir: app.getPath('userData') });
  } catch (e) {
    dialog.showErrorBox('无法打开台账', isLedgerError(e) ? e.message : String(e));
    app.quit();
    throw e;
  }
  const service = createService({ session, host: hostCapabilities() });
  lockDownSession();
  registerIpc(service, (url) => isTrustedUrl(url, rendererDir));
  buildMenu();
  mainWindow = createMainWindow();
  notifyDaily(service);
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    session.close();
    app.quit();
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url, rendererDir)) event.preventDefault();
    });
  });
  return { service, window: mainWindow };
}

/** The running desktop app (awaited by the main-process tests, which mock 'electron'). */
export const desktop = startDesktop();
desktop.catch((e: unknown) => {
  process.stderr.write(`整改台账无法启动：${e instanceof Error ? e.message : String(e)}\n`);
});
