import { describe, expect, it } from 'vitest';
import { readReportSource } from '../../electron/core/report/source';
import { parseReport } from '../../electron/core/report/parse';
import { splitMeasures, joinMeasures } from '../../electron/core/report/measure-text';
import { parseIntro, parsePeriod, parseStated } from '../../electron/core/report/intro';
import { headlineMismatches } from '../../electron/core/report/stated';
import type { ParsedProblem, ParsedReport } from '../../shared/domain/report';
import { PUBLISHED_REPORT, readFixture, reportFixture } from '../helpers/report';

function parse(file: string): ParsedReport {
  const f = readFixture(file);
  return parseReport(readReportSource(f), f.name);
}

const problemsOf = (r: ParsedReport) => r.categories.flatMap((c) => c.problems);
const byCode = (r: ParsedReport, code: string): ParsedProblem => problemsOf(r).find((p) => p.code === code)!;
const fullyDone = (p: ParsedProblem) => p.measures.length > 0 && p.measures.every((m) => m.status === '已完成');
const doneNos = (p: ParsedProblem) => p.measures.filter((m) => m.status === '已完成').map((m) => m.no);

describe('the published report (shared fixture)', () => {
  const report = parse(PUBLISHED_REPORT);
  const problems = problemsOf(report);

  it('reads 5 categories, 22 general and 41 specific problems and 205 measures, without errors or warnings', () => {
    expect(report.categories.map((c) => c.no)).toEqual([1, 2, 3, 4, 5]);
    expect(problems.filter((p) => p.kind === 'general')).toHaveLength(22);
    expect(problems.filter((p) => p.kind === 'specific')).toHaveLength(41);
    expect(problems.reduce((n, p) => n + p.measures.length, 0)).toBe(205);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('finds 20 of 22 general and 33 of 41 specific problems fully completed', () => {
    expect(problems.filter((p) => p.kind === 'general' && fullyDone(p))).toHaveLength(20);
    expect(problems.filter((p) => p.kind === 'specific' && fullyDone(p))).toHaveLength(33);
  });

  it('gives the partially completed problems exactly the measures the text names as done', () => {
    const partial = Object.fromEntries(problems.filter((p) => !fullyDone(p)).map((p) => [p.code, { done: doneNos(p), of: p.measures.length }]));
    expect(partial).toEqual({
      '2-2': { done: [1, 3], of: 3 },
      '2-2-1': { done: [1, 2, 3, 5], of: 5 },
      '2-2-2': { done: [1, 3], of: 3 },
      '3-1-2': { done: [1], of: 2 },
      '3-1-3': { done: [2], of: 2 },
      '3-2': { done: [1], of: 2 },
      '3-2-1': { done: [2], of: 2 },
      '3-2-2': { done: [1, 3], of: 3 },
      '5-2-2': { done: [1, 2, 3, 4, 5, 7], of: 7 },
      '5-2-3': { done: [1], of: 2 },
    });
    expect(byCode(report, '2-2-1').measures[3]!.status).toBe('正在推进');
  });

  it('gives codes from the report numbering, a lone unnumbered 具体问题 the number 1', () => {
    expect(problems.slice(0, 6).map((p) => p.code)).toEqual(['1-1', '1-1-1', '1-2', '1-2-1', '1-2-2', '1-2-3']);
    expect(byCode(report, '1-1-1').text).toMatch(/^市司法局未充分发挥依法治市办统筹协调/);
    expect(byCode(report, '5-5-2').text).toBe('对下属事业单位、行业党组织管理监督缺位。');
  });

  it('attaches per-measure deadlines to the measures they name, keeping the raw text on the problem', () => {
    const p = byCode(report, '2-2-1');
    expect(p.deadline).toEqual({ raw: '第一二三五项2024年11月20日前完成整改;第四项待省上出台政策后,按相关程序推动出台。', kind: 'date', date: '2024-11-20' });
    expect(p.measures.map((m) => m.deadline?.kind)).toEqual(['date', 'date', 'date', 'conditional', 'date']);
    expect(p.measures[3]!.deadline!.raw).toBe('待省上出台政策后,按相关程序推动出台');
    expect(p.measures[0]!.deadline!.date).toBe('2024-11-20');
    expect(byCode(report, '1-1').measures.every((m) => m.deadline === null)).toBe(true);
  });

  it('keeps the one specific problem without 一是 as a single measure', () => {
    const p = byCode(report, '2-5-3');
    expect(p.measures).toHaveLength(1);
    expect(p.measures[0]!.text).toMatch(/^在全市加大微信公众号宣传力度/);
  });

  it('reads a conditional deadline (根据…部署) as conditional, not as unparsed text', () => {
    expect(byCode(report, '3-1-2').deadline).toEqual({ raw: '根据中央依法治国办的部署完成整改。', kind: 'conditional', date: null });
  });

  it('reads the round settings from the intro and the headline', () => {
    expect(report.round).toMatchObject({
      inspectingBody: '市委第五巡察组',
      inspectedOrg: '市司法局党组',
      inspectionStart: '2024-05-07',
      inspectionEnd: '2024-06-07',
      feedbackDate: '2024-07-24',
      periodLabel: '4个月',
      periodEnd: '2024-11-24',
    });
    expect(report.reportDate).toBe('2025-02-21');
    expect(report.round.contactLine).toMatch(/^欢迎广大干部群众.*联系电话:0816-2266427/);
  });

  it('keeps the responsibility sections, plans and signature in the round report texts', () => {
    const t = report.round.reportTexts;
    expect(t['before.1.heading']).toBe('党组及主要负责人组织整改落实情况');
    expect(t['before.1.body']!.split('\n')).toHaveLength(6);
    expect(t['before.1.body']).toMatch(/^\(一\)党组组织巡察整改落实情况\n一是坚持政治统领/);
    expect(t['progress.heading']).toBe('巡察反馈问题的整改落实情况');
    expect(t['after.1.heading']).toBe('巩固和深化巡察整改的工作打算');
    expect(t['after.1.body']!.split('\n').map((l) => l.slice(0, 3))).toEqual(['(一)', '(二)', '(三)']);
    expect(t.signature).toBe('中共绵阳市司法局党组');
    expect(t['headline.published']).toMatch(/^截至目前,巡察反馈的22个面上问题/);
  });

  it('reads the stated headline figures and shows where they do not tie out with the detail', () => {
    expect(report.stated.general).toEqual({ total: 22, dueInPeriod: 19, completedInPeriod: 19, rateInPeriod: 100, outOfPeriod: 3, completedOutOfPeriod: null, advancingOutOfPeriod: 2 });
    expect(report.stated.specific).toMatchObject({ total: 41, dueInPeriod: 30, completedInPeriod: 28, rateInPeriod: 93.3, outOfPeriod: 11, completedOutOfPeriod: 5, advancingOutOfPeriod: 6 });
    const diffs = headlineMismatches(report);
    expect(diffs.find((d) => d.kind === 'general' && d.label === '集中整改期内应完成整改')).toEqual({ kind: 'general', label: '集中整改期内应完成整改', stated: 19, counted: 16 });
    expect(diffs.some((d) => d.label === '总数')).toBe(false);
  });
});

describe('report variants of our own', () => {
  it('reads the 关于“…” numbering style with full-width punctuation, label synonyms and one measure a line', () => {
    const r = parse(reportFixture('variant-guanyu.txt'));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.categories.map((c) => [c.no, c.title])).toEqual([
      [1, '贯彻落实上级决策部署不到位'],
      [2, '全面从严治党责任落实不到位'],
    ]);
    expect(problemsOf(r).map((p) => `${p.code} ${p.text}`)).toEqual([
      '1-1 法治宣传教育针对性不强',
      '1-1-1 青少年法治教育阵地建设滞后',
      '1-1-2 农村法治宣传形式单一',
      '1-2 行政执法监督不够有力',
      '2-1 落实‘一岗双责’不到位',
      '2-1-1 廉政风险点排查不全面',
      '2-1-2 警示教育流于形式',
    ]);
    expect(byCode(r, '1-1').measures.map((m) => m.text)).toEqual([
      '制定《2024年普法依法治理工作要点》，明确重点对象和重点内容。',
      '开展“法律明白人”培训12场次，覆盖全县13个乡镇。',
    ]);
    const youth = byCode(r, '1-1-1');
    expect(youth.measures.map((m) => m.status)).toEqual(['已完成', '已完成', '长期坚持']);
    expect(youth.measures.map((m) => m.deadline?.kind)).toEqual(['date', 'long-term', 'long-term']);
    expect(byCode(r, '1-2').deadline.kind).toBe('immediate');
    expect(byCode(r, '2-1-2').measures.map((m) => m.status)).toEqual(['正在推进']);
    expect(r.round).toMatchObject({ inspectingBody: '县委第二巡察组', inspectedOrg: '县司法局党组', inspectionEnd: '2024-04-30', feedbackDate: '2024-06-05', periodLabel: '3个月', periodEnd: '2024-09-05' });
    expect(r.round.reportTexts.title).toBe('中共城南县司法局党组关于县委第二巡察组反馈意见整改进展情况的通报');
    expect(headlineMismatches(r)).toEqual([]);
  });

  it('reads a GBK file with CRLF, full-width numbering, unnumbered 具体问题, 巡视 and a period in Chinese numerals', () => {
    const r = parse(reportFixture('variant-fullwidth-gbk.txt'));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(problemsOf(r).map((p) => p.code)).toEqual(['1-1', '1-1-1', '2-1', '2-1-1']);
    expect(byCode(r, '1-1-1').text).toBe('江北工业园区污水处理厂提标改造未按期完成，出水水质不稳定。');
    expect(byCode(r, '2-1').measures.map((m) => [m.status, m.deadline?.kind])).toEqual([
      ['已完成', 'date'],
      ['正在推进', 'conditional'],
    ]);
    expect(r.round).toMatchObject({ inspectingBody: '省委第三巡视组', inspectedOrg: '江川市生态环境局党组', feedbackDate: '2023-12-20', periodLabel: '三个月', periodEnd: '2024-03-20' });
    expect(r.round.contactLine).toBe('欢迎社会各界对巡视整改落实情况进行监督。联系电话：0877-2011234；通信地址：江川市生态环境局办公室。');
    expect(headlineMismatches(r)).toEqual([]);
  });

  it('reads a Word document: one paragraph a measure, 十一是, tracked deletions left out, a break before the date', () => {
    const r = parse(reportFixture('variant-word.docx'));
    expect(r.lineUnit).toBe('段');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    const first = byCode(r, '1-1');
    expect(first.measures.map((m) => m.text)).toEqual([
      '修订《统计数据质量审核办法》,建立三级审核制度。',
      '开展统计数据质量专项检查,抽查企业报表300份。\n检查结果在全市统计系统内通报。',
    ]);
    const eleven = byCode(r, '1-1-1');
    expect(eleven.measures).toHaveLength(11);
    expect(doneNos(eleven)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.reportDate).toBe('2024-11-30');
    expect(r.round.reportTexts.signature).toBe('中共某市统计局党组');
    expect(r.round.reportTexts.title).toBe('关于市委第一巡察组巡察反馈问题整改进展情况的公告');
  });
});

describe('text the parser does not understand', () => {
  const r = parse(reportFixture('warnings-kept.txt'));

  it('is kept in the problem notes and reported with its line, never dropped', () => {
    expect(r.errors).toEqual([]);
    const p = byCode(r, '1-1');
    expect(p.notes).toContain('【报告原文第8行】附件：检查问题清单（另行印发）');
    expect(p.notes).toContain('【整改情况导语】局党组高度重视，专题研究部署。');
    expect(p.notes).toContain('【整改结果原文】基本到位。');
    expect(r.warnings.map((w) => [w.row, w.code])).toEqual([
      [5, 'PREAMBLE'],
      [6, 'BAD_DEADLINE'],
      [7, 'UNPARSED_RESULT'],
      [8, 'UNPARSED'],
      [9, 'NO_DEADLINE'],
      [11, 'RESULT_MEASURE'],
      [14, 'UNPARSED_DEADLINE'],
    ]);
    expect(r.warnings.every((w) => w.sheet === 'warnings-kept.txt' && w.column === null)).toBe(true);
  });

  it('keeps an impossible date as unrecognised text instead of rolling it into March', () => {
    expect(byCode(r, '1-1').deadline).toEqual({ raw: '2024年2月30日前完成整改。', kind: 'text', date: null });
    expect(r.warnings.find((w) => w.code === 'BAD_DEADLINE')!.message).toContain('2024年2月只有29天');
  });

  it('leaves measures 未启动 when the result phrase cannot be read', () => {
    expect(byCode(r, '1-1').measures.map((m) => m.status)).toEqual(['未启动', '未启动', '未启动']);
  });
});

describe('reports that cannot be imported', () => {
  it('a file without 整改情况/整改时限/整改结果 is not taken for a report', () => {
    const r = parse(reportFixture('bad-not-a-report.txt'));
    expect(r.errors.map((e) => e.code)).toEqual(['NOT_A_REPORT']);
    expect(r.categories).toEqual([]);
  });

  it('a specific problem without its general problem, and a repeated number, are errors at their lines', () => {
    const r = parse(reportFixture('bad-structure.txt'));
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'NO_GENERAL'],
      [11, 'DUPLICATE_NUMBER'],
    ]);
    expect(r.errors[1]!.message).toContain('编号 1-1');
    // The lines of the rejected items are not reported a second time.
    expect(r.warnings.map((w) => w.code)).toEqual(['NO_PERIOD']);
  });

  it.each([
    ['a .docx that is not a zip', 'x.docx', new TextEncoder().encode('just text'), /不是可读的 Word 文档/],
    ['a legacy .doc renamed to .docx', 'x.docx', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /旧版 \.doc/],
    ['binary data saved as .txt', 'x.txt', Uint8Array.from([0x00, 0xff, 0xfe, 0x00, 0x81, 0x00, 0xc0]), /不是可读的文本文件/],
    ['a .pdf', 'x.pdf', new Uint8Array([0x25, 0x50]), /\.txt 或 \.docx/],
  ])('%s gets a clear Chinese message', (_what, name, bytes, message) => {
    expect(() => readReportSource({ name, bytes })).toThrow(message);
  });
});

