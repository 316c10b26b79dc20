/**
 * How tall a row must be for its wrapped text. Excel does not grow rows with merged cells by itself, and a
 * streamed sheet is never measured, so the height is estimated here: CJK and full-width characters are one
 * em wide, Latin letters and digits about half; lines wrap greedily at the cell's width.
 *
 * Units: column widths in Excel's character units (the digit width of the workbook's default font,
 * Calibri 11 → 7 px); font sizes and row heights in points.
 */

const PX_PER_WIDTH_UNIT = 7;
/** Excel leaves about this many pixels of padding inside a cell. */
const CELL_PADDING_PX = 7;
/**
 * Excel and WPS wrap with 宋体 metrics (CJK one em, Latin and digits half an em) and keep punctuation off
 * line starts, which can push a character down: keep a little slack. LibreOffice fits more on a line, so
 * its rows look roomier than Excel's.
 */
const SLACK = 0.96;
const HALF = 0.5;
export const MAX_ROW_HEIGHT = 409;

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd) ||
    // Chinese fonts draw these full width: “”‘’ … — ·
    (code >= 0x2018 && code <= 0x201f) ||
    code === 0x2026 ||
    code === 0x2014 ||
    code === 0x00b7 ||
    code === 0x2103 ||
    (code >= 0x2460 && code <= 0x24ff)
  );
}

/** Width of a text in ems of the cell's font. */
export function textEms(text: string): number {
  let w = 0;
  for (const ch of text) w += isWide(ch.codePointAt(0)!) ? 1 : HALF;
  return w;
}

/** Ems that fit on one line of a column (or merged columns) `width` units wide. */
export function emsPerLine(width: number, fontPt: number): number {
  const fontPx = (fontPt * 96) / 72;
  return Math.max(1, ((width * PX_PER_WIDTH_UNIT + 5 - CELL_PADDING_PX) / fontPx) * SLACK);
}

/** Lines a text takes when wrapped in a cell `width` units wide. */
export function wrappedLines(text: string, width: number, fontPt: number): number {
  if (!text) return 1;
  const capacity = emsPerLine(width, fontPt);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let line = 0;
    let count = 1;
    for (const ch of paragraph) {
      const w = isWide(ch.codePointAt(0)!) ? 1 : HALF;
      if (line + w > capacity && line > 0) {
        count++;
        line = 0;
      }
      line += w;
    }
    lines += count;
  }
  return lines;
}

/** Height of one line of text, in points (CJK fonts need about 1.3 times their size). */
export function lineHeight(fontPt: number): number {
  return fontPt * 1.33;
}

/** Row height for `lines` lines of text, with the cell's top and bottom padding. */
export function heightForLines(lines: number, fontPt: number, minHeight = 0): number {
  const h = Math.ceil((lines * lineHeight(fontPt) + 6) * 4) / 4;
  return Math.min(MAX_ROW_HEIGHT, Math.max(minHeight, h));
}

/** Height a text needs in a cell `width` units wide. */
export function heightFor(text: string, width: number, fontPt: number, minHeight = 0): number {
  return heightForLines(wrappedLines(text, width, fontPt), fontPt, minHeight);
}

/**
 * Share the height a merged cell needs among the rows it spans: rows keep what their own cells need, and the
 * shortfall is spread evenly over them.
 */
export function spreadHeight(rowHeights: number[], needed: number): number[] {
  const total = rowHeights.reduce((a, b) => a + b, 0);
  if (total >= needed || rowHeights.length === 0) return rowHeights;
  const extra = (needed - total) / rowHeights.length;
  return rowHeights.map((h) => Math.min(MAX_ROW_HEIGHT, Math.ceil((h + extra) * 4) / 4));
}
