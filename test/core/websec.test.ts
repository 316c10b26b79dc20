import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { tmpService, type TmpService } from '../helpers/ledger';
import { apiCall, rawRequest, statusOf, tmpWebHost } from '../helpers/web';
import { seededRandom } from '../helpers/crash';

/**
 * The web host against hostile requests (issue 12, findings 1 and 9): no request ends the process, a
 * malformed URL is a 400 with a Chinese message, and a refused request's body is not read.
 */

/** Escapes that do not decode: truncated, non-hex, overlong, surrogates, stray percent signs. */
const BAD_ESCAPES = ['%E0%A4%A', '%', '%Z', '%ZZ', '%E0%A4', '%C0%AE', '%ED%A0%80', '%FF', '%F8%88%80%80%80', 'a%', '%%30', '%u0041', '%E4%B8'];

/** A corpus of request lines, headers and escapes; generated variants vary where the bad part sits. */
function corpus(token: string, port: number): string[] {
  const host = `Host: 127.0.0.1:${port}`;
  const api = (pathPart: string, extra = '') =>
    `POST /api/${pathPart} HTTP/1.1\r\n${host}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n${extra}\r\n{}`;
  const get = (pathPart: string) => `GET /${pathPart} HTTP/1.1\r\n${host}\r\n\r\n`;
  const out: string[] = [];
  for (const e of BAD_ESCAPES) {
    out.push(api(e), api(`ledger.info${e}`), api(`${e}ledger.info?x=${e}`), get(e), get(`assets/${e}.js`), api(`ledger.info?${e}`));
  }
  const random = seededRandom(12);
  for (let i = 0; i < 40; i++) {
    const parts: string[] = [];
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
      const pick = random();
      if (pick < 0.4) parts.push(BAD_ESCAPES[Math.floor(random() * BAD_ESCAPES.length)]!);
      else if (pick < 0.7) parts.push(`%${Math.floor(random() * 256).toString(16).padStart(2, '0')}`);
      else parts.push('ledger.info'.slice(0, 1 + Math.floor(random() * 10)));
    }
    out.push(api(parts.join('')));
  }
  out.push(
    'GARBAGE\r\n\r\n',
    'GET\r\n\r\n',
    `GET / HTTP/9.9\r\n${host}\r\n\r\n`,
    `GET /${'a'.repeat(70_000)} HTTP/1.1\r\n${host}\r\n\r\n`,
    `GET / HTTP/1.1\r\n${host}\r\nBad Header Name: x\r\n\r\n`,
    `GET / HTTP/1.1\r\n${host}\r\nX: \u0001\u0002\r\n\r\n`,
    `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil.example\r\n\r\n`,
    `POST http://127.0.0.1:${port}/api/%E0%A4%A HTTP/1.1\r\n${host}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
    `OPTIONS * HTTP/1.1\r\n${host}\r\n\r\n`,
    api('ledger.info', 'Content-Length: 5\r\n'),
    api('ledger.info', 'Transfer-Encoding: bogus\r\n'),
    `POST /api/ledger.info HTTP/1.1\r\n${host}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n`,
    `POST /api/ledger.info HTTP/1.1\r\n${host}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    `POST /api/ledger.info HTTP/1.1\r\n${host}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{"a":"\uD800"}`,
    `POST /api/__proto__ HTTP/1.1\r\n${host}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
    `POST /api/constructor HTTP/1.1\r\n${host}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 4\r\n\r\nnull`,
    `POST /api/ledger.info HTTP/1.1\r\n${host}\r\nx-ledger-token: ${token}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
  );
  return out;
}

