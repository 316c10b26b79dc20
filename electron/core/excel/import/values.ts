import type { FieldCell } from '../layout/records';
import type { DeadlineKind } from '../../../../shared/domain/deadline';
import { parseDeadline, readDeadline, splitMeasureDeadlines } from '../../../../shared/domain/deadline';
import { chineseDate, parseLooseDate } from '../../../../shared/domain/dates';
import { normalizeStatus, type MeasureStatus, type ProblemStatus } from '../../../../shared/domain/status';
import { parseResultPhrase } from '../../../../shared/domain/resultPhrase';
import { serialToIso } from '../read/dates';

export interface DeadlineValue {
  raw: string;
  kind: DeadlineKind;
  date: string | null;
}

export type Interpreted<T> = { ok: T; warning?: string } | { error: string };

/**
 * A deadline cell. An Excel date keeps a written form (2024年11月20日) beside its date; text is parsed
 * per DOMAIN §4 with the round's year. An impossible date (2月30日) is an error; text that names no
 * deadline is an error when `strict`, else kept as written with a warning.
 */
export function deadlineOf(cell: FieldCell, roundYear: number | null, _strict: boolean): Interpreted<DeadlineValue> {
  if (cell.value.t === 'd') return { ok: { raw: chineseDate(cell.value.v), kind: 'date', date: cell.value.v } };
  if (cell.value.t === 'n') {
    // A date whose cell lost its date format (常规) shows as its serial number, e.g. 45616.
    const iso = cell.value.v > 20000 && cell.value.v < 80000 ? serialToIso(cell.value.v, false) : null;
    if (!iso) return { error: `整改时限“${cell.text}”是一个数字，不是日期。请写成如 2024年11月20日前 的日期。` };
    return { ok: { raw: chineseDate(iso), kind: 'date', date: iso }, warning: `整改时限“${cell.text}”是未设日期格式的 Excel 日期，已读作 ${chineseDate(iso)}。` };
  }
  // The one deadline rule (readDeadline), as in the grid, paste and bulk set: an impossible date is an
  // error; text that cannot be read is kept, listed as a warning with its row, outside the deadline figures.
  const reading = readDeadline(cell.text, roundYear);
  if (reading.state === 'invalid') {
    return { error: `${reading.message.replace(/^“/, '整改时限“')}。请改为如 2024年11月20日前 的有效日期。` };
  }
  if (reading.state === 'unparsed') {
    return { ok: { raw: reading.deadline.raw, kind: 'text', date: null }, warning: reading.message };
  }
  return { ok: reading.deadline };
}

/** Per-measure deadlines: 第一二三五项2024年11月20日前完成整改;第四项待省上出台政策后. */
export function measureDeadlines(raw: string, roundYear: number | null): Map<number, DeadlineValue> | null {
  const parts = splitMeasureDeadlines(raw);
  if (!parts) return null;
  const out = new Map<number, DeadlineValue>();
  for (const [no, text] of parts) {
    const p = parseDeadline(text, roundYear);
    out.set(no, { raw: text, kind: p.error ? 'text' : p.kind, date: p.error ? null : p.date });
  }
  return out;
}

export type StatusValue =
  | { kind: 'all'; status: ProblemStatus }
  | { kind: 'partial'; byMeasure: Map<number, MeasureStatus> };

const STATUS_HINT = '请填写 已完成、正在推进、未启动 或 长期坚持（也可写“第一三项完成整改;第二项未完成整改”）。';

/** A status cell: any spelling of DOMAIN §3, or the per-measure result phrase. */
export function statusOf(text: string): Interpreted<StatusValue> {
  const phrase = parseResultPhrase(text);
  if (phrase?.kind === 'partial') return { ok: phrase };
  const status = normalizeStatus(text) ?? (phrase?.kind === 'all' ? phrase.status : null);
  if (status) return { ok: { kind: 'all', status } };
  return { error: `无法识别的完成状态“${text.slice(0, 40)}”。${STATUS_HINT}` };
}

/** Whether a 完成情况 cell is a result (完成整改, 第一项…) rather than a progress report. */
export function isStatusText(text: string): boolean {
  return 'ok' in statusOf(text);
}

/** A date cell (完成日期): an Excel date or a written date. */
export function dateOf(cell: FieldCell, label: string): Interpreted<string> {
  if (cell.value.t === 'd') return { ok: cell.value.v };
  const p = parseLooseDate(cell.text);
  if (p && 'date' in p) return { ok: p.date };
  if (p && 'error' in p) return { error: `${label}${p.error}。请改为如 2024年11月20日 的有效日期。` };
  return { error: `${label}“${cell.text.slice(0, 40)}”不是日期。请写成如 2024年11月20日 的日期。` };
}
