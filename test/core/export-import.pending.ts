/**
 * Acceptance tests of issue 5 that need the import pipeline (issue 4, branch `import`): they run the
 * `import` command, which main does not have yet. To enable them once import is merged, rename this file
 * to `export-import.test.ts` (vitest runs test/core/**\/*.test.ts; tsc already checks it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../../electron/cli';
import { openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { updateProblem } from '../../electron/core/ledger/problems';
import { TEMPLATE_COLUMNS, TEMPLATE_DATE_CELL, TEMPLATE_FIRST_ROW } from '../../electron/core/excel/write/return-template';
import { sharedFixture, tmpDir } from '../helpers/ledger';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

async function cliOk(...argv: string[]): Promise<string> {
  const r = await cli(...argv);
  if (r.code !== 0) throw new Error(`cli ${argv.join(' ')} → ${r.code}\n${r.err}\n${r.out}`);
  return r.out;
}

interface Listed {
  code: string;
  status: string;
  progress: { date: string; text: string }[];
  [k: string]: unknown;
}

const list = async (file: string) => JSON.parse(await cliOk('list', file, '--json')) as Listed[];

const COL = Object.fromEntries(TEMPLATE_COLUMNS.map((c, i) => [c.key, i + 1])) as Record<(typeof TEMPLATE_COLUMNS)[number]['key'], number>;

/** A unit fills in its template in Excel: only open cells, plus the date of its return. */
async function fillTemplate(file: string, out: string, date: Date, edits: Record<string, { status?: string; progress?: string }>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  ws.getCell(TEMPLATE_DATE_CELL.row, TEMPLATE_DATE_CELL.col).value = date;
  for (let r = TEMPLATE_FIRST_ROW; r <= ws.rowCount; r++) {
    const edit = edits[String(ws.getCell(r, COL.code).value)];
    if (!edit) continue;
    if (edit.status) ws.getCell(r, COL.status).value = edit.status;
    if (edit.progress) ws.getCell(r, COL.progress).value = edit.progress;
  }
  await wb.xlsx.writeFile(out);
}

describe('exports read back by the importer', () => {
  let t: ReturnType<typeof tmpDir>;
  let master: string;
  beforeEach(async () => {
    t = tmpDir();
    master = path.join(t.dir, 'master.zgtz');
    await cliOk('init', master);
    await cliOk('import', master, sharedFixture('workbooks', '整改台账-总表.xlsx'));
  });
  afterEach(() => t.cleanup());

  for (const layout of ['rows', 'cell']) {
    it(`round trip (${layout}): master fixture → ledger → exported workbook → new ledger gives the same cli list --json`, async () => {
      const before = await list(master);
      expect(before.length).toBe(63);
      const xlsx = path.join(t.dir, `台账-${layout}.xlsx`);
      await cliOk('export', master, '--kind', 'ledger', '--out', xlsx, '--layout', layout, '--as-of', '2024-12-01');
      const copy = path.join(t.dir, `copy-${layout}.zgtz`);
      await cliOk('init', copy);
      await cliOk('import', copy, xlsx);
      expect(await list(copy)).toEqual(before);
    });
  }

  it('return templates for three units, filled in as a unit would, bring exactly those changes back', async () => {
    const before = await list(master);
    const dir = path.join(t.dir, 'templates');
    await cliOk('export', master, '--kind', 'returns', '--out', dir, '--unit', '政治部', '--unit', '机关党办', '--unit', '法治调研科');
    const byUnit = (unit: string) => before.filter((p) => p.leadUnit === unit).map((p) => p.code);
    const [zz, jg, fz] = [byUnit('政治部'), byUnit('机关党办'), byUnit('法治调研科')];
    const edits: Record<string, Record<string, { status?: string; progress?: string }>> = {
      政治部: { [zz[0]!]: { status: '正在推进', progress: '按新要求再次组织专题学习。' }, [zz[2]!]: { progress: '已完成制度修订。' } },
      机关党办: { [jg[1]!]: { status: '长期坚持' } },
      法治调研科: { [fz[0]!]: { progress: '第三季度督查已完成。' } },
    };
    const returned: string[] = [];
    for (const [unit, e] of Object.entries(edits)) {
      const out = path.join(t.dir, `回执-${unit}-已填.xlsx`);
      await fillTemplate(path.join(dir, `整改进展回执-${unit}.xlsx`), out, new Date(Date.UTC(2025, 2, 10)), e);
      returned.push(out);
    }
    const r = JSON.parse(await cliOk('import', master, ...returned, '--json')) as { committed: boolean; files: { unit: string; errors: unknown[]; warnings: { code: string }[] }[] };
    expect(r.committed).toBe(true);
    expect(r.files.map((f) => f.unit)).toEqual(['政治部', '机关党办', '法治调研科']);
    for (const f of r.files) expect(f.errors).toEqual([]);
    for (const f of r.files) expect(f.warnings.filter((w) => w.code === 'CHANGED_SINCE_TEMPLATE')).toEqual([]);

    const expected = structuredClone(before);
    for (const e of Object.values(edits)) {
      for (const [code, change] of Object.entries(e)) {
        const p = expected.find((x) => x.code === code)!;
        if (change.status) p.status = change.status;
        if (change.progress) p.progress.push({ date: '2025-03-10', text: change.progress });
      }
    }
    expect(await list(master)).toEqual(expected);
  });

  it('flags a template row whose problem was changed in the ledger after the template was issued', async () => {
    const dir = path.join(t.dir, 'templates');
    await cliOk('export', master, '--kind', 'returns', '--out', dir, '--unit', '政治部');
    const codes = (await list(master)).filter((p) => p.leadUnit === '政治部').map((p) => p.code);
    const db = openDb(master);
    try {
      const id = (db.raw.prepare('SELECT id FROM problems WHERE code = ?').get(codes[1]!) as { id: number }).id;
      runAction(db, { source: 'edit', label: '改时限' }, () => updateProblem(db, id, { notes: '时限已调整，待党组会研究。' }));
    } finally {
      db.close();
    }
    const out = path.join(t.dir, '回执-政治部-已填.xlsx');
    await fillTemplate(path.join(dir, '整改进展回执-政治部.xlsx'), out, new Date(Date.UTC(2025, 2, 10)), { [codes[1]!]: { progress: '已按期推进。' } });
    const r = JSON.parse((await cli('import', master, out, '--json', '--dry-run')).out) as { files: { warnings: { code: string; row: number | null; message: string }[] }[] };
    const flagged = r.files[0]!.warnings.filter((w) => w.code === 'CHANGED_SINCE_TEMPLATE');
    expect(flagged.length).toBe(1);
    expect(flagged[0]!.row).toBe(TEMPLATE_FIRST_ROW + 1);
    expect(flagged[0]!.message).toContain(codes[1]!);
    expect(fs.existsSync(out)).toBe(true);
  });
});
