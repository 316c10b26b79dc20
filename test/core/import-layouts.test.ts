import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { sharedFixture, tmpLedger } from '../helpers/ledger';
import { dumpLedger, importFiles, inputOf, listOf } from '../helpers/import';
import { runCliProcess } from '../helpers/cli';
import { generateLayout, NAMED_LAYOUTS, sourceFromList, type SourceCategory } from '../helpers/layouts';
import { buildXlsx, returnWorkbook, tableRows } from '../fixtures/import/build';
import { getMeta } from '../../electron/core/ledger/meta';
import { ledgerVersion } from '../../electron/core/ledger/actions';
import { findProblemByCode } from '../../electron/core/ledger/problems';
import { currentRoundId } from '../../electron/core/ledger/rounds';
import { chineseText } from '../fixtures/import/large';
import { undoBatch } from '../../electron/core/excel/import/batches';
import { getProblemDetail } from '../../electron/core/ledger/views';
import { exportLedgerWorkbook } from '../../electron/core/excel/write/exports';
import { readWorkbook } from '../helpers/workbook';
import { toChineseNumeral } from '../../shared/domain/numerals';
import type { MeasureStatus } from '../../shared/domain/status';

type List = ReturnType<typeof listOf>;
let master: List;
let source: SourceCategory[];

beforeAll(async () => {
  const t = tmpLedger();
  try {
    await importFiles(t.db, ['整改台账-总表.xlsx']);
    master = listOf(t.db);
    source = sourceFromList(master);
  } finally {
    t.cleanup();
  }
});

const counts = (l: List) => ({
  categories: new Set(l.map((p) => p.category)).size,
  general: l.filter((p) => p.kind === 'general').length,
  specific: l.filter((p) => p.kind === 'specific').length,
  measures: l.reduce((n, p) => n + p.measures.length, 0),
});

