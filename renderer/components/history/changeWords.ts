import type { HistoryEntry } from '../../../shared/domain/types';
import { DEADLINE_KIND_LABELS, type DeadlineKind } from '../../../shared/domain/deadline';
import { SOURCE_LABELS, TABLE_LABELS, columnLabel } from '../../../shared/domain/fields';

/**
 * Recorded changes in words a clerk reads, for both views of the history: the ledger-wide list (Settings →
 * 变更记录: what changed, how, old and new value, one change a row) and a problem's own history (detail panel:
 * one sentence a change, grouped by action). Both say a value the same way: codes, names and dates instead
 * of ids, JSON and ISO strings. Pure.
 */

export { SOURCE_LABELS } from '../../../shared/domain/fields';

/** Names the history needs to say things in words. Each answers undefined for an id it does not know. */
export interface HistoryNames {
  unit(id: number): string | undefined;
  leader(id: number): string | undefined;
  category(id: number): string | undefined;
  problemCode(id: number): string | undefined;
}

const EMPTY = '（空）';
const STEP: Record<string, string> = { apply: '申请销号', approve: '审核通过（销号）', reject: '退回', reopen: '重新打开（回头看）' };
const STATUS_SOURCE: Record<string, string> = { derived: '按措施推导', manual: '手动设置', import: '回执导入' };

/** Bookkeeping columns that say nothing to a person (their meaning shows in other lines). */
const QUIET = new Set(['sort', 'no', 'created_at', 'round_id', 'problem_id', 'id', 'ord', 'batch_id', 'source', 'added_at', 'added_by', 'sha256', 'size', 'mime']);

