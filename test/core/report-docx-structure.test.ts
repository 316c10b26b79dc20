import { describe, expect, it } from 'vitest';
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import { readReportSource } from '../../electron/core/report/source';
import { parseReport } from '../../electron/core/report/parse';
import { CONTENT, flattened, ledgerOf, ledgerOfContent, cn } from '../helpers/report-variants';

const flat = flattened(CONTENT);
const WORD = { 已完成: '已完成', 正在推进: '正在推进', 长期坚持: '长期坚持' } as const;

async function docxOf(children: Paragraph[], numbering = false): Promise<Uint8Array> {
  const doc = new Document({
    ...(numbering
      ? { numbering: { config: [{ reference: 'measures', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '（%1）', alignment: AlignmentType.LEFT }] }] } }
      : {}),
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const p = (text: string, opts: { bold?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text, bold: opts.bold })] });
const head = [
  p('中共绵阳市司法局党组关于巡察整改进展情况的通报', { bold: true }),
  p('根据市委统一部署，2024年5月7日至6月7日，市委第五巡察组对市司法局党组开展了巡察。7月24日，市委第五巡察组向市司法局党组反馈了巡察意见。'),
];
const tail = [p('中共绵阳市司法局党组'), p('2025年2月21日')];

function read(bytes: Uint8Array) {
  return parseReport(readReportSource({ name: 'r.docx', bytes }), 'r.docx');
}

describe('Word documents read by their formatting', () => {
  it('problems as bold paragraphs without numbers, measures （1）… with results in brackets', async () => {
    const body = flat.flatMap((c, ci) => [
      p(`（${cn(ci + 1)}）${c.title}`),
      ...c.problems.flatMap((x) => [p(x.text, { bold: true }), ...x.measures.map((m, i) => p(`（${i + 1}）${m.text}（${WORD[m.status!]}）`))]),
    ]);
    const r = read(await docxOf([...head, p('一、加强组织领导'), p('局党组成立整改工作领导小组。'), p('二、巡察反馈问题整改落实情况'), ...body, p('三、下一步工作打算'), p('持续巩固整改成果。'), ...tail]));
    expect(r.errors).toEqual([]);
    expect(ledgerOf(r)).toEqual(ledgerOfContent(flat));
  });

  it('heading styles for sections, categories and problems, measures as an automatically numbered list', async () => {
    const body = flat.flatMap((c) => [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(c.title)] }),
      ...c.problems.flatMap((x) => [
        new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(x.text)] }),
        ...x.measures.map((m) => new Paragraph({ numbering: { reference: 'measures', level: 0 }, children: [new TextRun(`${m.text}，${WORD[m.status!]}。`)] })),
      ]),
    ]);
    const h1 = (t: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(t)] });
    const r = read(
      await docxOf([...head, h1('整改工作组织情况'), p('局党组成立整改工作领导小组。'), h1('巡察反馈问题整改落实情况'), ...body, h1('下一步工作打算'), p('持续巩固整改成果。'), ...tail], true),
    );
    expect(r.errors).toEqual([]);
    expect(ledgerOf(r)).toEqual(ledgerOfContent(flat));
    expect(r.round.reportTexts['before.1.heading']).toBe('整改工作组织情况');
  });
});
