import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { backupsToKeep, weekStart } from '../../electron/core/backup/retention';
import { isNetworkPath, parseMounts } from '../../electron/core/db/network-path';
import { openDb } from '../../electron/core/db/open';
import { backupFolder, listBackups, pruneBackups, removeStaleTemps } from '../../electron/core/backup/backup';
import { backupBeforeImport, sessionBackupFolder } from '../../electron/core/backup/session-backups';
import { checkLedger } from '../../electron/core/ledger/check';
import { setClockForTests } from '../../electron/core/clock';
import { makePdf, makePng } from '../helpers/evidence-files';
import { tmpDir, tmpService, type TmpService } from '../helpers/ledger';
import { PUBLISHED_REPORT } from '../helpers/report';

describe('backup retention', () => {
  const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h);
  const name = (d: Date) => d.toISOString();

  it('keeps the last 10 and the newest of each of the last 8 calendar weeks', () => {
    const now = at(2025, 3, 12); // a Wednesday
    // One backup a day for 90 days, plus three imports today.
    const stamps = Array.from({ length: 90 }, (_, i) => at(2025, 3, 12 - i, 9)).concat([at(2025, 3, 12, 10), at(2025, 3, 12, 11), at(2025, 3, 12, 11)]);
    const backups = stamps.map((d, i) => ({ name: `${name(d)}#${i}`, at: d }));
    const keep = [...backupsToKeep(backups, now)].map((n) => backups.find((b) => b.name === n)!.at);
    const days = [...new Set(keep.map((d) => `${d.getMonth() + 1}-${d.getDate()}`))];
    // The last 10 (today's four and the six days before, covering this week and last week), then the newest
    // (Sunday) of each of the six weeks before, back to the week starting 2025-01-20.
    expect(keep.length).toBe(10 + 6);
    expect(days).toEqual(['3-12', '3-11', '3-10', '3-9', '3-8', '3-7', '3-6', '3-2', '2-23', '2-16', '2-9', '2-2', '1-26']);
    expect(weekStart(now)).toEqual(at(2025, 3, 10, 0));
  });

  it('keeps the same weekly backups from one day to the next', () => {
    const backups = Array.from({ length: 60 }, (_, i) => ({ name: `b${i}`, at: new Date(2025, 0, 1 + i, 9) }));
    const day1 = backupsToKeep(backups, new Date(2025, 2, 1, 20));
    const day2 = backupsToKeep(backups, new Date(2025, 2, 2, 20));
    const weeklyOld = [...day1].filter((n) => Number(n.slice(1)) < 45);
    for (const n of weeklyOld) expect(day2.has(n)).toBe(true);
    expect(weeklyOld.length).toBeGreaterThanOrEqual(5);
  });

  it('keeps everything when there are fewer than 10', () => {
    const backups = [1, 2, 3].map((i) => ({ name: `b${i}`, at: new Date(2020, 0, i) }));
    expect(backupsToKeep(backups, new Date(2025, 0, 1)).size).toBe(3);
  });
});

describe('network paths', () => {
  const mounts = parseMounts(
    [
      '/dev/vda / ext4 rw 0 0',
      'server:/export /mnt/nfs nfs4 rw 0 0',
      '//fs01/公文 /mnt/smb\\040share cifs rw 0 0',
      'me@host:/srv /home/me/remote fuse.sshfs rw 0 0',
      '/dev/sdb1 /mnt/nfs/local ext4 rw 0 0',
      'tmpfs /tmp tmpfs rw 0 0',
    ].join('\n'),
  );

  it.each([
    ['\\\\server\\share\\台账.zgtz', 'win32', true],
    ['//server/share/台账.zgtz', 'win32', true],
    ['\\\\?\\UNC\\server\\share\\x.zgtz', 'win32', true],
    ['C:\\Users\\clerk\\台账.zgtz', 'win32', false],
    ['\\\\server\\share\\x.zgtz', 'darwin', true],
    ['/Users/clerk/台账.zgtz', 'darwin', false],
    ['/mnt/nfs/台账.zgtz', 'linux', true],
    ['/mnt/smb share/台账.zgtz', 'linux', true],
    ['/home/me/remote/x.zgtz', 'linux', true],
    ['/mnt/nfs/local/x.zgtz', 'linux', false],
    ['/mnt/nfsx/x.zgtz', 'linux', false],
    ['/home/me/x.zgtz', 'linux', false],
    ['/tmp/x.zgtz', 'linux', false],
  ] as const)('%s on %s is network: %s', (file, platform, network) => {
    expect(isNetworkPath(file, platform, mounts).network).toBe(network);
  });

  it('says which file system it found', () => {
    expect(isNetworkPath('/mnt/nfs/a.zgtz', 'linux', mounts).why).toBe('nfs4 网络文件系统（/mnt/nfs）');
  });

  it('is refused by openDb for writing, with the reason and what to do, creating nothing', () => {
    const t = tmpDir();
    const unc = '\\\\fileserver\\公文\\整改台账.zgtz';
    expect(() => openDb(unc, { create: true })).toThrow(/位于网络位置（UNC 网络路径）.*预写日志（WAL）.*请先把文件复制到本机/);
    expect(fs.existsSync(path.resolve(unc))).toBe(false);
    t.cleanup();
  });
});

