import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { currentRoundId } from '../../electron/core/ledger/rounds';
import { getMeta } from '../../electron/core/ledger/meta';
import { ledgerVersion } from '../../electron/core/ledger/actions';
import { runAction } from '../../electron/core/ledger/actions';
import { addAlias } from '../../electron/core/ledger/people';
import { exportReturnTemplates } from '../../electron/core/excel/write/exports';
import { TEMPLATE_COLUMNS, TEMPLATE_FIRST_ROW, TEMPLATE_STATUSES } from '../../electron/core/excel/write/return-template';
import { setClockForTests } from '../../electron/core/clock';
import { isLedgerError } from '../../electron/core/errors';
import { tmpLedger } from '../helpers/ledger';
import { readWorkbook, xmlParts } from '../helpers/workbook';

const COL = Object.fromEntries(TEMPLATE_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<(typeof TEMPLATE_COLUMNS)[number]['key'], number>;

describe('return templates', () => {
  let t: ReturnType<typeof tmpLedger>;
  let roundId: number;
  beforeEach(() => {
    t = tmpLedger();
    createSampleLedger(t.db);
    roundId = currentRoundId(t.db)!;
    setClockForTests(new Date('2025-03-02T08:00:00.000Z'));
  });
  afterEach(() => {
    setClockForTests(null);
    t.cleanup();
  });

  it('hold only the unit’s own problems, one row each, with the hidden identifiers in the agreed format', async () => {
    const version = ledgerVersion(t.db);
    const out = await exportReturnTemplates(t.db, roundId, { asOf: '2025-03-01', units: ['应急与信访科'] });
    expect(out.files.length).toBe(1);
    expect(out.files[0]!.name).toBe('整改进展回执-应急与信访科.xlsx');
    const wb = await readWorkbook(out.files[0]!.bytes!);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['应急与信访科', 'visible'],
      ['台账标识', 'veryHidden'],
    ]);
    const own = t.db.raw
      .prepare("SELECT p.id, p.code FROM problems p JOIN units u ON u.id = p.lead_unit_id WHERE u.name = '应急与信访科' ORDER BY p.code")
      .all() as { id: number; code: string }[];
    const ws = wb.worksheets[0]!;
    const codes: string[] = [];
    for (let r = TEMPLATE_FIRST_ROW; r < TEMPLATE_FIRST_ROW + own.length; r++) codes.push(String(ws.getCell(r, COL.code).value));
    expect(codes.sort()).toEqual(own.map((p) => p.code));
    expect(String(ws.getCell(TEMPLATE_FIRST_ROW + own.length, 1).value)).toMatch(/^填表人：/);

    const ids = wb.getWorksheet('台账标识')!;
    expect([ids.getCell('A1').value, ids.getCell('B1').value]).toEqual(['整改台账回执模板', 1]);
    expect([2, 3, 4, 5, 6].map((r) => [ids.getCell(r, 1).value, ids.getCell(r, 2).value])).toEqual([
      ['ledgerId', getMeta(t.db, 'ledger_id')],
      ['roundId', roundId],
      ['ledgerVersion', version],
      ['unit', '应急与信访科'],
      ['issuedAt', '2025-03-02T08:00:00.000Z'],
    ]);
    expect([1, 2, 3].map((c) => ids.getCell(8, c).value)).toEqual(['sheetRow', 'problemId', 'code']);
    for (let i = 0; i < own.length; i++) {
      const sheetRow = ids.getCell(9 + i, 1).value as number;
      const problemId = ids.getCell(9 + i, 2).value as number;
      const code = ids.getCell(9 + i, 3).value as string;
      expect(sheetRow).toBe(TEMPLATE_FIRST_ROW + i);
      expect(ws.getCell(sheetRow, COL.code).value).toBe(code);
      expect(own.find((p) => p.code === code)?.id).toBe(problemId);
    }
    expect(ids.getCell(9 + own.length, 1).value).toBeNull();
  });

  it('lock what the unit must not change and open what it reports, with a status list and date checks', async () => {
    const out = await exportReturnTemplates(t.db, roundId, { asOf: '2025-03-01', units: ['机关党办'] });
    const bytes = out.files[0]!.bytes!;
    const wb = await readWorkbook(bytes);
    const ws = wb.worksheets[0]!;
    const r = TEMPLATE_FIRST_ROW;
    for (const c of TEMPLATE_COLUMNS) {
      const locked = ws.getCell(r, COL[c.key]).protection?.locked !== false;
      expect(locked, c.label).toBe(!c.open);
    }
    expect(TEMPLATE_COLUMNS.filter((c) => !c.open).map((c) => c.label)).toEqual(['编号', '问题', '整改措施', '整改时限']);
    const sheetXml = xmlParts(bytes)['xl/worksheets/sheet1.xml']!;
    expect(sheetXml).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(sheetXml).not.toMatch(/<sheetProtection [^>]*hashValue/);
    const statusCell = ws.getCell(r, COL.status);
    expect(statusCell.dataValidation).toMatchObject({ type: 'list', formulae: [`"${TEMPLATE_STATUSES.join(',')}"`] });
    expect(TEMPLATE_STATUSES).toEqual(['未启动', '正在推进', '已完成', '长期坚持', '申请延期', '待销号']);
    expect(ws.getCell(r, COL.completedDate).dataValidation).toMatchObject({ type: 'date', operator: 'between' });
    expect(ws.getCell('G2').dataValidation).toMatchObject({ type: 'date' });
    expect(ws.getCell('G2').protection?.locked).toBe(false);
    // Prefilled with what the ledger says now: the unit changes only what changed.
    const code = String(ws.getCell(r, COL.code).value);
    const row = t.db.raw.prepare('SELECT status, completed_date FROM problems WHERE code = ?').get(code) as { status: string; completed_date: string | null };
    expect(statusCell.value).toBe(row.status);
    const date = ws.getCell(r, COL.completedDate).value;
    if (row.completed_date) expect((date as Date).toISOString().slice(0, 10)).toBe(row.completed_date);
    else expect(date).toBeNull();
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '4:4' });
  });

  it('are made for every lead unit when none is named, zipped together when kept in memory', async () => {
    const out = await exportReturnTemplates(t.db, roundId, { asOf: '2025-03-01' });
    const units = (t.db.raw.prepare('SELECT DISTINCT u.name FROM problems p JOIN units u ON u.id = p.lead_unit_id').all() as { name: string }[]).map((u) => u.name);
    expect(out.workbooks).toBe(units.length);
    expect(out.files[0]!.name).toBe('整改进展回执模板-20250301.zip');
    const names = Object.keys(unzipSync(new Uint8Array(out.files[0]!.bytes!)));
    expect(names.sort()).toEqual(units.map((u) => `整改进展回执-${u}.xlsx`).sort());
    expect(out.problems).toBe(27);
  });

  it('are written one file per unit into a folder, and a unit may be named by its alias', async () => {
    runAction(t.db, { source: 'edit', label: '别名' }, () => addAlias(t.db, 'unit', '机关党办', '局机关党委办公室'));
    const dir = path.join(t.dir, '回执');
    const out = await exportReturnTemplates(t.db, roundId, { asOf: '2025-03-01', units: ['局机关党委办公室', '人事科'] }, { dir });
    expect(fs.readdirSync(dir).sort()).toEqual(['整改进展回执-人事科.xlsx', '整改进展回执-机关党办.xlsx']);
    expect(out.files.map((f) => f.path)).toEqual([path.join(dir, '整改进展回执-机关党办.xlsx'), path.join(dir, '整改进展回执-人事科.xlsx')]);
  });

  it('refuse a unit that leads no problem, naming the units that do, and write nothing', async () => {
    const dir = path.join(t.dir, 'none');
    const err = await exportReturnTemplates(t.db, roundId, { asOf: '2025-03-01', units: ['人事科', '宣传科'] }, { dir }).catch((e: unknown) => e);
    expect(isLedgerError(err)).toBe(true);
    expect((err as Error).message).toMatch(/^单位“宣传科”没有牵头的问题，无法生成回执模板。可选的牵头单位：.*人事科/);
    expect(fs.existsSync(dir)).toBe(false);
  });
});
