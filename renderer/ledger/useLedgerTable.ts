import { useCallback, useEffect, useRef, useState } from 'react';
import type { CategoryInfo, LeaderInfo, TableProblem, UnitInfo } from '../../shared/domain/types';
import type { ProblemChanges } from '../../shared/api/table';
import { fromColumns } from '../../shared/api/columns';
import { ledgerOrder } from '../../shared/domain/order';
import { call, errorMessage } from '../api';
import { takeEarlyTable, type TableLoad } from '../earlyRequests';

export interface LedgerTableData {
  /** In ledger order. */
  problems: TableProblem[];
  byId: Map<number, TableProblem>;
  categories: CategoryInfo[];
  units: UnitInfo[];
  leaders: LeaderInfo[];
  loading: boolean;
  error: string | null;
}

const EMPTY: LedgerTableData = { problems: [], byId: new Map(), categories: [], units: [], leaders: [], loading: true, error: null };

function ordered(byId: Map<number, TableProblem>, categories: CategoryInfo[]): TableProblem[] {
  const categorySort = new Map(categories.map((c, i) => [c.id, i]));
  return ledgerOrder([...byId.values()], (p) => ({
    categorySort: categorySort.get(p.categoryId) ?? Number.MAX_SAFE_INTEGER,
    sort: p.sort,
    parentSort: p.parentId != null ? (byId.get(p.parentId)?.sort ?? 0) : null,
  }));
}

/** The table after an answer of `problems.changes`: every row object that did not change is kept as it was. */
function merge(prev: LedgerTableData, changes: ProblemChanges): Pick<LedgerTableData, 'problems' | 'byId' | 'categories'> | null {
  const { categories } = changes;
  const problems = fromColumns(changes.problems);
  // A full answer comes in ledger order already.
  if (changes.full) return { problems, byId: new Map(problems.map((p) => [p.id, p])), categories };
  if (changes.ids.length === 0 && sameCategories(prev.categories, categories)) return null;
  const byId = new Map(prev.byId);
  for (const id of changes.ids) byId.delete(id);
  for (const p of problems) byId.set(p.id, p);
  return { problems: ordered(byId, categories), byId, categories };
}

async function fetchTable(since: number | undefined): Promise<TableLoad> {
  const [changes, units, leaders] = await Promise.all([
    call('problems.changes', since === undefined ? {} : { since }),
    call('people.units', {}),
    call('people.leaders', {}),
  ]);
  return { changes, units, leaders };
}

/** The rows asked for as the page started, if they are this round's; otherwise null. */
async function earlyTable(roundId: number): Promise<TableLoad | null> {
  const early = takeEarlyTable();
  const answer = early ? await early.catch(() => null) : null;
  return answer && answer.changes.roundId === roundId ? answer : null;
}

/**
 * The table's data for the open round. Loads everything once; after each change (the ledger context's
 * `version`) asks only for the rows that changed, keeping every other row object as it was, so that the
 * table redraws only what changed and keeps its scroll position and selection.
 */
export function useLedgerTable(scope: string | null, roundId: number | null, version: number): LedgerTableData {
  const [data, setData] = useState<LedgerTableData>(EMPTY);
  const seen = useRef<number | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const scopeRef = useRef(scope);

  const load = useCallback(async () => {
    const myScope = scopeRef.current;
    if (!roundId) {
      setData({ ...EMPTY, loading: false });
      return;
    }
    try {
      const since = seen.current ?? undefined;
      const { changes, units, leaders } = (since === undefined ? await earlyTable(roundId) : null) ?? (await fetchTable(since));
      if (scopeRef.current !== myScope) return;
      seen.current = changes.version;
      setData((prev) => {
        const rows = merge(prev, changes);
        return rows ? { ...rows, units, leaders, loading: false, error: null } : { ...prev, units, leaders, loading: false, error: null };
      });
    } catch (e) {
      if (scopeRef.current === myScope) setData((prev) => ({ ...prev, loading: false, error: errorMessage(e) }));
    }
  }, [roundId]);

  // One load at a time; changes that arrive meanwhile are fetched once it ends.
  const schedule = useCallback(() => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = load().finally(() => {
      running.current = null;
      if (again.current) {
        again.current = false;
        schedule();
      }
    });
  }, [load]);

  // A new ledger or round: everything, once. (Only this effect follows `schedule`, which changes with
  // the round: the one below would otherwise ask a second time for what this load already brings.)
  useEffect(() => {
    scopeRef.current = scope;
    seen.current = null;
    setData(EMPTY);
    schedule();
  }, [scope, schedule]);

  const scheduleRef = useRef(schedule);
  scheduleRef.current = schedule;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    scheduleRef.current();
  }, [version]);

  return data;
}

function sameCategories(a: CategoryInfo[], b: CategoryInfo[]): boolean {
  return a.length === b.length && a.every((c, i) => c.id === b[i]!.id && c.title === b[i]!.title && c.sort === b[i]!.sort && c.problemCount === b[i]!.problemCount);
}
