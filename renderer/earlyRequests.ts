import type { LedgerInfo } from '../shared/api/ledger';
import type { ProblemChanges } from '../shared/api/table';
import type { LeaderInfo, UnitInfo } from '../shared/domain/types';
import { call } from './api';

export interface TableLoad {
  changes: ProblemChanges;
  units: UnitInfo[];
  leaders: LeaderInfo[];
}

let info: Promise<LedgerInfo> | null = null;
let table: Promise<TableLoad> | null = null;

/**
 * Ask for the open ledger and, when the app opens on the table, for all its rows, as the page starts:
 * before React's first draw, which takes a few hundred milliseconds on a cold start and would otherwise
 * come first, then the ledger's answer, then the rows'. The core reads the rows meanwhile. Each answer is
 * taken once by the code that would have asked for it; `onTable` says whether the app opens on the table.
 */
export function sendEarlyRequests(onTable: () => boolean): void {
  info = call('ledger.info', {});
  // The token in the URL is taken (and the address cleaned) by the first call, so the page is known now.
  if (!onTable()) return;
  table = Promise.all([call('problems.changes', {}), call('people.units', {}), call('people.leaders', {})]).then(([changes, units, leaders]) => ({
    changes,
    units,
    leaders,
  }));
  // Whoever takes an answer handles its failure; one never taken must not be reported as unhandled.
  info.catch(() => {});
  table.catch(() => {});
}

export function takeEarlyInfo(): Promise<LedgerInfo> | null {
  const p = info;
  info = null;
  return p;
}

export function takeEarlyTable(): Promise<TableLoad> | null {
  const p = table;
  table = null;
  return p;
}
