/**
 * Migration 7 (issue 16): indexes on the columns that point at rows an undo removes.
 *
 * Deleting a row makes SQLite look for rows that still refer to it (foreign keys, even deferred), one
 * lookup per referring column; a referring column without an index is read whole for every deleted row.
 * Undoing an import deletes every measure it added and each deletion read all progress, evidence and
 * extra fields: 30,000 measures × 10,000 progress entries took 20 s of a 10,000-problem undo, and the
 * 100,000-problem undo did not finish in 40 minutes. Progress, evidence and extra fields name a measure
 * rarely, so their indexes hold only those rows (SQLite uses a partial index for `measure_id = ?`).
 * Units and leaders are removed by undo too (an import creates them); problems by unit is also what the
 * statistics by lead unit group by.
 *
 * Append-only: never edit this file once released.
 */
const SQL = `
CREATE INDEX progress_measure ON progress (measure_id) WHERE measure_id IS NOT NULL;
CREATE INDEX evidence_measure ON evidence (measure_id) WHERE measure_id IS NOT NULL;
CREATE INDEX extra_fields_measure ON extra_fields (measure_id) WHERE measure_id IS NOT NULL;
CREATE INDEX problems_lead_unit ON problems (lead_unit_id);
CREATE INDEX problem_units_unit ON problem_units (unit_id);
CREATE INDEX problem_leaders_leader ON problem_leaders (leader_id);
CREATE INDEX unit_aliases_unit ON unit_aliases (unit_id);
CREATE INDEX leader_aliases_leader ON leader_aliases (leader_id);
`;

export default {
  version: 7,
  name: 'reference_indexes',
  sql: SQL,
};
