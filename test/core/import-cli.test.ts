import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli';
import { sharedFixture, tmpDir } from '../helpers/ledger';
import { backupFolder, listBackups } from '../../electron/core/backup/backup';
import { openDb } from '../../electron/core/db/open';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const W = (name: string) => sharedFixture('workbooks', name);

describe('cli import', () => {
  let t: ReturnType<typeof tmpDir>;
  let ledger: string;
  beforeEach(async () => {
    t = tmpDir();
    ledger = path.join(t.dir, '台账.zgtz');
    expect((await cli('init', ledger)).code).toBe(0);
  });
  afterEach(() => t.cleanup());

  it('imports the master and prints the agreed JSON', async () => {
    const r = await cli('import', ledger, W('整改台账-总表.xlsx'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toEqual({
      committed: true,
      files: [
        {
          path: W('整改台账-总表.xlsx'),
          kind: 'ledger',
          unit: '局办公室（巡察整改工作领导小组办公室）',
          reportDate: '2024-08-20',
          rows: 63,
          added: 63,
          updated: 0,
          unchanged: 0,
          errors: [],
          warnings: [],
        },
      ],
    });
    const list = JSON.parse((await cli('list', ledger, '--json')).out);
    expect(list).toHaveLength(63);
  });

  it('backs up the ledger into the data folder (LEDGER_DATA_DIR) before a committing import, as it was before', async () => {
    const folder = backupFolder(process.env.LEDGER_DATA_DIR!, ledger);
    expect(folder.startsWith(path.resolve(process.env.LEDGER_DATA_DIR!))).toBe(true);
    const r = await cli('import', ledger, W('整改台账-总表.xlsx'));
    expect(r.code).toBe(0);
    const backups = listBackups(folder);
    expect(backups.map((b) => b.reason)).toEqual(['import']);
    expect(r.out).toContain(`导入前已备份：${path.join(folder, backups[0]!.name)}`);
    const copy = openDb(path.join(folder, backups[0]!.name), { readonly: true });
    try {
      expect(copy.raw.prepare('SELECT count(*) AS n FROM problems').get()).toEqual({ n: 0 });
    } finally {
      copy.close();
    }
  });

  it('makes no backup for a dry run, nor for files that cannot be read', async () => {
    const folder = backupFolder(process.env.LEDGER_DATA_DIR!, ledger);
    expect((await cli('import', ledger, W('整改台账-总表.xlsx'), '--dry-run')).code).toBe(0);
    expect((await cli('import', ledger, W('bad-not-a-workbook.xlsx'))).code).toBe(1);
    expect(listBackups(folder)).toEqual([]);
  });

  it('--dry-run shows what would change and writes nothing', async () => {
    const before = (await cli('list', ledger, '--json')).out;
    const r = await cli('import', ledger, W('整改台账-总表.xlsx'), '--dry-run', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ committed: false, files: [{ added: 63 }] });
    expect((await cli('list', ledger, '--json')).out).toBe(before);
  });

  it('exits 1 and writes nothing from any file when one has an error', async () => {
    await cli('import', ledger, W('整改台账-总表.xlsx'));
    const before = (await cli('list', ledger, '--json')).out;
    for (const bad of ['bad-dates-and-statuses.xlsx', 'bad-no-key-columns.xlsx', 'bad-not-a-workbook.xlsx', 'bad-unknown-code.xlsx', '回执-社区矫正科.xls']) {
      const r = await cli('import', ledger, W('回执-政治部.xlsx'), W(bad), '--json');
      expect({ bad, code: r.code }).toEqual({ bad, code: 1 });
      const json = JSON.parse(r.out);
      expect(json.committed).toBe(false);
      expect(json.files[1].errors.length).toBeGreaterThan(0);
      for (const e of json.files[1].errors) expect(Object.keys(e).sort()).toEqual(['code', 'column', 'message', 'row', 'sheet']);
      expect((await cli('list', ledger, '--json')).out).toBe(before);
    }
  });

  it('imports every workbook and CSV of a folder, skipping Excel lock files', async () => {
    const dir = path.join(t.dir, '回执');
    fs.mkdirSync(dir);
    for (const f of ['回执-律师工作科.xlsx', '回执-社区矫正科.xlsx']) fs.copyFileSync(W(f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, '~$回执-律师工作科.xlsx'), 'lock');
    fs.writeFileSync(path.join(dir, '说明.md'), '不是表格');
    await cli('import', ledger, W('整改台账-总表.xlsx'));
    const r = await cli('import', ledger, dir, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files.map((f: { path: string; unit: string; updated: number }) => [path.basename(f.path), f.unit, f.updated])).toEqual([
      ['回执-律师工作科.xlsx', '律师工作科', 3],
      ['回执-社区矫正科.xlsx', '社区矫正科', 3],
    ]);
  });

  it('prints errors with sheet, row and column in text mode', async () => {
    await cli('import', ledger, W('整改台账-总表.xlsx'));
    const r = await cli('import', ledger, W('bad-dates-and-statuses.xlsx'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('错误 工作表“Sheet” 第2行 C列：整改时限“2024-13-45”不是有效日期：没有13月');
    expect(r.out).toContain('有错误，未导入任何内容，台账未被修改。');
  });

  it('exits 2 with one Chinese line for a missing input or ledger', async () => {
    const missing = await cli('import', ledger, path.join(t.dir, '没有这个文件.xlsx'));
    expect(missing).toMatchObject({ code: 2, err: expect.stringMatching(/^找不到要导入的文件：/) });
    const noLedger = await cli('import', path.join(t.dir, '无.zgtz'), W('回执-政治部.xlsx'));
    expect(noLedger).toMatchObject({ code: 2, err: expect.stringMatching(/^找不到台账文件/) });
    const noInput = await cli('import', ledger);
    expect(noInput).toMatchObject({ code: 2, err: expect.stringMatching(/缺少要导入的文件/) });
  });
});