describe('master ledgers in the layouts offices keep (issue 10 acceptance)', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  it('a flat master with category and kind columns imports as 5 categories, 22 general, 41 specific, 205 measures, as published', async () => {
    const layout = generateLayout(source, NAMED_LAYOUTS.flat!, 'flat');
    const r = await importFiles(t.db, [{ name: '整改台账-平铺.xlsx', bytes: layout.bytes }]);
    expect(r.files[0]!.errors).toEqual([]);
    expect(r.files[0]).toMatchObject({ kind: 'ledger', counts: { categories: 5, general: 22, specific: 41, measures: 205 } });
    expect(r.files[0]!.kindReason).toMatch(/问题类别列.*问题类型列|问题类型列/);
    const got = listOf(t.db);
    expect(counts(got)).toEqual({ categories: 5, general: 22, specific: 41, measures: 205 });
    expect(got).toEqual(master);
  });

  it('a system export (one row per measure, repeated problem cells, dotted codes, split 面上/具体 text, 任务状态, extra columns) imports as the published ledger', async () => {
    const layout = generateLayout(source, NAMED_LAYOUTS.systemExport!, 'systemExport');
    const r = await importFiles(t.db, [{ name: '督查督办系统导出.xlsx', bytes: layout.bytes }]);
    expect(r.files[0]!.errors).toEqual([]);
    expect(r.files[0]).toMatchObject({ kind: 'ledger', counts: { categories: 5, general: 22, specific: 41, measures: 205 } });
    const got = listOf(t.db);
    expect(got).toEqual(master);
    // Per-measure statuses as published: 1-2 has measures done and not done.
    const partial = master.filter((p) => new Set(p.measures.map((m) => m.status)).size > 1);
    expect(partial.length).toBeGreaterThan(0);
    for (const p of partial) expect(got.find((x) => x.code === p.code)!.measures.map((m) => m.status)).toEqual(p.measures.map((m) => m.status));
    // 原因分析, 举一反三情况, 整改周期 are kept on each problem, shown by its detail, exported back, undone with the batch.
    const id = (code: string) => (t.db.raw.prepare('SELECT id FROM problems WHERE code = ?').get(code) as { id: number }).id;
    for (const code of ['1-1', '3-1-2', '5-5-2']) {
      const e = layout.extras.get(code)!;
      expect(getProblemDetail(t.db, id(code))!.extras).toEqual([
        { measureId: null, label: '原因分析', value: e.原因分析 },
        { measureId: null, label: '举一反三情况', value: e.举一反三情况 },
        { measureId: null, label: '整改周期', value: e.整改周期 },
      ]);
    }
    const roundId = r.roundId!;
    const out = await exportLedgerWorkbook(t.db, roundId, { asOf: '2024-12-01' });
    const wb = await readWorkbook(out.files[0]!.bytes!);
    const sheet = wb.getWorksheet('其他信息')!;
    expect([1, 2, 3, 4, 5].map((c) => sheet.getRow(1).getCell(c).text)).toEqual(['编号', '措施序号', '原因分析', '举一反三情况', '整改周期']);
    expect(sheet.rowCount).toBe(1 + 63);
    expect([1, 3].map((c) => sheet.getRow(2).getCell(c).text)).toEqual(['1-1', layout.extras.get('1-1')!.原因分析]);
    undoBatch(t.db, r.batchIds[0]!, '测试员');
    expect((t.db.raw.prepare('SELECT count(*) AS n FROM extra_fields').get() as { n: number }).n).toBe(0);

    // Its columns were read by their words; 原因分析 and 举一反三情况 are kept, not reported as lost.
    const roles = Object.fromEntries(r.files[0]!.columns.map((c) => [c.label, c.role]));
    expect(roles).toMatchObject({ 主要方面: 'category', 面上问题内容: 'generalText', 问题的具体内容: 'specificText', 措施编号: 'measureNo', 完成情况: 'progress', 原因分析: 'reason', 举一反三情况: 'extra', 整改周期: 'extra' });
  });

  it('reads 配合单位 columns, and a 牵头单位 cell naming several units as the lead and cooperating ones', async () => {
    const bytes = returnWorkbook(
      ['编号', '问题类别', '问题表现', '整改措施', '牵头单位', '配合单位'],
      [
        ['1-1', '统筹协调不够', '统筹推进不够有力。', '1.制定工作要点\n2.召开会议', '法治调研科、立法科', '局办公室、政治部'],
        ['1-1-1', '统筹协调不够', '未充分发挥统筹作用。', '健全机制', '法治调研科', '立法科'],
      ],
    );
    const r = await importFiles(t.db, [{ name: '台账-配合单位.xlsx', bytes }]);
    expect(r.files[0]!.errors).toEqual([]);
    expect(r.files[0]).toMatchObject({ kind: 'ledger', counts: { categories: 1, general: 1, specific: 1, measures: 3 } });
    const got = listOf(t.db);
    expect(got.map((p) => [p.code, p.category, p.leadUnit, p.units])).toEqual([
      ['1-1', '统筹协调不够', '法治调研科', ['立法科', '局办公室', '政治部']],
      ['1-1-1', '统筹协调不够', '法治调研科', ['立法科']],
    ]);
  });

  it('a generated master of 10,000 problems in the flat layout imports whole', async () => {
    const big: SourceCategory[] = [];
    // The result phrase (第一三项完成整改;第二项未完成整改) tells done from not done, as the published report does.
    const statuses: MeasureStatus[] = ['已完成', '正在推进', '已完成'];
    let i = 0;
    for (let c = 1; c <= 10; c++) {
      const cat: SourceCategory = { no: c, title: `第${toChineseNumeral(c)}方面：${chineseText(c, 16)}`, problems: [] };
      for (let g = 1; g <= 100; g++) {
        for (let s = 0; s <= 9; s++) {
          i++;
          cat.problems.push({
            code: s ? `${c}-${g}-${s}` : `${c}-${g}`,
            kind: s ? 'specific' : 'general',
            text: `问题${i}：${chineseText(i, 20)}`,
            leaders: ['局党组成员、副局长'],
            leadUnit: `第${(i % 17) + 1}科`,
            units: [],
            deadline: '2024年11月20日',
            measures: Array.from({ length: (i % 3) + 1 }, (_, k) => ({ text: `措施${k + 1}：${chineseText(i * 7 + k, 12)}`, status: statuses[(i + k) % 3]! })),
          });
        }
      }
      big.push(cat);
    }
    expect(big.reduce((n, c) => n + c.problems.length, 0)).toBe(10_000);
    const layout = generateLayout(big, NAMED_LAYOUTS.flat!, 'flat-10000');
    const r = await importFiles(t.db, [{ name: '整改台账-万条.xlsx', bytes: layout.bytes }]);
    expect(r.files[0]!.errors.slice(0, 3)).toEqual([]);
    expect(r.files[0]).toMatchObject({ kind: 'ledger', counts: { categories: 10, general: 1000, specific: 9000, measures: 20_000 } });
    const got = listOf(t.db);
    expect(got).toHaveLength(10_000);
    const want = big.flatMap((c) => c.problems);
    for (const k of [0, 1, 4567, 9999]) {
      expect(got[k]).toMatchObject({ code: want[k]!.code, text: want[k]!.text, leadUnit: want[k]!.leadUnit, measures: want[k]!.measures.map((m) => expect.objectContaining(m)) });
    }
  }, 300_000);
});

