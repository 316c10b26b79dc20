import { useCallback, useEffect, useRef, useState } from 'react';
import type { CategoryInfo, LeaderInfo, ProblemSummary, UnitInfo } from '../../shared/domain/types';
import { ledgerOrder } from '../../shared/domain/order';
import { call, errorMessage } from '../api';

export interface LedgerTableData {
  problems: ProblemSummary[];
  byId: Map<number, ProblemSummary>;
  categories: CategoryInfo[];
  units: UnitInfo[];
  leaders: LeaderInfo[];
  loading: boolean;
  error: string | null;
}

const EMPTY: LedgerTableData = { problems: [], byId: new Map(), categories: [], units: [], leaders: [], loading: true, error: null };

function ordered(byId: Map<number, ProblemSummary>, categories: CategoryInfo[]): ProblemSummary[] {
  const categorySort = new Map(categories.map((c, i) => [c.id, i]));
  return ledgerOrder([...byId.values()], (p) => ({
    categorySort: categorySort.get(p.categoryId) ?? Number.MAX_SAFE_INTEGER,
    sort: p.sort,
    parentSort: p.parentId != null ? (byId.get(p.parentId)?.sort ?? 0) : null,
  }));
}

/**
 * The table's data for the open round. Loads everything once; after each change (the ledger context's
 * `version`) asks only for the rows that changed, keeping every other row object as it was, so that the
 * table redraws only what changed and keeps its scroll position and selection.
 */
export function useLedgerTable(scope: string | null, roundId: number | null, version: number): LedgerTableData & { reload(): void } {
  const [data, setData] = useState<LedgerTableData>(EMPTY);
  const seen = useRef<number | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const scopeRef = useRef(scope);

  const load = useCallback(async (full: boolean) => {
    const myScope = scopeRef.current;
    if (!roundId) {
      setData({ ...EMPTY, loading: false });
      return;
    }
    try {
      const since = full || seen.current == null ? undefined : seen.current;
      const [changes, categories, units, leaders] = await Promise.all([
        call('problems.changes', since === undefined ? {} : { since }),
        call('categories.list', {}),
        call('people.units', {}),
        call('people.leaders', {}),
      ]);
      if (scopeRef.current !== myScope) return;
      seen.current = changes.version;
      setData((prev) => {
        let byId: Map<number, ProblemSummary>;
        if (changes.full) byId = new Map(changes.problems.map((p) => [p.id, p]));
        else {
          if (changes.ids.length === 0 && sameCategories(prev.categories, categories)) {
            return { ...prev, units, leaders, loading: false, error: null };
          }
          byId = new Map(prev.byId);
          for (const id of changes.ids) byId.delete(id);
          for (const p of changes.problems) if (!p.deletedAt && p.roundId === roundId) byId.set(p.id, p);
        }
        return { problems: ordered(byId, categories), byId, categories, units, leaders, loading: false, error: null };
      });
    } catch (e) {
      if (scopeRef.current === myScope) setData((prev) => ({ ...prev, loading: false, error: errorMessage(e) }));
    }
  }, [roundId]);

  // One load at a time; changes that arrive meanwhile are fetched once it ends.
  const schedule = useCallback(
    (full: boolean) => {
      if (running.current) {
        again.current = true;
        return;
      }
      running.current = load(full).finally(() => {
        running.current = null;
        if (again.current) {
          again.current = false;
          schedule(false);
        }
      });
    },
    [load],
  );

  useEffect(() => {
    scopeRef.current = scope;
    seen.current = null;
    setData(EMPTY);
    schedule(true);
  }, [scope, schedule]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    schedule(false);
  }, [version, schedule]);

  return { ...data, reload: () => schedule(true) };
}

function sameCategories(a: CategoryInfo[], b: CategoryInfo[]): boolean {
  return a.length === b.length && a.every((c, i) => c.id === b[i]!.id && c.title === b[i]!.title && c.sort === b[i]!.sort && c.problemCount === b[i]!.problemCount);
}
