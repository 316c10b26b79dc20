import type { Alignment, Borders, Fill, Font, Style } from 'exceljs';

/**
 * The look of every exported sheet, as shared style objects: exceljs registers a style once per object
 * (by identity), so cells must reuse these objects, never copies or per-cell edits.
 */
export const FONTS = {
  /** 方正小标宋 is the official-document title face; Excel and WPS fall back to another Song face where it is missing. */
  title: '方正小标宋简体',
  heading: '黑体',
  body: '宋体',
  official: '仿宋',
} as const;

export const SIZES = { title: 18, subtitle: 11, header: 10.5, body: 10.5 } as const;

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
export const BORDER_ALL: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const BANNER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const TOTAL_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

const font = (name: string, size: number, extra: Partial<Font> = {}): Partial<Font> => ({ name, size, charset: 134, ...extra });
const align = (horizontal: Alignment['horizontal'], vertical: Alignment['vertical'] = 'middle', wrapText = true): Partial<Alignment> => ({
  horizontal,
  vertical,
  wrapText,
});

function style(s: Partial<Style>): Partial<Style> {
  return Object.freeze(s) as Partial<Style>;
}

export function makeStyles(body: string = FONTS.body) {
  return {
    title: style({ font: font(FONTS.title, SIZES.title), alignment: align('center') }),
    /** 填报单位/填报时间, 统计截至…: one line under the title. */
    formLine: style({ font: font(body, SIZES.subtitle), alignment: align('left', 'middle', false) }),
    formLineRight: style({ font: font(body, SIZES.subtitle), alignment: align('right', 'middle', false) }),
    header: style({ font: font(FONTS.heading, SIZES.header), alignment: align('center'), border: BORDER_ALL, fill: HEADER_FILL }),
    banner: style({ font: font(FONTS.heading, SIZES.body), alignment: align('left'), border: BORDER_ALL, fill: BANNER_FILL }),
    text: style({ font: font(body, SIZES.body), alignment: align('left', 'middle'), border: BORDER_ALL }),
    textTop: style({ font: font(body, SIZES.body), alignment: align('left', 'top'), border: BORDER_ALL }),
    center: style({ font: font(body, SIZES.body), alignment: align('center'), border: BORDER_ALL }),
    /** Codes like 1-2 must stay text: Excel would read a typed 1-2 as a date. */
    code: style({ font: font(body, SIZES.body), alignment: align('center'), border: BORDER_ALL, numFmt: '@' }),
    number: style({ font: font(body, SIZES.body), alignment: align('center'), border: BORDER_ALL, numFmt: '0' }),
    percent: style({ font: font(body, SIZES.body), alignment: align('center'), border: BORDER_ALL, numFmt: '0.0%' }),
    totalLabel: style({ font: font(FONTS.heading, SIZES.body), alignment: align('center'), border: BORDER_ALL, fill: TOTAL_FILL }),
    totalNumber: style({ font: font(FONTS.heading, SIZES.body), alignment: align('center'), border: BORDER_ALL, fill: TOTAL_FILL, numFmt: '0' }),
    totalPercent: style({ font: font(FONTS.heading, SIZES.body), alignment: align('center'), border: BORDER_ALL, fill: TOTAL_FILL, numFmt: '0.0%' }),
    alert: style({ font: font(body, SIZES.body, { color: { argb: 'FFC00000' } }), alignment: align('center'), border: BORDER_ALL }),
    note: style({ font: font(body, 10), alignment: align('left', 'top') }),
  };
}

export type Styles = ReturnType<typeof makeStyles>;

const textVariants = new WeakMap<Partial<Style>, Partial<Style>>();

/** The same style with the Text number format (for formula-like strings); cached so it stays one object. */
export function asText(s: Partial<Style>): Partial<Style> {
  let v = textVariants.get(s);
  if (!v) {
    v = style({ ...s, numFmt: '@' });
    textVariants.set(s, v);
  }
  return v;
}

/** The same style, unlocked for a protected sheet (cells a unit fills in); cached. */
const unlockedVariants = new WeakMap<Partial<Style>, Partial<Style>>();
export function unlocked(s: Partial<Style>): Partial<Style> {
  let v = unlockedVariants.get(s);
  if (!v) {
    v = style({ ...s, protection: { locked: false } });
    unlockedVariants.set(s, v);
  }
  return v;
}
