import type { LedgerInfo } from '../shared/api/ledger';
import type { ProblemChanges } from '../shared/api/table';
import type { LeaderInfo, UnitInfo } from '../shared/domain/types';
import { call } from './api';

export interface TableLoad {
  changes: ProblemChanges;
  units: UnitInfo[];
  leaders: LeaderInfo[];
}

/** The rows the table asks for before the rest: more than the tallest screen shows. */
export const FIRST_ROWS = 80;

/** The table's rows in two answers: the first screen's (`first`), and all of them with units and leaders. */
export interface TableRequests {
  head: Promise<ProblemChanges>;
  full: Promise<TableLoad>;
}

/** Ask for the first rows, then for all; both answers carry the round and the version they were read at. */
export function requestTable(): TableRequests {
  const head = call('problems.changes', { first: FIRST_ROWS });
  const full = Promise.all([call('problems.changes', {}), call('people.units', {}), call('people.leaders', {})]).then(([changes, units, leaders]) => ({
    changes,
    units,
    leaders,
  }));
  // Whoever takes an answer handles its failure; one never taken must not be reported as unhandled.
  head.catch(() => {});
  full.catch(() => {});
  return { head, full };
}

let info: Promise<LedgerInfo> | null = null;
let table: TableRequests | null = null;
/** The ledger the early rows were asked of (known once its answer came). */
let tablePath: string | null = null;

/**
 * Ask for the open ledger and, when the app opens on the table, for its rows, as the page starts:
 * before React's first draw, which takes a few hundred milliseconds on a cold start and would otherwise
 * come first, then the ledger's answer, then the rows'. The first screen's rows are asked for first and
 * come back in a few milliseconds whatever the ledger's size; all rows follow. The core reads the rows meanwhile. Each answer is
 * taken once by the code that would have asked for it; `onTable` says whether the app opens on the table.
 */
export function sendEarlyRequests(onTable: () => boolean): void {
  info = call('ledger.info', {});
  // The token in the URL is taken (and the address cleaned) by the first call, so the page is known now.
  if (!onTable()) return;
  table = requestTable();
  // Registered before anyone takes the answer, so the path is known by the time the page draws the table.
  info.then(
    (i) => {
      tablePath = i.path;
    },
    () => {},
  );
}

export function takeEarlyInfo(): Promise<LedgerInfo> | null {
  const p = info;
  info = null;
  return p;
}

/**
 * The rows asked for as the page started, when they are of the ledger the table now shows (`path`): a page
 * that started on an empty ledger and then opened the sample must not draw the empty ledger's answer.
 */
export function takeEarlyTable(path: string | null): TableRequests | null {
  const p = table;
  table = null;
  return p && path !== null && tablePath === path ? p : null;
}
