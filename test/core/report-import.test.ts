import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runAction, revertActions } from '../../electron/core/ledger/actions';
import { currentRoundId, getRound, listRounds } from '../../electron/core/ledger/rounds';
import { listProblemDetails } from '../../electron/core/ledger/views';
import { checkLedger } from '../../electron/core/ledger/check';
import { previewReportImport, commitReportImport } from '../../electron/core/report/import';
import { importReportFile } from '../../electron/core/report/import-file';
import { statsFor } from '../../electron/core/stats';
import { runCli } from '../../electron/cli';
import { openDb } from '../../electron/core/db/open';
import { tmpDir, tmpLedger } from '../helpers/ledger';
import { PUBLISHED_REPORT, importReport, initRound, readFixture, reportFixture } from '../helpers/report';

describe('importing a report into a ledger', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  it('fills the empty round of a new ledger, taking the report title and settings', () => {
    const roundId = initRound(t.db);
    const { preview, result } = importReport(t.db, readFixture(PUBLISHED_REPORT));
    expect(preview.target).toEqual({ mode: 'fill', roundId, roundTitle: '巡察反馈问题整改' });
    expect(result).toEqual({ roundId, categories: 5, problems: 63, measures: 205 });
    expect(listRounds(t.db)).toHaveLength(1);
    expect(getRound(t.db, roundId)).toMatchObject({
      title: '市委第五巡察组巡察市司法局党组反馈问题整改',
      inspectingBody: '市委第五巡察组',
      feedbackDate: '2024-07-24',
      periodEnd: '2024-11-24',
      periodLabel: '4个月',
    });
    expect(checkLedger(t.db)).toEqual([]);
  });

  it('writes codes, texts, measures with statuses and deadlines, and derives problem statuses', () => {
    initRound(t.db);
    const { result } = importReport(t.db, readFixture(PUBLISHED_REPORT));
    const problems = listProblemDetails(t.db, result.roundId);
    expect(problems.filter((p) => p.status === '已完成').map((p) => p.kind).sort()).toEqual([...Array(20).fill('general'), ...Array(33).fill('specific')]);
    const p = problems.find((x) => x.code === '2-2-1')!;
    expect(p.statusSource).toBe('derived');
    expect(p.status).toBe('正在推进');
    expect(p.measures.map((m) => [m.no, m.status, m.deadline.kind, m.completedDate])).toEqual([
      [1, '已完成', 'date', '2025-02-21'],
      [2, '已完成', 'date', '2025-02-21'],
      [3, '已完成', 'date', '2025-02-21'],
      [4, '正在推进', 'conditional', null],
      [5, '已完成', 'date', '2025-02-21'],
    ]);
    expect(problems.find((x) => x.code === '1-1')!.completedDate).toBe('2025-02-21');
  });

  it('counts completed problems as of the report date, not before it', () => {
    initRound(t.db);
    const { result } = importReport(t.db, readFixture(PUBLISHED_REPORT));
    expect(statsFor(t.db, result.roundId, '2025-02-21').general.completed).toBe(20);
    expect(statsFor(t.db, result.roundId, '2025-02-20').general.completed).toBe(0);
  });

  it('adds a second report as a new round that becomes current, leaving the first alone', () => {
    initRound(t.db);
    const first = importReport(t.db, readFixture(PUBLISHED_REPORT)).result.roundId;
    const { preview, result } = importReport(t.db, readFixture(reportFixture('variant-guanyu.txt')));
    expect(preview.target).toEqual({ mode: 'new' });
    expect(result.roundId).not.toBe(first);
    expect(currentRoundId(t.db)).toBe(result.roundId);
    expect(listProblemDetails(t.db, first)).toHaveLength(63);
    expect(listProblemDetails(t.db, result.roundId)).toHaveLength(7);
  });

  it('keeps a round title a person chose when filling an empty round', () => {
    runAction(t.db, { source: 'edit', label: '新建' }, () => t.db.raw.exec("INSERT INTO rounds (title, created_at) VALUES ('2024年巡察整改', '2024-01-01')"));
    importReport(t.db, readFixture(reportFixture('variant-guanyu.txt')));
    expect(listRounds(t.db).map((r) => r.title)).toEqual(['2024年巡察整改']);
  });

  it('refuses to commit a report with errors, and the ledger is unchanged', () => {
    initRound(t.db);
    const before = t.db.raw.prepare('SELECT count(*) AS n FROM history').get();
    const preview = previewReportImport(t.db, readFixture(reportFixture('bad-structure.txt')));
    expect(preview.summary).toMatchObject({ kind: 'report', unit: null, added: 0, updated: 0, unchanged: 0 });
    expect(() => runAction(t.db, { source: 'import', label: 'x' }, () => commitReportImport(t.db, preview, { batchId: null }))).toThrow(/2 处错误，未导入/);
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM history').get()).toEqual(before);
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM problems').get()).toEqual({ n: 0 });
  });

  it('an unreadable file comes back as a preview with one error, not a crash', () => {
    const preview = previewReportImport(t.db, { name: '报告.docx', bytes: new TextEncoder().encode('not a zip') });
    expect(preview.summary.errors).toEqual([{ sheet: '报告.docx', row: null, column: null, code: 'REPORT_NOT_DOCX', message: expect.stringContaining('“另存为” .docx') }]);
    expect(preview.summary.rows).toBe(0);
  });

  it('records an import batch whose action undoes the whole import exactly', () => {
    initRound(t.db);
    const listBefore = JSON.stringify(listRounds(t.db).map((r) => ({ ...r, createdAt: '' })));
    const preview = previewReportImport(t.db, readFixture(PUBLISHED_REPORT));
    const { batchId } = importReportFile(t.db, preview, '测试员');
    const batch = t.db.raw.prepare('SELECT file_name, kind, action_id, counts FROM import_batches WHERE id = ?').get(batchId) as { file_name: string; kind: string; action_id: number; counts: string };
    expect(batch).toMatchObject({ file_name: '000_2f0ad5af2777d313.txt', kind: 'report' });
    expect(JSON.parse(batch.counts)).toMatchObject({ general: 22, specific: 41, measures: 205 });
    revertActions(t.db, [batch.action_id], { source: 'system', label: '撤销导入' });
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM problems').get()).toEqual({ n: 0 });
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM measures').get()).toEqual({ n: 0 });
    expect(JSON.stringify(listRounds(t.db).map((r) => ({ ...r, createdAt: '' })))).toBe(listBefore);
  });

  it('says so when the same file was imported before', () => {
    initRound(t.db);
    importReportFile(t.db, previewReportImport(t.db, readFixture(reportFixture('variant-guanyu.txt'))));
    const again = previewReportImport(t.db, readFixture(reportFixture('variant-guanyu.txt')));
    expect(again.importedBefore).not.toBeNull();
    expect(again.summary.warnings[0]).toMatchObject({ code: 'ALREADY_IMPORTED', row: null });
  });
});

