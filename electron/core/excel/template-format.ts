/**
 * The format of a return template's very hidden sheet, the contract between the template writer
 * (write/template-ids.ts) and the importer that recognises a returned template (layout/template.ts):
 * A1 整改台账回执模板, B1 the format version; A2.. the keys below with their values in column B; row 8
 * the header `sheetRow | problemId | code`; from row 9 one row per data row of the visible sheet.
 * Keep it stable: templates already sent out must still be recognised.
 */
export const TEMPLATE_ID_SHEET = '台账标识';
export const TEMPLATE_MARK = '整改台账回执模板';
export const TEMPLATE_FORMAT_VERSION = 1;
/** In rows 2, 3, …: key in column A, value in column B. */
export const TEMPLATE_ID_KEYS = ['ledgerId', 'roundId', 'ledgerVersion', 'unit', 'issuedAt'] as const;
export const TEMPLATE_FIRST_KEY_ROW = 2;
export const TEMPLATE_ROWS_HEADER = ['sheetRow', 'problemId', 'code'] as const;
export const TEMPLATE_ROWS_HEADER_ROW = 8;
export const TEMPLATE_FIRST_ID_ROW = 9;
