import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { openDb } from '../../electron/core/db/open';
import { runCliProcess, cliJson } from '../helpers/cli';
import { tmpDir } from '../helpers/ledger';
import { makeDocx, makePdf, makePng } from '../helpers/evidence-files';

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

describe('evidence, backup and restore on the command line', () => {
  let t: ReturnType<typeof tmpDir>;
  let ledger: string;
  let env: NodeJS.ProcessEnv;
  const files: Record<string, Buffer> = {};
  beforeAll(() => {
    t = tmpDir();
    env = { LEDGER_DATA_DIR: path.join(t.dir, 'data') };
    ledger = path.join(t.dir, '台账.zgtz');
    expect(runCliProcess(['init', ledger, '--sample']).code).toBe(0);
    files['党组会议纪要.pdf'] = makePdf('minutes');
    files['现场照片.png'] = makePng();
    files['制度汇编.docx'] = makeDocx();
    for (const [n, b] of Object.entries(files)) fs.writeFileSync(path.join(t.dir, n), b);
    fs.copyFileSync(path.join(t.dir, '党组会议纪要.pdf'), path.join(t.dir, '纪要副本.pdf'));
  });
  afterAll(() => t.cleanup());

  it('attaches three files with one duplicate: stored once, numbered and listed', () => {
    const r = cliJson<{ status: string; number: string; title: string }[]>([
      'attach', ledger, '二-1', ...['党组会议纪要.pdf', '现场照片.png', '纪要副本.pdf'].map((n) => path.join(t.dir, n)), '--json',
    ]);
    expect(r.map((x) => [x.status, x.number, x.title])).toEqual([
      ['added', '2-1-1', '党组会议纪要'],
      ['added', '2-1-2', '现场照片'],
      ['duplicate', '2-1-1', '党组会议纪要'],
    ]);
    const one = runCliProcess(['attach', ledger, '1-1', path.join(t.dir, '制度汇编.docx'), '--title', '学习制度汇编']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('制度汇编.docx：已添加 1-1-1“学习制度汇编”');
    const db = new Database(ledger, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 3 });
    expect(db.prepare("SELECT count(*) AS n FROM evidence").get()).toEqual({ n: 3 });
    db.close();
    expect(runCliProcess(['check', ledger]).code).toBe(0);
  });

  it('refuses a missing file, an unknown code or a title for many files, adding nothing', () => {
    const missing = runCliProcess(['attach', ledger, '2-1', path.join(t.dir, '现场照片.png'), path.join(t.dir, '没有这个文件.pdf')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/找不到要添加的文件：.*没有这个文件\.pdf（未添加任何文件）/);
    expect(runCliProcess(['attach', ledger, '9-9', path.join(t.dir, '现场照片.png')]).stderr).toMatch(/没有编号为 9-9 的问题/);
    expect(runCliProcess(['attach', ledger, '2-1', path.join(t.dir, 'a'), path.join(t.dir, 'b'), '--title', 'x']).stderr).toMatch(/--title 只能用于单个文件/);
    const db = new Database(ledger, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM evidence').get()).toEqual({ n: 3 });
    db.close();
  });

  it('exports the package as a zip and as a folder, the tree matching the index and every hash', async () => {
    const zip = path.join(t.dir, '材料包.zip');
    const r = runCliProcess(['export', ledger, '--kind', 'evidence', '--out', zip]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 个问题，3 个文件/);
    const entries = unzipSync(fs.readFileSync(zip));
    expect(Object.keys(entries).sort()).toEqual(['1-1/1-1-1 学习制度汇编.docx', '2-1/2-1-1 党组会议纪要.pdf', '2-1/2-1-2 现场照片.png', '佐证材料目录.xlsx']);
    expect(sha(entries['2-1/2-1-1 党组会议纪要.pdf']!)).toBe(sha(files['党组会议纪要.pdf']!));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(entries['佐证材料目录.xlsx']!) as never);
    const ws = wb.worksheets[0]!;
    const listed: [string, string, string][] = [];
    for (let i = 4; i <= ws.rowCount; i++) listed.push([String(ws.getCell(i, 4).value), String(ws.getCell(i, 12).value), String(ws.getCell(i, 9).value)]);
    expect(listed.map((l) => l[0])).toEqual(['1-1-1', '2-1-1', '2-1-2']);
    for (const [, p, h] of listed) expect(sha(entries[p]!)).toBe(h);

    const folder = path.join(t.dir, '材料包');
    expect(runCliProcess(['export', ledger, '--kind', 'evidence', '--out', folder]).code).toBe(0);
    for (const [, p, h] of listed) expect(sha(fs.readFileSync(path.join(folder, ...p.split('/'))))).toBe(h);
  });

  it('backs up and restores: figures and evidence identical; the replaced ledger is backed up first', () => {
    const backup = path.join(t.dir, '备份.zgtz');
    const b = runCliProcess(['backup', ledger, backup]);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/已备份到：.*3 个佐证材料文件/);
    const statsBefore = cliJson(['stats', ledger, '--as-of', '2025-03-01', '--json']);
    const listBefore = cliJson(['list', ledger, '--json']);
    // Change the ledger, then restore.
    expect(runCliProcess(['attach', ledger, '1-2', path.join(t.dir, '现场照片.png')]).code).toBe(0);
    const db = openDb(ledger);
    db.raw.exec("INSERT INTO actions (at, source, label) VALUES ('x', 'edit', 'x'); INSERT INTO current_action VALUES (1, last_insert_rowid());");
    db.raw.exec("UPDATE measures SET status = '未启动', completed_date = NULL");
    db.raw.exec("UPDATE problems SET status = '未启动', completed_date = NULL");
    db.raw.exec('DELETE FROM current_action');
    db.close();
    expect(cliJson(['stats', ledger, '--as-of', '2025-03-01', '--json'])).not.toEqual(statsBefore);
    const r = runCliProcess(['restore', backup, ledger], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已从备份恢复/);
    const saved = /恢复前的台账已备份到：(.*)$/m.exec(r.stdout)![1]!;
    expect(saved.startsWith(path.join(t.dir, 'data', 'backups'))).toBe(true);
    expect(fs.existsSync(saved)).toBe(true);
    expect(cliJson(['stats', ledger, '--as-of', '2025-03-01', '--json'])).toEqual(statsBefore);
    expect(cliJson(['list', ledger, '--json'])).toEqual(listBefore);
    const zip = path.join(t.dir, '恢复后.zip');
    expect(runCliProcess(['export', ledger, '--kind', 'evidence', '--out', zip]).code).toBe(0);
    expect(Object.keys(unzipSync(fs.readFileSync(zip))).length).toBe(4);
    expect(runCliProcess(['check', ledger]).code).toBe(0);
    expect(fs.readdirSync(t.dir).filter((f) => /restoring|partial/.test(f))).toEqual([]);
  });

  it('detects a corrupted backup and refuses it, leaving the ledger byte for byte as it was', () => {
    const backup = path.join(t.dir, '坏备份.zgtz');
    expect(runCliProcess(['backup', ledger, backup]).code).toBe(0);
    const bytes = fs.readFileSync(backup);
    for (let i = 4096; i < bytes.length; i += 5) bytes[i] = 0xff - bytes[i]!;
    fs.writeFileSync(backup, bytes);
    const before = fs.readFileSync(ledger);
    const r = runCliProcess(['restore', backup, ledger], { env });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/已拒绝恢复，当前台账未被修改/);
    expect(fs.readFileSync(ledger).equals(before)).toBe(true);
    expect(fs.readdirSync(t.dir).filter((f) => /restoring/.test(f))).toEqual([]);
  });

  it('refuses to restore over a ledger another program has open', () => {
    const backup = path.join(t.dir, '备份2.zgtz');
    expect(runCliProcess(['backup', ledger, backup]).code).toBe(0);
    const db = openDb(ledger);
    try {
      const r = runCliProcess(['restore', backup, ledger], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/正被其他程序.*打开，请先关闭它再恢复/);
    } finally {
      db.close();
    }
  });

  it('fails the check and names the file when stored bytes were tampered with in SQLite', () => {
    const db = new Database(ledger);
    const row = db.prepare("SELECT sha256 FROM evidence WHERE original_name = '现场照片.png'").get() as { sha256: string };
    db.prepare('UPDATE blobs SET data = ? WHERE sha256 = ?').run(Buffer.from('not the photo'), row.sha256);
    db.close();
    const r = runCliProcess(['check', ledger]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2-1-2（现场照片\.png）：佐证材料文件内容与登记的校验码不符/);
    const ex = runCliProcess(['export', ledger, '--kind', 'evidence', '--out', path.join(t.dir, '篡改.zip')]);
    expect(ex.code).toBe(2);
    expect(ex.stderr).toMatch(/2-1-2（现场照片\.png）.*材料包未导出/);
    expect(fs.existsSync(path.join(t.dir, '篡改.zip'))).toBe(false);
  });
});
