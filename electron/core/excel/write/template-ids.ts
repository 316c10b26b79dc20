import type { Book } from './book';
import { sheetWriter } from './sheet';

/**
 * The very hidden sheet of a return template, the contract with the importer (which recognises a returned
 * template by it): A1 整改台账回执模板, B1 the format version 1; A2..A6 the keys below with their values
 * in B2..B6; row 8 the header `sheetRow | problemId | code`; from row 9 one row per data row of the
 * visible sheet. Keep this format stable: templates already sent out must still be recognised.
 */
export const TEMPLATE_ID_SHEET = '台账标识';
export const TEMPLATE_MARK = '整改台账回执模板';
export const TEMPLATE_FORMAT_VERSION = 1;
export const TEMPLATE_ID_KEYS = ['ledgerId', 'roundId', 'ledgerVersion', 'unit', 'issuedAt'] as const;
export const TEMPLATE_ROWS_HEADER = ['sheetRow', 'problemId', 'code'] as const;
export const TEMPLATE_ROWS_HEADER_ROW = 8;
export const TEMPLATE_FIRST_ID_ROW = 9;

export interface TemplateIds {
  ledgerId: string;
  roundId: number;
  /** ledgerVersion(db) when the template was made: later history rows of a problem mean it changed since. */
  ledgerVersion: number;
  unit: string;
  issuedAt: string;
  rows: { sheetRow: number; problemId: number; code: string }[];
}

export function writeTemplateIds(book: Book, ids: TemplateIds): void {
  const ws = book.wb.addWorksheet(TEMPLATE_ID_SHEET, { state: 'veryHidden' });
  ws.columns = [{ width: 16 }, { width: 40 }, { width: 12 }];
  const out = sheetWriter(ws);
  const plain = {};
  out.put(1, 1, TEMPLATE_MARK, plain);
  out.put(1, 2, TEMPLATE_FORMAT_VERSION, plain);
  TEMPLATE_ID_KEYS.forEach((key, i) => {
    out.put(i + 2, 1, key, plain);
    out.put(i + 2, 2, ids[key], plain);
  });
  TEMPLATE_ROWS_HEADER.forEach((label, i) => out.put(TEMPLATE_ROWS_HEADER_ROW, i + 1, label, plain));
  ids.rows.forEach((r, i) => {
    const row = TEMPLATE_FIRST_ID_ROW + i;
    out.put(row, 1, r.sheetRow, plain);
    out.put(row, 2, r.problemId, plain);
    out.put(row, 3, r.code, plain);
  });
  // Nothing to see or change here; protection keeps a curious unit from editing it if it is ever unhidden.
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}
