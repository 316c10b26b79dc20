import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { makeExe, makePdf, makePng } from '../helpers/evidence-files';
import { tmpService, type TmpService } from '../helpers/ledger';

const b64 = (b: Buffer) => b.toString('base64');

describe('evidence through the service, with a desktop host', () => {
  let s: TmpService;
  const opened: string[] = [];
  let problemId: number;
  beforeEach(async () => {
    opened.length = 0;
    s = tmpService({
      kind: 'electron',
      openExternal: async (file) => {
        opened.push(file);
      },
      pickFile: async () => path.join(s.dir, '对话框选择.pdf'),
    });
    await s.call('ledger.addSample', {});
    problemId = (await s.call('problems.list', {}))[0]!.id;
  });
  afterEach(() => {
    s.cleanup();
    // The app keeps opened copies a day (the program may still read them); the test's go now.
    for (const file of opened) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('opens an allowlisted document from a read-only temporary copy with the allowlisted extension', async () => {
    const pdf = makePdf('open me');
    const { items } = await s.call('evidence.attach', { problemId, files: [{ name: '会议纪要.PDF', base64: b64(pdf) }] });
    expect(await s.call('evidence.open', { id: items[0]!.id })).toEqual({ opened: true });
    expect(opened).toHaveLength(1);
    expect(path.basename(opened[0]!)).toBe('1-1-1 会议纪要.pdf');
    expect(fs.readFileSync(opened[0]!).equals(pdf)).toBe(true);
    expect(fs.statSync(opened[0]!).mode & 0o222).toBe(0);
  });

  it('refuses to open a program, whatever its name says, and never hands it to the system', async () => {
    const other = Buffer.concat([makeExe(), Buffer.from('other')]);
    const { items } = await s.call('evidence.attach', {
      problemId,
      files: [
        { name: '通知.pdf.exe', base64: b64(makeExe()) },
        { name: '通知.pdf', base64: b64(other) },
      ],
    });
    expect(items.map((e) => [e.number, e.mime, e.canOpen])).toEqual([
      ['1-1-1', 'application/x-msdownload', false],
      ['1-1-2', 'application/x-msdownload', false],
    ]);
    for (const e of items) {
      const r = await s.service.call('evidence.open', { id: e.id });
      expect(r).toMatchObject({ ok: false, error: { code: 'OPEN_REFUSED' } });
    }
    expect(opened).toEqual([]);
  });

  it('saves a copy where the dialog says; a path from the page is refused (main decides)', async () => {
    const png = makePng();
    const { items } = await s.call('evidence.attach', { problemId, files: [{ name: '照片.png', base64: b64(png) }] });
    const viaDialog = await s.call('evidence.saveAs', { id: items[0]!.id });
    expect(viaDialog.path).toBe(path.join(s.dir, '对话框选择.pdf'));
    expect(fs.readFileSync(viaDialog.path!).equals(png)).toBe(true);
    const typed = path.join(s.dir, '另存.png');
    await expect(s.call('evidence.saveAs', { id: items[0]!.id, path: typed })).rejects.toThrow(/只能保存到在“保存”对话框中选定的位置/);
    expect(fs.existsSync(typed)).toBe(false);
  });

  it('refuses an upload whose base64 is broken, writing nothing', async () => {
    await expect(s.call('evidence.attach', { problemId, files: [{ name: 'a.pdf', base64: b64(makePdf()) }, { name: 'b.pdf', base64: '%%%not base64%%%' }] })).rejects.toThrow(
      /“b\.pdf”上传的内容不完整或已损坏/,
    );
    expect(await s.call('evidence.list', { problemId })).toEqual([]);
  });

  it('exports the package where the dialog says and counts what it wrote; a typed path is refused', async () => {
    await s.call('evidence.attach', { problemId, files: [{ name: '纪要.pdf', base64: b64(makePdf()) }] });
    await s.call('evidence.register', { problemId, title: '待补材料' });
    await expect(s.call('evidence.exportPackage', { format: 'zip', path: path.join(s.dir, '包') })).rejects.toThrow(/对话框/);
    const r = await s.call('evidence.exportPackage', { format: 'zip' });
    expect(r).toMatchObject({ path: path.join(s.dir, '对话框选择.pdf.zip'), format: 'zip', problems: 1, files: 1, listedNotReceived: 1 });
    expect(fs.existsSync(path.join(s.dir, '对话框选择.pdf.zip'))).toBe(true);
    expect(await s.call('evidence.packagePlan', {})).toEqual({ problems: 1, files: 1, listedNotReceived: 1, bytes: makePdf().length });
    const dl = await s.call('evidence.exportPackage', { format: 'zip', download: true });
    expect(dl).toMatchObject({ path: null, fileName: '佐证材料包.zip', files: 1 });
    expect(Object.keys(unzipSync(Buffer.from(dl!.data!, 'base64'))).sort()).toEqual(['1-1/1-1-1 纪要.pdf', '佐证材料目录.xlsx']);
  });
});
