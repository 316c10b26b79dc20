import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Service } from '../core/service';
import { CONTENT_SECURITY_POLICY, contentType, isAllowedHost, isAllowedOrigin, newToken, staticFileFor, tokenMatches } from './security';

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  service: Service;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  token?: string;
  /** Largest API request body, in bytes (evidence uploads arrive as base64 JSON). */
  maxBody?: number;
}

const TOKEN_HEADER = 'x-ledger-token';

/** The operation name of `/api/<name>[?…]`, or null when its escapes do not decode. */
export function apiName(url: string): string | null {
  try {
    return decodeURIComponent(url.slice('/api/'.length).split('?')[0]!);
  } catch {
    return null;
  }
}

/**
 * The local web host: the built renderer and the API on 127.0.0.1 only. Every API call must carry the
 * per-start token (the page receives it in the URL fragment, which browsers never send to servers).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? newToken();
  const maxBody = options.maxBody ?? 400 * 1024 * 1024;
  let port = options.port ?? 0;

  const server = http.createServer((req, res) => {
    req.on('error', () => {});
    try {
      handle(req, res);
    } catch (e) {
      // A bug in a route must not end the host: answer this request, keep serving the others.
      process.stderr.write(`[web] ${req.method} ${String(req.url).slice(0, 200)}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
        res.end(JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '程序内部错误，请求未完成，台账未被修改。' } }));
      } else res.destroy();
    }
  });

  // A request the HTTP parser cannot read (bad request line, header too large, broken chunk): answer in
  // Chinese and close, instead of Node's English default.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (err.code === 'ECONNRESET')) return void socket.destroy();
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const body = tooLarge ? '请求头过长，已拒绝。' : '请求格式无效，已拒绝。';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const send = (status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Length': String(Buffer.byteLength(body)),
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'X-Frame-Options': 'SAMEORIGIN',
        ...extra,
      });
      res.end(body);
    };
    // A refused request's body is never read: the answer closes the connection.
    const refuse = (status: number, message: string, code = 'FORBIDDEN') =>
      send(status, JSON.stringify({ ok: false, error: { code, message } }), 'application/json; charset=utf-8', { Connection: 'close' });

    if (!isAllowedHost(req.headers.host, port)) return refuse(403, '拒绝访问：请求的主机名不是本机地址。');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(403, '拒绝访问：请求来自其他网站。');

    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(405, '只接受 POST 请求。');
      if (!tokenMatches(req.headers[TOKEN_HEADER] as string | undefined, token)) {
        return refuse(401, '拒绝访问：缺少或错误的访问令牌。请使用启动时显示的完整地址打开。');
      }
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(415, '请求格式应为 JSON。');
      const name = apiName(url);
      if (name === null) return refuse(400, '请求地址无效（含有无法识别的字符编码），已拒绝。', 'BAD_REQUEST');
      const announced = Number(req.headers['content-length'] ?? 0);
      if (announced > maxBody) return refuse(413, `请求过大（超过 ${Math.round(maxBody / 1024 / 1024)} MB）。`, 'TOO_LARGE');
      const chunks: Buffer[] = [];
      let size = 0;
      let aborted = false;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          aborted = true;
          refuse(413, `请求过大（超过 ${Math.round(maxBody / 1024 / 1024)} MB）。`, 'TOO_LARGE');
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => {
        if (aborted) return;
        let body: unknown;
        try {
          // The chunks are let go before the operation runs (it may take a while and read a large file):
          // held by this closure, they would double what an upload costs for as long as it lasts.
          const text = chunks.length ? Buffer.concat(chunks, size).toString('utf8') : '';
          chunks.length = 0;
          body = text ? JSON.parse(text) : {};
        } catch {
          return send(400, JSON.stringify({ ok: false, error: { code: 'BAD_REQUEST', message: '请求不是有效的 JSON。' } }));
        }
        const failed = () => {
          if (!res.headersSent) send(500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '程序内部错误，操作未完成。' } }));
        };
        options.service
          .call(name, body)
          .then((result) => send(200, JSON.stringify(result), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' }), failed)
          .catch(failed);
      });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, '不支持的请求方法。');
    const file = staticFileFor(url, options.rendererDir, (p) => fs.existsSync(p) && fs.statSync(p).isFile(), path.join);
    if (!file || !fs.existsSync(file)) {
      return send(404, '找不到页面。请先运行 npm run build:renderer。', 'text/plain; charset=utf-8');
    }
    const isIndex = file.endsWith('index.html');
    send(200, fs.readFileSync(file), contentType(file), {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
