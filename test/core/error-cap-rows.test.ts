import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { tmpLedger } from '../helpers/ledger';
import { importFiles } from '../helpers/import';
import { MAX_LISTED_ISSUES } from '../../electron/core/excel/import/context';

/**
 * Past the first 200 listed errors of a file, later errors are only counted: a bad row there must still be
 * a bad row (left out of the plan, shown as an error), not planned and previewed as a new problem.
 */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function master(rows: { text: string; deadline: string }[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['巡察反馈问题整改台账']);
  ws.addRow(['序号', '问题类型', '问题内容', '整改措施', '牵头单位', '整改时限']);
  ws.addRow(['（一）统筹协调不够有力']);
  rows.forEach((r, i) => ws.addRow([i + 1, '面上问题', r.text, '1.建立台账制度', '办公室', r.deadline]));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('errors past the listed ones', () => {
  it.each([MAX_LISTED_ISSUES - 1, MAX_LISTED_ISSUES, MAX_LISTED_ISSUES + 30])('%i bad rows, then a good one: every bad row is an error, the good one a new problem', async (bad) => {
    const l = tmpLedger();
    cleanups.push(l.cleanup);
    const rows = [...Array.from({ length: bad }, (_, i) => ({ text: `问题${i + 1}：落实不到位`, deadline: '2024年13月45日' })), { text: '最后一个问题：制度不健全', deadline: '2024年12月31日' }];
    const result = await importFiles(l.db, [{ name: '总台账.xlsx', bytes: await master(rows) }], { commit: false });
    const file = result.files[0]!;
    const changes = file.changes.filter((c) => c.action !== 'unchanged');
    expect(changes.filter((c) => c.action === 'add').map((c) => c.text)).toEqual(['最后一个问题：制度不健全']);
    // Listed up to the cap, the rest counted in one closing line.
    expect(file.errors.length).toBe(Math.min(bad, MAX_LISTED_ISSUES) + (bad > MAX_LISTED_ISSUES ? 1 : 0));
  });
});