describe('cli import', () => {
  let t: ReturnType<typeof tmpDir>;
  beforeEach(() => (t = tmpDir()));
  afterEach(() => t.cleanup());

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('init then import fills the new ledger and prints the file summary as JSON', async () => {
    const ledger = path.join(t.dir, 'new.zgtz');
    expect((await cli('init', ledger)).code).toBe(0);
    const r = await cli('import', ledger, PUBLISHED_REPORT, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.committed).toBe(true);
    expect(json.files).toHaveLength(1);
    expect(json.files[0]).toMatchObject({ path: PUBLISHED_REPORT, kind: 'report', unit: null, rows: 63, added: 63, updated: 0, unchanged: 0, errors: [] });
    expect(json.files[0].warnings.map((w: { code: string }) => w.code)).toEqual(['HEADLINE_MISMATCH', 'HEADLINE_MISMATCH']);
    const list = JSON.parse((await cli('list', ledger, '--json')).out);
    expect(list).toHaveLength(63);
    expect(list.reduce((n: number, p: { measures: unknown[] }) => n + p.measures.length, 0)).toBe(205);
  });

  it('any error in any file: nothing is written, exit 1, errors with file and line', async () => {
    const ledger = path.join(t.dir, 'l.zgtz');
    await cli('init', ledger);
    const before = (await cli('list', ledger, '--json')).out;
    const r = await cli('import', ledger, reportFixture('variant-guanyu.txt'), reportFixture('bad-structure.txt'), '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.committed).toBe(false);
    expect(json.files[1].errors.map((e: { sheet: string; row: number; code: string }) => [e.sheet, e.row, e.code])).toEqual([
      ['bad-structure.txt', 3, 'NO_GENERAL'],
      ['bad-structure.txt', 11, 'DUPLICATE_NUMBER'],
    ]);
    expect((await cli('list', ledger, '--json')).out).toBe(before);
  });

  it('--dry-run writes nothing', async () => {
    const ledger = path.join(t.dir, 'l.zgtz');
    await cli('init', ledger);
    const r = await cli('import', ledger, reportFixture('variant-word.docx'), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('试运行');
    expect(JSON.parse((await cli('list', ledger, '--json')).out)).toEqual([]);
  });

  it('a missing input file is exit 2 with one Chinese line, and the ledger is untouched', async () => {
    const ledger = path.join(t.dir, 'l.zgtz');
    await cli('init', ledger);
    const size = fs.statSync(ledger).size;
    const r = await cli('import', ledger, path.join(t.dir, '没有这个文件.txt'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^找不到要导入的文件：/);
    const db = openDb(ledger);
    expect(db.raw.prepare('SELECT count(*) AS n FROM import_batches').get()).toEqual({ n: 0 });
    db.close();
    expect(fs.statSync(ledger).size).toBe(size);
  });
});
