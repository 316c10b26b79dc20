/**
 * Migration 3: the search index and the history triggers, made cheap; what they record is unchanged.
 *
 * - The search index is no longer kept by triggers, row by row, but at the end of each action, from the
 *   action's history, in a few set-based statements (ledger/search-index.ts, called by runAction). Inside
 *   a transaction SQLite opens a savepoint for nearly every write statement, and FTS5 writes out its
 *   pending entries at every savepoint: kept row by row, a 10,000-row import wrote 10,000 one-row index
 *   segments and merged them, and undoing it deleted entries one statement at a time.
 * - Entries get a rowid derived from their source row (id × 4 + 1 problem, 2 measure, 3 progress). The
 *   triggers found an entry by its UNINDEXED columns, which FTS5 answers by reading the whole index: every
 *   deleted or edited row cost a scan, and undoing a 10,000-row import took 27 s. The index is rebuilt
 *   from the tables (soft-deleted rows included, as the triggers left them).
 * - An UPDATE writes its history in one statement (one SELECT per column, joined with UNION ALL, keeping
 *   the columns that changed) instead of one statement per column: the same rows, in the same column
 *   order, for a third of the time.
 *
 * Append-only: never edit this file once released. A migration that adds columns to a tracked table must
 * recreate that table's triggers: copy `historyUpdateTrigger` below.
 */
import { TRACKED_TABLES } from './0001_init';

const SOURCES = [
  { table: 'problems', src: 'problem', kind: 1, problem: 'id' },
  { table: 'measures', src: 'measure', kind: 2, problem: 'problem_id' },
  { table: 'progress', src: 'progress', kind: 3, problem: 'problem_id' },
] as const;

function rebuildSearch(s: (typeof SOURCES)[number]): string {
  return `
DROP TRIGGER ${s.table}_fts_insert;
DROP TRIGGER ${s.table}_fts_update;
DROP TRIGGER ${s.table}_fts_delete;
INSERT INTO search_index (rowid, text, problem_id, src, src_id) SELECT id * 4 + ${s.kind}, text, ${s.problem}, '${s.src}', id FROM ${s.table};`;
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
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(text, problem_id UNINDEXED, src UNINDEXED, src_id UNINDEXED, tokenize = 'trigram');
${SOURCES.map(rebuildSearch).join('\n')}
${Object.entries(TRACKED_TABLES).map(([t, d]) => historyUpdateTrigger(t, d.cols, d.problemRef)).join('\n')}
`;

export default {
  version: 3,
  name: 'search_and_history',
  sql: SQL,
};
