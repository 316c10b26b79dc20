import type { HistoryEntry } from '../../../shared/domain/types';
import { SOURCE_LABELS, TABLE_LABELS, columnLabel } from '../../../shared/domain/fields';

/**
 * One recorded change in words a clerk reads: what (问题 2-3 · 整改状态), how (修改 / 新增 / 删除) and the
 * values before and after, with codes, names and dates instead of ids and ISO strings. Pure.
 */
export interface ChangeText {
  what: string;
  kind: '修改' | '新增' | '删除' | '恢复';
  from: string;
  to: string;
  /** Whether 恢复 (history.restore) applies: a changed value, or a removed row. */
  restorable: boolean;
}

export interface Lookups {
  problemCode(id: number): string | undefined;
  unitName(id: number): string | undefined;
}

const EMPTY = '（空）';
const STEP: Record<string, string> = { apply: '申请销号', approve: '审核通过（销号）', reject: '退回', reopen: '重新打开（回头看）' };
const STATUS_SOURCE: Record<string, string> = { derived: '按措施推导', manual: '手动设置', import: '回执导入' };
const DEADLINE_KIND: Record<string, string> = {
  none: '未填', date: '日期', immediate: '立行立改', 'long-term': '长期坚持', 'date+long-term': '日期并长期坚持', conditional: '附条件', text: '文字',
};

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function cut(s: string, n = 80): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}

/** A recorded value of one column, for people. */
export function valueText(table: string, field: string, value: unknown, lookups: Lookups): string {
  if (field === 'deleted_at') return value == null ? '未删除' : `已删除（${localTime(String(value))}）`;
  if (value == null || value === '') {
    if (field === 'workflow') return '未进入销号流程';
    if (table === 'evidence' && field === 'sha256') return '未收到文件';
    return EMPTY;
  }
  const v = String(value);
  switch (field) {
    case 'status_source':
      return STATUS_SOURCE[v] ?? v;
    case 'deadline_kind':
      return DEADLINE_KIND[v] ?? v;
    case 'public':
      return v === '1' ? '公开' : '不公开';
    case 'long_term_counts_completed':
      return v === '1' ? '计为完成' : '不计为完成';
    case 'lead_unit_id':
    case 'unit_id':
      return lookups.unitName(Number(v)) ?? `单位（编号 ${v}）`;
    case 'parent_id':
    case 'problem_id':
      return lookups.problemCode(Number(v)) ?? `问题（编号 ${v}）`;
    case 'step':
      return STEP[v] ?? v;
    case 'size':
      return `${v} 字节`;
    case 'sha256':
      return `已上传文件（${v.slice(0, 12)}…）`;
    case 'added_at':
    case 'created_at':
      return localTime(v);
  }
  return cut(v);
}

/** What an inserted or deleted row was, from its recorded JSON. */
function rowSummary(table: string, json: unknown): string {
  let row: Record<string, unknown>;
  try {
    row = JSON.parse(String(json)) as Record<string, unknown>;
  } catch {
    return '';
  }
  const pick = (k: string) => (row[k] == null ? '' : String(row[k]));
  switch (table) {
    case 'evidence':
      return cut(`${pick('title')}${row.original_name ? `（${pick('original_name')}）` : '（未收到文件）'}`);
    case 'signoffs':
      return `${STEP[pick('step')] ?? pick('step')} ${pick('at')} ${pick('actor')}${row.reason ? `，理由：${pick('reason')}` : ''}`.trim();
    case 'problems':
      return `${pick('code')} ${cut(pick('text'), 60)}`;
    case 'measures':
      return `第${pick('no')}项：${cut(pick('text'), 60)}`;
    case 'progress':
      return `${pick('date')}：${cut(pick('text'), 60)}`;
    case 'problem_leaders':
    case 'problem_units':
      return '';
    case 'unit_aliases':
    case 'leader_aliases':
      return pick('alias');
    default:
      return cut(pick('title') || pick('name') || pick('value') || pick('text'));
  }
}

export function describeChange(h: HistoryEntry, lookups: Lookups): ChangeText {
  const code = h.problemId != null ? lookups.problemCode(h.problemId) : undefined;
  const tableLabel = TABLE_LABELS[h.table] ?? h.table;
  const subject = code && h.table !== 'problems' ? `问题 ${code} · ${tableLabel}` : code ? `问题 ${code}` : tableLabel;
  if (h.field === '*') {
    const inserted = h.oldValue == null;
    return {
      what: subject,
      kind: inserted ? '新增' : '删除',
      from: inserted ? '' : rowSummary(h.table, h.oldValue),
      to: inserted ? rowSummary(h.table, h.newValue) : '',
      restorable: !inserted,
    };
  }
  const kind = h.field === 'deleted_at' ? (h.newValue == null ? '恢复' : '删除') : '修改';
  return {
    what: `${subject} · ${columnLabel(h.table, h.field)}`,
    kind,
    from: valueText(h.table, h.field, h.oldValue, lookups),
    to: valueText(h.table, h.field, h.newValue, lookups),
    restorable: true,
  };
}

/** 个人修改 / 导入批次 3 / 撤销 …: where an action came from. */
export function sourceText(source: string, batchId: number | null): string {
  if (source === 'import') return batchId != null ? `导入批次 ${batchId}` : '导入';
  return SOURCE_LABELS[source] ?? source;
}
