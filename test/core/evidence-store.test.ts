import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { runAction, undo, redo } from '../../electron/core/ledger/actions';
import { createCategory, createRound } from '../../electron/core/ledger/rounds';
import { createProblem, deleteProblem } from '../../electron/core/ledger/problems';
import { addMeasure } from '../../electron/core/ledger/measures';
import { checkLedger } from '../../electron/core/ledger/check';
import {
  attachEvidence,
  readEvidenceData,
  registerListedEvidence,
  removeEvidence,
  renameEvidence,
  type AttachInput,
} from '../../electron/core/evidence/store';
import { listEvidence, problemsMissingEvidence } from '../../electron/core/evidence/views';
import { exportEvidencePackage } from '../../electron/core/evidence/package';
import { INDEX_COLUMNS } from '../../electron/core/evidence/index-workbook';
import { makeDocx, makeExe, makePdf, makePng } from '../helpers/evidence-files';
import { tmpLedger } from '../helpers/ledger';

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

describe('the evidence store', () => {
  let t: ReturnType<typeof tmpLedger>;
  let roundId: number;
  let p23: number;
  let p11: number;
  beforeEach(() => {
    t = tmpLedger();
    runAction(t.db, { source: 'system', label: 'setup' }, () => {
      roundId = createRound(t.db, { title: '测试轮次' });
      const c1 = createCategory(t.db, roundId, '第一类');
      const c2 = createCategory(t.db, roundId, '第二类');
      p11 = createProblem(t.db, { categoryId: c1, kind: 'general', text: '问题一' });
      createProblem(t.db, { categoryId: c2, kind: 'general', text: '二之一' });
      createProblem(t.db, { categoryId: c2, kind: 'general', text: '二之二' });
      p23 = createProblem(t.db, { categoryId: c2, kind: 'general', text: '会议记录不规范' });
    });
  });
  afterEach(() => t.cleanup());

  const attach = (input: Partial<AttachInput> & { name: string; data: Buffer }) =>
    runAction(t.db, { source: 'edit', label: '上传佐证材料', actor: '张三' }, () => attachEvidence(t.db, { problemId: p23, actor: '张三', ...input }));

  it('stores three files with one duplicate once, numbers them after the problem code and lists them', () => {
    const pdf = makePdf('minutes');
    const png = makePng();
    expect(attach({ name: '会议纪要.pdf', data: pdf })).toMatchObject({ status: 'added', number: '2-3-1', title: '会议纪要' });
    expect(attach({ name: 'C:\\Users\\clerk\\现场照片.png', data: png })).toMatchObject({ status: 'added', number: '2-3-2' });
    expect(attach({ name: '会议纪要（副本）.pdf', data: pdf })).toMatchObject({ status: 'duplicate', number: '2-3-1' });
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 2 });
    const list = listEvidence(t.db, p23);
    expect(list.map((e) => [e.number, e.title, e.originalName, e.mime, e.size, e.addedBy])).toEqual([
      ['2-3-1', '会议纪要', '会议纪要.pdf', 'application/pdf', pdf.length, '张三'],
      ['2-3-2', '现场照片', '现场照片.png', 'image/png', png.length, '张三'],
    ]);
    expect(list[0]).toMatchObject({ sha256: sha(pdf), received: true, preview: 'pdf', canOpen: true, typeLabel: 'PDF 文档' });
    // The same file on another problem is a new item, the bytes still stored once.
    runAction(t.db, { source: 'edit', label: 'x' }, () => attachEvidence(t.db, { problemId: p11, name: '会议纪要.pdf', data: pdf, actor: '李四' }));
    expect(listEvidence(t.db, p11).map((e) => e.number)).toEqual(['1-1-1']);
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 2 });
    expect(checkLedger(t.db)).toEqual([]);
  });

  it('records the real type from the bytes, whatever the name claims', () => {
    attach({ name: '通知.pdf', data: makeExe() });
    const [e] = listEvidence(t.db, p23);
    expect(e).toMatchObject({ mime: 'application/x-msdownload', typeLabel: 'Windows 可执行程序', canOpen: false, preview: null });
    expect(e!.openBlockedReason).toMatch(/类型不符/);
  });

  it('shows invisible characters of a name instead of letting them reorder it', () => {
    attach({ name: 'invoice\u202efdp.exe', data: makeExe() });
    expect(listEvidence(t.db, p23)[0]!.displayName).toBe('invoice⟦U+202E⟧fdp.exe');
  });

  it('never reuses a number: not after a removal, not after an undone attachment', () => {
    attach({ name: 'a.pdf', data: makePdf('a') });
    attach({ name: 'b.pdf', data: makePdf('b') });
    runAction(t.db, { source: 'edit', label: '删除' }, () => removeEvidence(t.db, listEvidence(t.db, p23)[1]!.id));
    expect(attach({ name: 'c.pdf', data: makePdf('c') }).number).toBe('2-3-3');
    expect(undo(t.db)).toBe('上传佐证材料');
    expect(listEvidence(t.db, p23).map((e) => e.number)).toEqual(['2-3-1']);
    expect(attach({ name: 'd.pdf', data: makePdf('d') }).number).toBe('2-3-4');
  });

  it('removes a file as a recorded soft delete that undo brings back', () => {
    attach({ name: 'a.pdf', data: makePdf('a') });
    const [e] = listEvidence(t.db, p23);
    runAction(t.db, { source: 'edit', label: '删除佐证材料 2-3-1' }, () => removeEvidence(t.db, e!.id));
    expect(listEvidence(t.db, p23)).toEqual([]);
    expect(listEvidence(t.db, p23, { includeDeleted: true })[0]!.deletedAt).not.toBeNull();
    expect(undo(t.db)).toBe('删除佐证材料 2-3-1');
    expect(listEvidence(t.db, p23).map((x) => x.number)).toEqual(['2-3-1']);
    expect(redo(t.db)).toBe('删除佐证材料 2-3-1');
    expect(listEvidence(t.db, p23)).toEqual([]);
  });

  it('fills an item a return listed by name when its file arrives, by number or by title', () => {
    const listed = runAction(t.db, { source: 'import', label: '导入回执' }, () => [
      registerListedEvidence(t.db, { problemId: p23, title: '党组会议纪要', actor: '', source: 'import' }),
      registerListedEvidence(t.db, { problemId: p23, title: '整改通报', actor: '', source: 'import' }),
    ]);
    expect(listed.map((l) => l.number)).toEqual(['2-3-1', '2-3-2']);
    expect(listEvidence(t.db, p23).map((e) => [e.received, e.canOpen, e.openBlockedReason])).toEqual([
      [false, false, '还没有收到文件。'],
      [false, false, '还没有收到文件。'],
    ]);
    expect(attach({ name: '2-3-2.pdf', data: makePdf('x') })).toMatchObject({ status: 'filled', number: '2-3-2', title: '整改通报' });
    expect(attach({ name: '党组 会议纪要.docx', data: makeDocx() })).toMatchObject({ status: 'filled', number: '2-3-1' });
    expect(attach({ name: '2-3-10 其他.pdf', data: makePdf('y') })).toMatchObject({ status: 'added', number: '2-3-3' });
    expect(listEvidence(t.db, p23).every((e) => e.received)).toBe(true);
    expect(checkLedger(t.db)).toEqual([]);
  });

  it('refuses empty files, too large files, deleted problems and measures of another problem, writing nothing', () => {
    expect(() => attach({ name: 'empty.pdf', data: Buffer.alloc(0) })).toThrow(/空文件/);
    const m = runAction(t.db, { source: 'edit', label: 'm' }, () => addMeasure(t.db, p11, { text: '措施' }));
    expect(() => attach({ name: 'a.pdf', data: makePdf(), measureId: m })).toThrow(/不属于这个问题/);
    runAction(t.db, { source: 'edit', label: 'del' }, () => deleteProblem(t.db, p23));
    expect(() => attach({ name: 'a.pdf', data: makePdf() })).toThrow(/已删除/);
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 0 });
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM evidence').get()).toEqual({ n: 0 });
  });

  it('renames a title and refuses an empty one', () => {
    attach({ name: 'scan001.pdf', data: makePdf() });
    const [e] = listEvidence(t.db, p23);
    runAction(t.db, { source: 'edit', label: 'r' }, () => renameEvidence(t.db, e!.id, '  关于整改情况的报告 '));
    expect(listEvidence(t.db, p23)[0]!.title).toBe('关于整改情况的报告');
    expect(() => runAction(t.db, { source: 'edit', label: 'r' }, () => renameEvidence(t.db, e!.id, '   '))).toThrow(/不能为空/);
  });

  it('makes tampering with stored bytes fail the check, naming the file, and refuses to hand them out', () => {
    attach({ name: '会议纪要.pdf', data: makePdf('original') });
    const [e] = listEvidence(t.db, p23);
    t.db.raw.prepare('UPDATE blobs SET data = ? WHERE sha256 = ?').run(makePdf('forged!!'), e!.sha256);
    const findings = checkLedger(t.db);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.where).toBe('2-3-1（会议纪要.pdf）');
    expect(findings[0]!.message).toMatch(/校验码不符/);
    expect(() => readEvidenceData(t.db, e!.id)).toThrow(/已被篡改或损坏/);
    // The good copy arriving again repairs the stored bytes.
    attach({ name: '会议纪要.pdf', data: makePdf('original'), measureId: null, title: '会议纪要（重传）' });
    expect(checkLedger(t.db)).toEqual([]);
  });

  it('lists completed problems that have no received evidence', () => {
    runAction(t.db, { source: 'edit', label: 'm' }, () => {
      addMeasure(t.db, p11, { text: '措施', status: '已完成', completedDate: '2025-01-01' });
      addMeasure(t.db, p23, { text: '措施', status: '已完成', completedDate: '2025-01-01' });
      registerListedEvidence(t.db, { problemId: p11, title: '纪要', actor: '' });
    });
    attach({ name: 'a.pdf', data: makePdf() });
    const missing = problemsMissingEvidence(t.db, roundId);
    expect(missing.map((m) => [m.problem.code, m.listedNotReceived])).toEqual([['1-1', 1]]);
  });

  describe('the evidence package', () => {
    const files = () => {
      attach({ name: '会议纪要.pdf', data: makePdf('minutes') });
      attach({ name: '现场照片.png', data: makePng() });
      attach({ name: '会议纪要.pdf', data: makePdf('minutes') });
      runAction(t.db, { source: 'edit', label: 'x' }, () => {
        // Names that must not escape or break the package.
        attachEvidence(t.db, { problemId: p11, name: '../../x.pdf', data: makePdf('x'), actor: '王五', title: '../x' });
        attachEvidence(t.db, { problemId: p11, name: 'CON.txt', data: Buffer.from('reserved'), actor: '王五' });
        attachEvidence(t.db, { problemId: p11, name: 'a:b.pdf', data: makePdf('ab'), actor: '王五', title: 'a:b' });
        attachEvidence(t.db, { problemId: p11, name: '报告.pdf...', data: makePdf('dots'), actor: '王五', title: 'C:\\x' });
        registerListedEvidence(t.db, { problemId: p11, title: '待补交的通报', actor: '' });
      });
    };

    async function indexRows(buf: Buffer | Uint8Array) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(buf) as never);
      const ws = wb.getWorksheet('佐证材料目录')!;
      expect(ws.getRow(3).values).toEqual([undefined, ...INDEX_COLUMNS.map((c) => c.header)]);
      const rows: Record<string, string>[] = [];
      for (let r = 4; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        rows.push(Object.fromEntries(INDEX_COLUMNS.map((c, i) => [c.header, String(row.getCell(i + 1).value ?? '')])));
      }
      return rows;
    }

    it('writes a zip whose folders, files and index workbook match, every hash verified', async () => {
      files();
      const out = path.join(t.dir, '佐证材料包.zip');
      const result = await exportEvidencePackage(t.db, roundId, out, 'zip');
      expect(result).toMatchObject({ problems: 2, files: 6, listedNotReceived: 1 });
      const entries = unzipSync(fs.readFileSync(out));
      const names = Object.keys(entries).sort();
      expect(names).toEqual(
        [
          '1-1/1-1-1 _x.pdf',
          '1-1/1-1-2 _CON.txt',
          '1-1/1-1-3 a_b.pdf',
          '1-1/1-1-4 C__x.pdf',
          '2-3/2-3-1 会议纪要.pdf',
          '2-3/2-3-2 现场照片.png',
          '佐证材料目录.xlsx',
        ].sort(),
      );
      const rows = await indexRows(entries['佐证材料目录.xlsx']!);
      expect(rows.map((r) => [r['问题编号'], r['材料编号'], r['包内位置'], r['状态']])).toEqual([
        ['1-1', '1-1-1', '1-1/1-1-1 _x.pdf', '已收到'],
        ['1-1', '1-1-2', '1-1/1-1-2 _CON.txt', '已收到'],
        ['1-1', '1-1-3', '1-1/1-1-3 a_b.pdf', '已收到'],
        ['1-1', '1-1-4', '1-1/1-1-4 C__x.pdf', '已收到'],
        ['1-1', '1-1-5', '', '未收到'],
        ['2-3', '2-3-1', '2-3/2-3-1 会议纪要.pdf', '已收到'],
        ['2-3', '2-3-2', '2-3/2-3-2 现场照片.png', '已收到'],
      ]);
      for (const r of rows.filter((x) => x['包内位置'])) {
        expect(sha(entries[r['包内位置']!]!)).toBe(r['SHA-256']);
        expect(Number(r['大小（字节）'])).toBe(entries[r['包内位置']!]!.length);
      }
      expect(rows[5]).toMatchObject({ 问题: '会议记录不规范', 材料名称: '会议纪要', 原文件名: '会议纪要.pdf', 类型: 'PDF 文档', 添加人: '张三' });
      expect(fs.readdirSync(t.dir).filter((f) => f.includes('partial'))).toEqual([]);
    });

    it('writes the same tree into a folder, and never outside it', async () => {
      files();
      const out = path.join(t.dir, 'pkg');
      await exportEvidencePackage(t.db, roundId, out, 'folder');
      const walk = (d: string): string[] =>
        fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.relative(out, path.join(d, e.name))]));
      const tree = walk(out).map((p) => p.split(path.sep).join('/')).sort();
      const rows = await indexRows(fs.readFileSync(path.join(out, '佐证材料目录.xlsx')));
      expect(tree).toEqual([...rows.filter((r) => r['包内位置']).map((r) => r['包内位置']!), '佐证材料目录.xlsx'].sort());
      for (const r of rows.filter((x) => x['包内位置'])) expect(sha(fs.readFileSync(path.join(out, r['包内位置']!)))).toBe(r['SHA-256']);
      expect(fs.readdirSync(t.dir).sort()).toEqual(['pkg', 'test.zgtz', 'test.zgtz-shm', 'test.zgtz-wal']);
      // A second export into the now non-empty folder is refused, nothing overwritten.
      await expect(exportEvidencePackage(t.db, roundId, out, 'folder')).rejects.toThrow(/已存在且不为空/);
    });

    it('refuses to export a package with a tampered file, leaving nothing behind', async () => {
      files();
      const [e] = listEvidence(t.db, p23);
      t.db.raw.prepare('UPDATE blobs SET data = ? WHERE sha256 = ?').run(Buffer.from('%PDF-forged'), e!.sha256);
      const out = path.join(t.dir, 'p.zip');
      await expect(exportEvidencePackage(t.db, roundId, out, 'zip')).rejects.toThrow(/2-3-1（会议纪要\.pdf）.*校验码不符/);
      expect(fs.readdirSync(t.dir).filter((f) => f.includes('.zip'))).toEqual([]);
    });
  });
});