describe('returns in the layouts offices send (issue 10 acceptance)', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(async () => {
    t = tmpLedger();
    await importFiles(t.db, ['整改台账-总表.xlsx']);
  });
  afterEach(() => t.cleanup());
  const problem = (code: string) => listOf(t.db).find((p) => p.code === code)!;

  it('a return with one row per measure sets each measure’s status and derives the problem’s', async () => {
    const p = master.find((x) => x.measures.length >= 3 && x.measures.every((m) => m.status === '已完成'))!;
    const rows = p.measures.map((m, i) => [p.code, p.text, m.text, i === 1 ? '正在推进' : '已完成', i === 0 ? '已召开专题会议' : null]);
    const bytes = returnWorkbook(['编号', '问题表现', '整改措施', '完成情况', '整改进展'], rows, {}, [['巡察整改进展情况（法治调研科）'], ['填报时间：2024年11月30日']]);
    const r = await importFiles(t.db, [{ name: '回执-每项措施一行.xlsx', bytes }]);
    expect(r.files[0]!.errors).toEqual([]);
    expect(r.files[0]).toMatchObject({ kind: 'return', rows: 1, updated: 1 });
    expect(r.files[0]!.kindReason).toMatch(/回执/);
    const after = problem(p.code);
    expect(after.measures.map((m) => m.status)).toEqual(p.measures.map((_, i) => (i === 1 ? '正在推进' : '已完成')));
    expect(after.status).toBe('正在推进');
    expect(after.progress.at(-1)).toEqual({ date: '2024-11-30', text: '已召开专题会议' });
  });

  it('a return with 面上/具体 as two text columns and 二（三）2 codes sets statuses and reads its unit from the title', async () => {
    const g = master.find((x) => x.code === '2-5')!;
    const specifics = master.filter((x) => x.code.startsWith('2-5-'));
    const rows = [
      ['二（五）', g.text, null, '已按措施推进', '否'],
      ...specifics.map((s, i) => [`二（五）${i + 1}`, g.text, s.text, '已全部落实', '是']),
    ];
    const bytes = returnWorkbook(['序号', '面上问题', '具体问题', '整改进展', '是否整改到位'], rows, {}, [['律师工作科关于巡察反馈问题整改进展情况的报告（附表）']]);
    const r = await importFiles(t.db, [{ name: '附表.xlsx', bytes }]);
    expect(r.files[0]!.errors).toEqual([]);
    expect(r.files[0]).toMatchObject({ kind: 'return', unit: '律师工作科', unitSource: '标题', updated: 1 + specifics.length });
    for (const s of specifics) {
      const after = problem(s.code);
      expect(after.status).toBe('已完成');
      expect(after.measures.every((m) => m.status === '已完成')).toBe(true);
    }
    expect(problem('2-5').progress.at(-1)!.text).toBe('已按措施推进');
  });

  it('a return whose status column is empty, changing only progress, is said to be suspicious', async () => {
    const bytes = returnWorkbook(['编号', '整改进展', '完成状态'], [['2-3', '召开专题会议', null], ['5-1', '已印发方案', null]], { modified: '2024-12-01T08:00:00Z' });
    const r = await importFiles(t.db, [{ name: '回执-状态空白.xlsx', bytes }], { commit: false });
    expect(r.files[0]!.warnings).toContainEqual(expect.objectContaining({ code: 'STATUS_COLUMN_EMPTY', column: 'C', message: expect.stringMatching(/^“完成状态”列一个状态也没有填写/) }));
  });

  it('flags a return template issued from a later state of the ledger (a backup restored since)', async () => {
    const roundId = currentRoundId(t.db)!;
    const template = (version: number) =>
      buildXlsx({
        sheets: [
          { name: '回执', rows: tableRows([['编号', '整改进展', '完成状态'], ['5-4', '已建立机关党建台账', '正在推进']]) },
          {
            name: '台账标识',
            state: 'veryHidden',
            rows: tableRows([
              ['整改台账回执模板', 1],
              ['ledgerId', getMeta(t.db, 'ledger_id')!],
              ['roundId', roundId],
              ['ledgerVersion', version],
              ['unit', '机关党办'],
              ['issuedAt', '2024-11-01'],
              [],
              ['sheetRow', 'problemId', 'code'],
              [2, findProblemByCode(t.db, roundId, '5-4')!.id, '5-4'],
            ]),
          },
        ],
      });
    const now = ledgerVersion(t.db);
    const current = await importFiles(t.db, [{ name: '机关党办回执.xlsx', bytes: template(now) }], { commit: false });
    expect(current.files[0]!.warnings.map((w) => w.code)).not.toContain('TEMPLATE_NEWER');
    const newer = await importFiles(t.db, [{ name: '机关党办回执.xlsx', bytes: template(now + 40) }], { commit: false });
    expect(newer.files[0]!.warnings).toContainEqual(expect.objectContaining({ code: 'TEMPLATE_NEWER', message: expect.stringContaining(`版本 ${now + 40}`) }));
  });

  it('a status column that cannot be applied is an error and nothing is written, unless the column is ignored', async () => {
    const bytes = returnWorkbook(['编号', '整改进展', '完成状态', '是否整改到位'], [['2-3', '召开专题会议', '正在推进', '是']], { modified: '2024-12-01T08:00:00Z' });
    const before = dumpLedger(t.db);
    const r = await importFiles(t.db, [{ name: '回执-两个状态列.xlsx', bytes }]);
    expect(r.committed).toBe(false);
    expect(r.files[0]!.errors).toEqual([expect.objectContaining({ code: 'COLUMN_NOT_APPLIED', column: 'D', message: expect.stringMatching(/^是否整改到位列未导入/) })]);
    expect(dumpLedger(t.db)).toEqual(before);

    const ignored = await importFiles(t.db, [inputOf({ name: '回执-两个状态列.xlsx', bytes }, { ignoreColumns: ['是否整改到位'] })]);
    expect(ignored.files[0]!.errors).toEqual([]);
    expect(ignored.committed).toBe(true);
    expect(problem('2-3').status).toBe('正在推进');
  });

  it('--skip-bad-rows imports the good rows of bad-dates-and-statuses.xlsx, lists the bad ones, and the batch undoes as a whole', async () => {
    const before = dumpLedger(t.db);
    const strict = await importFiles(t.db, ['bad-dates-and-statuses.xlsx'], { commit: true });
    expect(strict.committed).toBe(false);
    expect(dumpLedger(t.db)).toEqual(before);
    // Row 3's 明年上半年 is free text the deadline rule keeps (issue 13: marked, listed as a warning, not counted
    // in deadline figures), so rows 2 and 4 are the bad ones.
    expect(strict.files[0]).toMatchObject({ skippable: true, badRows: [2, 4] });
    expect(strict.files[0]!.warnings.some((w) => w.row === 3 && /明年上半年/.test(w.message))).toBe(true);

    const { executeImport, prepareImport } = await import('../../electron/core/excel/import/engine');
    const r = executeImport(t.db, await prepareImport(t.db, [inputOf('bad-dates-and-statuses.xlsx')]), { commit: true, skipBadRows: true });
    expect(r.committed).toBe(true);
    const f = r.files[0]!;
    expect(f.errors).toEqual([]);
    expect(f.skipped.map((e) => [e.row, e.code])).toEqual([
      [2, 'BAD_DEADLINE'],
      [2, 'BAD_STATUS'],
      [4, 'BAD_DEADLINE'],
      [4, 'BAD_STATUS'],
    ]);
    // The good row (2-5-1, 已完成, as the ledger already has it) is read; the bad ones are listed.
    expect(f).toMatchObject({ rows: 3, updated: 0, unchanged: 1, badRows: [2, 4] });
    expect(problem('2-5-1').status).toBe('已完成');
    expect(r.batchIds).toHaveLength(1);

    // Good and bad rows together: the good ones go in, as one batch that undoes as a whole.
    const bytes = returnWorkbook(
      ['编号', '具体问题', '整改时限', '完成状态', '整改进展'],
      [
        ['2-3', null, '2024年12月31日', '正在推进', '已召开专题会议'],
        ['2-5', null, '2024-13-45', '差不多了', '写错的行'],
        ['5-1', null, null, '已完成', '已全部完成'],
      ],
      { modified: '2024-12-01T08:00:00Z' },
    );
    const listBefore = listOf(t.db);
    const mixed = executeImport(t.db, await prepareImport(t.db, [inputOf({ name: '回执-部分有错.xlsx', bytes })]), { commit: true, skipBadRows: true });
    expect(mixed.committed).toBe(true);
    expect(mixed.files[0]).toMatchObject({ rows: 3, updated: 2, badRows: [3], errors: [] });
    expect(mixed.files[0]!.skipped.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'C', 'BAD_DEADLINE'],
      [3, 'D', 'BAD_STATUS'],
    ]);
    expect(problem('2-3').progress.at(-1)!.text).toBe('已召开专题会议');
    expect(problem('5-1').status).toBe('已完成');
    expect(problem('2-5').progress.map((g) => g.text)).not.toContain('写错的行');
    undoBatch(t.db, mixed.batchIds[0]!, '测试员');
    expect(listOf(t.db)).toEqual(listBefore);
  });
});

