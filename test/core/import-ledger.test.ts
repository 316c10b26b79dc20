import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { runAction } from '../../electron/core/ledger/actions';
import { createRound } from '../../electron/core/ledger/rounds';
import { findProblemByCode, getProblemRow } from '../../electron/core/ledger/problems';
import { listProblemDetails } from '../../electron/core/ledger/views';
import { formatResultPhrase } from '../../shared/domain/resultPhrase';
import { parseDeadline } from '../../shared/domain/deadline';
import { splitMeasures } from '../../electron/core/excel/layout/measures';
import { normalizeText } from '../../electron/core/excel/import/match';
import { sharedFixture, tmpLedger } from '../helpers/ledger';
import { dumpLedger, importFiles, listOf } from '../helpers/import';

interface ReportProblem {
  kind: 'general' | 'specific';
  category: number;
  text: string;
  measures: string[];
  deadline: string;
  result: string;
}

/** The published report's structure: (一)反馈问题 → 1.面上问题 → (1)具体问题, each with 整改情况/时限/结果. */
function parseReport(): { categories: string[]; problems: ReportProblem[] } {
  const categories: string[] = [];
  const problems: ReportProblem[] = [];
  for (const line of fs.readFileSync(sharedFixture('reports', '000_2f0ad5af2777d313.txt'), 'utf8').split('\n')) {
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^\(([一二三四五])\)反馈问题:(.*)$/))) categories.push(m[2]!.trim());
    else if ((m = line.match(/^\d+\.面上问题:(.*)$/))) problems.push({ kind: 'general', category: categories.length, text: m[1]!.trim(), measures: [], deadline: '', result: '' });
    else if ((m = line.match(/^(?:\(\d+\))?具体问题:(.*)$/))) problems.push({ kind: 'specific', category: categories.length, text: m[1]!.trim(), measures: [], deadline: '', result: '' });
    else if ((m = line.match(/^整改情况:(.*)$/))) problems.at(-1)!.measures = splitMeasures(m[1]!);
    else if ((m = line.match(/^整改时限:(.*)$/))) problems.at(-1)!.deadline = m[1]!.trim();
    else if ((m = line.match(/^整改结果:(.*)$/))) problems.at(-1)!.result = m[1]!.trim();
  }
  return { categories, problems };
}

