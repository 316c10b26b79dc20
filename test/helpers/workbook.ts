import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import type { Db } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createCategory, createRound } from '../../electron/core/ledger/rounds';
import { createProblem } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress } from '../../electron/core/ledger/measures';
import type { MeasureStatus } from '../../shared/domain/status';

/** Open an exported workbook with exceljs's full (non-streaming) reader, as a person's Excel would. */
export async function readWorkbook(bytes: Buffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Every XML part of an .xlsx, by name: for assertions on what exceljs does not expose. */
export function xmlParts(bytes: Buffer | Uint8Array): Record<string, string> {
  const files = unzipSync(new Uint8Array(bytes));
  return Object.fromEntries(Object.entries(files).filter(([n]) => n.endsWith('.xml') || n.endsWith('.rels')).map(([n, d]) => [n, strFromU8(d)]));
}

/** The text of a cell as a reader sees it (rich text joined, dates as ISO days). */
export function cellString(wb: ExcelJS.Workbook, sheet: string | number, address: string): string {
  const ws = typeof sheet === 'number' ? wb.worksheets[sheet]! : wb.getWorksheet(sheet)!;
  const v = ws.getCell(address).value;
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

export interface SpecMeasure {
  text: string;
  status?: MeasureStatus;
  completedDate?: string;
  deadline?: string;
}
export interface SpecProblem {
  text: string;
  leaders?: string[];
  unit?: string;
  units?: string[];
  deadline?: string;
  measures?: SpecMeasure[];
  progress?: [string, string][];
  public?: boolean;
  notes?: string;
  specifics?: SpecProblem[];
}

/** Build a round from a compact description (one recorded action), for export tests. */
export function buildLedger(
  db: Db,
  round: { title: string; inspectedOrg?: string; periodEnd?: string | null; feedbackDate?: string },
  categories: { title: string; problems: SpecProblem[] }[],
): number {
  return runAction(db, { source: 'system', label: '测试台账' }, () => {
    const roundId = createRound(db, { ...round, feedbackDate: round.feedbackDate ?? '2024-10-28' });
    const add = (categoryId: number, parentId: number | null, p: SpecProblem) => {
      const id = createProblem(db, {
        categoryId,
        parentId,
        kind: parentId == null ? 'general' : 'specific',
        text: p.text,
        leaders: p.leaders,
        leadUnit: p.unit,
        units: p.units,
        deadline: p.deadline ? { raw: p.deadline } : undefined,
        public: p.public,
        notes: p.notes,
      });
      for (const m of p.measures ?? []) {
        addMeasure(db, id, { text: m.text, status: m.status, completedDate: m.completedDate ?? null, deadline: m.deadline ? { raw: m.deadline } : undefined });
      }
      for (const [date, text] of p.progress ?? []) addProgress(db, id, { date, text });
      for (const s of p.specifics ?? []) add(categoryId, id, s);
      return id;
    };
    for (const c of categories) {
      const categoryId = createCategory(db, roundId, c.title);
      for (const p of c.problems) add(categoryId, null, p);
    }
    return roundId;
  });
}
