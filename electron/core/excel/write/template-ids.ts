import type { Book } from './book';
import { sheetWriter } from './sheet';
import {
  TEMPLATE_FIRST_ID_ROW,
  TEMPLATE_FIRST_KEY_ROW,
  TEMPLATE_FORMAT_VERSION,
  TEMPLATE_ID_KEYS,
  TEMPLATE_ID_SHEET,
  TEMPLATE_MARK,
  TEMPLATE_ROWS_HEADER,
  TEMPLATE_ROWS_HEADER_ROW,
} from '../template-format';

/** What a return template records, in its very hidden sheet (format: ../template-format.ts). */
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
    out.put(TEMPLATE_FIRST_KEY_ROW + i, 1, key, plain);
    out.put(TEMPLATE_FIRST_KEY_ROW + i, 2, ids[key], plain);
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