describe('importing the master ledger', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  it('creates 5 categories, 22 general and 41 specific problems and 205 measures, as the published report has them', async () => {
    const result = await importFiles(t.db, ['整改台账-总表.xlsx']);
    expect(result.ok).toBe(true);
    expect(result.committed).toBe(true);
    expect(result.files[0]).toMatchObject({ kind: 'ledger', rows: 63, added: 63, updated: 0, unchanged: 0, counts: { categories: 5, general: 22, specific: 41, measures: 205 } });

    const report = parseReport();
    const problems = listProblemDetails(t.db, result.roundId!);
    expect(problems).toHaveLength(63);
    expect(problems.filter((p) => p.kind === 'general')).toHaveLength(22);
    expect(problems.filter((p) => p.kind === 'specific')).toHaveLength(41);
    expect(problems.reduce((n, p) => n + p.measures.length, 0)).toBe(205);
    expect(report.problems).toHaveLength(63);

    // Problem by problem, in order: category, kind, text, number of measures and their texts, deadline, result.
    report.problems.forEach((r, i) => {
      const p = problems[i]!;
      expect({ code: p.code, kind: p.kind, category: p.categoryNo }).toEqual({ code: p.code, kind: r.kind, category: r.category });
      expect(normalizeText(p.text)).toBe(normalizeText(r.text));
      expect(p.measures.map((m) => normalizeText(m.text))).toEqual(r.measures.map(normalizeText));
      const rd = parseDeadline(r.deadline, 2024);
      expect({ code: p.code, kind: p.deadline.kind, date: p.deadline.date }).toEqual({ code: p.code, kind: rd.kind, date: rd.date });
      expect({ code: p.code, result: formatResultPhrase(p.measures.map((m) => m.status)) }).toEqual({ code: p.code, result: r.result.replace(/[。]$/, '').replace(/,/g, ';') });
    });
    expect(report.categories.map(normalizeText)).toEqual([...new Set(problems.map((p) => p.categoryTitle))].map(normalizeText));

    // Codes from the structure, not from 序号: 2-5-2 is the 2nd specific problem under general 5 of category 2.
    expect(problems.map((p) => p.code).slice(0, 6)).toEqual(['1-1', '1-1-1', '1-2', '1-2-1', '1-2-2', '1-2-3']);
    const p252 = problems.find((p) => p.code === '2-5-2')!;
    expect(p252).toMatchObject({ text: '推动全市律师自媒体备案工作进展缓慢,存在监管盲区。', leadUnit: '律师工作科', leaders: ['局党组成员、副局长（分管律师）'] });
    expect(p252.deadline).toEqual({ raw: '2024年11月20日', kind: 'date', date: '2024-11-20' });
    expect(problems.find((p) => p.code === '3-1-2')!.deadline).toEqual({ raw: '根据中央依法治国办的部署完成整改', kind: 'conditional', date: null });
    // By its detail, 20 general and 33 specific problems are fully completed.
    expect(problems.filter((p) => p.kind === 'general' && p.status === '已完成')).toHaveLength(20);
    expect(problems.filter((p) => p.kind === 'specific' && p.status === '已完成')).toHaveLength(33);
    expect(problems.find((p) => p.code === '2-2')!.measures.map((m) => m.status)).toEqual(['已完成', '正在推进', '已完成']);
  });

  it('names the round after the sheet’s title when the ledger has none yet', async () => {
    await importFiles(t.db, ['整改台账-总表.xlsx']);
    const round = t.db.raw.prepare('SELECT title FROM rounds').all();
    expect(round).toEqual([{ title: '市司法局党组巡察反馈问题整改' }]);
  });

  it('imports into the current round of a new ledger, and a second import of the same file is refused', async () => {
    runAction(t.db, { source: 'system', label: '新建台账' }, () => createRound(t.db, { title: '2024年市委第五巡察组反馈' }));
    await importFiles(t.db, ['整改台账-总表.xlsx']);
    const before = dumpLedger(t.db);
    const again = await importFiles(t.db, ['整改台账-总表.xlsx']);
    expect(again.committed).toBe(false);
    expect(again.files[0]!.errors).toEqual([expect.objectContaining({ code: 'DUPLICATE_FILE', message: expect.stringMatching(/已于 .* 导入过.*撤销该批次/) })]);
    expect(again.files[0]!.duplicateOf).toMatchObject({ fileName: '整改台账-总表.xlsx' });
    expect(dumpLedger(t.db)).toEqual(before);
  });

  it('reads a file once for its preview and its commit when a cache is given', async () => {
    const { prepareImport, preparedCache } = await import('../../electron/core/excel/import/engine');
    const { inputOf } = await import('../helpers/import');
    const cache = preparedCache();
    const [first] = await prepareImport(t.db, [inputOf('整改台账-总表.xlsx')], { cache });
    const [again] = await prepareImport(t.db, [inputOf('整改台账-总表.xlsx')], { cache });
    expect(again!.analysis).toBe(first!.analysis);
    const [otherKind] = await prepareImport(t.db, [inputOf('整改台账-总表.xlsx', { kind: 'return' })], { cache });
    expect(otherKind!.analysis).not.toBe(first!.analysis);
  });

  it('previews without writing anything: same ledger, same history', async () => {
    const before = dumpLedger(t.db);
    const actions = t.db.raw.prepare('SELECT count(*) AS n FROM actions').get();
    const preview = await importFiles(t.db, ['整改台账-总表.xlsx'], { commit: false });
    expect(preview.committed).toBe(false);
    expect(preview.files[0]).toMatchObject({ added: 63, counts: { measures: 205 } });
    expect(preview.files[0]!.changes).toHaveLength(63);
    expect(dumpLedger(t.db)).toEqual(before);
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM actions').get()).toEqual(actions);
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM import_batches').get()).toEqual({ n: 0 });
  });
});

