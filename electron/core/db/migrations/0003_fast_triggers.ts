/**
 * Migration 3: the search-index and history triggers, made cheap; what they record is unchanged.
 *
 * - Search index entries get a rowid derived from their source row (id × 4 + 1 problem, 2 measure,
 *   3 progress). The triggers found an entry by its UNINDEXED columns before, which FTS5 answers by reading
 *   the whole index: every deleted or edited row cost a scan, and undoing a 10,000-row import took 27 s.
 *   The index is rebuilt from the tables (soft-deleted rows included, as the old triggers left them).
 * - New rows are no longer indexed by a trigger per row but at the end of the action that inserted them,
 *   in one statement per table (ledger/search-index.ts, called by runAction). Inside a transaction SQLite
 *   opens a savepoint for nearly every write statement, and FTS5 writes out its pending entries at every
 *   savepoint: indexed row by row, a 10,000-row import wrote 10,000 one-row index segments and merged them.
 *   Edits and deletes still go through triggers, by rowid; an edit only when the text really changed.
 * - While `preview_mode` holds its row, the search index is left alone. Only a transaction that is always
 *   rolled back sets it (db/dry-run.ts: an import preview, the probe of whether an import can be undone),
 *   so the row never outlives it; nothing in such a transaction reads the index.
 * - An UPDATE writes its history in one statement (one SELECT per column, joined with UNION ALL, keeping
 *   the columns that changed) instead of one statement per column: the same rows, in the same column
 *   order, for a third of the time.
 *
 * Append-only: never edit this file once released. A migration that adds columns to a tracked table must
 * recreate that table's triggers: copy `historyUpdateTrigger` below.
 */
import { TRACKED_TABLES } from './0001_init';

const SOURCES = [
  { table: 'problems', src: 'problem', kind: 1, problem: 'id', changed: 'OLD.text IS NOT NEW.text' },
  { table: 'measures', src: 'measure', kind: 2, problem: 'problem_id', changed: '(OLD.text IS NOT NEW.text OR OLD.problem_id IS NOT NEW.problem_id)' },
  { table: 'progress', src: 'progress', kind: 3, problem: 'problem_id', changed: 'OLD.text IS NOT NEW.text' },
] as const;

const LIVE = 'NOT EXISTS (SELECT 1 FROM preview_mode)';

function searchTriggers(s: (typeof SOURCES)[number]): string {
  const rowid = (p: 'NEW' | 'OLD') => `${p}.id * 4 + ${s.kind}`;
  const remove = `DELETE FROM search_index WHERE rowid = ${rowid('OLD')};`;
  return `
DROP TRIGGER ${s.table}_fts_insert;
DROP TRIGGER ${s.table}_fts_update;
DROP TRIGGER ${s.table}_fts_delete;
INSERT INTO search_index (rowid, text, problem_id, src, src_id) SELECT id * 4 + ${s.kind}, text, ${s.problem}, '${s.src}', id FROM ${s.table};
CREATE TRIGGER ${s.table}_fts_update AFTER UPDATE ON ${s.table} WHEN ${s.changed} AND ${LIVE} BEGIN
  ${remove}
  INSERT INTO search_index (rowid, text, problem_id, src, src_id) VALUES (${rowid('NEW')}, NEW.text, NEW.${s.problem}, '${s.src}', NEW.id);
END;
CREATE TRIGGER ${s.table}_fts_delete AFTER DELETE ON ${s.table} WHEN ${LIVE} BEGIN
  ${remove}
END;`;
}

function historyUpdateTrigger(table: string, cols: string[], problemRef: string | null): string {
  const changed = cols
    .filter((c) => c !== 'id')
    .map((c) => `SELECT '${c}' AS field, OLD.${c} AS old_value, NEW.${c} AS new_value`)
    .join('\n    UNION ALL ');
  return `
DROP TRIGGER ${table}_hist_update;
CREATE TRIGGER ${table}_hist_update AFTER UPDATE ON ${table} BEGIN
  INSERT INTO history (action_id, tbl, row_id, field, old_value, new_value, problem_id)
  SELECT (SELECT action_id FROM current_action WHERE one = 1), '${table}', NEW.id, field, old_value, new_value, ${problemRef ? `NEW.${problemRef}` : 'NULL'}
  FROM (${changed})
  WHERE old_value IS NOT new_value;
END;`;
}

const SQL = `
CREATE TABLE preview_mode (one INTEGER PRIMARY KEY CHECK (one = 1)) STRICT;
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(text, problem_id UNINDEXED, src UNINDEXED, src_id UNINDEXED, tokenize = 'trigram');
${SOURCES.map(searchTriggers).join('\n')}
${Object.entries(TRACKED_TABLES).map(([t, d]) => historyUpdateTrigger(t, d.cols, d.problemRef)).join('\n')}
`;

export default {
  version: 3,
  name: 'fast_triggers',
  sql: SQL,
};