describe('backups of the open ledger', () => {
  let s: TmpService;
  beforeEach(async () => {
    s = tmpService();
    await s.call('ledger.addSample', {});
  });
  afterEach(() => {
    setClockForTests(null);
    s.cleanup();
  });

  const b64 = (b: Buffer) => b.toString('base64');
  const snapshot = async () => ({
    stats: await s.call('stats.get', { asOf: '2025-03-01' }),
    problems: (await s.call('problems.list', {})).map((p) => [p.code, p.status, p.text, p.evidenceCount]),
    evidence: (await Promise.all((await s.call('problems.list', {})).map((p) => s.call('evidence.list', { problemId: p.id })))).flat().map((e) => [e.number, e.sha256]),
    contents: await Promise.all(
      (await Promise.all((await s.call('problems.list', {})).map((p) => s.call('evidence.list', { problemId: p.id })))).flat().map(async (e) => (await s.call('evidence.content', { id: e.id })).base64),
    ),
  });

  it('makes the daily backup before the first change of the day, and only one a day', async () => {
    const folder = sessionBackupFolder(s.session);
    const p = (await s.call('problems.list', {}))[0]!;
    await s.call('problems.update', { id: p.id, patch: { notes: '第一次修改' } });
    const first = listBackups(folder);
    expect(first.map((b) => b.reason)).toEqual(['daily']);
    expect(first[0]).toMatchObject({ checked: true, findings: 0, problems: (await s.call('problems.list', {})).length });
    await s.call('problems.update', { id: p.id, patch: { notes: '第二次修改' } });
    expect(listBackups(folder)).toHaveLength(1);
    // The next day's first change makes the next one.
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    setClockForTests(tomorrow);
    await s.call('problems.update', { id: p.id, patch: { notes: '第三次修改' } });
    expect(listBackups(folder).map((b) => b.reason)).toEqual(['daily', 'daily']);
  });

  it('backs up before an import, in the data folder, checked', async () => {
    const info = await backupBeforeImport(s.session);
    expect(info).toMatchObject({ reason: 'import', reasonLabel: '导入前自动备份', checked: true, findings: 0 });
    const file = path.join(backupFolder(s.session.dataDir, s.session.path()), info.name);
    expect(file.startsWith(path.join(s.session.dataDir, 'backups'))).toBe(true);
    // A backup is one self-contained file (rollback journal), that opens as a ledger and checks clean.
    expect(fs.existsSync(file + '-wal')).toBe(false);
    const copy = openDb(file, { readonly: true });
    expect(checkLedger(copy)).toEqual([]);
    copy.close();
  });

  it('backs up before an import of a published report through the service, holding the state before it', async () => {
    const live = () => (s.session.db().raw.prepare('SELECT count(*) AS n FROM problems WHERE deleted_at IS NULL').get() as { n: number }).n;
    await s.call('rounds.create', { title: '空白轮次' });
    const before = live();
    await s.call('report.commitImport', { name: '公布.txt', base64: fs.readFileSync(PUBLISHED_REPORT).toString('base64') });
    expect(live()).toBe(before + 63);
    const imports = (await s.call('backup.list', {})).backups.filter((b) => b.reason === 'import');
    expect(imports.map((b) => [b.problems, b.checked, b.findings])).toEqual([[before, true, 0]]);
  });

  it('restores a backup with figures and evidence identical, after backing up the current ledger', async () => {
    const [p] = await s.call('problems.list', {});
    await s.call('evidence.attach', { problemId: p!.id, files: [{ name: '纪要.pdf', base64: b64(makePdf('m')) }, { name: '照片.png', base64: b64(makePng()) }] });
    const before = await snapshot();
    const made = await s.call('backup.create', {});
    // Changes after the backup…
    await s.call('problems.delete', { ids: [p!.id] });
    await s.call('evidence.attach', { problemId: (await s.call('problems.list', {}))[0]!.id, files: [{ name: '新.pdf', base64: b64(makePdf('new')) }] });
    expect((await snapshot()).problems).not.toEqual(before.problems);
    // …are gone after the restore.
    const info = await s.call('backup.restore', { name: made.name });
    expect(info.path).toBe(s.session.path());
    expect(await snapshot()).toEqual(before);
    expect(checkLedger(s.session.db())).toEqual([]);
    const list = (await s.call('backup.list', {})).backups;
    expect(list.map((b) => b.reason)).toEqual(['restore', 'manual', 'daily']);
  });

  it('detects a corrupted backup and refuses it, leaving the ledger as it was', async () => {
    const made = await s.call('backup.create', {});
    const file = path.join(sessionBackupFolder(s.session), made.name);
    const bytes = fs.readFileSync(file);
    // Damage pages in the middle of the file.
    for (let i = 8192; i < Math.min(bytes.length, 8192 * 3); i += 7) bytes[i] = bytes[i]! ^ 0x5a;
    fs.writeFileSync(file, bytes);
    const before = await snapshot();
    await expect(s.call('backup.restore', { name: made.name })).rejects.toThrow(/已拒绝恢复，当前台账未被修改/);
    expect(await snapshot()).toEqual(before);
    expect((await s.call('backup.list', {})).backups.map((b) => b.reason)).toEqual(['manual']);
    // A backup whose evidence bytes were altered inside SQLite is refused as well, by the ledger check.
    const p = (await s.call('problems.list', {}))[0]!;
    await s.call('evidence.attach', { problemId: p.id, files: [{ name: '纪要.pdf', base64: b64(makePdf('m')) }] });
    const good = await s.call('backup.create', {});
    const gfile = path.join(sessionBackupFolder(s.session), good.name);
    const raw = openDb(gfile, { readonly: false });
    raw.raw.prepare('UPDATE blobs SET data = ?').run(makePdf('forged'));
    raw.close();
    await expect(s.call('backup.restore', { name: good.name })).rejects.toThrow(/检查未通过.*校验码不符/);
  });

  it('refuses a name that is not one of its backups', async () => {
    await expect(s.call('backup.restore', { name: '../../我的台账.zgtz' })).rejects.toThrow(/不是本程序的备份文件名/);
    await expect(s.call('backup.restore', { name: '20250101-000000-000-manual.zgtz' })).rejects.toThrow(/找不到备份/);
  });

  it('prunes by retention after each backup', async () => {
    const folder = sessionBackupFolder(s.session);
    for (let i = 0; i < 14; i++) {
      setClockForTests(new Date(2025, 0, 1 + i * 3, 9));
      await s.call('backup.create', {});
    }
    setClockForTests(new Date(2025, 1, 12, 9));
    expect(pruneBackups(folder)).toEqual([]);
    const kept = listBackups(folder);
    expect(kept.length).toBeLessThan(15);
    expect(kept.length).toBeGreaterThanOrEqual(10);
    for (const b of kept) expect(fs.existsSync(path.join(folder, b.name + '.json'))).toBe(true);
  });
});

describe('temporary copies left by a killed process', () => {
  it('are removed once stale, and only ours', () => {
    const t = tmpDir();
    const names = ['.台账.zgtz.0a1b2c3d.restoring', '.台账.zgtz.0a1b2c3d.restoring-wal', '.20250101-x.zgtz.deadbeef.partial', '台账.zgtz', '.台账.zgtz.notours'];
    for (const n of names) fs.writeFileSync(path.join(t.dir, n), 'x');
    removeStaleTemps(t.dir, Date.now());
    expect(fs.readdirSync(t.dir).sort()).toEqual([...names].sort());
    removeStaleTemps(t.dir, Date.now() + 11 * 60 * 1000);
    expect(fs.readdirSync(t.dir).sort()).toEqual(['.台账.zgtz.notours', '台账.zgtz']);
    t.cleanup();
  });
});
