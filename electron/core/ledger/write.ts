import type { Db } from '../db/open';
import { cachedStatement } from '../db/statements';

const IDENT = /^[a-z_]+$/;

/**
 * Write the columns of `patch` that differ from `row`, in one UPDATE. The history trigger records one row
 * per changed column either way; one statement instead of one per column runs the trigger once, which is
 * what a large import's status updates spend most of their time on.
 */
export function updateChanged<R extends { id: number }>(db: Db, table: 'problems' | 'measures', row: R, patch: Partial<R>): void {
  const cols = (Object.keys(patch) as (keyof R & string)[]).filter((c) => patch[c] !== undefined && row[c] !== patch[c]);
  if (cols.length === 0) return;
  if (!cols.every((c) => IDENT.test(c))) throw new Error(`bad column in ${cols.join(',')}`);
  cachedStatement(db, `UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => patch[c] as never), row.id);
}
