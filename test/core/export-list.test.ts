import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tmpDir, tmpService, type TmpService } from '../helpers/ledger';

async function readBack(bytes: Buffer | string) {
  const wb = new ExcelJS.Workbook();
  if (typeof bytes === 'string') await wb.xlsx.readFile(bytes);
  else await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}
const text = (v: ExcelJS.CellValue) => (v == null ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v));

describe('exporting a list shown on screen (导出为 Excel)', () => {
  let s: TmpService;
  beforeEach(() => (s = tmpService()));
  afterEach(() => s.cleanup());

  it('writes the title, the date line, the header and every row as given, codes as text, A4 landscape with the header repeated', async () => {
    // Rows of varied shape: codes that Excel would read as dates, numbers, long text, formula-like text.
    const rows = Array.from({ length: 57 }, (_, i) => [`${1 + (i % 5)}-${i + 1}`, `问题${'很长的文字'.repeat(i % 7)}${i}`, i % 4 === 0 ? '=1+1' : '政治部', i]);
    const r = await s.call('export.list', { title: '逾期问题清单', asOf: '2025-02-10', note: '按牵头单位', columns: [{ title: '编号' }, { title: '问题' }, { title: '牵头单位' }, { title: '天数' }], rows });
    expect(r.rows).toBe(rows.length);
    expect(r.fileName).toBe('逾期问题清单-20250210.xlsx');
    const ws = await readBack(Buffer.from(r.data!, 'base64'));
    expect(text(ws.getCell('A1').value)).toBe('逾期问题清单');
    expect(text(ws.getCell('A2').value)).toBe(`截至 2025年2月10日　按牵头单位　共 ${rows.length} 条`);
    expect([1, 2, 3, 4].map((c) => text(ws.getRow(3).getCell(c).value))).toEqual(['编号', '问题', '牵头单位', '天数']);
    for (let i = 0; i < rows.length; i++) {
      const row = ws.getRow(4 + i);
      expect([1, 2, 3].map((c) => text(row.getCell(c).value))).toEqual(rows[i]!.slice(0, 3));
      expect(row.getCell(4).value).toBe(rows[i]![3]);
    }
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
  });

  it('saves to a path on the desktop and refuses a relative one', async () => {
    const t = tmpDir('list-export-');
    try {
      const file = path.join(t.dir, '未报送单位');
      const r = await s.call('export.list', { title: '未报送单位', columns: [{ title: '单位' }], rows: [['政治部'], ['办公室']], path: file });
      expect(r.path).toBe(`${file}.xlsx`);
      const ws = await readBack(r.path!);
      expect(text(ws.getCell('A5').value)).toBe('办公室');
      const bad = await s.service.call('export.list', { title: 'x', columns: [{ title: 'a' }], rows: [], path: 'rel/x.xlsx' });
      expect(bad).toMatchObject({ ok: false });
      if (!bad.ok) expect(bad.error.message).toMatch(/完整/);
    } finally {
      t.cleanup();
    }
  });

  it('in the browser host writes only into the data folder (the path policy of every export)', async () => {
    const web = tmpService({ kind: 'web' });
    const t = tmpDir('list-export-out-');
    try {
      const outside = await web.service.call('export.list', { title: '清单', columns: [{ title: 'a' }], rows: [['x']], path: path.join(t.dir, '清单.xlsx') });
      expect(outside.ok).toBe(false);
      expect(fs.readdirSync(t.dir)).toEqual([]);
    } finally {
      t.cleanup();
      web.cleanup();
    }
  });

  it('exports only the problems of the table’s view in the ledger workbook when given their ids', async () => {
    await s.call('ledger.addSample', {});
    const list = await s.call('problems.list', {});
    const chosen = list.filter((_, i) => i % 3 === 0);
    const r = await s.call('export.run', { kind: 'ledger', asOf: '2025-02-10', layout: 'cell', problemIds: chosen.map((p) => p.id) });
    const ws = await readBack(Buffer.from(r.data!, 'base64'));
    const codes: string[] = [];
    ws.eachRow((row, n) => {
      const v = text(row.getCell(1).value);
      if (n > 4 && /^\d+(-\d+)+$/.test(v)) codes.push(v);
    });
    expect(codes.sort()).toEqual(chosen.map((p) => p.code).sort());
  });
});