const RETURNS: [file: string, unit: string, codes: string[]][] = [
  ['回执-政治部.xlsx', '政治部', ['2-5', '2-5-1', '2-5-3', '5-1', '5-1-1', '5-3', '5-3-1', '5-4-1']],
  ['回执-社区矫正科.xlsx', '社区矫正科', ['2-3', '2-3-1', '2-3-2']],
  ['回执-律师工作科.xlsx', '律师工作科', ['2-5-2', '3-4-1', '4-1-3']],
  ['回执-政治部-GBK.csv', '政治部', ['2-5', '2-5-1', '2-5-3', '5-1', '5-1-1', '5-3', '5-3-1', '5-4-1']],
];

describe('importing departmental returns', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(async () => {
    t = tmpLedger();
    await importFiles(t.db, ['整改台账-总表.xlsx']);
  });
  afterEach(() => t.cleanup());

  /** Put a unit's problems back to 正在推进 (as a person would), so that the return's status shows. */
  function reopen(unit: string): void {
    runAction(t.db, { source: 'edit', label: '测试：改为正在推进' }, () => {
      for (const p of listOf(t.db).filter((x) => x.leadUnit === unit)) {
        t.db.raw.prepare("UPDATE problems SET status = '正在推进', status_source = 'manual', completed_date = NULL WHERE code = ?").run(p.code);
      }
    });
  }

  for (const [file, unit, codes] of RETURNS) {
    it(`${file} updates exactly the problems of ${unit}, with status and progress as written`, async () => {
      reopen(unit);
      const before = listOf(t.db);
      expect(before.filter((p) => p.leadUnit === unit).map((p) => p.code).sort()).toEqual([...codes].sort());
      const result = await importFiles(t.db, [file]);
      expect(result.files[0]!.errors).toEqual([]);
      expect(result.files[0]).toMatchObject({ kind: 'return', unit, rows: codes.length, updated: codes.length, added: 0 });
      const after = listOf(t.db);
      const changed = after.filter((p, i) => JSON.stringify(p) !== JSON.stringify(before[i])).map((p) => p.code);
      expect(changed.sort()).toEqual([...codes].sort());
      const date = result.files[0]!.reportDate!;
      for (const code of codes) {
        const p = after.find((x) => x.code === code)!;
        expect(p.status).toBe('已完成');
        expect(p.progress.at(-1)).toEqual({ date, text: '已按措施全部落实。' });
        const row = getProblemRow(t.db, findProblemByCode(t.db, result.roundId!, code)!.id);
        expect(row).toMatchObject({ status_source: 'import', status_reason: `${file} 回执` });
      }
      expect(JSON.stringify(after)).not.toContain('\uFFFD');
    });
  }

  it('dates progress from the 填报 row, and lists evidence without files, once', async () => {
    const result = await importFiles(t.db, ['回执-政治部.xlsx']);
    expect(result.files[0]).toMatchObject({ reportDate: '2024-11-15', reportDateSource: '填报日期', unitSource: '标题' });
    const id = findProblemByCode(t.db, result.roundId!, '2-5')!.id;
    const evidence = () => t.db.raw.prepare('SELECT seq, title, sha256, source FROM evidence WHERE problem_id = ? ORDER BY seq').all(id);
    expect(evidence()).toEqual([
      { seq: 1, title: '工作方案.pdf', sha256: null, source: 'import' },
      { seq: 2, title: '会议纪要.pdf', sha256: null, source: 'import' },
    ]);
    // The same return saved as CSV: nothing new (same progress, evidence already listed).
    const csv = await importFiles(t.db, ['回执-政治部-GBK.csv']);
    expect(csv.files[0]).toMatchObject({ updated: 0, unchanged: 8 });
    expect(evidence()).toHaveLength(2);
  });

  it('matches rows without a code by their text, whatever the punctuation and spaces', async () => {
    const { returnWorkbook } = await import('../fixtures/import/build');
    const bytes = returnWorkbook(['具体问题', '整改进展', '完成状态'], [['2023年，局党组 未专题研究意识形态工作', '已召开专题会议', '正在推进']]);
    const result = await importFiles(t.db, [{ name: '回执-政治部-无编号.xlsx', bytes }]);
    expect(result.files[0]!.changes[0]).toMatchObject({ match: 'text', code: '2-5-1', action: 'update' });
    expect(listOf(t.db).find((p) => p.code === '2-5-1')!.status).toBe('正在推进');
  });

  it('applies a match by similarity only once the person confirms it', async () => {
    const { returnWorkbook } = await import('../fixtures/import/build');
    const { inputOf } = await import('../helpers/import');
    const { undoBatch } = await import('../../electron/core/excel/import/batches');
    const bytes = returnWorkbook(['问题表现', '进展情况'], [['议事决策不够规范，质量也不高', '已修订议事规则']]);
    const file = { name: '回执-机关党办.xlsx', bytes };
    const before = dumpLedger(t.db);
    const unconfirmed = await importFiles(t.db, [file]);
    expect(unconfirmed.files[0]!.changes[0]).toMatchObject({ match: 'similar', code: '5-1-2', action: 'skip', needsConfirmation: true });
    expect(unconfirmed.files[0]!.warnings).toEqual([expect.objectContaining({ code: 'NEEDS_CONFIRMATION', row: 2 })]);
    // Committed (the batch is recorded), but the unconfirmed row changed nothing.
    expect(unconfirmed.committed).toBe(true);
    const after = dumpLedger(t.db);
    expect(after.problems).toEqual(before.problems);
    expect(after.progress).toEqual(before.progress);

    undoBatch(t.db, unconfirmed.batchIds[0]!);
    const confirmed = await importFiles(t.db, [inputOf(file, { confirm: [2] })]);
    expect(confirmed.files[0]!.changes[0]).toMatchObject({ match: 'similar', action: 'update' });
    expect(listOf(t.db).find((p) => p.code === '5-1-2')!.progress.at(-1)!.text).toBe('已修订议事规则');
  });

  it('reads 第一三项完成整改;第二项未完成整改 in a return as per-measure statuses', async () => {
    const { returnWorkbook } = await import('../fixtures/import/build');
    const bytes = returnWorkbook(['编号', '完成状态'], [['2-2', '第一二项完成整改;第三项未完成整改']], { modified: '2024-12-01T08:00:00Z' });
    const result = await importFiles(t.db, [{ name: '回执-合法性审查科.xlsx', bytes }]);
    expect(result.files[0]!.errors).toEqual([]);
    const p = listOf(t.db).find((x) => x.code === '2-2')!;
    expect(p.measures.map((m) => m.status)).toEqual(['已完成', '已完成', '正在推进']);
    expect(p.status).toBe('正在推进');
    expect(result.files[0]).toMatchObject({ reportDate: '2024-12-01', reportDateSource: '文件保存日期' });
  });
});

