import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startWebHost, type WebHost } from '../../electron/web/server';
import type { Service } from '../../electron/core/service';
import { tmpDir } from './ledger';

/** A web host over `service`, serving a one-file renderer folder (the API is what these tests exercise). */
export async function tmpWebHost(service: Service, options: { maxBody?: number } = {}): Promise<{ host: WebHost; close(): Promise<void> }> {
  const r = tmpDir('ledger-web-');
  fs.writeFileSync(path.join(r.dir, 'index.html'), '<!doctype html><title>整改台账</title>');
  const host = await startWebHost({ service, rendererDir: r.dir, maxBody: options.maxBody });
  return {
    host,
    async close() {
      await host.close();
      r.cleanup();
    },
  };
}

/** POST an API call with the token, as the page does. */
export async function apiCall(host: WebHost, name: string, body: unknown): Promise<{ status: number; json: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-ledger-token': host.token },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as never };
}

/**
 * Send raw bytes on a fresh connection and collect everything the host answers until it closes the
 * connection or `idleEnd` bytes of a complete response arrived. Never waits on a timer: the host either
 * answers or closes.
 */
export function rawRequest(port: number, data: Buffer | string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (d) => {
      out += d.toString('latin1');
      // One complete response with a body length: done (keep-alive connections stay open otherwise).
      const m = /\r\ncontent-length: (\d+)\r\n/i.exec(out);
      const head = out.indexOf('\r\n\r\n');
      if (m && head >= 0 && Buffer.byteLength(out.slice(head + 4), 'latin1') >= Number(m[1])) socket.destroy();
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(out));
    // Half-close: the host knows no more bytes come (an incomplete body must not leave it waiting).
    socket.end(data);
  });
}

export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);
}