describe('the web host under hostile requests', () => {
  let s: TmpService;
  let web: Awaited<ReturnType<typeof tmpWebHost>>;
  beforeAll(async () => {
    s = tmpService({ kind: 'web' });
    web = await tmpWebHost(s.service, { maxBody: 8 * 1024 * 1024 });
  });
  afterAll(async () => {
    await web.close();
    s.cleanup();
  });

  it('answers every malformed request and keeps answering afterwards', async () => {
    const { port, token } = web.host;
    const requests = corpus(token, port);
    expect(requests.length).toBeGreaterThan(100);
    for (const request of requests) {
      const response = await rawRequest(port, Buffer.from(request, 'utf8'));
      const status = statusOf(response);
      // Answered (or closed on a request line the HTTP parser cannot read), never a server error.
      if (status) expect(status, request.slice(0, 80)).toBeLessThan(500);
      const after = await apiCall(web.host, 'ledger.info', {});
      expect(after.status, `after ${JSON.stringify(request.slice(0, 80))}`).toBe(200);
      expect(after.json.ok).toBe(true);
    }
  });

  it('answers a malformed API name with 400 and a Chinese message', async () => {
    const { port, token } = web.host;
    for (const e of BAD_ESCAPES) {
      const response = await rawRequest(
        port,
        `POST /api/ledger.info${e} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
      );
      expect(statusOf(response), e).toBe(400);
      const body = Buffer.from(response.slice(response.indexOf('\r\n\r\n') + 4), 'latin1').toString('utf8');
      expect(JSON.parse(body).error.message).toMatch(/地址.*无效/);
    }
  });

  it('answers an unreadable request line with 400 in Chinese', async () => {
    const response = await rawRequest(web.host.port, 'GARBAGE\r\n\r\n');
    expect(statusOf(response)).toBe(400);
    expect(Buffer.from(response, 'latin1').toString('utf8')).toMatch(/请求格式无效/);
  });

  it('does not read the body of a refused request (no token, foreign origin, wrong type)', async () => {
    const { port, token } = web.host;
    const heads = [
      `POST /api/ledger.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n`,
      `POST /api/ledger.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://evil.example\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\n`,
      `POST /api/ledger.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-ledger-token: ${token}\r\nContent-Type: text/plain\r\n`,
      `POST /api/ledger.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nx-ledger-token: ${token}\r\nContent-Type: application/json\r\n`,
    ];
    const announced = 200 * 1024 * 1024;
    for (const head of heads) {
      const r = await pushBody(port, `${head}Content-Length: ${announced}\r\n\r\n`, announced);
      // 401/403/415, or 413 for an announced length over the limit: answered without reading the body.
      expect([401, 403, 413, 415]).toContain(r.status);
      expect(r.sent, head).toBeLessThan(48 * 1024 * 1024);
    }
    expect((await apiCall(web.host, 'ledger.info', {})).json.ok).toBe(true);
  });
});

/**
 * Write up to `total` bytes of body as fast as the host takes them; stop when the host closes the
 * connection. Returns how much was handed to the socket.
 */
function pushBody(port: number, head: string, total: number): Promise<{ status: number; sent: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    let response = '';
    let closed = false;
    let waiting: (() => void) | null = null;
    const wake = () => {
      const w = waiting;
      waiting = null;
      w?.();
    };
    socket.on('data', (d) => {
      response += d.toString('latin1');
      wake();
    });
    socket.on('error', () => {});
    socket.on('end', () => {
      closed = true;
      wake();
    });
    socket.on('close', () => {
      closed = true;
      wake();
    });
    socket.on('drain', wake);
    socket.write(head);
    void (async () => {
      while (!closed && sent < total) {
        const ok = socket.write(chunk);
        sent += chunk.length;
        // Blocked: wait until the host reads more or closes the connection (a host that stopped reading
        // must also close it, or this test times out).
        if (!ok) await new Promise<void>((r) => (waiting = r));
      }
      socket.destroy();
      resolve({ status: statusOf(response), sent });
    })();
  });
}

describe('path-taking operations through the web host', () => {
  it('write only into the data folder, by name; paths outside are refused and nothing is written there', async () => {
    const { tmpDir } = await import('../helpers/ledger');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const s = tmpService({ kind: 'web' });
    const web = await tmpWebHost(s.service);
    const outside = tmpDir();
    try {
      expect((await apiCall(web.host, 'ledger.addSample', {})).json.ok).toBe(true);
      const existing = path.join(outside.dir, 'x.xlsx');
      fs.writeFileSync(existing, 'a person’s workbook');
      const attempts: [string, unknown][] = [
        ['export.run', { kind: 'ledger', asOf: '2024-12-31', path: existing }],
        ['export.run', { kind: 'summary', asOf: '2024-12-31', path: path.join(outside.dir, 'new.xlsx') }],
        ['ledger.create', { path: path.join(outside.dir, 'new.sh') }],
        ['ledger.saveAs', { path: path.join(outside.dir, 'deep', 'er', 'copy.zgtz') }],
        ['evidence.exportPackage', { format: 'folder', path: path.join(outside.dir, 'pkg') }],
        ['evidence.exportPackage', { format: 'zip', path: '../escape.zip' }],
        ['ledger.create', { path: '../../escape.zgtz' }],
      ];
      for (const [name, body] of attempts) {
        const r = await apiCall(web.host, name, body);
        expect(r.json.ok, `${name} ${JSON.stringify(body)}`).toBe(false);
        expect(r.json.error!.message).toMatch(/浏览器版只能把.+保存到数据文件夹/);
      }
      expect(fs.readdirSync(outside.dir)).toEqual(['x.xlsx']);
      expect(fs.readFileSync(existing, 'utf8')).toBe('a person’s workbook');
      expect(fs.existsSync(path.join(s.dir, '..', 'escape.zip'))).toBe(false);

      // Names the page chooses land in the data folder.
      const exported = await apiCall(web.host, 'export.run', { kind: 'ledger', asOf: '2024-12-31', path: '总台账' });
      expect(exported.json.ok).toBe(true);
      expect(fs.existsSync(path.join(s.dir, '总台账.xlsx'))).toBe(true);
      // …and never replace a file there.
      const again = await apiCall(web.host, 'export.run', { kind: 'ledger', asOf: '2024-12-31', path: '总台账.xlsx' });
      expect(again.json.error?.message).toMatch(/文件已存在/);
      const saved = await apiCall(web.host, 'ledger.saveAs', { path: '副本' });
      expect(saved.json.ok).toBe(true);
      expect((saved.json.value as { path: string }).path).toBe(path.join(s.dir, '副本.zgtz'));
      const created = await apiCall(web.host, 'ledger.create', { path: '第二本台账' });
      expect((created.json.value as { path: string }).path).toBe(path.join(s.dir, '第二本台账.zgtz'));
    } finally {
      await web.close();
      s.cleanup();
      outside.cleanup();
    }
  });
});