describe('files that must be refused', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(async () => {
    t = tmpLedger();
    await importFiles(t.db, ['整改台账-总表.xlsx']);
  });
  afterEach(() => t.cleanup());

  const cases: [string, { row: number | null; column: string | null; code: string; message: RegExp }[]][] = [
    [
      'bad-dates-and-statuses.xlsx',
      [
        { row: 2, column: 'C', code: 'BAD_DEADLINE', message: /2024-13-45.*不是有效日期/ },
        { row: 2, column: 'D', code: 'BAD_STATUS', message: /差不多了/ },
        { row: 4, column: 'C', code: 'BAD_DEADLINE', message: /2024年2月30日.*只有29天/ },
        { row: 4, column: 'D', code: 'BAD_STATUS', message: /“OK”/ },
      ],
    ],
    ['bad-no-key-columns.xlsx', [{ row: 1, column: null, code: 'NO_KEY_COLUMNS', message: /既没有“编号\/序号”列，也没有“问题/ }]],
    ['bad-not-a-workbook.xlsx', [{ row: null, column: null, code: 'ZIP_CORRUPT', message: /不是完整的 \.xlsx/ }]],
    ['bad-unknown-code.xlsx', [{ row: 2, column: 'A', code: 'NO_MATCH', message: /9-9-9.*不存在/ }]],
    ['回执-社区矫正科.xls', [{ row: null, column: null, code: 'XLS', message: /Excel 97-2003.*另存为 \.xlsx/ }]],
  ];

  for (const [file, expected] of cases) {
    it(`${file}: ${expected.map((e) => e.code).join(', ')}; the ledger unchanged`, async () => {
      const before = dumpLedger(t.db);
      const list = listOf(t.db);
      const result = await importFiles(t.db, [file]);
      expect(result.committed).toBe(false);
      expect(result.files[0]!.errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual(expected.map(({ row, column, code }) => ({ row, column, code })));
      result.files[0]!.errors.forEach((e, i) => expect(e.message).toMatch(expected[i]!.message));
      if (file === 'bad-dates-and-statuses.xlsx') {
        // The one deadline rule: text that names no date is kept as text, listed as a warning with its row
        // (as the grid, paste and bulk set ask to confirm it), never an error in one path only.
        expect(result.files[0]!.warnings.filter((w) => w.code === 'DEADLINE_TEXT').map(({ row, column }) => ({ row, column }))).toEqual([{ row: 3, column: 'C' }]);
        expect(result.files[0]!.warnings.find((w) => w.code === 'DEADLINE_TEXT')!.message).toContain('只保留文字，不计入期限统计');
      }
      expect(dumpLedger(t.db)).toEqual(before);
      expect(listOf(t.db)).toEqual(list);
    });
  }

  it('writes nothing from any file when one file of the batch has an error', async () => {
    const before = dumpLedger(t.db);
    const result = await importFiles(t.db, ['回执-政治部.xlsx', 'bad-unknown-code.xlsx', '回执-律师工作科.xlsx']);
    expect(result.committed).toBe(false);
    expect(result.files.map((f) => f.errors.length)).toEqual([0, 1, 0]);
    expect(result.files[0]!.updated).toBe(8);
    expect(dumpLedger(t.db)).toEqual(before);
  });
});

