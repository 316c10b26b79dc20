import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { getMeta } from '../../electron/core/ledger/meta';
import { ledgerVersion, runAction } from '../../electron/core/ledger/actions';
import { findProblemByCode, updateProblem } from '../../electron/core/ledger/problems';
import { currentRoundId } from '../../electron/core/ledger/rounds';
import { buildXlsx, returnWorkbook, tableRows } from '../fixtures/import/build';
import { sharedFixture, tmpService, type TmpService } from '../helpers/ledger';
import { listOf } from '../helpers/import';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fixture = (name: string) => ({ name, data: b64(fs.readFileSync(sharedFixture('workbooks', name))) });

describe('the import operations of the service', () => {
  let s: TmpService;
  beforeEach(async () => {
    s = tmpService();
    await s.call('ledger.create', { path: `${s.dir}/台账.zgtz`, title: '市委第五巡察组反馈' });
  });
  afterEach(() => s.cleanup());

  it('previews, commits, lists the batch, and tells which units have returned', async () => {
    const preview = await s.call('import.preview', { files: [fixture('整改台账-总表.xlsx')] });
    expect(preview).toMatchObject({ ok: true, files: [{ kind: 'ledger', added: 63, sheet: '整改台账', headerRows: [3, 4] }] });
    expect(preview.files[0]!.columns.map((c) => `${c.letter}:${c.role}`)).toEqual(['A:code', 'B:kind', 'C:text', 'D:measures', 'E:leaders', 'F:leadUnit', 'G:deadline', 'H:progress', 'I:notes']);
    expect((await s.call('ledger.info', {})).problemCount).toBe(0);

    const commit = await s.call('import.commit', { files: [fixture('整改台账-总表.xlsx')] });
    expect(commit).toMatchObject({ ok: true, committed: true, batchIds: [expect.any(Number)] });
    expect((await s.call('ledger.info', {})).problemCount).toBe(63);

    let status = await s.call('import.returnsStatus', {});
    expect(status.units).toHaveLength(18);
    expect(status.units.every((u) => !u.returned)).toBe(true);
    expect(status.units.find((u) => u.unit === '政治部')).toMatchObject({ problems: 8 });

    const ret = await s.call('import.commit', { files: [fixture('回执-政治部.xlsx')] });
    status = await s.call('import.returnsStatus', {});
    expect(status.units.filter((u) => u.returned).map((u) => u.unit)).toEqual(['政治部']);
    expect(status.units.find((u) => u.unit === '政治部')!.lastBatch).toMatchObject({ id: ret.batchIds[0], fileName: '回执-政治部.xlsx', reportDate: '2024-11-15' });

    const batches = await s.call('import.batches', {});
    expect(batches.map((b) => [b.fileName, b.kind, b.canUndo])).toEqual([
      ['回执-政治部.xlsx', 'return', true],
      ['整改台账-总表.xlsx', 'ledger', false],
    ]);
    await s.call('import.undoBatch', { id: ret.batchIds[0]! });
    status = await s.call('import.returnsStatus', {});
    expect(status.units.some((u) => u.returned)).toBe(false);
    expect((await s.call('import.batches', {}))[1]).toMatchObject({ fileName: '整改台账-总表.xlsx', canUndo: true });
  });

  it('answers a file it cannot read with a Chinese error for that file, never an exception', async () => {
    const r = await s.call('import.preview', { files: [{ name: '坏文件.xlsx', data: b64(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])) }, fixture('回执-社区矫正科.xls')] });
    expect(r.ok).toBe(false);
    expect(r.files.map((f) => f.errors[0]!.code)).toEqual(['ZIP_CORRUPT', 'XLS']);
    // A .docx goes to the report reader, which names what is wrong with it.
    const report = await s.call('import.preview', { files: [{ name: '进展情况公布.docx', data: b64(new Uint8Array([1, 2, 3])) }] });
    expect(report.files[0]).toMatchObject({ kind: 'report', errors: [expect.objectContaining({ code: 'REPORT_NOT_DOCX', message: expect.stringMatching(/不是可读的 Word 文档/) })] });
  });

  it('lets a person map an unknown column, and remembers it for the next return of that unit in that layout', async () => {
    await s.call('import.commit', { files: [fixture('整改台账-总表.xlsx')] });
    const header = ['编号', '具体问题', '工作推进'];
    const first = returnWorkbook(header, [['5-1', '领导班子自身建设存在不足。', '已召开民主生活会']], {}, [['填报单位：政治部    填报日期：2024年12月1日']]);
    const preview = await s.call('import.preview', { files: [{ name: '回执-政治部1201.xlsx', data: b64(first) }] });
    expect(preview.files[0]!.columns.find((c) => c.letter === 'C')).toMatchObject({ label: '工作推进', role: null });
    expect(preview.files[0]!.warnings).toEqual([expect.objectContaining({ code: 'COLUMN_IGNORED', column: 'C' })]);
    expect(preview.files[0]!.unchanged).toBe(1);

    const commit = await s.call('import.commit', { files: [{ name: '回执-政治部1201.xlsx', data: b64(first), mapping: { '3': 'progress' } }] });
    expect(commit.files[0]).toMatchObject({ mappingSource: 'edited', updated: 1 });
    const db = s.session.db();
    expect(listOf(db).find((p) => p.code === '5-1')!.progress.at(-1)).toEqual({ date: '2024-12-01', text: '已召开民主生活会' });

    const second = returnWorkbook(header, [['5-3', '司法行政工作队伍建设滞后。', '已印发人才工作要点']], {}, [['填报单位：政治部    填报日期：2024年12月15日']]);
    const next = await s.call('import.preview', { files: [{ name: '回执-政治部1215.xlsx', data: b64(second) }] });
    expect(next.files[0]).toMatchObject({ mappingSource: 'remembered', updated: 1 });
    expect(next.files[0]!.changes[0]!.changes).toEqual([expect.objectContaining({ field: 'progress', after: '2024-12-15 已印发人才工作要点' })]);

    // The same header from another unit: the correction is remembered by the header's layout too.
    const other = returnWorkbook(header, [['5-4', null, '已开展专题培训']], {}, [['填报单位：机关党办    填报日期：2024年12月16日']]);
    const third = await s.call('import.preview', { files: [{ name: '回执-机关党办1216.xlsx', data: b64(other) }] });
    expect(third.files[0]).toMatchObject({ unit: '机关党办', mappingSource: 'remembered', updated: 1 });
  });

  it('recognises a return template by its hidden 台账标识 sheet: matches by problem id, and flags problems changed since it was issued', async () => {
    await s.call('import.commit', { files: [fixture('整改台账-总表.xlsx')] });
    const db = s.session.db();
    const roundId = currentRoundId(db)!;
    const id = (code: string) => findProblemByCode(db, roundId, code)!.id;
    const version = ledgerVersion(db);
    runAction(db, { source: 'edit', label: '改问题内容' }, () => updateProblem(db, id('5-1-2'), { text: '议事决策不规范、质量不高（已修改）。' }));
    const visible = tableRows([
      ['序号', '问题', '整改进展', '完成状态'],
      ['1', '（单位改写过的问题文字，对不上台账）', '已建立机关党建台账', '正在推进'],
      ['2', '（另一处改写）', '议事规则已修订', '已完成'],
    ]);
    const hidden = tableRows([
      ['整改台账回执模板', 1],
      ['ledgerId', getMeta(db, 'ledger_id')!],
      ['roundId', roundId],
      ['ledgerVersion', version],
      ['unit', '机关党办'],
      ['issuedAt', '2024-11-01'],
      [],
      ['sheetRow', 'problemId', 'code'],
      [2, id('5-4'), '5-4'],
      [3, id('5-1-2'), '5-1-2'],
    ]);
    const bytes = buildXlsx({ sheets: [{ name: '回执', rows: visible }, { name: '台账标识', rows: hidden, state: 'veryHidden' }] });
    const r = await s.call('import.preview', { files: [{ name: '机关党办回执.xlsx', data: b64(bytes) }] });
    expect(r.files[0]).toMatchObject({ kind: 'return', unit: '机关党办', unitSource: '回执模板', updated: 2, errors: [] });
    expect(r.files[0]!.changes.map((c) => [c.row, c.code, c.match])).toEqual([
      [2, '5-4', 'template'],
      [3, '5-1-2', 'template'],
    ]);
    expect(r.files[0]!.warnings).toEqual([expect.objectContaining({ code: 'CHANGED_SINCE_TEMPLATE', row: 3 })]);
  });

  it('refuses a commit with a file of errors, writing nothing, and says so in the result', async () => {
    await s.call('import.commit', { files: [fixture('整改台账-总表.xlsx')] });
    const before = listOf(s.session.db());
    const r = await s.call('import.commit', { files: [fixture('回执-政治部.xlsx'), fixture('bad-dates-and-statuses.xlsx')] });
    expect(r).toMatchObject({ ok: false, committed: false, batchIds: [] });
    expect(listOf(s.session.db())).toEqual(before);
  });

  it('backs up the ledger before committing, holding the state before the import', async () => {
    await s.call('import.commit', { files: [fixture('整改台账-总表.xlsx')] });
    await s.call('import.commit', { files: [fixture('回执-政治部.xlsx')] });
    await s.call('import.commit', { files: [fixture('bad-not-a-workbook.xlsx')] });
    const imports = (await s.call('backup.list', {})).backups.filter((b) => b.reason === 'import');
    // One before the master (empty ledger), one before the return (63 problems); none for the unreadable file.
    expect(imports.map((b) => b.problems ?? -1).sort((a, b) => a - b)).toEqual([0, 63]);
  });

  it('never reuses an evidence number: a return listed again after its batch was undone gets new numbers', async () => {
    await s.call('import.commit', { files: [fixture('整改台账-总表.xlsx')] });
    const first = await s.call('import.commit', { files: [fixture('回执-政治部.xlsx')] });
    await s.call('import.undoBatch', { id: first.batchIds[0]! });
    const again = await s.call('import.commit', { files: [fixture('回执-政治部.xlsx')] });
    expect(again.files[0]!.warnings.filter((w) => w.code === 'EVIDENCE_RENUMBERED').length).toBe(16);
    const db = s.session.db();
    const rows = db.raw.prepare("SELECT e.seq, e.title FROM evidence e JOIN problems p ON p.id = e.problem_id WHERE p.code = '2-5' AND e.deleted_at IS NULL ORDER BY e.seq").all();
    expect(rows).toEqual([
      { seq: 3, title: '工作方案.pdf' },
      { seq: 4, title: '会议纪要.pdf' },
    ]);
  });

  it('rejects a request whose data is not base64', async () => {
    const r = await s.service.call('import.preview', { files: [{ name: 'a.xlsx', data: '不是base64' }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('a published progress report in the same import as the workbooks', () => {
  let s: TmpService;
  beforeEach(async () => {
    s = tmpService();
    await s.call('ledger.create', { path: `${s.dir}/台账.zgtz` });
  });
  afterEach(() => s.cleanup());

  it('goes to the report module, becomes its own batch, and a return then updates the round it made', async () => {
    const report = { name: '进展情况公布.txt', data: b64(fs.readFileSync(sharedFixture('reports', '000_2f0ad5af2777d313.txt'))) };
    const r = await s.call('import.commit', { files: [fixture('回执-律师工作科.xlsx'), report] });
    expect(r.files.map((f) => [f.kind, f.errors.length])).toEqual([
      ['return', 0],
      ['report', 0],
    ]);
    expect(r.files[1]).toMatchObject({ rows: 63, added: 63, counts: { categories: 5, general: 22, specific: 41, measures: 205 } });
    expect(r.files[0]).toMatchObject({ updated: 3 });
    const batches = await s.call('import.batches', {});
    expect(batches.map((b) => b.kind)).toEqual(['return', 'report']);
    expect(listOf(s.session.db()).find((p) => p.code === '2-5-2')!.progress.at(-1)!.text).toBe('已按措施全部落实。');
  });
});
