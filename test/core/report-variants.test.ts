import { describe, expect, it } from 'vitest';
import { readReportSource } from '../../electron/core/report/source';
import { parseReport } from '../../electron/core/report/parse';
import { readFixture, reportFixture } from '../helpers/report';
import { AUDIT_REPORT, FIGURES_ONLY, MEETING_NOTICE, ledgerOf, ledgerOfContent, parseText, variants } from '../helpers/report-variants';

describe('report variants in real-world styles', () => {
  for (const v of variants()) {
    describe(v.name, () => {
      const r = parseText(v.text, `${v.name}.txt`);
      const problems = r.categories.flatMap((c) => c.problems);
      it('imports without errors, with the right counts at every level', () => {
        expect(r.errors).toEqual([]);
        expect({
          categories: r.categories.length,
          general: problems.filter((p) => p.kind === 'general').length,
          specific: problems.filter((p) => p.kind === 'specific').length,
          measures: problems.reduce((n, p) => n + p.measures.length, 0),
        }).toEqual(v.expected);
      });
      it('gives the ledger the document states: texts, measures and statuses (未注明 where none is given)', () => {
        expect(ledgerOf(r)).toEqual(ledgerOfContent(v.content));
      });
      it('never lets a measure run past its paragraph, nor organisation or next steps become problems', () => {
        const paragraphs = v.text.split('\n');
        for (const p of problems) for (const x of p.measures) expect(paragraphs.some((l) => l.includes(x.text.split('\n')[0]!))).toBe(true);
        const all = JSON.stringify(problems);
        expect(all).not.toMatch(/下一步|工作打算|强化主体责任|联系电话/);
      });
      it('keeps the round settings from the intro and the closing lines', () => {
        expect(r.round).toMatchObject({ inspectingBody: '市委第五巡察组', inspectedOrg: '市司法局党组', feedbackDate: '2024-07-24' });
        expect(r.reportDate).toBe('2025-02-21');
      });
    });
  }
});

describe('documents that are not an itemised report', () => {
  it('a figures-only announcement is a round with its stated figures and no problems', () => {
    const r = parseText(FIGURES_ONLY, '通报.txt');
    expect(r.errors).toEqual([]);
    expect(r.categories).toEqual([]);
    expect(r.statedFigures.map((f) => [f.what, f.value])).toEqual([
      ['问题总数', 32],
      ['已完成', 27],
      ['正在推进', 5],
      ['完成率', 84.4],
      ['整改任务', 210],
      ['已完成', 205],
    ]);
    expect(r.statedFigures.at(-1)!.scope).toBe('整改任务');
    expect(r.statedFigures[0]!.text).toContain('巡察反馈32个问题');
    expect(r.warnings.map((w) => w.code)).toContain('FIGURES_ONLY');
  });

  it.each([
    ['an audit rectification report', AUDIT_REPORT, /审计整改/],
    ['a meeting notice', MEETING_NOTICE, /会议通知/],
  ])('%s is refused, saying what it looks like', (_what, text, says) => {
    const r = parseText(text, 'x.txt');
    expect(r.errors.map((e) => e.code)).toEqual(['NOT_A_REPORT']);
    expect(r.errors[0]!.message).toMatch(says);
    expect(r.categories).toEqual([]);
  });
});

describe('a report with inline measures, inline labels and a result per problem', () => {
  it('reads each problem, its measures and the results it states, 未注明 where it states none', () => {
    const f = readFixture(reportFixture('variant-inline.txt'));
    const r = parseReport(readReportSource(f), f.name);
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.row, w.code])).toEqual([[11, 'PREAMBLE']]);
    expect(ledgerOf(r)).toEqual([
      {
        title: '贯彻落实党的路线方针政策不到位',
        problems: [
          { text: '安全生产监管不到位', measures: [{ text: '开展道路运输安全专项整治', status: '已完成' }, { text: '约谈企业负责人5人', status: '已完成' }] },
          { text: '交通项目推进缓慢', measures: [{ text: '建立项目推进台账', status: '正在推进' }, { text: '每月调度', status: '正在推进' }] },
        ],
      },
      { title: '全面从严治党不力', problems: [{ text: '廉政风险防控不严', measures: [{ text: '修订廉政风险防控手册', status: '未注明' }, { text: '开展警示教育2次', status: '已完成' }] }] },
    ]);
    expect(r.statedFigures.map((x) => [x.what, x.value])).toEqual([['问题总数', 3], ['已完成', 3]]);
    expect(r.round.reportTexts['before.1.heading']).toBe('整改工作开展情况');
    expect(r.round.reportTexts['after.1.heading']).toBe('下一步工作打算');
    expect(r.round.reportTexts.signature).toBe('县交通运输局党组');
  });
});