describe('undoing an import batch', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  it('restores the ledger exactly, return first, then the master; the same file may then be imported again', async () => {
    const { undoBatch, listBatches } = await import('../../electron/core/excel/import/batches');
    const empty = dumpLedger(t.db);
    const master = await importFiles(t.db, ['整改台账-总表.xlsx']);
    const afterMaster = dumpLedger(t.db);
    const listAfterMaster = listOf(t.db);
    const ret = await importFiles(t.db, ['回执-政治部.xlsx', '回执-社区矫正科.xlsx']);
    expect(ret.batchIds).toHaveLength(2);

    // The master cannot be undone while returns built on it stand.
    const blocked = listBatches(t.db).find((b) => b.id === master.batchIds[0])!;
    expect(blocked).toMatchObject({ canUndo: false, undoBlockedBy: expect.stringMatching(/无法撤销：之后导入的 .*回执-政治部\.xlsx/) });
    const beforeRefusal = dumpLedger(t.db);
    expect(() => undoBatch(t.db, master.batchIds[0]!)).toThrow(/无法撤销/);
    expect(dumpLedger(t.db)).toEqual(beforeRefusal);

    undoBatch(t.db, ret.batchIds[1]!);
    undoBatch(t.db, ret.batchIds[0]!);
    expect(listOf(t.db)).toEqual(listAfterMaster);
    expect(dumpLedger(t.db)).toEqual(afterMaster);

    undoBatch(t.db, master.batchIds[0]!);
    expect(dumpLedger(t.db)).toEqual(empty);
    expect(listOf(t.db)).toEqual([]);
    expect(listBatches(t.db).every((b) => b.undoneAt && !b.canUndo)).toBe(true);
    expect(() => undoBatch(t.db, master.batchIds[0]!)).toThrow(/已于 .* 撤销/);

    const again = await importFiles(t.db, ['整改台账-总表.xlsx']);
    expect(again.committed).toBe(true);
    expect(listOf(t.db)).toEqual(listAfterMaster);
  });
});

