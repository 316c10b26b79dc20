import type { HistoryEntry } from '../../../shared/domain/types';
import { DEADLINE_KIND_LABELS, type DeadlineKind } from '../../../shared/domain/deadline';
import { columnLabel } from '../../../shared/domain/fields';
import { valueText } from '../../components/settings/describeChange';

/** Names the history needs to say things in words: ids of units, leaders, categories, problems. */
export interface HistoryNames {
  unit(id: number): string | undefined;
  leader(id: number): string | undefined;
  category(id: number): string | undefined;
  problemCode(id: number): string | undefined;
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

export { SOURCE_LABELS } from '../../../shared/domain/fields';

/** Bookkeeping columns that say nothing to a person (their meaning shows in other lines). */
const QUIET = new Set(['sort', 'no', 'created_at', 'round_id', 'problem_id', 'id', 'ord', 'batch_id', 'source', 'added_at', 'added_by', 'sha256', 'size', 'mime']);

function blank(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/** A recorded value in words: leaders, categories and problem kinds here, the rest as the ledger-wide history says them. */
function value(table: string, field: string, v: unknown, names: HistoryNames): string {
  if (blank(v)) return '（空）';
  switch (field) {
    case 'leader_id':
      return names.leader(Number(v)) ?? `领导#${v}`;
    case 'category_id':
      return names.category(Number(v)) ?? `类别#${v}`;
    case 'deadline_kind':
      return DEADLINE_KIND_LABELS[v as DeadlineKind] ?? String(v);
    case 'kind':
      return v === 'general' ? '面上问题' : v === 'specific' ? '具体问题' : String(v);
    default:
      return valueText(table, field, v, { unitName: names.unit, problemCode: names.problemCode });
  }
}

function rowJson(v: unknown): Record<string, unknown> {
  if (typeof v !== 'string') return {};
  try {
    return JSON.parse(v) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function change(label: string, field: string, e: HistoryEntry, names: HistoryNames): string {
  return `${label}：${value(e.table, field, e.oldValue, names)} → ${value(e.table, field, e.newValue, names)}`;
}

/** One entry as a sentence, or null for bookkeeping that says nothing to a person. */
export function describeEntry(e: HistoryEntry, names: HistoryNames, measureNo: (id: number) => number | undefined): string | null {
  const inserted = e.field === '*' && e.oldValue == null;
  const removed = e.field === '*' && e.newValue == null;
  const row = rowJson(inserted ? e.newValue : e.oldValue);
  const nth = (id: number) => {
    const n = measureNo(id) ?? (typeof row.no === 'number' ? row.no : undefined);
    return n ? `第${n}项措施` : '一项措施';
  };
  switch (e.table) {
    case 'problems':
      if (inserted) return `新建问题 ${String(row.code ?? '')}：${value(e.table, 'text', row.text, names)}`;
      if (removed) return '问题记录被移除';
      if (e.field === 'deleted_at') return blank(e.newValue) ? '恢复了问题' : '删除了问题';
      if (QUIET.has(e.field)) return e.field === 'sort' ? '调整了顺序' : null;
      return change(columnLabel('problems', e.field), e.field, e, names);
    case 'measures':
      if (inserted) return `新增${nth(e.rowId)}：${value(e.table, 'text', row.text, names)}`;
      if (removed) return `移除${nth(e.rowId)}`;
      if (e.field === 'deleted_at') return blank(e.newValue) ? `恢复${nth(e.rowId)}` : `删除${nth(e.rowId)}`;
      if (e.field === 'no') return `措施顺序：第${e.oldValue}项 → 第${e.newValue}项`;
      if (QUIET.has(e.field)) return null;
      return change(`${nth(e.rowId)}${columnLabel('measures', e.field).replace(/^措施/, '')}`, e.field, e, names);
    case 'progress':
      if (inserted) return `新增进展（${String(row.date ?? '')}）：${value(e.table, 'text', row.text, names)}`;
      if (removed) return '移除一条进展';
      if (e.field === 'deleted_at') return blank(e.newValue) ? '恢复一条进展' : '删除一条进展';
      if (QUIET.has(e.field)) return null;
      return change(columnLabel('progress', e.field), e.field, e, names);
    case 'problem_leaders':
      if (inserted) return `新增责任领导：${value(e.table, 'leader_id', row.leader_id, names)}`;
      if (removed) return `移除责任领导：${value(e.table, 'leader_id', row.leader_id, names)}`;
      return e.field === 'leader_id' ? change('责任领导', 'leader_id', e, names) : null;
    case 'problem_units':
      if (inserted) return `新增配合单位：${value(e.table, 'unit_id', row.unit_id, names)}`;
      if (removed) return `移除配合单位：${value(e.table, 'unit_id', row.unit_id, names)}`;
      return e.field === 'unit_id' ? change('配合单位', 'unit_id', e, names) : null;
    case 'evidence':
      if (inserted) return `新增佐证材料：${value(e.table, 'title', row.title, names)}`;
      if (removed) return '移除佐证材料';
      if (e.field === 'deleted_at') return blank(e.newValue) ? '恢复佐证材料' : '删除佐证材料';
      if (QUIET.has(e.field)) return null;
      return change(columnLabel('evidence', e.field), e.field, e, names);
    case 'signoffs':
      if (inserted) return `销号流程：${({ apply: '申请销号', approve: '审核通过', reject: '退回', reopen: '重新打开' } as Record<string, string>)[String(row.step)] ?? String(row.step)}`;
      return null;
    default:
      return null;
  }
}

/**
 * Entries (newest first, as `history.problem` gives them) grouped by action, each change in words. A
 * deadline's kind and date are shown only when its text did not change in the same action: the text line
 * already says what changed.
 */
export function groupHistory(entries: readonly HistoryEntry[], names: HistoryNames, measureNo: (id: number) => number | undefined, liveRows: (table: string, id: number) => boolean): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  const byAction = new Map<number, HistoryEntry[]>();
  for (const e of entries) {
    if (!byAction.has(e.actionId)) byAction.set(e.actionId, []);
    byAction.get(e.actionId)!.push(e);
  }
  for (const [actionId, list] of byAction) {
    const first = list[0]!;
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
