import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { parseSpreadsheet } from '../../electron/core/excel/read/parse';
import { analyzeWorkbook } from '../../electron/core/excel/layout/analyze';
import { splitMeasures } from '../../electron/core/excel/layout/measures';
import { fileNameDate } from '../../electron/core/excel/layout/meta';
import { roleOf } from '../../electron/core/excel/layout/columns';
import { seqUnder, splitEvidence } from '../../electron/core/excel/import/evidence';
import { statusOf, deadlineOf } from '../../electron/core/excel/import/values';
import { normalizeText, similarity } from '../../electron/core/excel/import/match';
import { buildXlsx, num, row, str, STYLE, tableRows } from '../fixtures/import/build';
import { sharedFixture } from '../helpers/ledger';

function analyze(file: string) {
  return analyzeWorkbook(parseSpreadsheet(file, fs.readFileSync(sharedFixture('workbooks', file))));
}

const roles = (a: ReturnType<typeof analyze>) => Object.fromEntries(a.header!.columns.map((c) => [c.label, c.role]));

describe('finding the table in a sheet', () => {
  it('reads the master ledger’s two-row header under its title and 填报 row, with the group heading 整改情况', () => {
    const a = analyze('整改台账-总表.xlsx');
    expect(a.kind).toBe('ledger');
    expect([a.header!.top, a.header!.bottom]).toEqual([3, 4]);
    expect(roles(a)).toEqual({
      序号: 'code',
      问题类型: 'kind',
      问题表现: 'text',
      '整改情况/整改措施': 'measures',
      '整改情况/责任领导': 'leaders',
      '整改情况/牵头单位': 'leadUnit',
      '整改情况/整改时限': 'deadline',
      '整改情况/完成情况': 'progress',
      备注: 'notes',
    });
    expect(a.form).toMatchObject({ title: '市司法局党组巡察反馈问题整改台账', unit: '局办公室（巡察整改工作领导小组办公室）', date: '2024-08-20' });
    expect(a.banners.map((b) => [b.no, b.title.slice(0, 8)])).toEqual([
      [1, '统筹协调、督促检'],
      [2, '担当作为、攻坚克'],
      [3, '大胆探索、改革创'],
      [4, '真抓实干、狠抓落'],
      [5, '传导压力、正风肃'],
    ]);
    // 63 problems; problem cells merged down over one row per measure.
    expect(a.records).toHaveLength(63);
    expect(a.records.reduce((n, r) => n + r.rows.length, 0)).toBe(205);
    expect(a.records[0]!.rows.map((r) => r.row)).toEqual([6, 7, 8, 9]);
  });

  it('reads each return layout: plain, synonyms, WPS with 报送单位 and a 说明 row', () => {
    const plain = analyze('回执-政治部.xlsx');
    expect(plain.kind).toBe('return');
    expect(plain.header!.bottom).toBe(3);
    expect(plain.form).toMatchObject({ unit: '政治部', date: '2024-11-15' });
    expect(plain.records.map((r) => r.fields.code!.text)).toEqual(['2-5', '2-5-1', '2-5-3', '5-1', '5-1-1', '5-3', '5-3-1', '5-4-1']);

    const synonyms = analyze('回执-社区矫正科.xlsx');
    expect(roles(synonyms)).toMatchObject({ 问题表现: 'text', 整改举措: 'measures', 牵头领导: 'leaders', 牵头科室: 'leadUnit', 完成时限: 'deadline', 进展情况: 'progress', 是否完成: 'status', 佐证资料: 'evidence' });
    expect(synonyms.records).toHaveLength(3);

    const wps = analyze('回执-律师工作科.xlsx');
    expect(wps.header!.bottom).toBe(4);
    expect(wps.form.unit).toBe('律师工作科');
    expect(roles(wps)).toMatchObject({ 反馈问题: 'text', 责任科室: 'leadUnit', 整改期限: 'deadline', 目前进展: 'progress', 整改状态: 'status', 佐证材料目录: 'evidence' });
    // The trailing 填表人 row is not a record.
    expect(wps.records.map((r) => r.row)).toEqual([5, 6, 7]);
  });

  it('says which key columns are missing when neither a code nor a problem column exists', () => {
    const a = analyze('bad-no-key-columns.xlsx');
    expect(a.errors).toEqual([expect.objectContaining({ code: 'NO_KEY_COLUMNS', row: 1, message: expect.stringMatching(/识别到的列：整改进展、完成状态/) })]);
  });

  it('finds no header in a sheet that is one merged title', () => {
    const wb = parseSpreadsheet('m.xlsx', buildXlsx({ sheets: [{ name: 'S', rows: row(1, [str(1, 1, '整张表合并')]), merges: ['A1:XFD1048576'] }] }));
    expect(analyzeWorkbook(wb).errors).toEqual([expect.objectContaining({ code: 'NO_HEADER' })]);
  });

  it('reads a 填报日期 given as an Excel date in the next cell, and a unit from the title’s brackets', () => {
    const rows = [
      row(1, [str(1, 1, '整改进展表（立法科）')]),
      row(2, [str(2, 1, '填报日期：'), num(2, 2, 45611, STYLE.date)]),
      tableRows([['编号', '具体问题', '整改进展']], 3),
    ].join('');
    const a = analyzeWorkbook(parseSpreadsheet('x.xlsx', buildXlsx({ sheets: [{ name: 'S', rows }] })));
    expect(a.form).toMatchObject({ unit: '立法科', unitFrom: 'title', date: '2024-11-15' });
  });

  it('says where a 填报日期 is no date', () => {
    const a = analyzeWorkbook(parseSpreadsheet('x.xlsx', buildXlsx({ sheets: [{ name: 'S', rows: tableRows([['填报单位：政治部  填报日期：2024年2月30日'], ['编号', '具体问题', '整改进展'], ['2-5', '落实意识形态工作责任制有弱项。', '已落实']]) }] })));
    expect(a.errors).toEqual([expect.objectContaining({ code: 'BAD_REPORT_DATE', row: 1, column: 'A', message: expect.stringMatching(/2月只有29天/) })]);
  });

  it('maps header words by synonym and containment, and ignores sentences', () => {
    expect(roleOf('整改进展情况（截至11月）')).toBe('progress');
    expect(roleOf('责任领导\n（分管领导）')).toBe('leaders');
    expect(roleOf('*完成时限')).toBe('deadline');
    expect(roleOf('实际完成时间')).toBe('completedDate');
    expect(roleOf('佐证材料（清单）')).toBe('evidence');
    expect(roleOf('市司法局未充分发挥依法治市办统筹协调、督促检查、推动落实职能')).toBe(null);
  });
});

