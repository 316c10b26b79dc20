import type { Grid } from './grid';
import { isValidYmd, parseLooseDate, ymd } from '../../../../shared/domain/dates';
import { cleanName } from '../../../../shared/domain/names';

export interface FormInfo {
  title: string | null;
  unit: string | null;
  /** Where the unit was read: the 填报单位 row, or the title's brackets (巡察整改进展情况（政治部）). */
  unitFrom: 'form' | 'title' | null;
  date: string | null;
  /** A 填报日期 that is no date, with its cell. */
  dateError: { row: number; col: number; message: string } | null;
}

const UNIT_RE = /(?:填报|报送|上报|填表|责任)?(?:单位|部门|科室)\s*(?:[（(]\s*盖章\s*[)）])?\s*[:：]\s*([^:：]*?)(?=\s{2,}|\s*(?:填报|报送|上报)?(?:日期|时间)\s*[:：]|$)/;
const DATE_RE = /(?:填报|报送|上报|统计|截至)?(?:日期|时间)\s*[:：]\s*(.*?)(?=\s{2,}|$)/;

/**
 * Title, 填报单位 and 填报日期 from the rows above the header. The date may be written in the text
 * (填报时间：2024年8月20日) or sit in the next cell as an Excel date.
 */
export function readForm(grid: Grid, headerTop: number): FormInfo {
  const info: FormInfo = { title: null, unit: null, unitFrom: null, date: null, dateError: null };
  for (const row of grid.rows) {
    if (row >= headerTop) break;
    const cols = grid.columns(row);
    const texts = cols.map((c) => grid.text(row, c)).filter(Boolean);
    const line = texts.join('  ');
    if (!line) continue;
    const unit = line.match(UNIT_RE);
    if (unit && !info.unit) {
      const name = cleanName(unit[1] ?? '');
      if (name) {
        info.unit = name;
        info.unitFrom = 'form';
      }
    }
    const date = line.match(DATE_RE);
    if (date && !info.date && !info.dateError) {
      const dateCol = cols.find((c) => grid.value(row, c)?.t === 'd');
      const written = (date[1] ?? '').trim();
      const parsed = written ? parseLooseDate(written) : null;
      if (parsed && 'date' in parsed) info.date = parsed.date;
      else if (parsed && 'error' in parsed) {
        info.dateError = { row, col: cols.find((c) => /日期|时间/.test(grid.text(row, c))) ?? cols[0]!, message: `填报日期${parsed.error}` };
      } else if (dateCol) info.date = grid.text(row, dateCol);
    }
    if (!info.title && !unit && !date && texts.length === 1 && !/^(说明|注|备注)[:：]/.test(texts[0]!)) {
      info.title = texts[0]!;
      const bracket = texts[0]!.match(/[（(]([^（）()]{2,20})[)）]\s*$/);
      if (bracket && !info.unit) {
        info.unit = cleanName(bracket[1]!);
        info.unitFrom = 'title';
      }
    }
  }
  return info;
}

/**
 * A date in a file name, as offices name their returns: 整改台账-政治部1115.xlsx (month and day, in the
 * given year), 回执-政治部-20241115.xlsx, 回执2024.11.15.xlsx.
 */
export function fileNameDate(fileName: string, year: number): string | null {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  let m = base.match(/(20\d{2})[-._年]?(\d{1,2})[-._月]?(\d{1,2})日?(?!\d)/);
  if (m && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = base.match(/(?<!\d)(\d{2})(\d{2})(?!\d)/);
  if (m && isValidYmd(year, Number(m[1]), Number(m[2]))) return ymd(year, Number(m[1]), Number(m[2]));
  return null;
}
