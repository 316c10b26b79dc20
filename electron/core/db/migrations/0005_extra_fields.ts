/**
 * Migration 5 (issue 10): columns an imported sheet carries beyond the ledger's own fields (原因分析,
 * 举一反三情况, 整改周期…), kept as they were written, on the problem or on one of its measures, so that
 * they are shown in the detail panel and exported back instead of being dropped.
 *
 * A table of its own (not columns on problems/measures), tracked like the others: INSERT and DELETE
 * triggers as 0001 generates them, the UPDATE trigger as 0003 writes it (one statement for all columns).
 * Its rows are replaced, as the link rows problem_leaders/problem_units are.
 *
 * Append-only: never edit this file once released.
 */

export const EXTRA_TRACKED: Record<string, { cols: string[]; problemRef: string | null }> = {
  extra_fields: { cols: ['id', 'problem_id', 'measure_id', 'ord', 'label', 'value'], problemRef: 'problem_id' },
};

const cols = EXTRA_TRACKED.extra_fields!.cols;
const json = (p: 'NEW' | 'OLD') => `json_object(${cols.map((c) => `'${c}', ${p}.${c}`).join(', ')})`;
const row = (oldV: string, newV: string, p: 'NEW' | 'OLD') =>
  `  INSERT INTO history (action_id, tbl, row_id, field, old_value, new_value, problem_id)\n` +
  `  SELECT (SELECT action_id FROM current_action WHERE one = 1), 'extra_fields', ${p}.id, '*', ${oldV}, ${newV}, ${p}.problem_id;`;
const changed = cols
  .filter((c) => c !== 'id')
  .map((c) => `SELECT '${c}' AS field, OLD.${c} AS old_value, NEW.${c} AS new_value`)
  .join('\n    UNION ALL ');

const SQL = `
CREATE TABLE extra_fields (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  measure_id INTEGER REFERENCES measures(id),
  ord INTEGER NOT NULL,
  label TEXT NOT NULL,
  value TEXT NOT NULL
) STRICT;
CREATE INDEX extra_fields_problem ON extra_fields (problem_id, measure_id, ord);
CREATE TRIGGER extra_fields_hist_insert AFTER INSERT ON extra_fields BEGIN
${row('NULL', json('NEW'), 'NEW')}
END;
CREATE TRIGGER extra_fields_hist_update AFTER UPDATE ON extra_fields BEGIN
  INSERT INTO history (action_id, tbl, row_id, field, old_value, new_value, problem_id)
  SELECT (SELECT action_id FROM current_action WHERE one = 1), 'extra_fields', NEW.id, field, old_value, new_value, NEW.problem_id
  FROM (${changed})
  WHERE old_value IS NOT new_value;
END;
CREATE TRIGGER extra_fields_hist_delete AFTER DELETE ON extra_fields BEGIN
${row(json('OLD'), 'NULL', 'OLD')}
END;
`;

export default {
  version: 5,
  name: 'extra_fields',
  sql: SQL,
};