describe('cell contents', () => {
  it('splits measures written in one cell as numbered lines or 一是…二是…, not at dates or stray words', () => {
    expect(splitMeasures('1.建立机制。\n2.开展培训，\n继续推进。\n3.完成')).toEqual(['建立机制。', '开展培训，\n继续推进。', '完成']);
    expect(splitMeasures('一是建立机制;二是开展培训。三是完成十一是之外')).toEqual(['建立机制;', '开展培训。', '完成十一是之外']);
    expect(splitMeasures('（1）建立\n（2）完善')).toEqual(['建立', '完善']);
    expect(splitMeasures('2024.11召开会议，形成纪要')).toEqual(['2024.11召开会议，形成纪要']);
    expect(splitMeasures('1.只有一项')).toEqual(['只有一项']);
    expect(splitMeasures('1.2024年召开\n2.11月4日学习\n3.资金2.5亿元')).toEqual(['2024年召开', '11月4日学习', '资金2.5亿元']);
    expect(splitMeasures('11.20前完成')).toEqual(['11.20前完成']);
    expect(splitMeasures('这是其中之一是否可行')).toEqual(['这是其中之一是否可行']);
  });

  it('reads evidence lists with numbers after the problem code, skipping placeholders', () => {
    expect(splitEvidence('2-5-1 工作方案.pdf；2-5-2 会议纪要.pdf')).toEqual([
      { number: '2-5-1', title: '工作方案.pdf' },
      { number: '2-5-2', title: '会议纪要.pdf' },
    ]);
    expect(splitEvidence('见附件')).toEqual([]);
    expect(splitEvidence('照片3张\n2－5－3、通报')).toEqual([
      { number: null, title: '照片3张' },
      { number: '2-5-3', title: '通报' },
    ]);
    expect(seqUnder('2-5', '2-5-2')).toBe(2);
    expect(seqUnder('2-5', '2-5-1-1')).toBe(null);
    expect(seqUnder('2-5-1', '2-5-1-1')).toBe(1);
  });

  it('reads statuses in every spelling of DOMAIN §3, and the per-measure result phrase', () => {
    for (const [text, status] of [
      ['完成整改', '已完成'],
      ['是', '已完成'],
      ['已整改到位', '已完成'],
      ['否', '正在推进'],
      ['正稳步推进', '正在推进'],
      ['阶段性完成', '正在推进'],
      ['尚未整改', '未启动'],
      ['持续整改', '长期坚持'],
    ] as const) {
      expect(statusOf(text)).toEqual({ ok: { kind: 'all', status } });
    }
    const partial = statusOf('第一三项完成整改;第二项未完成整改');
    expect('ok' in partial && partial.ok.kind === 'partial' && [...partial.ok.byMeasure]).toEqual([
      [1, '已完成'],
      [3, '已完成'],
      [2, '正在推进'],
    ]);
    expect(statusOf('差不多了')).toEqual({ error: expect.stringMatching(/无法识别的完成状态“差不多了”/) });
  });

  it('keeps an Excel date deadline as 2024年11月20日 with its date, refuses impossible ones, and keeps unreadable text with a warning', () => {
    const at = { row: 2, col: 3 };
    expect(deadlineOf({ ...at, value: { t: 'd', v: '2024-11-20', serial: 45616 }, text: '2024-11-20' }, 2024, true)).toEqual({ ok: { raw: '2024年11月20日', kind: 'date', date: '2024-11-20' } });
    expect(deadlineOf({ ...at, value: { t: 's', v: '8月底前' }, text: '8月底前' }, 2024, true)).toEqual({ ok: { raw: '8月底前', kind: 'date', date: '2024-08-31' } });
    expect(deadlineOf({ ...at, value: { t: 's', v: '2024年2月30日' }, text: '2024年2月30日' }, 2024, false)).toEqual({ error: expect.stringMatching(/2024年2月只有29天/) });
    // The one deadline rule (issue 13): text that cannot be read is kept, with a warning, in returns as in masters.
    expect(deadlineOf({ ...at, value: { t: 's', v: '明年上半年' }, text: '明年上半年' }, 2024, true)).toMatchObject({ ok: { kind: 'text', date: null }, warning: expect.stringMatching(/明年上半年/) });
    expect(deadlineOf({ ...at, value: { t: 's', v: '明年上半年' }, text: '明年上半年' }, 2024, false)).toMatchObject({ ok: { kind: 'text' } });
    expect(deadlineOf({ ...at, value: { t: 'n', v: 45616 }, text: '45616' }, 2024, true)).toMatchObject({ ok: { kind: 'date', date: '2024-11-20' } });
  });

  it('finds dates in file names as offices write them', () => {
    expect(fileNameDate('整改台账-政治部1115.xlsx', 2024)).toBe('2024-11-15');
    expect(fileNameDate('回执-政治部-20241120.xlsx', 2025)).toBe('2024-11-20');
    expect(fileNameDate('回执2024.11.5.xlsx', 2025)).toBe('2024-11-05');
    expect(fileNameDate('回执-政治部.xlsx', 2024)).toBe(null);
    expect(fileNameDate('回执-1399.xlsx', 2024)).toBe(null);
  });

  it('compares problem texts retyped with other punctuation and spaces as equal', () => {
    expect(normalizeText('2023年,局党组 未专题研究意识形态工作。')).toBe(normalizeText('2023年，局党组未专题研究意识形态工作'));
    expect(similarity(normalizeText('议事决策不规范、质量不高。'), normalizeText('议事决策不够规范，质量不高'))).toBeGreaterThan(0.7);
    expect(similarity(normalizeText('议事决策不规范'), normalizeText('专项资金使用管理不规范'))).toBeLessThan(0.6);
  });
});
