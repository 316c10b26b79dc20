import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { mayOpenExport } from '../../electron/core/excel/write/open-check';
import { tmpDir, tmpLedger, tmpService, type TmpService } from '../helpers/ledger';
import { readWorkbook } from '../helpers/workbook';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

describe('cli export --kind ledger|summary|returns', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => {
    t = tmpLedger();
    createSampleLedger(t.db);
  });
  afterEach(() => t.cleanup());

  it('writes the ledger workbook to the named file, or under its own name into a folder', async () => {
    const file = path.join(t.dir, '台账');
    const r = await cli('export', t.file, '--kind', 'ledger', '--out', file, '--as-of', '2025-03-01', '--layout', 'cell');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`已导出台账总表：${file}.xlsx`);
    expect(r.out).toContain('共 27 个问题，31 行。');
    const folder = await cli('export', t.file, '--kind', 'summary', '--out', t.dir + path.sep, '--as-of', '2025-03-01', '--json');
    expect(folder.code).toBe(0);
    const json = JSON.parse(folder.out) as { files: { path: string; size: number }[] };
    expect(json.files[0]!.path).toBe(path.join(t.dir, '市生态环境局党组巡察反馈问题整改情况汇总表-20250301.xlsx'));
    expect(fs.statSync(json.files[0]!.path).size).toBe(json.files[0]!.size);
  });

  it('writes one return template per lead unit into the --out folder', async () => {
    const dir = path.join(t.dir, 'returns');
    const r = await cli('export', t.file, '--kind', 'returns', '--out', dir, '--unit', '机关党办', '--unit', '人事科');
    expect(r.code, r.err).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['整改进展回执-人事科.xlsx', '整改进展回执-机关党办.xlsx']);
    const wb = await readWorkbook(fs.readFileSync(path.join(dir, '整改进展回执-人事科.xlsx')));
    expect(wb.worksheets[0]!.name).toBe('人事科');
  });

  it('refuses bad arguments with one Chinese line and exit code 2, writing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['--kind', 'ledger', '--out', path.join(t.dir, 'a.pdf')], /--out 应为 \.xlsx 文件/],
      [['--kind', 'ledger', '--out', path.join(t.dir, 'a.xlsx'), '--layout', 'wide'], /--layout 只能是 rows/],
      [['--kind', 'summary', '--out', path.join(t.dir, 'a.xlsx'), '--unit', '人事科'], /--unit 只用于 --kind returns/],
      [['--kind', 'returns', '--out', path.join(t.dir, 'r'), '--public'], /--public 只用于 ledger 和 summary/],
      [['--kind', 'returns', '--out', path.join(t.dir, 'r'), '--unit', '宣传科'], /单位“宣传科”没有牵头的问题/],
      [['--kind', 'returns', '--out', path.join(t.dir, 'r.xlsx')], /--out 应为文件夹/],
      [['--kind', 'ledger', '--out', path.join(t.dir, 'missing', 'a.xlsx')], /保存位置不存在/],
      [['--kind', 'ledger', '--out', path.join(t.dir, 'a.xlsx'), '--as-of', '2025-02-30'], /--as-of 应为有效日期/],
    ];
    const before = fs.readdirSync(t.dir).sort();
    for (const [args, message] of cases) {
      const r = await cli('export', t.file, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n').length).toBe(1);
      expect(r.err).toMatch(message);
    }
    expect(fs.readdirSync(t.dir).sort()).toEqual(before);
  });
});

