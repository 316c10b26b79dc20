import type { Db } from '../db/open';
import { inDryRun } from '../db/dry-run';

/** The sources of the search index and the rowid of their entries (id × 4 + kind), as migration 0003 set them. */
const SOURCES = [
  { table: 'problems', src: 'problem', kind: 1, problem: 'id' },
  { table: 'measures', src: 'measure', kind: 2, problem: 'problem_id' },
  { table: 'progress', src: 'progress', kind: 3, problem: 'problem_id' },
] as const;

/**
 * Bring the search index up to date with what an action wrote, at its end, from its history: entries of
 * rows it deleted go, rows it inserted or whose text (or, for a measure, problem) it changed are indexed
 * again. A few statements for the whole action: SQLite opens a savepoint for nearly every write statement
 * in a transaction and FTS5 writes out its pending entries at each one, so keeping the index row by row
 * made a large import write one index segment per row (migration 0003). Soft-deleted rows stay indexed
 * (search checks them against the live rows). Nothing is done in a dry run, which is rolled back.
 */
export function indexAction(db: Db, actionId: number): void {
  if (inDryRun(db)) return;
  if (rebuildIfCheaper(db, actionId)) return;
  const large = (db.raw.prepare('SELECT count(*) AS n FROM history WHERE action_id = ?').get(actionId) as { n: number }).n > LARGE_ACTION;
  const reindexed = "(field = '*' AND new_value IS NOT NULL OR field IN ('text', 'problem_id'))";
  for (const s of SOURCES) {
    const touched = (where: string) => `SELECT row_id FROM history WHERE action_id = ? AND tbl = '${s.table}' AND ${where}`;
    db.raw
      .prepare(`DELETE FROM search_index WHERE rowid IN (SELECT row_id * 4 + ${s.kind} FROM (${touched("field = '*' AND new_value IS NULL")}))`)
      .run(actionId);
    const insert = `INSERT OR REPLACE INTO search_index (rowid, text, problem_id, src, src_id) SELECT x.id * 4 + ${s.kind}, x.text, x.${s.problem}, '${s.src}', x.id FROM ${s.table} x`;
    if (!large) {
      db.raw.prepare(`${insert} WHERE x.id IN (${touched(reindexed)})`).run(actionId);
      continue;
    }
    // A large action (an import of 100,000 problems) in slices of rows: inside the transaction SQLite keeps
    // a statement journal of what each statement changes, in memory during an import (db/memory-journal.ts),
    // and one statement indexing 400,000 rows held some 60 MB of it at once. Each slice finds its rows'
    // history through the (tbl, row_id) index.
    const { lo, hi } = db.raw.prepare(`SELECT min(id) AS lo, max(id) AS hi FROM ${s.table}`).get() as { lo: number | null; hi: number | null };
    if (lo === null || hi === null) continue;
    const slice = db.raw.prepare(
      `${insert} WHERE x.id BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM history INDEXED BY history_row WHERE tbl = '${s.table}' AND row_id = x.id AND action_id = ? AND ${reindexed})`,
    );
    for (let from = lo; from <= hi; from += INDEX_SLICE) slice.run(from, from + INDEX_SLICE - 1, actionId);
  }
}

/** History rows above which an action is indexed in slices of INDEX_SLICE row ids. */
const LARGE_ACTION = 50_000;
const INDEX_SLICE = 10_000;

/**
 * When an action removed more indexed rows than remain (undoing a large import), build the index again
 * from the tables instead: FTS5 deletes an entry by reading and tokenizing its text again, which for the
 * 500,000 entries of a 100,000-problem import cost more than the rest of its undo, while dropping the
 * index costs nothing and re-indexing is in proportion to what remains. The result is the same entries.
 */
function rebuildIfCheaper(db: Db, actionId: number): boolean {
  const removed = db.raw
    .prepare(`SELECT count(*) AS n FROM history WHERE action_id = ? AND tbl IN ('problems', 'measures', 'progress') AND field = '*' AND new_value IS NULL`)
    .get(actionId) as { n: number };
  if (removed.n === 0) return false;
  const remaining = SOURCES.reduce((n, s) => n + (db.raw.prepare(`SELECT count(*) AS n FROM ${s.table}`).get() as { n: number }).n, 0);
  if (remaining >= removed.n) return false;
  const { sql } = db.raw.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'search_index'").get() as { sql: string };
  db.raw.exec('DROP TABLE search_index');
  db.raw.exec(sql);
  for (const s of SOURCES) {
    db.raw.exec(`INSERT INTO search_index (rowid, text, problem_id, src, src_id) SELECT id * 4 + ${s.kind}, text, ${s.problem}, '${s.src}', id FROM ${s.table}`);
  }
  return true;
}

/**
 * Entries that do not match the tables (missing, stale, or left over), at most `limit`: what `cli check`
 * reports, since search must find every problem, measure and progress entry by its current text.
 */
export function searchIndexMismatches(db: Db, limit = 20): { rowid: number; why: 'missing' | 'stale' | 'extra' }[] {
  const expected = SOURCES.map((s) => `SELECT id * 4 + ${s.kind} AS rowid, text, ${s.problem} AS problem_id FROM ${s.table}`).join(' UNION ALL ');
  const wrong = db.raw
    .prepare(
      `SELECT e.rowid, CASE WHEN s.rowid IS NULL THEN 'missing' ELSE 'stale' END AS why
       FROM (${expected}) e LEFT JOIN search_index s ON s.rowid = e.rowid
       WHERE s.rowid IS NULL OR s.text IS NOT e.text OR s.problem_id IS NOT e.problem_id LIMIT ?`,
    )
    .all(limit) as { rowid: number; why: 'missing' | 'stale' }[];
  const extra = db.raw
    .prepare(`SELECT s.rowid, 'extra' AS why FROM search_index s WHERE s.rowid NOT IN (SELECT rowid FROM (${expected})) LIMIT ?`)
    .all(limit) as { rowid: number; why: 'extra' }[];
  return [...wrong, ...extra].slice(0, limit);
}
