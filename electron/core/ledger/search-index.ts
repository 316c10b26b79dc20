import type { Db } from '../db/open';

/** The sources of the search index and the rowid of their entries (id × 4 + kind), as migration 0003 set them. */
const SOURCES = [
  { table: 'problems', src: 'problem', kind: 1, problem: 'id' },
  { table: 'measures', src: 'measure', kind: 2, problem: 'problem_id' },
  { table: 'progress', src: 'progress', kind: 3, problem: 'problem_id' },
] as const;

/**
 * Index the problems, measures and progress entries an action inserted (its history says which), at the
 * end of the action, in one statement per table: per-row triggers made FTS5 write a segment per row (see
 * migration 0003). Edits and deletes are indexed by their triggers as they happen. OR REPLACE covers a row
 * inserted and then edited in the same action, which the edit trigger has indexed already. Nothing is
 * indexed inside a dry run (preview_mode), which is rolled back anyway.
 */
export function indexInsertedRows(db: Db, actionId: number): void {
  if (db.raw.prepare('SELECT 1 FROM preview_mode').get()) return;
  for (const s of SOURCES) {
    db.raw
      .prepare(
        `INSERT OR REPLACE INTO search_index (rowid, text, problem_id, src, src_id)
         SELECT x.id * 4 + ${s.kind}, x.text, x.${s.problem}, '${s.src}', x.id FROM ${s.table} x
         WHERE x.id IN (SELECT row_id FROM history WHERE action_id = ? AND tbl = '${s.table}' AND field = '*' AND new_value IS NOT NULL)`,
      )
      .run(actionId);
  }
}
