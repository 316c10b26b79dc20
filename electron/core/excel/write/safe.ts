/**
 * What every exported cell, sheet name and file name goes through. Exported text is data, never a
 * formula: exceljs writes a string value as a string cell whatever it starts with, and cells that look like
 * a formula (= + - @, also after leading spaces, tab or CR) also get the Text number format, so that a
 * person who later presses F2 and Enter in Excel does not turn them into one.
 */

/** Characters XML 1.0 cannot carry: a single one makes Excel refuse the whole file. */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Excel's limit for the text of one cell. */
export const EXCEL_CELL_MAX = 32767;
const CUT_NOTE = '…（超出 Excel 单元格字数上限，以下从略）';

const FORMULA_LIKE = /^[\s]*[=+\-@]/;

export function looksLikeFormula(text: string): boolean {
  return FORMULA_LIKE.test(text);
}

/** Text as it may go into a cell: line breaks normalised, XML-illegal characters dropped, Excel's limit kept. */
export function cellText(value: string | null | undefined): string {
  if (value == null) return '';
  let s = String(value).replace(/\r\n?/g, '\n').replace(XML_ILLEGAL, '');
  if (s.length > EXCEL_CELL_MAX) s = s.slice(0, EXCEL_CELL_MAX - CUT_NOTE.length) + CUT_NOTE;
  return s;
}

/**
 * Excel shows "####" for a Text-formatted cell holding more than 255 characters, so the Text format is
 * only given to short formula-like cells; a longer one stays a plain string cell (still no formula).
 */
export function needsTextFormat(text: string): boolean {
  return text.length <= 255 && looksLikeFormula(text);
}

const SHEET_NAME_BAD = /[[\]:*?/\\]/g;
const SHEET_NAME_MAX = 31;

/**
 * A sheet name Excel accepts: no []:*?/\, no leading or trailing apostrophe, at most 31 characters, not the
 * reserved "History", and unique (case-insensitive) among `used`, which it is added to.
 */
export function sheetName(wanted: string, used: Set<string>, fallback = '工作表'): string {
  let base = cellText(wanted).replace(/\n/g, ' ').replace(SHEET_NAME_BAD, '_').trim().replace(/^'+|'+$/g, '').trim();
  if (!base || base.toLowerCase() === 'history') base = base ? `${base}_` : fallback;
  base = [...base].slice(0, SHEET_NAME_MAX).join('');
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = [...base].slice(0, SHEET_NAME_MAX - suffix.length).join('') + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

// eslint-disable-next-line no-control-regex
const FILE_NAME_BAD = /[<>:"/\\|?*\u0000-\u001F]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** A file name (without folder) that Windows, macOS and Linux all accept; `ext` includes the dot. */
export function fileName(wanted: string, ext: string, fallback = '导出'): string {
  let base = wanted.replace(FILE_NAME_BAD, '_').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '');
  if (!base || WINDOWS_RESERVED.test(base)) base = base ? `_${base}` : fallback;
  base = [...base].slice(0, 100).join('');
  return base + ext;
}
