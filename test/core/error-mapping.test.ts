import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { runCli } from '../../electron/cli';
import { mapEngineError } from '../../electron/core/errors';
import { readXlsx } from '../../electron/core/excel/read/xlsx';
import { tmpDir, tmpService, type TmpService } from '../helpers/ledger';
import { dumpLedger, fixtureUpload } from '../helpers/import';

/**
 * Issue 12, finding 6: storage errors say what happened, in Chinese, with the engine's code kept in the
 * detail; no engine text of several lines, no temporary file name reaches a person.
 */
function quiet() {
  const err: string[] = [];
  return { io: { out: () => {}, err: (t: string) => err.push(t) }, err };
}

const sqliteError = (message: string, code: string) => new Database.SqliteError(message, code);

let s: TmpService | null = null;
afterEach(() => {
  s?.cleanup();
  s = null;
});

function pageCount(raw: Database.Database): number {
  return raw.pragma('page_count', { simple: true }) as number;
}

describe('one mapping of storage errors', () => {
  it('maps each kind of engine and system error, keeping the code in the detail', () => {
    const cases: [unknown, string, RegExp][] = [
      [sqliteError('database or disk is full', 'SQLITE_FULL'), 'DISK_FULL', /磁盘空间不足.*台账未被修改/],
      [Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), 'DISK_FULL', /磁盘空间不足/],
      [sqliteError('database is locked', 'SQLITE_BUSY'), 'LEDGER_BUSY', /台账正被另一个程序写入（.+），请稍后重试/],
      [sqliteError('database table is locked', 'SQLITE_LOCKED'), 'LEDGER_BUSY', /正被另一个程序写入/],
      [sqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'), 'IO_ERROR', /读写文件时出错/],
      [sqliteError('disk I/O error', 'SQLITE_IOERR_FSYNC'), 'IO_ERROR', /读写文件时出错/],
      [sqliteError('attempt to write a readonly database', 'SQLITE_READONLY'), 'LEDGER_READONLY', /台账文件是只读的.*请.*另存到可写位置/],
      [sqliteError('database disk image is malformed', 'SQLITE_CORRUPT'), 'LEDGER_CORRUPT', /已损坏/],
    ];
    for (const [e, code, message] of cases) {
      const mapped = mapEngineError(e)!;
      expect(mapped.code).toBe(code);
      expect(mapped.message).toMatch(message);
      expect(mapped.message).not.toMatch(/[A-Za-z]{4,}/);
      expect((mapped.detail as { code: string }).code).toBe((e as { code: string }).code);
    }
    expect(mapEngineError(new TypeError('x is undefined'))).toBeNull();
  });

  it('a full disk during an import says so (not "no such savepoint") and the ledger is unchanged', async () => {
    s = tmpService();
    await s.call('ledger.addSample', {});
    const db = s.session.db();
    const before = dumpLedger(db);
    // Let the file grow by a few pages only: the import's writes hit SQLITE_FULL part-way.
    db.raw.pragma(`max_page_count = ${pageCount(db.raw) + 3}`);
    const r = await s.service.call('import.commit', { files: [fixtureUpload('整改台账-总表.xlsx')] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('DISK_FULL');
    expect(r.error.message).toMatch(/磁盘空间不足.*台账未被修改/);
    expect(r.error.message).not.toMatch(/savepoint|内部错误/);
    expect((r.error.detail as { code: string }).code).toBe('SQLITE_FULL');
    db.raw.pragma('max_page_count = 1073741823');
    expect(dumpLedger(db)).toEqual(before);
  });

  it('a full disk while attaching evidence says so in Chinese', async () => {
    s = tmpService();
    await s.call('ledger.addSample', {});
    const db = s.session.db();
    const problemId = (db.raw.prepare('SELECT id FROM problems WHERE deleted_at IS NULL LIMIT 1').get() as { id: number }).id;
    db.raw.pragma(`max_page_count = ${pageCount(db.raw) + 2}`);
    const big = Buffer.alloc(2 * 1024 * 1024, 7);
    big.write('%PDF-1.4\n', 0);
    const r = await s.service.call('evidence.attach', { problemId, files: [{ name: '材料.pdf', base64: big.toString('base64') }] });
    const message = r.ok ? JSON.stringify(r.value) : r.error.message;
    expect(message).toMatch(/磁盘空间不足/);
    expect(message).not.toMatch(/database or disk is full/);
  });

  it('a full disk while backing up says so in Chinese; the ledger is untouched', async () => {
    s = tmpService();
    await s.call('ledger.addSample', {});
    const db = s.session.db();
    db.raw.backup = (() => Promise.reject(sqliteError('database or disk is full', 'SQLITE_FULL'))) as never;
    const r = await s.service.call('backup.create', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(/备份失败：磁盘空间不足.*台账本身未受影响/);
      expect(r.error.message).not.toMatch(/disk is full/);
    }
  });

  it('an I/O error on write is reported as such, through the service and the command line', async () => {
    s = tmpService();
    await s.call('ledger.addSample', {});
    const raw = s.session.db().raw;
    const prepare = raw.prepare.bind(raw);
    raw.prepare = ((sql: string) => {
      if (/^\s*INSERT INTO actions/i.test(sql)) throw sqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
      return prepare(sql);
    }) as typeof raw.prepare;
    const r = await s.service.call('ledger.rename', { name: '新名称' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('IO_ERROR');
      expect((r.error.detail as { code: string }).code).toBe('SQLITE_IOERR_WRITE');
    }
  });

  it('the loser of a write race is told the ledger is busy (service and command line)', async () => {
    s = tmpService();
    await s.call('ledger.addSample', {});
    const file = s.session.path();
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      // The session waits 5 s by default; the wait itself is not under test.
      s.session.db().raw.pragma('busy_timeout = 10');
      const r = await s.service.call('ledger.rename', { name: '新名称' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('LEDGER_BUSY');
        expect(r.error.message).toMatch(/台账正被另一个程序写入（.+），请稍后重试/);
      }
      const q = quiet();
      const code = await runCli(['import', file, fixturePath('整改台账-总表.xlsx')], q.io);
      expect(code).toBe(2);
      expect(q.err.join('\n')).toMatch(/台账正被另一个程序写入/);
      expect(q.err.join('\n')).not.toMatch(/内部错误|database is locked/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 60_000);
});

function fixturePath(name: string): string {
  const t = tmpDir();
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, Buffer.from(fixtureUpload(name).data, 'base64'));
  cleanups.push(t.cleanup);
  return file;
}
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('restore messages', () => {
  it('a corrupted backup: one line, in Chinese, no engine report, no temporary name', async () => {
    const t = tmpDir();
    try {
      const ledger = path.join(t.dir, 'L.zgtz');
      expect(await runCli(['init', ledger, '--sample'], quiet().io)).toBe(0);
      const backup = path.join(t.dir, 'B.zgtz');
      expect(await runCli(['backup', ledger, backup], quiet().io)).toBe(0);
      const bytes = fs.readFileSync(backup);
      // Damage the b-tree pages after the first two (the header and schema stay readable).
      for (let p = 2; p * 4096 < bytes.length; p += 2) bytes.fill(0x5a, p * 4096 + 8, p * 4096 + 600);
      fs.writeFileSync(backup, bytes);
      const before = fs.readFileSync(ledger);
      const q = quiet();
      expect(await runCli(['restore', backup, ledger], q.io)).toBe(2);
      const text = q.err.join('\n');
      expect(q.err).toHaveLength(1);
      expect(text).not.toContain('\n');
      expect(text).toMatch(/备份“B\.zgtz”.*已拒绝恢复，当前台账未被修改/);
      expect(text).not.toMatch(/\.restoring|\.partial|[0-9a-f]{8}\b|\*\*\*|Page \d+|btree/i);
      expect(fs.readFileSync(ledger).equals(before)).toBe(true);

      const foreign = path.join(t.dir, 'other.db');
      const o = new Database(foreign);
      o.exec('CREATE TABLE x (a)');
      o.close();
      const f = quiet();
      expect(await runCli(['restore', foreign, ledger], f.io)).toBe(2);
      expect(f.err.join('\n')).toMatch(/备份“other\.db”不是整改台账文件，已拒绝恢复/);
      expect(f.err.join('\n')).not.toMatch(/\.restoring|[0-9a-f]{8}\b/);
    } finally {
      t.cleanup();
    }
  });
});

describe('files that are not what their name says', () => {
  it('a Word document renamed .xlsx says it is a Word document', async () => {
    const t = tmpDir();
    try {
      const ledger = path.join(t.dir, 'L.zgtz');
      expect(await runCli(['init', ledger, '--sample'], quiet().io)).toBe(0);
      const docx = path.join(t.dir, '公布.docx');
      expect(await runCli(['export', ledger, '--kind', 'report', '--out', docx, '--as-of', '2024-12-31'], quiet().io)).toBeLessThan(2);
      expect(() => readXlsx(fs.readFileSync(docx))).toThrow(/这是 Word 文档（\.docx）/);
      const renamed = path.join(t.dir, '台账.xlsx');
      fs.renameSync(docx, renamed);
      const q = quiet();
      const out: string[] = [];
      await runCli(['import', ledger, renamed, '--dry-run'], { out: (x) => out.push(x), err: q.io.err });
      expect([...out, ...q.err].join('\n')).toMatch(/Word 文档/);
      expect([...out, ...q.err].join('\n')).not.toMatch(/工作簿中没有工作表/);
    } finally {
      t.cleanup();
    }
  });

  it('invalid UTF-8 inside sheet XML is refused with a message, never read as U+FFFD', async () => {
    for (const bad of [[0xc3, 0x28], [0xe4, 0xb8], [0xff], [0xed, 0xa0, 0x80], [0xf0, 0x28, 0x8c, 0x28]]) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('台账');
      ws.getCell('A1').value = 'MARKER问题';
      ws.getCell('A2').value = '正常文字';
      const parts = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
      const sheetName = Object.keys(parts).find((n) => /worksheets\/sheet1\.xml$/.test(n))!;
      const strings = Object.keys(parts).find((n) => /sharedStrings\.xml$/.test(n));
      const target = strings ?? sheetName;
      const xml = Buffer.from(parts[target]!);
      const at = xml.indexOf(Buffer.from('MARKER'));
      expect(at).toBeGreaterThan(0);
      parts[target] = new Uint8Array(Buffer.concat([xml.subarray(0, at), Buffer.from(bad), xml.subarray(at + 6)]));
      const bytes = zipSync(parts);
      expect(() => readXlsx(bytes), JSON.stringify(bad)).toThrow(/不是 UTF-8 编码的字节/);
      // The same workbook with the bytes undamaged reads.
      const good = readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
      expect(JSON.stringify(good)).toContain('MARKER问题');
    }
  });
});

