import type { Db } from '../db/open';
import { ledgerVersion } from './actions';

/** Tables whose history rows name the problem they belong to: a change there touches only that row. */
const PER_PROBLEM = new Set(['problems', 'problem_leaders', 'problem_units', 'measures', 'progress', 'evidence', 'signoffs']);

const NAMES = new Set(['units', 'leaders', 'unit_aliases', 'leader_aliases']);

/** Beyond this many touched problems a full reload is cheaper than a list of ids. */
const MAX_IDS = 2000;

export type ChangedProblems = { version: number; full: true } | { version: number; full: false; ids: number[] };

/**
 * Which problems changed after ledger version `since` (an action id), for views that reload only the rows
 * that changed. A change to anything shared by many rows (a category, a unit's name, the round) asks for a
 * full reload, as does a version from another ledger (newer than this one's).
 */
export function changedProblemsSince(db: Db, since: number): ChangedProblems {
  const version = ledgerVersion(db);
  if (since > version) return { version, full: true };
  if (since === version) return { version, full: false, ids: [] };
  const rows = db.raw
    .prepare("SELECT DISTINCT tbl, problem_id, field = '*' AND old_value IS NULL AS inserted FROM history WHERE action_id > ?")
    .all(since) as { tbl: string; problem_id: number | null; inserted: number }[];
  const ids = new Set<number>();
  for (const r of rows) {
    // A new unit or leader (typed into one row) changes no other row; that row's own links are listed.
    if (r.inserted && NAMES.has(r.tbl)) continue;
    if (!PER_PROBLEM.has(r.tbl) || r.problem_id == null) return { version, full: true };
    ids.add(r.problem_id);
    if (ids.size > MAX_IDS) return { version, full: true };
  }
  return { version, full: false, ids: [...ids].sort((a, b) => a - b) };
}
