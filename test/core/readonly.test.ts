import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { runCli } from '../../electron/cli';
import { REPO_ROOT, tmpDir, tmpService } from '../helpers/ledger';

/**
 * Issue 12, finding 5: a ledger that cannot be written (a read-only file in a read-only folder, as on a CD
 * or a locked-down share) opens read-only: reading works, writes are refused with a message saying what to
 * do, the file stays byte for byte. The test runs as root, for whom permissions do not stop writes, so
 * the commands run as an ordinary user (nobody) when the test is root; otherwise as the user running it.
 */
const NOBODY = 65534;
const asUser = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};

/**
 * Running as nobody needs the checkout readable by others (node, tsx and the sources). A clone inside a
 * private folder (e.g. under /root) is not: then the part that needs another user cannot run, and says so
 * (the service test below, which opens the ledger read-only through the seam, still runs).
 */
function othersCanRun(): boolean {
  if (asUser.uid === undefined) return true;
  const probe = `require('fs').accessSync(${JSON.stringify(path.join(REPO_ROOT, 'electron/cli.ts'))}); require(${JSON.stringify(path.join(REPO_ROOT, 'node_modules/tsx/package.json'))})`;
  const ok = spawnSync(process.execPath, ['-e', probe], { cwd: '/', ...asUser }).status === 0;
  if (!ok) console.warn(`readonly.test: ${REPO_ROOT} is not readable by another user; the tests that run the app as nobody are skipped here.`);
  return ok;
}

function quiet() {
  return { out: () => {}, err: () => {} };
}
const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function cliAs(args: string[], dataDir: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'electron/cli.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, LEDGER_DATA_DIR: dataDir, HOME: dataDir, TMPDIR: dataDir },
    ...asUser,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!othersCanRun())('a read-only ledger', () => {
  let t: ReturnType<typeof tmpDir>;
  let cd: string;
  let ledger: string;
  let dataDir: string;
  let pdf: string;
  beforeAll(async () => {
    t = tmpDir();
    fs.chmodSync(t.dir, 0o755);
    cd = path.join(t.dir, 'cdrom');
    fs.mkdirSync(cd);
    ledger = path.join(cd, '巡察整改.zgtz');
    expect(await runCli(['init', ledger, '--sample'], quiet())).toBe(0);
    fs.chmodSync(ledger, 0o444);
    fs.chmodSync(cd, 0o555);
    // The user's own, writable data folder (backups, recent files).
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-ro-data-'));
    if (asUser.uid !== undefined) fs.chownSync(dataDir, NOBODY, NOBODY);
    pdf = path.join(dataDir, '纪要.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    if (asUser.uid !== undefined) fs.chownSync(pdf, NOBODY, NOBODY);
  });
  afterAll(() => {
    fs.chmodSync(cd, 0o755);
    t.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reading commands work; writing commands are refused with the read-only message; the file is unchanged', () => {
    const before = digest(ledger);
    const stats = cliAs(['stats', ledger, '--json', '--as-of', '2024-12-31'], dataDir);
    expect(stats.stderr).toBe('');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout).general.total).toBeGreaterThan(0);
    const list = cliAs(['list', ledger, '--json'], dataDir);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).length).toBeGreaterThan(0);
    expect(cliAs(['check', ledger], dataDir).code).toBe(0);
    const exported = cliAs(['export', ledger, '--kind', 'ledger', '--out', path.join(dataDir, '总台账.xlsx')], dataDir);
    expect(exported.code).toBe(0);

    const attach = cliAs(['attach', ledger, '1-1', pdf], dataDir);
    expect(attach.code).toBe(2);
    expect(attach.stderr).toMatch(/台账文件是只读的.*请.*另存到可写位置/);
    expect(attach.stderr).not.toMatch(/已损坏/);
    expect(digest(ledger)).toBe(before);
    expect(fs.readdirSync(cd)).toEqual(['巡察整改.zgtz']);
  });

  it('the web host shows it read-only, refuses changes, and 另存为 makes a writable copy', async () => {
    const before = digest(ledger);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/readonly-web.ts'), ledger, dataDir], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOME: dataDir, TMPDIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...asUser,
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (d) => resolve(String(d)));
        child.once('exit', (code) => reject(new Error(`host exited ${code}: ${err}`)));
      });
      const [port, token] = first.trim().split(' ');
      const api = async (name: string, body: unknown) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ledger-token': token! }, body: JSON.stringify(body) });
        return (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: { message: string } };
      };
      const info = await api('ledger.info', {});
      expect(info.ok).toBe(true);
      expect(info.value!.readonly).toBe(true);
      expect((await api('problems.list', {})).ok).toBe(true);
      const rename = await api('ledger.rename', { name: '改个名' });
      expect(rename.ok).toBe(false);
      expect(rename.error!.message).toMatch(/台账文件是只读的.*另存为/);
      expect(digest(ledger)).toBe(before);

      const copy = await api('ledger.saveAs', { path: '巡察整改（副本）' });
      expect(copy.ok, JSON.stringify(copy.error)).toBe(true);
      expect(copy.value!.readonly).toBe(false);
      expect(copy.value!.path).toBe(path.join(dataDir, '巡察整改（副本）.zgtz'));
      expect((await api('ledger.rename', { name: '改个名' })).ok).toBe(true);
      expect(digest(ledger)).toBe(before);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('a read-only ledger in the service (opened for viewing)', () => {
  it('reads; every change is refused with the read-only message', async () => {
    const s = tmpService();
    try {
      await s.call('ledger.addSample', {});
      const copy = path.join(s.dir, 'copy.zgtz');
      await s.call('ledger.saveAs', { path: copy });
      s.session.open(copy, { readonly: true });
      const info = await s.call('ledger.info', {});
      expect(info.readonly).toBe(true);
      expect((await s.call('problems.list', {})).length).toBeGreaterThan(0);
      const r = await s.service.call('ledger.rename', { name: 'x' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/台账文件是只读的/);
    } finally {
      s.cleanup();
    }
  });
});
