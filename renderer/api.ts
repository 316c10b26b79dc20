import { contract, type LedgerBridge, type OpName, type Req, type Res } from '../shared/api/contract';
import type { ApiError, Result } from '../shared/api/define';

/**
 * The renderer's only way to the ledger. In the desktop app the preload script provides `window.ledger`
 * (one named function per operation); in a browser the same functions are made here over HTTP to the
 * local web host. Components never know which.
 */
declare global {
  interface Window {
    ledger?: LedgerBridge;
  }
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

const TOKEN_KEY = 'ledger-token';

/** The web host puts a per-start token in the URL fragment; keep it for reloads, then hide it. */
function captureToken(): string | null {
  if (typeof window === 'undefined') return null;
  const m = window.location.hash.match(/token=([\w-]+)/);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search + '#/');
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpBridge(): LedgerBridge {
  const token = captureToken();
  const callHttp = async (name: string, request: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': token ?? '' },
        body: JSON.stringify(request ?? {}),
      });
      return (await res.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'NETWORK', message: '无法连接到台账服务。请确认启动窗口（npm run web）仍在运行，然后刷新页面。' } };
    }
  };
  return Object.fromEntries(Object.keys(contract).map((name) => [name, (req: unknown) => callHttp(name, req)])) as unknown as LedgerBridge;
}

let bridge: LedgerBridge | null = null;
const listeners = new Set<(name: OpName) => void>();

function getBridge(): LedgerBridge {
  if (!bridge) bridge = window.ledger ?? httpBridge();
  return bridge;
}

/** Tests install a fake bridge. */
export function setBridge(b: LedgerBridge | null): void {
  bridge = b;
}

/** Call an operation; resolves with its value or rejects with ApiCallError (Chinese message). */
export async function call<K extends OpName>(name: K, request: Req<K>): Promise<Res<K>> {
  const fn = getBridge()[name] as (req: Req<K>) => Promise<Result<Res<K>>>;
  const result = await fn(request);
  if (!result.ok) throw new ApiCallError(result.error);
  if (contract[name].mutates) for (const l of listeners) l(name);
  return result.value;
}

/** Be told after every operation that changed the ledger (views reload). */
export function onLedgerChanged(fn: (name: OpName) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  return '操作未完成：发生了意外错误。';
}

/** Read a dropped or chosen file as base64 for the API. */
export async function fileToBase64(file: Blob): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < buf.length; i += chunk) binary += String.fromCharCode(...buf.subarray(i, i + chunk));
  return btoa(binary);
}

/** Save bytes (base64) that an export produced, with the browser's download. */
export function downloadBase64(fileName: string, base64: string, mime = 'application/octet-stream'): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