describe('opening a ledger through the web host', () => {
  it('opens only ledgers in the data folder, by name; a path outside is refused with a clear message and nothing is opened or touched', async () => {
    const { tmpDir } = await import('../helpers/ledger');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const crypto = await import('node:crypto');
    const { createService } = await import('../../electron/core/service');
    const digest = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    const s = tmpService({ kind: 'web' });
    const web = await tmpWebHost(s.service);
    const outside = tmpDir();
    try {
      const start = (await apiCall(web.host, 'ledger.info', {})).json.value as { path: string };
      // Ledgers outside the data folder: one the command line made (it is in the recent list), one in a
      // folder next to it, and a link in the data folder that points out.
      const away = path.join(outside.dir, '外面的台账.zgtz');
      const cli = createService({ session: s.session, host: { kind: 'cli' } }, () => {});
      expect((await cli.call('ledger.create', { path: away })).ok).toBe(true);
      expect((await cli.call('ledger.open', { path: start.path })).ok).toBe(true);
      fs.symlinkSync(away, path.join(s.dir, '链接.zgtz'));
      const before = digest(away);
      for (const p of [away, '../外面的台账.zgtz', path.join(s.dir, '..', path.basename(outside.dir), '外面的台账.zgtz'), '链接.zgtz', '/etc/passwd', 'settings.json']) {
        const r = await apiCall(web.host, 'ledger.open', { path: p });
        expect(r.json.ok, p).toBe(false);
        expect(r.json.error!.code, p).toBe('PATH_NOT_ALLOWED');
        expect(r.json.error!.message, p).toMatch(/浏览器版只能打开数据文件夹（.+）中的台账/);
        expect(((await apiCall(web.host, 'ledger.info', {})).json.value as { path: string }).path).toBe(start.path);
      }
      expect(digest(away)).toBe(before);
      expect(fs.readdirSync(outside.dir)).toEqual(['外面的台账.zgtz']);

      // The recent list the browser sees holds only ledgers of the data folder.
      const recent = (await apiCall(web.host, 'ledger.recent', {})).json.value as { path: string }[];
      expect(recent.map((r) => r.path)).toContain(start.path);
      for (const r of recent) expect(path.dirname(r.path)).toBe(s.dir);

      // The chooser's list: the ledgers in the data folder, with size and time, links and other files left out.
      expect((await apiCall(web.host, 'ledger.createNamed', { name: '第二本' })).json.ok).toBe(true);
      fs.writeFileSync(path.join(s.dir, '笔记.txt'), 'x');
      const listed = (await apiCall(web.host, 'ledger.dataFolder', {})).json.value as { folder: string; ledgers: { fileName: string; name: string; size: number; modifiedAt: string; current: boolean }[] };
      expect(listed.folder).toBe(s.dir);
      expect(listed.ledgers.map((l) => l.fileName).sort()).toEqual([path.basename(start.path), '第二本.zgtz'].sort());
      const second = listed.ledgers.find((l) => l.fileName === '第二本.zgtz')!;
      expect(second).toMatchObject({ name: '第二本', size: fs.statSync(path.join(s.dir, '第二本.zgtz')).size, current: true });
      expect(Date.parse(second.modifiedAt)).toBeGreaterThan(0);

      // By name, and by its full path in the folder (the recent list), it opens.
      const opened = await apiCall(web.host, 'ledger.open', { path: path.basename(start.path) });
      expect(opened.json.ok).toBe(true);
      expect((opened.json.value as { path: string }).path).toBe(start.path);
      expect((await apiCall(web.host, 'ledger.open', { path: path.join(s.dir, '第二本.zgtz') })).json.ok).toBe(true);
    } finally {
      await web.close();
      s.cleanup();
      outside.cleanup();
    }
  });
});
