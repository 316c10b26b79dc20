import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unzipSync, strFromU8 } from 'fflate';
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun, type IParagraphOptions } from 'docx';
import { blocksDocx } from '../../electron/core/report/docx-writer';
import { balancedWidth, titleWidth } from '../../electron/core/report/title-lines';
import type { Block } from '../../electron/core/report/model';

/**
 * The writer serialises the body itself (a 100,000-problem report would be a gigabyte of docx objects);
 * the oracle is the docx library writing the same paragraphs as objects, which is how the writer built
 * them before: every body it writes must be the same XML, byte for byte, for any text.
 */
const run = (text: string, font: string, o: { size?: number; bold?: boolean } = {}, br = false) =>
  new TextRun({
    text,
    break: br ? 1 : undefined,
    font: { eastAsia: font, ascii: 'Times New Roman', hAnsi: 'Times New Roman', hint: 'eastAsia' },
    size: (o.size ?? 16) * 2,
    bold: o.bold,
    characterSpacing: o.size ? undefined : -5,
    language: { value: 'en-US', eastAsia: 'zh-CN' },
  });
const runs = (text: string, font: string, o: { size?: number; bold?: boolean } = {}) => text.split('\n').map((l, i) => run(l, font, o, i > 0));
const para = (children: TextRun[], o: Partial<IParagraphOptions> = {}) =>
  new Paragraph({ children, spacing: { line: 579, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, alignment: AlignmentType.JUSTIFIED, indent: { firstLine: 640 }, ...o });
const width = (t: string) => [...t].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

function oracle(blocks: Block[]): Paragraph[] {
  const [body, title, kai, hei] = ['仿宋_GB2312', '方正小标宋简体', '楷体_GB2312', '黑体'];
  const dateWidth = width(blocks.filter((b) => b.kind === 'closing').at(-1)?.text ?? '');
  let closing = false;
  return blocks.flatMap((b): Paragraph[] => {
    switch (b.kind) {
      case 'title': {
        const side = titleWidth(b.text) <= 20 ? null : Math.max(0, Math.floor((8845 - balancedWidth(b.text, 20) * 440 - 220) / 2));
        return [para(runs(b.text, title, { size: 22 }), { alignment: AlignmentType.CENTER, indent: side == null ? {} : { left: side, right: side } }), para([], { indent: {} })];
      }
      case 'heading1':
        return [para(runs(b.text, hei))];
      case 'heading2':
        return [para(runs(b.text, kai))];
      case 'lead':
        return [para([...runs(b.lead, kai), ...runs(b.text, body)])];
      case 'problem':
        return [para(b.level === 'general' ? runs(b.label + b.text, body, { bold: true }) : [...runs(b.label, body, { bold: true }), ...runs(b.text, body)])];
      case 'field':
        return [para([...runs(b.label, body, { bold: true }), ...runs(b.text, body)])];
      case 'body':
        return [para(runs(b.text, body))];
      case 'addressee':
        return [para(runs(b.text, body), { indent: {} })];
      case 'closing': {
        const first = closing ? [] : [para([], { indent: {} }), para([], { indent: {} })];
        closing = true;
        const inset = 4 + (b === blocks.at(-1) ? 0 : Math.max(0, (dateWidth - width(b.text)) / 2));
        return [...first, para(runs(b.text, body), { alignment: AlignmentType.RIGHT, indent: { right: Math.round(inset * 320) } })];
      }
    }
  });
}

function bodyOf(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
  return xml.slice(xml.indexOf('<w:body>') + 8, xml.indexOf('<w:sectPr>'));
}

// Text with what XML escapes or forbids, line breaks, Latin and CJK.
const text = fc.stringMatching(/^[a-z&<>"'\n\x01\x0b\t 一二整改（）。：2024年]{0,24}$/);
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ kind: fc.constantFrom('title', 'heading1', 'heading2', 'body', 'addressee', 'closing'), text }) as fc.Arbitrary<Block>,
  fc.record({ kind: fc.constant('lead'), lead: text, text }) as fc.Arbitrary<Block>,
  fc.record({ kind: fc.constant('problem'), level: fc.constantFrom('general', 'specific'), label: text, text }) as fc.Arbitrary<Block>,
  fc.record({ kind: fc.constant('field'), label: text, text }) as fc.Arbitrary<Block>,
);

describe('the report body written as XML', () => {
  it('is byte for byte what the docx library writes for the same paragraphs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 12 }), async (blocks) => {
        const ours = await blocksDocx(blocks, { creator: 'c', title: 't', description: 'd' });
        const theirs = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: oracle(blocks) }] })));
        expect(bodyOf(ours)).toBe(bodyOf(theirs));
      }),
      { numRuns: 60 },
    );
  });

  it('a long title is narrowed from both sides so that its lines balance', async () => {
    const long = '中共某某市某某某某某某某某局党组关于巡察整改进展情况的通报';
    const xml = bodyOf(await blocksDocx([{ kind: 'title', text: long }], { creator: 'c', title: 't', description: 'd' }));
    expect(xml).toMatch(/^<w:p><w:pPr><w:spacing[^>]*\/><w:ind w:left="(\d+)" w:right="\1"\/><w:jc w:val="center"\/>/);
  });
});