describe('master ledgers in other layouts', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  it('reads measures written in one cell, several names in a cell, per-measure deadlines and 序号 as running numbers', async () => {
    const { buildXlsx, tableRows } = await import('../fixtures/import/build');
    const rows = tableRows([
      ['县司法局巡察整改台账'],
      ['填报单位：县司法局办公室    填报时间：2024年9月1日'],
      ['序号', '问题类型', '存在问题', '整改举措', '分管领导', '牵头科室', '配合科室', '完成时限', '整改结果'],
      ['一、理论学习不深入'],
      [1, '面上问题', '理论学习流于形式。', '一是制定学习计划；二是开展专题研讨。三是建立考勤制度', '局党组成员、副局长（分管办公室）\n局党组成员、政治部主任', '办公室、政治部', '法治调研科', '2024年12月31日前', '第一二项完成整改;第三项未完成整改'],
      [2, '具体问题', '中心组学习次数不足。', '1.每月至少学习一次\n2.建立学习台账', '张三、李四', '办公室', '', '第一项立行立改;第二项2025年3月底前', '完成整改'],
      [3, '具体问题', '学习笔记不全。', '补齐学习笔记', '王五', '办公室', '', '长期坚持', '长期坚持'],
      ['二、作风建设有差距'],
      [4, '面上问题', '会风文风不实。', '精简会议文件', '局长', '办公室', '', '8月底前', '正在推进'],
      ['填表人：赵六    联系电话：123'],
    ]);
    const bytes = buildXlsx({ sheets: [{ name: '台账', rows, merges: ['A1:I1', 'A2:I2', 'A4:I4', 'A8:I8'] }] });
    const r = await importFiles(t.db, [{ name: '县司法局台账.xlsx', bytes }]);
    expect(r.files[0]!.errors).toEqual([]);
    expect(r.files[0]).toMatchObject({ kind: 'ledger', counts: { categories: 2, general: 2, specific: 2, measures: 7 } });
    const list = listOf(t.db);
    expect(list.map((p) => p.code)).toEqual(['1-1', '1-1-1', '1-1-2', '2-1']);
    const [g, s1, s2, g2] = list;
    expect(g!.measures.map((m) => [m.text, m.status])).toEqual([
      ['制定学习计划；', '已完成'],
      ['开展专题研讨。', '已完成'],
      ['建立考勤制度', '正在推进'],
    ]);
    expect(g!.leaders).toEqual(['局党组成员、副局长（分管办公室）', '局党组成员、政治部主任']);
    expect(g).toMatchObject({ leadUnit: '办公室', units: ['政治部', '法治调研科'], status: '正在推进' });
    expect(g!.deadline).toEqual({ raw: '2024年12月31日前', kind: 'date', date: '2024-12-31' });
    expect(s1!.leaders).toEqual(['张三', '李四']);
    expect(s1!.measures.map((m) => [m.text, m.deadline.kind, m.deadline.date])).toEqual([
      ['每月至少学习一次', 'immediate', null],
      ['建立学习台账', 'date', '2025-03-31'],
    ]);
    expect(s2).toMatchObject({ status: '长期坚持', deadline: { kind: 'long-term' } });
    // 8月底前 takes the round's year (the round was created this year by the import).
    expect(g2!.deadline.kind).toBe('date');
    expect(g2!.deadline.date!.slice(5)).toBe('08-31');
    expect(g2!.status).toBe('正在推进');
  });

  it('brings an existing round up to date when a corrected master is imported again', async () => {
    await importFiles(t.db, ['整改台账-总表.xlsx']);
    const { buildXlsx, tableRows } = await import('../fixtures/import/build');
    const rows = tableRows([
      ['编号', '问题类型', '问题表现', '整改措施', '责任领导', '牵头单位', '整改时限', '完成情况'],
      ['1-1', '面上问题', '统筹推进依法治市不够有力。', '1.唯一的措施', '局党组书记、局长', '法治调研科', '2025年1月31日', '完成整改'],
    ]);
    const r = await importFiles(t.db, [{ name: '总表-更正.xlsx', bytes: buildXlsx({ sheets: [{ name: 'S', rows }] }) }]);
    expect(r.files[0]).toMatchObject({ kind: 'ledger', updated: 1, added: 0 });
    expect(r.files[0]!.changes[0]!.changes.map((c) => c.label)).toEqual(['整改时限', '整改措施']);
    const p = listOf(t.db).find((x) => x.code === '1-1')!;
    expect(p.deadline.date).toBe('2025-01-31');
    expect(p.measures.map((m) => m.text)).toEqual(['唯一的措施']);
  });
});
