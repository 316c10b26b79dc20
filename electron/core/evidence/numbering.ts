import type { Db } from '../db/open';

/**
 * The next evidence number of a problem (`2-3-<seq>`). Numbers are never reused: not after a removal (the
 * row stays, soft-deleted), and not after an undone attachment either (the row is gone, but the history
 * remembers the number it had), because people cite them in documents and a number that later means
 * another file is worse than a gap.
 */
export function nextEvidenceSeq(db: Db, problemId: number): number {
  const live = db.raw.prepare('SELECT coalesce(max(seq), 0) AS n FROM evidence WHERE problem_id = ?').get(problemId) as { n: number };
  const recorded = db.raw
    .prepare(
      `SELECT coalesce(max(json_extract(coalesce(new_value, old_value), '$.seq')), 0) AS n
       FROM history WHERE tbl = 'evidence' AND field = '*' AND problem_id = ?`,
    )
    .get(problemId) as { n: number };
  return Math.max(live.n, recorded.n) + 1;
}
