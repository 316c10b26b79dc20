import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { buildReport, reportText } from '../../electron/core/report/model';
import { reportDocx } from '../../electron/core/report/docx-writer';
import { lintReport } from '../../electron/core/report/lint';
import { renderReport } from '../../electron/core/report/render';
import { readReportSource } from '../../electron/core/report/source';
import { parseReport } from '../../electron/core/report/parse';
import { titleLines, titleWidth } from '../../electron/core/report/title-lines';
import { updateRound, getRound } from '../../electron/core/ledger/rounds';
import { runAction } from '../../electron/core/ledger/actions';
import { tmpLedger } from '../helpers/ledger';
import { importReport, initRound } from '../helpers/report';
import { FIGURES_ONLY, ledgerOf, parseText, variants } from '../helpers/report-variants';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('the exported report reads back as the ledger it came from', () => {
  for (const v of variants()) {
    it(`${v.name}: through .txt and .docx, the same categories, problems, measures and statuses`, async () => {
      const t = tmpLedger();
      try {
        initRound(t.db);
        const original = parseText(v.text);
        const { result } = importReport(t.db, file(`${v.name}.txt`, v.text));
        const model = buildReport(t.db, result.roundId, { asOf: '2025-02-21', publicOnly: false });
        const back = parseText(reportText(model), 'back.txt');
        expect(back.errors).toEqual([]);
        expect(ledgerOf(back)).toEqual(ledgerOf(original));
        const bytes = await reportDocx(model);
        const docx = parseReport(readReportSource({ name: 'back.docx', bytes }), 'back.docx');
        expect(docx.errors).toEqual([]);
        expect(ledgerOf(docx)).toEqual(ledgerOf(original));
      } finally {
        t.cleanup();
      }
    });
  }
});

describe('the title in balanced lines', () => {
  it.each([
    '中共绵阳市司法局党组关于巡察整改进展情况的通报',
    '中共绵阳市司法局党组关于市委第五巡察组巡察反馈问题整改进展情况的通报',
    '中共城南县司法局党组关于县委第二巡察组反馈意见整改进展情况的通报报',
    '中共某某省某某市某某区某某街道党工委关于区委第三轮巡察反馈意见集中整改进展情况的通报',
    '关于2024年度巡察整改情况的报告',
  ])('%s', (title) => {
    const lines = titleLines(title);
    expect(lines.join('')).toBe(title);
    const widths = lines.map(titleWidth);
    expect(Math.max(...widths)).toBeLessThanOrEqual(20);
    if (lines.length > 1) {
      expect(Math.min(...widths)).toBeGreaterThanOrEqual(Math.max(...widths) - 2);
      expect(widths.at(-1)).toBeGreaterThan(1);
    }
  });

  it('narrows the title paragraph of the .docx so that it wraps at the balanced width', async () => {
    const t = tmpLedger();
    try {
      initRound(t.db);
      const v = variants()[0]!;
      const { result } = importReport(t.db, file('v.txt', v.text));
      runAction(t.db, { source: 'edit', label: '标题' }, () =>
        updateRound(t.db, result.roundId, { reportTexts: { ...getRound(t.db, result.roundId).reportTexts, title: '中共绵阳市司法局党组关于市委第五巡察组巡察反馈问题整改进展情况的通报' } }),
      );
      const bytes = await reportDocx(buildReport(t.db, result.roundId, { asOf: '2025-02-21', publicOnly: false }));
      const doc = strFromU8(unzipSync(bytes)['word/document.xml']!);
      const title = doc.slice(0, doc.indexOf('中共绵阳市司法局党组关于市委'));
      const ind = title.slice(title.lastIndexOf('<w:p>') >= 0 ? title.lastIndexOf('<w:p>') : title.lastIndexOf('<w:p '));
      // 34 characters → two lines of 17 (17 × 440 twips = 7480 of 8845): 572 twips in from each side.
      expect(ind).toMatch(/<w:ind w:left="572" w:right="572"\/>/);
    } finally {
      t.cleanup();
    }
  });
});

describe('the pre-check before writing', () => {
  it('lists a missing 落款 and 工作打算, 未注明 results, and stated figures that differ from the computed ones', () => {
    const t = tmpLedger();
    try {
      initRound(t.db);
      const v = variants().find((x) => x.name === 'no-results-paren-measures')!;
      const text = v.text
        .replace('二、巡察反馈问题整改落实情况', '二、巡察反馈问题整改落实情况\n截至目前，巡察反馈的9个问题，已完成整改7个、正在整改2个。')
        .replace(/三、下一步工作打算[\s\S]*$/, '2025年2月21日');
      const { result } = importReport(t.db, file('v.txt', text));
      const model = buildReport(t.db, result.roundId, { asOf: '2025-02-21', publicOnly: false });
      const lint = lintReport(model);
      expect(lint.filter((f) => f.where === '轮次设置').map((f) => f.code)).toEqual(expect.arrayContaining(['NO_SIGNATURE', 'NO_PLANS']));
      expect(lint.find((f) => f.code === 'UNSTATED' && f.where === '1-1')!.message).toBe('第1、2、3项措施的整改结果未注明，报告将写“未注明”。请按各单位报送的情况填写状态。');
      const render = renderReport(t.db, result.roundId, { asOf: '2025-02-21', publicOnly: false });
      expect(render.stated.map((x) => x.words)).toEqual(['已公布：问题总数9个；台账计算：9个', '已公布：已完成7个；台账计算：0个', '已公布：正在推进2个；台账计算：0个']);
    } finally {
      t.cleanup();
    }
  });

  it('a figures-only round: the report says what was stated against what the ledger holds', () => {
    const t = tmpLedger();
    try {
      initRound(t.db);
      const { result } = importReport(t.db, file('通报.txt', FIGURES_ONLY));
      const render = renderReport(t.db, result.roundId, { asOf: '2025-01-08', publicOnly: false });
      expect(render.stated.find((x) => x.what === '已完成' && x.scope === '问题')!.words).toBe('已公布：已完成27个；台账计算：0个');
      expect(render.lint.map((f) => f.code)).toContain('NO_PROBLEMS');
    } finally {
      t.cleanup();
    }
  });
});
