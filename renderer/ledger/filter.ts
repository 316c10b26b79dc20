import type { TableProblem } from '../../shared/domain/types';
import type { ProblemStatus } from '../../shared/domain/status';
import type { StatsRound } from '../../shared/domain/stats';
import { urgencyOf } from '../../shared/domain/urgency';
import { compileConditions, type ColumnConditions } from './columnFilter';

/** What the person narrowed the table to. Empty values mean “any”. */
export interface LedgerFilter {
  query: string;
  statuses: ProblemStatus[];
  leadUnit: string | null;
  leader: string | null;
  categoryId: number | null;
  overdue: boolean;
  /** Deadline date within this many days from today (and not completed); null: no such condition. */
  dueWithinDays: number | null;
  /** Conditions set from the column headers (WPS's 筛选), shown as chips. */
  columns: ColumnConditions;
}

export const EMPTY_FILTER: LedgerFilter = {
  query: '',
  statuses: [],
  leadUnit: null,
  leader: null,
  categoryId: null,
  overdue: false,
  dueWithinDays: null,
  columns: {},
};

export function isFiltering(f: LedgerFilter): boolean {
  return (
    f.query.trim() !== '' ||
    f.statuses.length > 0 ||
    f.leadUnit != null ||
    f.leader != null ||
    f.categoryId != null ||
    f.overdue ||
    f.dueWithinDays != null ||
    Object.keys(f.columns).length > 0
  );
}

/** The unit filter's choice for problems without a lead unit. */
export const NO_LEAD_UNIT = '（未指定牵头单位）';

/**
 * The problems that pass every condition, in the order given (the list given itself when all pass).
 * `searchIds` is the server's answer for the query (null while there is no query). Overdue and due-within
 * use the same rule as the statistics.
 */
export function filterProblems(
  problems: readonly TableProblem[],
  f: LedgerFilter,
  searchIds: ReadonlySet<number> | null,
  today: string,
  round: StatsRound,
): TableProblem[] {
  if (!isFiltering(f)) return problems as TableProblem[];
  const statuses = f.statuses.length ? new Set<string>(f.statuses) : null;
  const byColumns = compileConditions(f.columns, today, round);
  const passed = problems.filter((p) => {
    if (byColumns && !byColumns(p)) return false;
    if (searchIds && !searchIds.has(p.id)) return false;
    if (statuses && !statuses.has(p.status)) return false;
    if (f.leadUnit != null && (p.leadUnit ?? NO_LEAD_UNIT) !== f.leadUnit) return false;
    if (f.leader != null && !p.leaders.includes(f.leader)) return false;
    if (f.categoryId != null && p.categoryId !== f.categoryId) return false;
    if (f.overdue || f.dueWithinDays != null) {
      // Overdue and due-soon exclude each other: both ticked means either.
      const late = f.overdue && urgencyOf(p, today, round) === 'overdue';
      const soon = f.dueWithinDays != null && urgencyOf(p, today, round, f.dueWithinDays) === 'dueSoon';
      if (!late && !soon) return false;
    }
    return true;
  });
  // Nothing left out (a one-character search matches every problem): the same list, so that what was made
  // for it (its lines, the set of its ids) is made again only if something else changed.
  return passed.length === problems.length ? (problems as TableProblem[]) : passed;
}
