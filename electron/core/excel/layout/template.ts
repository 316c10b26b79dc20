import { buildGrid } from './grid';
import { TEMPLATE_FIRST_ID_ROW, TEMPLATE_FORMAT_VERSION, TEMPLATE_ID_SHEET, TEMPLATE_MARK } from '../write/template-ids';
import type { SheetData } from '../read/types';

/**
 * Return templates (issue 5) carry a very hidden sheet 台账标识: A1 整改台账回执模板, B1 the template
 * version (1); rows 2–6 ledgerId, roundId, ledgerVersion, unit, issuedAt (label in A, value in B);
 * row 8 the header `sheetRow | problemId | code`; from row 9 one row per data row of the visible sheet.
 */
export { TEMPLATE_ID_SHEET as TEMPLATE_SHEET } from '../write/template-ids';

export interface TemplateInfo {
  ledgerId: string;
  roundId: number | null;
  ledgerVersion: number | null;
  unit: string | null;
  issuedAt: string | null;
  /** Sheet row of the visible sheet → the problem it was issued for. */
  rows: Map<number, { problemId: number; code: string }>;
}

export type TemplateRead = { template: TemplateInfo } | { unsupported: string } | null;

export function readTemplate(sheets: SheetData[]): TemplateRead {
  const sheet = sheets.find((s) => s.name === TEMPLATE_ID_SHEET);
  if (!sheet) return null;
  const g = buildGrid(sheet);
  if (g.text(1, 1) !== TEMPLATE_MARK) return null;
  if (g.text(1, 2) !== String(TEMPLATE_FORMAT_VERSION)) return { unsupported: g.text(1, 2) };
  const meta = new Map<string, string>();
  for (let r = 2; r <= 6; r++) meta.set(g.text(r, 1), g.text(r, 2));
  const num = (k: string) => {
    const n = Number(meta.get(k));
    return Number.isInteger(n) && n > 0 ? n : null;
  };
  const rows = new Map<number, { problemId: number; code: string }>();
  for (const r of g.rows) {
    if (r < TEMPLATE_FIRST_ID_ROW) continue;
    const sheetRow = Number(g.text(r, 1));
    const problemId = Number(g.text(r, 2));
    if (Number.isInteger(sheetRow) && sheetRow > 0 && Number.isInteger(problemId) && problemId > 0) {
      rows.set(sheetRow, { problemId, code: g.text(r, 3) });
    }
  }
  return {
    template: {
      ledgerId: meta.get('ledgerId') ?? '',
      roundId: num('roundId'),
      ledgerVersion: num('ledgerVersion'),
      unit: meta.get('unit') || null,
      issuedAt: meta.get('issuedAt') || null,
      rows,
    },
  };
}