describe('the export operations of the service', () => {
  let s: TmpService;
  beforeEach(async () => {
    s = tmpService({ kind: 'web' });
    await s.call('ledger.addSample', {});
  });
  afterEach(() => s.cleanup());

  it('list the lead units, and preview the rows and file name before writing', async () => {
    const choices = await s.call('export.choices', {});
    expect(choices.problems).toBe(27);
    expect(choices.units.find((u) => u.unit === '应急与信访科')?.problems).toBe(4);
    expect(choices.withoutUnit).toBe(0);
    const preview = await s.call('export.preview', { kind: 'ledger', asOf: '2025-03-01', layout: 'rows' });
    expect(preview).toMatchObject({ problems: 27, measures: choices.measures, files: 1, fileName: '市生态环境局党组巡察反馈问题整改台账-20250301.xlsx' });
    expect(preview.rows).toBe(4 + 52);
    const several = await s.call('export.preview', { kind: 'returns', asOf: '2025-03-01', units: ['人事科', '机关党办'] });
    expect(several).toMatchObject({ files: 2, fileName: '整改进展回执模板-20250301.zip' });
  });

  it('returns the workbook as base64 for the browser to download', async () => {
    const r = await s.call('export.run', { kind: 'summary', asOf: '2025-03-01' });
    expect(r.path).toBeNull();
    expect(r.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const bytes = Buffer.from(r.data!, 'base64');
    expect(bytes.length).toBe(r.size);
    const wb = await readWorkbook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总表', '未完成问题清单']);
  });

  it('refuses to open files on a host that cannot, and a save path that names a folder', async () => {
    await expect(s.call('export.open', { path: '/tmp/x.xlsx' })).rejects.toThrow(/当前运行方式不能直接打开文件/);
    await expect(s.call('export.run', { kind: 'ledger', asOf: '2025-03-01', path: 'sub/a.xlsx' })).rejects.toThrow(/浏览器版只能把导出文件保存到数据文件夹/);
    await expect(s.call('export.run', { kind: 'ledger', asOf: '2025-03-01', path: '/tmp/a.xlsx' })).rejects.toThrow(/浏览器版只能把导出文件保存到数据文件夹/);
  });
});

describe('the desktop host: save dialog, write, open', () => {
  it('asks for an .xlsx path with the suggested name, writes there, and opens only that file', async () => {
    const folder = tmpDir();
    const opened: string[] = [];
    const asked: unknown[] = [];
    const s = tmpService({
      kind: 'electron',
      async pickFile(mode, options) {
        asked.push({ mode, ...options });
        return path.join(folder.dir, options?.defaultName ?? 'x');
      },
      async openExternal(file) {
        opened.push(file);
      },
    });
    try {
      await s.call('ledger.addSample', {});
      const preview = await s.call('export.preview', { kind: 'ledger', asOf: '2025-03-01' });
      const picked = await s.call('ledger.pickFile', { mode: 'save', defaultName: preview.fileName, extensions: ['xlsx'], title: '导出台账总表' });
      expect(asked).toEqual([{ mode: 'save', defaultName: preview.fileName, extensions: ['xlsx'], title: '导出台账总表' }]);
      const r = await s.call('export.run', { kind: 'ledger', asOf: '2025-03-01', path: picked.path! });
      expect(r).toMatchObject({ path: picked.path, data: null, fileName: preview.fileName });
      expect(fs.statSync(picked.path!).size).toBe(r.size);
      await s.call('export.open', { path: picked.path! });
      expect(opened).toEqual([picked.path]);
      const other = path.join(folder.dir, 'other.xlsx');
      fs.writeFileSync(other, 'x');
      await expect(s.call('export.open', { path: other })).rejects.toThrow(/只能打开本次导出的文件/);
      // Several templates to one chosen file: a zip, whatever extension the dialog returned.
      const chosen = await s.call('ledger.pickFile', { mode: 'save', defaultName: '回执' });
      const zip = await s.call('export.run', { kind: 'returns', asOf: '2025-03-01', units: ['人事科', '机关党办'], path: chosen.path! });
      expect(zip.path).toBe(path.join(folder.dir, '回执.zip'));
      expect(zip.files).toBe(2);
    } finally {
      s.cleanup();
      folder.cleanup();
    }
  });

  it('a file may be opened only when this session exported it and it is a workbook or zip', () => {
    const written = new Set([path.resolve('/data/台账.xlsx')]);
    expect(mayOpenExport('/data/台账.xlsx', written)).toEqual({ ok: true, path: path.resolve('/data/台账.xlsx') });
    expect(mayOpenExport('/data/../data/台账.xlsx', written).ok).toBe(true);
    expect(mayOpenExport('/data/evil.exe', written).ok).toBe(false);
    expect(mayOpenExport('/data/other.xlsx', written).ok).toBe(false);
  });
});
