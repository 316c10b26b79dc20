import { buildGrid } from './grid';
import { TEMPLATE_FIRST_ID_ROW, TEMPLATE_FIRST_KEY_ROW, TEMPLATE_FORMAT_VERSION, TEMPLATE_ID_KEYS, TEMPLATE_ID_SHEET, TEMPLATE_MARK } from '../template-format';
import type { SheetData } from '../read/types';

/** A return template (issue 5) as read back: its very hidden sheet (format: ../template-format.ts). */
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
  for (let r = TEMPLATE_FIRST_KEY_ROW; r < TEMPLATE_FIRST_KEY_ROW + TEMPLATE_ID_KEYS.length; r++) meta.set(g.text(r, 1), g.text(r, 2));
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
