/**
 * Migration 6 (issue 15): rounds that follow each other (回头看, the next inspection, 专项), reporting cycles,
 * re-checks and 督办 notices (issue 15).
 *
 * - rounds gain `kind`, `origin_round_id` (the round it was started from) and `cycle_rule` (the units'
 *   reporting rhythm as JSON: none | monthly by day N | explicit dates). Their history triggers are
 *   recreated with the new columns (INSERT/DELETE as 0001 writes them, UPDATE as 0003).
 * - problem_origins: a problem carried into a new round points at the problem it came from, with why it
 *   came (unfinished, long-term, signed-off for re-check, or as the parent of one of those).
 * - rechecks: the 回头看 verdict on a carried signed-off problem (巩固 / 反弹).
 * - return_marks: a unit marked "已报送" by hand on a date (a return by e-mail, paper or phone).
 * - notices: every 督办通知 generated, per unit, with the problems it named.
 * All new tables are tracked (history, undo) like the rest of the ledger.
 *
 * Append-only: never edit this file once released.
 */

export const TRACKED_0006: Record<string, { cols: string[]; problemRef: string | null }> = {
  problem_origins: { cols: ['id', 'problem_id', 'origin_id', 'reason'], problemRef: 'problem_id' },
  rechecks: { cols: ['id', 'problem_id', 'result', 'date', 'actor', 'note', 'created_at'], problemRef: 'problem_id' },
  return_marks: { cols: ['id', 'round_id', 'unit_id', 'date', 'note', 'created_at'], problemRef: null },
  notices: { cols: ['id', 'round_id', 'unit_id', 'as_of', 'return_by', 'file_name', 'codes', 'created_at'], problemRef: null },
};

const ROUND_COLS = [
  'id', 'title', 'inspecting_body', 'inspected_org', 'inspection_start', 'inspection_end', 'feedback_date',
  'period_end', 'period_label', 'contact_line', 'long_term_counts_completed', 'report_texts', 'created_at',
  'kind', 'origin_round_id', 'cycle_rule',
];

function jsonOf(prefix: 'NEW' | 'OLD', cols: string[]): string {
  return `json_object(${cols.map((c) => `'${c}', ${prefix}.${c}`).join(', ')})`;
}

function triggers(table: string, cols: string[], problemRef: string | null): string {
  const ref = (p: 'NEW' | 'OLD') => (problemRef ? `${p}.${problemRef}` : 'NULL');
  const whole = (p: 'NEW' | 'OLD', oldV: string, newV: string) =>
    `  INSERT INTO history (action_id, tbl, row_id, field, old_value, new_value, problem_id)\n` +
    `  SELECT (SELECT action_id FROM current_action WHERE one = 1), '${table}', ${p}.id, '*', ${oldV}, ${newV}, ${ref(p)};`;
  const changed = cols
    .filter((c) => c !== 'id')
    .map((c) => `SELECT '${c}' AS field, OLD.${c} AS old_value, NEW.${c} AS new_value`)
    .join('\n    UNION ALL ');
  return `
CREATE TRIGGER ${table}_hist_insert AFTER INSERT ON ${table} BEGIN
${whole('NEW', 'NULL', jsonOf('NEW', cols))}
END;
CREATE TRIGGER ${table}_hist_update AFTER UPDATE ON ${table} BEGIN
  INSERT INTO history (action_id, tbl, row_id, field, old_value, new_value, problem_id)
  SELECT (SELECT action_id FROM current_action WHERE one = 1), '${table}', NEW.id, field, old_value, new_value, ${ref('NEW')}
  FROM (${changed})
  WHERE old_value IS NOT new_value;
END;
CREATE TRIGGER ${table}_hist_delete AFTER DELETE ON ${table} BEGIN
${whole('OLD', jsonOf('OLD', cols), 'NULL')}
END;`;
}

const SQL = `
ALTER TABLE rounds ADD COLUMN kind TEXT NOT NULL DEFAULT '巡察' CHECK (kind IN ('巡察', '回头看', '专项'));
ALTER TABLE rounds ADD COLUMN origin_round_id INTEGER REFERENCES rounds(id);
ALTER TABLE rounds ADD COLUMN cycle_rule TEXT NOT NULL DEFAULT '{"kind":"none"}';
DROP TRIGGER rounds_hist_insert;
DROP TRIGGER rounds_hist_update;
DROP TRIGGER rounds_hist_delete;
${triggers('rounds', ROUND_COLS, null)}

CREATE TABLE problem_origins (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL UNIQUE REFERENCES problems(id),
  origin_id INTEGER NOT NULL REFERENCES problems(id),
  reason TEXT NOT NULL CHECK (reason IN ('unfinished', 'long-term', 'signed-off', 'parent'))
) STRICT;
CREATE INDEX problem_origins_origin ON problem_origins (origin_id);

CREATE TABLE rechecks (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  result TEXT NOT NULL CHECK (result IN ('巩固', '反弹')),
  date TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX rechecks_problem ON rechecks (problem_id, id);

CREATE TABLE return_marks (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  date TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX return_marks_round ON return_marks (round_id, unit_id);

CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  as_of TEXT NOT NULL,
  return_by TEXT,
  file_name TEXT NOT NULL,
  codes TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX notices_unit ON notices (unit_id, id);
${Object.entries(TRACKED_0006).map(([t, d]) => triggers(t, d.cols, d.problemRef)).join('\n')}
`;

export default {
  version: 6,
  name: 'rounds_and_reminders',
  sql: SQL,
};
