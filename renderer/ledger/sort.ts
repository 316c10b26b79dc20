import type { TableProblem } from '../../shared/domain/types';
import { PROBLEM_STATUSES } from '../../shared/domain/status';
import { codeParts } from '../../shared/domain/code';
import type { ColumnKey } from './columns';
import { Collating, compareWords } from './collate';

/** The order the table shows: by one column, up or down; null is the ledger's own order (by code, nested). */
export type SortOrder = { key: ColumnKey; dir: 'asc' | 'desc' } | null;

/** A header click goes: ascending → descending → the ledger's order. */
export function nextSort(current: SortOrder, key: ColumnKey): SortOrder {
  if (!current || current.key !== key) return { key, dir: 'asc' };
  return current.dir === 'asc' ? { key, dir: 'desc' } : null;
}

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
  return compareWords(String(a), String(b));
}

const ranked = new WeakMap<readonly TableProblem[], Map<ColumnKey, Float64Array>>();

/**
 * Each problem's place in a column as a number (NaN for an empty cell): numbers as they are, words and
 * codes as their place among the column's distinct values, ordered once. Kept per list of problems and
 * column, so that a second click (descending, or ascending again) sorts numbers only, and a sort compares
 * numbers, not 1.7 million pairs of Chinese words at 100,000 problems.
 */
function ranks(problems: readonly TableProblem[], key: ColumnKey): Float64Array {
  let byColumn = ranked.get(problems);
  if (!byColumn) ranked.set(problems, (byColumn = new Map()));
  let out = byColumn.get(key);
  if (out) return out;
  const packed = key === 'code' ? packedCodes(problems) : null;
  if (packed) {
    byColumn.set(key, packed);
    return packed;
  }
  const keys = problems.map((p) => sortKey(p, key));
  out = new Float64Array(keys.length);
  if (keys.every((k) => k === null || typeof k === 'number')) keys.forEach((k, i) => (out![i] = k === null ? NaN : (k as number)));
  else {
    const distinct = WORDS.has(key)
      ? collating(problems, key, keys).finish()
      : [...new Set(keys.filter((k): k is string | number => k !== null))].sort((a, b) => compareKeys(a, b, key));
    if (WORDS.has(key)) sortedBefore.set(key, distinct as string[]);
    const place = new Map<string | number, number>(distinct.map((k, i) => [k, i]));
    keys.forEach((k, i) => (out![i] = k === null ? NaN : place.get(k)!));
  }
  byColumn.set(key, out);
  return out;
}

/** Bits per part of a packed code: three parts of up to 17 bits fit a double exactly. */
const PART = 2 ** 17;

/**
 * Codes as one number each (1-2 < 1-2-1 < 1-10, as their parts padded and joined compare), when every code
 * has at most three parts below 131,071: 100,000 codes in ~20 ms, where making and sorting their padded
 * texts took ~150 ms of the first click on 编号. Null for any other ledger (sorted by the texts then).
 */
function packedCodes(problems: readonly TableProblem[]): Float64Array | null {
  const out = new Float64Array(problems.length);
  for (let i = 0; i < problems.length; i++) {
    const parts = problems[i]!.code.split('-');
    if (parts.length > 3) return null;
    let packed = 0;
    for (let j = 0; j < 3; j++) {
      // A missing part sorts before every part (1-2 before 1-2-0): 0, and part n is n + 1.
      const n = j < parts.length ? Number(parts[j]) : -1;
      if (!Number.isInteger(n) || n >= PART - 1) return null;
      packed = packed * PART + (n + 1);
    }
    out[i] = packed;
  }
  return out;
}

/** Columns whose cells are words, ordered as Chinese is read (the others compare as numbers or plain text). */
const WORDS = new Set<ColumnKey>(['text', 'leaders', 'leadUnit']);
const collatings = new WeakMap<readonly TableProblem[], Map<ColumnKey, Collating>>();
/** The words of each column as last sorted: after an edit only the new ones are placed among them. */
const sortedBefore = new Map<ColumnKey, readonly string[]>();

/** The sort of a column's distinct words for a list of problems: begun in idle time (`prepareSort`) or now. */
function collating(problems: readonly TableProblem[], key: ColumnKey, keys = problems.map((p) => sortKey(p, key))): Collating {
  let byColumn = collatings.get(problems);
  if (!byColumn) collatings.set(problems, (byColumn = new Map()));
  let c = byColumn.get(key);
  if (!c) byColumn.set(key, (c = new Collating([...new Set(keys.filter((k): k is string => k !== null))], sortedBefore.get(key))));
  return c;
}

type Idle = (run: (deadline: { timeRemaining(): number }) => void) => number;

/**
 * Sort a word column's values a slice at a time while the page is idle, so that the first click on its
 * header only ranks problems by them (100,000 problem texts: 250–600 ms at once otherwise). Returns the
 * function that stops it (the rows changed); a click before it is done finishes it then.
 */
export function prepareSort(problems: readonly TableProblem[], key: ColumnKey): () => void {
  if (!WORDS.has(key) || ranked.get(problems)?.has(key)) return () => {};
  const idle: Idle =
    typeof window.requestIdleCallback === 'function'
      ? (run) => window.requestIdleCallback(run, { timeout: 1000 })
      : (run) => window.setTimeout(() => run({ timeRemaining: () => 8 }), 0);
  const cancel = typeof window.cancelIdleCallback === 'function' ? window.cancelIdleCallback.bind(window) : window.clearTimeout.bind(window);
  let handle = 0;
  let stopped = false;
  let c: Collating | null = null;
  const work = (deadline: { timeRemaining(): number }) => {
    if (stopped) return;
    // Begun in the first idle moment, not as the rows change: placing an edit's new words among the last
    // order is one pass over 100,000 words.
    c ??= collating(problems, key);
    // At least a slice per turn, even when the page is never idle for long.
    do {
      if (c.step(2048)) {
        sortedBefore.set(key, c.finish());
        return;
      }
    } while (deadline.timeRemaining() > 2);
    handle = idle(work);
  };
  handle = idle(work);
  return () => {
    stopped = true;
    cancel(handle);
  };
}

/**
 * The problems sorted by a column, ties kept in ledger order; empty cells last in either direction.
 * Sorting changes only the order shown: codes stay what they are.
 */
export function sortProblems(problems: readonly TableProblem[], order: SortOrder): TableProblem[] {
  if (!order) return problems as TableProblem[];
  const sign = order.dir === 'asc' ? 1 : -1;
  const r = ranks(problems, order.key);
  const at = Array.from({ length: problems.length }, (_, i) => i);
  at.sort((x, y) => {
    const a = r[x]!;
    const b = r[y]!;
    const emptyA = Number.isNaN(a);
    const emptyB = Number.isNaN(b);
    if (emptyA || emptyB) return emptyA === emptyB ? x - y : emptyA ? 1 : -1;
    return sign * (a - b) || x - y;
  });
  return at.map((i) => problems[i]!);
}
