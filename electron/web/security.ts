import crypto from 'node:crypto';

/**
 * Request checks of the local web host, as pure functions (STYLE habit 2). The host listens on 127.0.0.1
 * only; these checks stop other pages in the same browser (foreign Origin), DNS rebinding (foreign Host)
 * and other local programs without the start-up token from calling the API.
 */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return !!host && allowedHosts(port).includes(host.toLowerCase());
}

/** Absent Origin is allowed (same-origin GET, command-line tools with the token); a foreign one is not. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The same policy as renderer/index.html's meta tag, also sent as a header. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function contentType(file: string): string {
  const ext = file.slice(file.lastIndexOf('.')).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}

/**
 * Map a URL path to a file inside the renderer folder, or null when it would leave it. Unknown paths fall
 * back to index.html (the app routes with the URL hash).
 */
export function staticFileFor(urlPath: string, root: string, exists: (p: string) => boolean, join: (...p: string[]) => string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const parts = decoded.split('/').filter((p) => p && p !== '.');
  if (parts.some((p) => p === '..' || p.includes('\\'))) return null;
  if (parts.length === 0) return join(root, 'index.html');
  const file = join(root, ...parts);
  return exists(file) ? file : join(root, 'index.html');
}
