import type { TableProblem } from '../../shared/domain/types';
import { PROBLEM_STATUSES } from '../../shared/domain/status';
import { codeParts } from '../../shared/domain/code';
import type { ColumnKey } from './columns';

/** The order the table shows: by one column, up or down; null is the ledger's own order (by code, nested). */
export type SortOrder = { key: ColumnKey; dir: 'asc' | 'desc' } | null;

/** A header click goes: ascending → descending → the ledger's order. */
export function nextSort(current: SortOrder, key: ColumnKey): SortOrder {
  if (!current || current.key !== key) return { key, dir: 'asc' };
  return current.dir === 'asc' ? { key, dir: 'desc' } : null;
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
const STATUS_RANK = new Map<string, number>(PROBLEM_STATUSES.map((s, i) => [s, i]));

type SortKey = number | string | null;

/**
 * What a problem is sorted by in a column: numbers for codes (as a list of parts, padded), progress,
 * counts and dates; words for names and text. Null (an empty cell) always goes last.
 */
function sortKey(p: TableProblem, key: ColumnKey): SortKey {
  switch (key) {
    case 'code':
      // 2-10 after 2-9: each part as a fixed-width number, so that codes compare as text.
      return codeParts(p.code).map((n) => String(n).padStart(6, '0')).join('-');
    case 'text':
      return p.text || null;
    case 'measures':
      return p.measureCount ? p.measuresCompleted / p.measureCount : null;
    case 'leaders':
      return p.leaders.length ? p.leaders.join('、') : null;
    case 'leadUnit':
      return p.leadUnit || null;
    case 'deadline':
      return p.deadline.date ?? (p.deadline.raw ? `~${p.deadline.raw}` : null);
    case 'status':
      return STATUS_RANK.get(p.status) ?? null;
    case 'latestProgress':
      return p.latestProgress?.date ?? null;
    case 'evidenceCount':
      return p.evidenceCount;
    case 'lastChangeAt':
      return p.lastChangeAt;
  }
}

function compareKeys(a: SortKey, b: SortKey, key: ColumnKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Codes and ISO dates compare as plain text; names and problem text as Chinese words.
  if (key === 'code' || key === 'deadline' || key === 'latestProgress' || key === 'lastChangeAt') return a! < b! ? -1 : a! > b! ? 1 : 0;
  return collator.compare(String(a), String(b));
}

/**
 * The problems sorted by a column, ties kept in ledger order; empty cells last in either direction.
 * Sorting changes only the order shown: codes stay what they are.
 */
export function sortProblems(problems: readonly TableProblem[], order: SortOrder): TableProblem[] {
  if (!order) return problems as TableProblem[];
  const sign = order.dir === 'asc' ? 1 : -1;
  const keyed = problems.map((p, i) => ({ p, i, k: sortKey(p, order.key) }));
  keyed.sort((x, y) => {
    if (x.k === null || y.k === null) return x.k === y.k ? x.i - y.i : x.k === null ? 1 : -1;
    return sign * compareKeys(x.k, y.k, order.key) || x.i - y.i;
  });
  return keyed.map((x) => x.p);
}