describe('the command line (issue 10)', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(async () => {
    t = tmpLedger();
    await importFiles(t.db, ['整改台账-总表.xlsx']);
    t.db.close();
  });
  afterEach(() => fs.rmSync(t.dir, { recursive: true, force: true }));

  it('exits 1 on an unapplied status column, 0 once --ignore-column names it; --skip-bad-rows lists what it skipped', () => {
    const file = path.join(t.dir, '回执-两个状态列.xlsx');
    fs.writeFileSync(file, returnWorkbook(['编号', '整改进展', '完成状态', '是否整改到位'], [['2-3', '召开专题会议', '正在推进', '是']], { modified: '2024-12-01T08:00:00Z' }));
    const refused = runCliProcess(['import', t.file, file, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ committed: false, files: [{ errors: [expect.objectContaining({ code: 'COLUMN_NOT_APPLIED' })] }] });
    const ok = runCliProcess(['import', t.file, file, '--json', '--ignore-column', '是否整改到位']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ committed: true });

    const bad = path.join(t.dir, 'bad.xlsx');
    fs.copyFileSync(sharedFixture('workbooks', 'bad-dates-and-statuses.xlsx'), bad);
    const skipped = runCliProcess(['import', t.file, bad, '--json', '--skip-bad-rows']);
    expect(skipped.code).toBe(0);
    const out = JSON.parse(skipped.stdout);
    expect(out.committed).toBe(true);
    expect(out.files[0].skippedRows).toEqual([2, 4]);
    expect(out.files[0].skipped.map((e: { row: number }) => e.row)).toEqual([2, 2, 4, 4]);
  });
});
