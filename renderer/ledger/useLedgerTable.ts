import { useCallback, useEffect, useRef, useState } from 'react';
import type { CategoryInfo, LeaderInfo, TableProblem, UnitInfo } from '../../shared/domain/types';
import type { ProblemChanges } from '../../shared/api/table';
import { fromColumns } from '../../shared/api/columns';
import { ledgerOrder } from '../../shared/domain/order';
import { call, errorMessage } from '../api';
import { requestTable, takeEarlyTable, type TableLoad, type TableRequests } from '../earlyRequests';

export interface LedgerTableData {
  /** In ledger order. */
  problems: TableProblem[];
  byId: Map<number, TableProblem>;
  categories: CategoryInfo[];
  units: UnitInfo[];
  leaders: LeaderInfo[];
  loading: boolean;
  /**
   * False while only the first screen's rows are here (the rest is on its way): `problems` holds the
   * first rows in ledger order, `total` counts all of them.
   */
  complete: boolean;
  /** How many problems the round has (all of them, also while only the first are here). */
  total: number;
  error: string | null;
}

const EMPTY: LedgerTableData = { problems: [], byId: new Map(), categories: [], units: [], leaders: [], loading: true, complete: true, total: 0, error: null };

function ordered(byId: Map<number, TableProblem>, categories: CategoryInfo[]): TableProblem[] {
  const categorySort = new Map(categories.map((c, i) => [c.id, i]));
  return ledgerOrder([...byId.values()], (p) => ({
    categorySort: categorySort.get(p.categoryId) ?? Number.MAX_SAFE_INTEGER,
    sort: p.sort,
    parentSort: p.parentId != null ? (byId.get(p.parentId)?.sort ?? 0) : null,
  }));
}

type Rows = Pick<LedgerTableData, 'problems' | 'byId' | 'categories' | 'total' | 'complete'>;

/** The table after an answer of `problems.changes`: every row object that did not change is kept as it was. */
function merge(prev: LedgerTableData, changes: ProblemChanges): Rows | null {
  const { categories } = changes;
  const problems = fromColumns(changes.problems);
  // A full answer comes in ledger order already.
  if (changes.full) return { problems, byId: new Map(problems.map((p) => [p.id, p])), categories, total: changes.total, complete: problems.length === changes.total };
  if (changes.ids.length === 0 && sameCategories(prev.categories, categories)) return null;
  const byId = new Map(prev.byId);
  for (const id of changes.ids) byId.delete(id);
  for (const p of problems) byId.set(p.id, p);
  return { problems: ordered(byId, categories), byId, categories, total: byId.size, complete: true };
}

async function fetchChanges(since: number): Promise<TableLoad> {
  const [changes, units, leaders] = await Promise.all([call('problems.changes', { since }), call('people.units', {}), call('people.leaders', {})]);
  return { changes, units, leaders };
}

/** The ledger's path in a table scope (`path|round`). */
function ledgerPathOf(scope: string | null): string | null {
  return scope === null ? null : scope.slice(0, scope.lastIndexOf('|'));
}

/** The rows asked for as the page started, if they are of this ledger; otherwise asked for now. */
function tableRequests(path: string | null): { requests: TableRequests; early: boolean } {
  const early = takeEarlyTable(path);
  return early ? { requests: early, early: true } : { requests: requestTable(), early: false };
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
      let answer: TableLoad;
      if (since === undefined) {
        // Everything: the first screen's rows are drawn as soon as they come, the rest replaces them.
        const asked = tableRequests(ledgerPathOf(myScope));
        let requests = asked.requests;
        let arrived = false;
        const drawHead = (r: TableRequests) =>
          r.head.then(
            (head) => {
              if (arrived || scopeRef.current !== myScope || head.roundId !== roundId || !head.full) return;
              setData((prev) => (prev.loading ? { ...prev, ...merge(prev, head)!, loading: false, error: null } : prev));
            },
            () => {},
          );
        drawHead(requests);
        try {
          answer = await requests.full;
        } catch (e) {
          // Asked as the page started, perhaps before the ledger had a round: asked again, now.
          if (!asked.early) throw e;
          requests = requestTable();
          drawHead(requests);
          answer = await requests.full;
        }
        // Rows asked for as the page started may be of another round than the one now open.
        if (answer.changes.roundId !== roundId) {
          requests = requestTable();
          drawHead(requests);
          answer = await requests.full;
        }
        arrived = true;
      } else answer = await fetchChanges(since);
      const { changes, units, leaders } = answer;
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
