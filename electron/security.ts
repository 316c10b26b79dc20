import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Security decisions of the desktop app, as pure functions with their own tests (STYLE habits 2 and 8).
 * The only files importing 'electron' (main.ts, preload.ts, ipc.ts) apply them.
 */

export function windowWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Chromium's built-in PDF viewer (evidence preview of a blob: PDF in an iframe). It is the only
    // plugin Electron ships; no third-party plugins can load.
    plugins: true,
  } as const;
}

/** The file URL of the built renderer's index page. */
export function rendererIndexUrl(rendererDir: string): string {
  return pathToFileURL(path.join(rendererDir, 'index.html')).href;
}

/**
 * Is this URL our own page? Only the renderer's index.html under our folder (any hash), never another
 * file:// path, never http(s). Used for IPC senders and navigation.
 */
export function isTrustedUrl(url: string | undefined | null, rendererDir: string): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'file:') return false;
  const expected = new URL(rendererIndexUrl(rendererDir));
  return parsed.pathname === expected.pathname && parsed.search === '';
}

/** Requests the page may make: its own files (and blob:/data: made by the page itself); no network. */
export function isAllowedRequest(url: string, rendererDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'blob:' || parsed.protocol === 'data:' || parsed.protocol === 'devtools:') return true;
  if (parsed.protocol !== 'file:') return false;
  const root = pathToFileURL(rendererDir + path.sep).pathname;
  return decodeURIComponent(parsed.pathname).startsWith(decodeURIComponent(root));
}
