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
      const unit = unitOfTitle(texts[0]!);
      if (unit && !info.unit) {
        info.unit = unit;
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

/** Words in a title's brackets that name the document, not the unit: 巡察整改进展情况（附表）. */
const NOT_A_UNIT = /^(附表|附件|附录|表|续表|样表|模板|填报说明|说明|草稿|初稿|修改稿|定稿|汇总|汇总表|\d+|[一二三四五六七八九十]+|第.+[稿版]|\d{4}年.*)$/;
/** An organisation name as it opens a title: 律师工作科关于…, 市司法局政治部关于…. */
const ORG_OPENING = /^(.{2,20}?(?:科|室|处|部|局|中心|办公室|办|党办|大队|支队|队|所|站|院|委员会|委|组|支部|分局))(?:关于|对于)/;

/**
 * The unit a title names (issue 10): the organisation opening it (`XX科关于…的报告（附表）` → XX科), or a
 * unit in its trailing brackets (`巡察整改进展情况（政治部）`), never a document word like 附表.
 */
export function unitOfTitle(title: string): string | null {
  const t = title.trim();
  const bracket = t.match(/[（(]([^（）()]{2,20})[)）]\s*$/);
  if (bracket && !NOT_A_UNIT.test(bracket[1]!.trim())) return cleanName(bracket[1]!) || null;
  const opening = t.match(ORG_OPENING);
  if (opening) return cleanName(opening[1]!) || null;
  return null;
}