function blank(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

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
export function valueText(table: string, field: string, value: unknown, names: HistoryNames): string {
  if (field === 'deleted_at') return blank(value) ? '未删除' : `已删除（${localTime(String(value))}）`;
  if (blank(value)) {
    if (field === 'workflow') return '未进入销号流程';
    if (table === 'evidence' && field === 'sha256') return '未收到文件';
    return EMPTY;
  }
  const v = String(value);
  switch (field) {
    case 'status_source':
      return STATUS_SOURCE[v] ?? v;
    case 'deadline_kind':
      return DEADLINE_KIND_LABELS[v as DeadlineKind] ?? v;
    case 'kind':
      return v === 'general' ? '面上问题' : v === 'specific' ? '具体问题' : v;
    case 'public':
      return v === '1' ? '公开' : '不公开';
    case 'long_term_counts_completed':
      return v === '1' ? '计为完成' : '不计为完成';
    case 'lead_unit_id':
    case 'unit_id':
      return names.unit(Number(v)) ?? `单位（编号 ${v}）`;
    case 'leader_id':
      return names.leader(Number(v)) ?? `领导（编号 ${v}）`;
    case 'category_id':
      return names.category(Number(v)) ?? `类别（编号 ${v}）`;
    case 'parent_id':
    case 'problem_id':
      return names.problemCode(Number(v)) ?? `问题（编号 ${v}）`;
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

/** The row an insert or a removal recorded (as JSON), or an empty object. */
function recordedRow(json: unknown): Record<string, unknown> {
  if (typeof json !== 'string') return {};
  try {
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** What an inserted or removed row was, from its recorded content. */
export function rowText(table: string, json: unknown, names: HistoryNames): string {
  const row = recordedRow(json);
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
      return row.leader_id == null ? '' : valueText(table, 'leader_id', row.leader_id, names);
    case 'problem_units':
      return row.unit_id == null ? '' : valueText(table, 'unit_id', row.unit_id, names);
    case 'unit_aliases':
    case 'leader_aliases':
      return pick('alias');
    default:
      return cut(pick('title') || pick('name') || pick('value') || pick('text'));
  }
}

/** One change as the ledger-wide list shows it: what (问题 2-3 · 整改状态), how, and the values before and after. */
export interface ChangeText {
  what: string;
  kind: '修改' | '新增' | '删除' | '恢复';
  from: string;
  to: string;
  /** Whether 恢复 (history.restore) applies: a changed value, or a removed row. */
  restorable: boolean;
}

export function describeChange(h: HistoryEntry, names: HistoryNames): ChangeText {
  const code = h.problemId != null ? names.problemCode(h.problemId) : undefined;
  const tableLabel = TABLE_LABELS[h.table] ?? h.table;
  const subject = code && h.table !== 'problems' ? `问题 ${code} · ${tableLabel}` : code ? `问题 ${code}` : tableLabel;
  if (h.field === '*') {
    const inserted = h.oldValue == null;
    return {
      what: subject,
      kind: inserted ? '新增' : '删除',
      from: inserted ? '' : rowText(h.table, h.oldValue, names),
      to: inserted ? rowText(h.table, h.newValue, names) : '',
      restorable: !inserted,
    };
  }
  const kind = h.field === 'deleted_at' ? (h.newValue == null ? '恢复' : '删除') : '修改';
  return {
    what: `${subject} · ${columnLabel(h.table, h.field)}`,
    kind,
    from: valueText(h.table, h.field, h.oldValue, names),
    to: valueText(h.table, h.field, h.newValue, names),
    restorable: true,
  };
}

/** 个人修改 / 导入批次 3 / 撤销 …: where an action came from. */
export function sourceText(source: string, batchId: number | null): string {
  if (source === 'import') return batchId != null ? `导入批次 ${batchId}` : '导入';
  return SOURCE_LABELS[source] ?? source;
}

function change(label: string, e: HistoryEntry, names: HistoryNames): string {
  return `${label}：${valueText(e.table, e.field, e.oldValue, names)} → ${valueText(e.table, e.field, e.newValue, names)}`;
}

/**
 * One change as a sentence of a problem's own history (the problem is known, so it is not named), or null
 * for bookkeeping that says nothing to a person. `measureNo` gives a live measure's number.
 */
export function describeEntry(e: HistoryEntry, names: HistoryNames, measureNo: (id: number) => number | undefined): string | null {
  const inserted = e.field === '*' && e.oldValue == null;
  const removed = e.field === '*' && e.newValue == null;
  const row = recordedRow(inserted ? e.newValue : e.oldValue);
  const text = (v: unknown) => valueText(e.table, 'text', v, names);
  const nth = (id: number) => {
    const n = measureNo(id) ?? (typeof row.no === 'number' ? row.no : undefined);
    return n ? `第${n}项措施` : '一项措施';
  };
  const deletedOrRestored = (what: string) => (blank(e.newValue) ? `恢复${what}` : `删除${what}`);
  switch (e.table) {
    case 'problems':
      if (inserted) return `新建问题 ${String(row.code ?? '')}：${text(row.text)}`;
      if (removed) return '问题记录被移除';
      if (e.field === 'deleted_at') return blank(e.newValue) ? '恢复了问题' : '删除了问题';
      if (QUIET.has(e.field)) return e.field === 'sort' ? '调整了顺序' : null;
      return change(columnLabel('problems', e.field), e, names);
    case 'measures':
      if (inserted) return `新增${nth(e.rowId)}：${text(row.text)}`;
      if (removed) return `移除${nth(e.rowId)}`;
      if (e.field === 'deleted_at') return deletedOrRestored(nth(e.rowId));
      if (e.field === 'no') return `措施顺序：第${e.oldValue}项 → 第${e.newValue}项`;
      if (QUIET.has(e.field)) return null;
      return change(`${nth(e.rowId)}${columnLabel('measures', e.field).replace(/^措施/, '')}`, e, names);
    case 'progress':
      if (inserted) return `新增进展（${String(row.date ?? '')}）：${text(row.text)}`;
      if (removed) return '移除一条进展';
      if (e.field === 'deleted_at') return deletedOrRestored('一条进展');
      if (QUIET.has(e.field)) return null;
      return change(columnLabel('progress', e.field), e, names);
    case 'problem_leaders':
    case 'problem_units': {
      const label = TABLE_LABELS[e.table]!;
      if (inserted) return `新增${label}：${rowText(e.table, e.newValue, names)}`;
      if (removed) return `移除${label}：${rowText(e.table, e.oldValue, names)}`;
      return e.field === 'leader_id' || e.field === 'unit_id' ? change(label, e, names) : null;
    }
    case 'evidence':
      if (inserted) return `新增佐证材料：${rowText(e.table, e.newValue, names)}`;
      if (removed) return '移除佐证材料';
      if (e.field === 'deleted_at') return deletedOrRestored('佐证材料');
      if (QUIET.has(e.field)) return null;
      return change(columnLabel('evidence', e.field), e, names);
    case 'signoffs':
      return inserted ? `销号流程：${rowText(e.table, e.newValue, names)}` : null;
    default:
      return null;
  }
}

export interface HistoryLine {
  /** The history entry this line shows (the one “恢复此值” restores). */
  entryId: number;
  text: string;
  /** A field of a row that still exists: its earlier value can be put back. */
  restorable: boolean;
}

export interface HistoryGroup {
  actionId: number;
  at: string;
  actor: string;
  source: string;
  label: string;
  lines: HistoryLine[];
}

/**
 * A problem's entries (newest first, as `history.problem` gives them) grouped by action, each change as a
 * sentence. A deadline's kind and date are shown only when its text did not change in the same action: the
 * text line already says what changed.
 */
/** Entries of the same action together, in the order the actions first appear. */
export function byAction(entries: readonly HistoryEntry[]): { actionId: number; first: HistoryEntry; changes: HistoryEntry[] }[] {
  const groups = new Map<number, { actionId: number; first: HistoryEntry; changes: HistoryEntry[] }>();
  for (const e of entries) {
    const g = groups.get(e.actionId);
    if (g) g.changes.push(e);
    else groups.set(e.actionId, { actionId: e.actionId, first: e, changes: [e] });
  }
  return [...groups.values()];
}

export function groupHistory(
  entries: readonly HistoryEntry[],
  names: HistoryNames,
  measureNo: (id: number) => number | undefined,
  liveRows: (table: string, id: number) => boolean,
): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  for (const { actionId, first, changes: list } of byAction(entries)) {
    const rawChanged = new Set(list.filter((e) => e.field === 'deadline_raw').map((e) => `${e.table}:${e.rowId}`));
    const lines: HistoryLine[] = [];
    for (const e of [...list].reverse()) {
      if ((e.field === 'deadline_kind' || e.field === 'deadline_date') && rawChanged.has(`${e.table}:${e.rowId}`)) continue;
      const text = describeEntry(e, names, measureNo);
      if (!text) continue;
      const restorable = e.field !== '*' && e.field !== 'deleted_at' && !QUIET.has(e.field) && liveRows(e.table, e.rowId);
      lines.push({ entryId: e.id, text, restorable });
    }
    if (lines.length) groups.push({ actionId, at: first.at, actor: first.actor, source: first.source, label: first.label, lines });
  }
  return groups;
}
