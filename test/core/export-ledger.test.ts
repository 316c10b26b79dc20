import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { currentRoundId } from '../../electron/core/ledger/rounds';
import { exportLedgerWorkbook } from '../../electron/core/excel/write/exports';
import { heightFor, wrappedLines } from '../../electron/core/excel/write/measure';
import { LEDGER_COLUMNS } from '../../electron/core/excel/write/ledger-workbook';
import { tmpLedger } from '../helpers/ledger';
import { buildLedger, cellString, readWorkbook, xmlParts } from '../helpers/workbook';

const ASOF = '2025-03-01';

function col(label: string): number {
  const i = LEDGER_COLUMNS.findIndex((c) => c.label.replace(/\n/g, '') === label);
  if (i < 0) throw new Error(`no column ${label}`);
  return i + 1;
}

/** The first row (below the header) whose 编号 cell holds `code`. */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === code) return r;
  throw new Error(`no row for ${code}`);
}

describe('the ledger workbook', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  async function exportSample(layout: 'rows' | 'cell' = 'rows', publicOnly = false) {
    createSampleLedger(t.db);
    const roundId = currentRoundId(t.db)!;
    const out = await exportLedgerWorkbook(t.db, roundId, { asOf: ASOF, layout, publicOnly, filler: '局办公室' });
    const bytes = out.files[0]!.bytes!;
    return { out, bytes, wb: await readWorkbook(bytes) };
  }

  it('has the office layout: merged title, 填报 row, two-row header with 整改情况 over its columns, category banners', async () => {
    const { wb } = await exportSample();
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('整改台账');
    const merges = ws.model.merges;
    expect(cellString(wb, 0, 'A1')).toBe('市生态环境局党组巡察反馈问题整改台账');
    expect(merges).toContain('A1:L1');
    expect(cellString(wb, 0, 'A2')).toBe('填报单位：局办公室');
    expect(cellString(wb, 0, 'G2')).toBe('填报时间：2025年3月1日');
    // 编号, 问题类型, 问题表现 and 备注 span both header rows; 整改情况 spans D3:K3 over its eight columns.
    for (const m of ['A3:A4', 'B3:B4', 'C3:C4', 'D3:K3', 'L3:L4']) expect(merges).toContain(m);
    expect(cellString(wb, 0, 'D3')).toBe('整改情况');
    expect(['D4', 'E4', 'F4', 'G4', 'H4', 'I4', 'J4'].map((a) => cellString(wb, 0, a))).toEqual([
      '整改措施',
      '责任领导',
      '牵头单位',
      '配合单位',
      '整改时限',
      '完成状态',
      '整改进展',
    ]);
    expect(cellString(wb, 0, 'A5')).toBe('（一）学习贯彻党的创新理论不够深入，落实上级决策部署有差距');
    expect(merges).toContain('A5:L5');
  });

  it('writes one row per measure with the problem cells merged down, codes in 编号 and statuses per measure when they differ', async () => {
    const { wb } = await exportSample();
    const ws = wb.worksheets[0]!;
    // 1-2 has three measures: 已完成, 正在推进, 长期坚持.
    const r = rowOf(ws, '1-2');
    const merges = ws.model.merges;
    for (const c of ['A', 'B', 'C', 'E', 'F', 'G', 'H', 'J']) expect(merges).toContain(`${c}${r}:${c}${r + 2}`);
    expect([0, 1, 2].map((i) => cellString(wb, 0, `D${r + i}`))).toEqual([
      '1.建立督察反馈问题整改清单，实行销号管理。',
      '2.对整改进度滞后的县区开展约谈。',
      '3.每月调度整改进展并报市委督查室。',
    ]);
    expect([0, 1, 2].map((i) => cellString(wb, 0, `I${r + i}`))).toEqual(['已完成', '正在推进', '长期坚持']);
    expect(merges).not.toContain(`I${r}:I${r + 2}`);
    expect(cellString(wb, 0, `B${r}`)).toBe('面上问题');
    expect(cellString(wb, 0, `G${r}`)).toBe('大气环境科、水生态环境科');
    expect(cellString(wb, 0, `H${r}`)).toBe('2025年6月30日前');
    // The latest progress, not the first.
    expect(cellString(wb, 0, `J${r}`)).toBe('已约谈2个进度滞后县区。');
    // 1-1-1: both measures done → one merged status cell.
    const s = rowOf(ws, '1-1-1');
    expect(merges).toContain(`I${s}:I${s + 1}`);
    expect(cellString(wb, 0, `I${s}`)).toBe('已完成');
    expect(cellString(wb, 0, `B${s}`)).toBe('具体问题');
  });

  it('puts all measures in one cell when asked, with the per-measure statuses as a phrase', async () => {
    const { wb, out } = await exportSample('cell');
    const ws = wb.worksheets[0]!;
    const r = rowOf(ws, '1-2');
    expect(cellString(wb, 0, `D${r}`)).toBe('1.建立督察反馈问题整改清单，实行销号管理。\n2.对整改进度滞后的县区开展约谈。\n3.每月调度整改进展并报市委督查室。');
    expect(cellString(wb, 0, `I${r}`)).toBe('第一项已完成;第二项正在推进;第三项长期坚持');
    expect(ws.getCell(`A${r + 1}`).value).toBe('1-2-1');
    // No cell is merged below the header except the category banners across the sheet.
    const below = ws.model.merges.filter((m) => Number(m.match(/\d+/)![0]) > 4);
    expect(below.length).toBe(4);
    for (const m of below) expect(m).toMatch(/^A(\d+):L\1$/);
    expect(out.rows).toBe(27 + 4); // 27 problems, 4 category banners
  });

  it('leaves out withheld problems when exporting for the public', async () => {
    const all = await exportSample('cell');
    const codes = (wb: ExcelJS.Workbook) => {
      const ws = wb.worksheets[0]!;
      const out: string[] = [];
      for (let r = 5; r <= ws.rowCount; r++) {
        const v = ws.getCell(r, 1).value;
        if (typeof v === 'string' && /^\d+-\d+/.test(v)) out.push(v);
      }
      return out;
    };
    const withheld = (t.db.raw.prepare('SELECT code FROM problems WHERE public = 0').all() as { code: string }[]).map((r) => r.code);
    expect(withheld.length).toBeGreaterThan(0);
    const publicOut = await exportLedgerWorkbook(t.db, currentRoundId(t.db)!, { asOf: ASOF, layout: 'cell', publicOnly: true });
    const publicCodes = codes(await readWorkbook(publicOut.files[0]!.bytes!));
    expect(publicCodes).toEqual(codes(all.wb).filter((c) => !withheld.includes(c)));
  });

  it('prints on A4 landscape, one page wide, with the header rows repeated and page numbers in the footer', async () => {
    const { wb, bytes } = await exportSample();
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow).toBe('3:4');
    expect(ws.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 0 });
    const xml = xmlParts(bytes);
    expect(xml['xl/workbook.xml']).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;整改台账&apos;!$3:$4</definedName>`);
    expect(xml['xl/worksheets/sheet1.xml']).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
  });

  it('makes rows tall enough for their wrapped text, and borders and wrapping on every table cell', async () => {
    const long = '建立健全整改长效机制，'.repeat(30);
    buildLedger(t.db, { title: '测试轮次' }, [
      { title: '类别', problems: [{ text: '短问题。', unit: '办公室', deadline: '2025年6月30日前', measures: [{ text: long }, { text: '第二项。' }] }] },
    ]);
    const out = await exportLedgerWorkbook(t.db, currentRoundId(t.db)!, { asOf: ASOF });
    const wb = await readWorkbook(out.files[0]!.bytes!);
    const ws = wb.worksheets[0]!;
    const r = rowOf(ws, '1-1');
    const width = LEDGER_COLUMNS[col('整改措施') - 1]!.width;
    expect(wrappedLines(`1.${long}`, width, 10.5)).toBeGreaterThan(5);
    expect(ws.getRow(r).height).toBeGreaterThanOrEqual(heightFor(`1.${long}`, width, 10.5));
    expect(ws.getRow(r + 1).height).toBeLessThan(ws.getRow(r).height!);
    for (let c = 1; c <= LEDGER_COLUMNS.length; c++) {
      const cell = ws.getCell(r, c);
      expect(cell.border?.left?.style, `column ${c}`).toBe('thin');
      expect(cell.alignment?.wrapText, `column ${c}`).toBe(true);
    }
  });

  it('writes measures whose text starts with a digit with （1） numbers, so that the number is not taken for part of a date', async () => {
    buildLedger(t.db, { title: '测试轮次' }, [
      { title: '类别', problems: [{ text: '问题。', unit: '办公室', measures: [{ text: '建立制度。' }, { text: '2024年11月召开会议。' }] }] },
    ]);
    const out = await exportLedgerWorkbook(t.db, currentRoundId(t.db)!, { asOf: ASOF, layout: 'cell' });
    const wb = await readWorkbook(out.files[0]!.bytes!);
    expect(cellString(wb, 0, `D${rowOf(wb.worksheets[0]!, '1-1')}`)).toBe('（1）建立制度。\n（2）2024年11月召开会议。');
  });

  it('writes measures with deadlines of their own as the per-measure deadline phrase', async () => {
    buildLedger(t.db, { title: '测试轮次', feedbackDate: '2024-10-28' }, [
      {
        title: '类别',
        problems: [
          {
            text: '问题。',
            unit: '办公室',
            deadline: '2024年11月20日前',
            measures: [{ text: '甲。' }, { text: '乙。', deadline: '待省上出台政策后' }, { text: '丙。' }],
          },
        ],
      },
    ]);
    const out = await exportLedgerWorkbook(t.db, currentRoundId(t.db)!, { asOf: ASOF });
    const wb = await readWorkbook(out.files[0]!.bytes!);
    const r = rowOf(wb.worksheets[0]!, '1-1');
    expect(cellString(wb, 0, `H${r}`)).toBe('第一三项2024年11月20日前;第二项待省上出台政策后');
    expect(wb.worksheets[0]!.model.merges).toContain(`H${r}:H${r + 2}`);
  });
});