describe('measures in 整改情况', () => {
  it('split at 一是…十一是 in sequence, only after punctuation, so that 统一是 does not split', () => {
    expect(splitMeasures('一是统一是非标准。二是建立台账;三是开展检查')).toEqual({ preamble: '', measures: ['统一是非标准。', '建立台账', '开展检查'] });
    const eleven = Array.from({ length: 11 }, (_, i) => `${'一二三四五六七八九十'[i] ?? '十一'}是任务${i + 1}。`).join('');
    expect(splitMeasures(eleven).measures.at(-1)).toBe('任务11。');
  });

  it('without markers are one measure', () => {
    expect(splitMeasures('加大宣传力度。提高内容质量。')).toEqual({ preamble: '', measures: ['加大宣传力度。提高内容质量。'] });
  });

  it('join back so that they split again the same way, a separator added where one is missing', () => {
    const measures = ['建立台账', '开展检查。', '约谈负责人'];
    expect(joinMeasures(measures)).toBe('一是建立台账；二是开展检查。三是约谈负责人');
    expect(splitMeasures(joinMeasures(measures)).measures).toEqual(['建立台账', '开展检查。', '约谈负责人']);
  });
});

describe('intro, period and headline phrases', () => {
  it('reads inspection dates across years and a feedback date written in the same sentence', () => {
    expect(parseIntro('2023年12月4日至2024年1月31日，省委第一巡视组对某厅党组进行了巡视，并于2024年3月8日反馈了巡视意见。')).toMatchObject({
      inspectingBody: '省委第一巡视组',
      inspectedOrg: '某厅党组',
      inspectionStart: '2023-12-04',
      inspectionEnd: '2024-01-31',
      feedbackDate: '2024-03-08',
      problems: [],
    });
  });

  it('reads an intro that dates the inspection between the group and the organisation', () => {
    expect(parseIntro('市委第五巡察组于2024年5月7日至6月7日对市司法局党组进行了常规巡察，7月24日反馈了巡察意见。')).toMatchObject({
      inspectingBody: '市委第五巡察组',
      inspectedOrg: '市司法局党组',
      inspectionStart: '2024-05-07',
      feedbackDate: '2024-07-24',
    });
  });

  it('names what it could not read', () => {
    expect(parseIntro('市委巡察组来我局检查工作。').problems).toEqual(['未能读出巡察组和被巡察单位', '未能读出巡察起止日期', '未能读出反馈日期']);
  });

  it('reads the concentrated period in Arabic or Chinese numerals', () => {
    expect(parsePeriod('4个月集中整改期内')).toEqual({ label: '4个月', months: 4 });
    expect(parsePeriod('三个月集中整改期外')).toEqual({ label: '三个月', months: 3 });
    expect(parsePeriod('集中整改期内')).toBeNull();
  });

  it('reads stated figures in either order of phrases', () => {
    expect(parseStated('巡察反馈的5个具体问题,2个月集中整改期内应完成整改4个,实际完成整改4个,阶段性整改率为100%;2个月集中整改期外1个具体问题,已完成整改1个。').specific).toEqual({
      total: 5, dueInPeriod: 4, completedInPeriod: 4, rateInPeriod: 100, outOfPeriod: 1, completedOutOfPeriod: 1, advancingOutOfPeriod: null,
    });
  });
});
