import type { Db } from '../db/open';
import { cachedStatement } from '../db/statements';
import { LedgerError } from '../errors';
import { TRACKED_TABLES } from '../db/migrations';

/**
 * Replaying recorded history: undo applies an action's rows backwards, redo forwards. Set-based, so that
 * undoing a 100,000-problem import (about 840,000 history rows) costs a few statements per table, not a
 * statement per row, and the rows are never all held in memory.
 *
 * The rows of each ledger row keep their order; rows of different ledger rows are applied in "layers": the
 * k-th change of every row (counted from the end for an undo) together, per table, operation and column.
 * Each row goes through exactly the states it went through when replayed one by one, so the history the
 * replay writes (by the triggers) holds the same entries, and the result is the same. Only a UNIQUE
 * constraint spans rows: when a layer would break one that the recorded order avoided (two units trading
 * names), the set-based attempt is rolled back to its savepoint and the rows are replayed one by one in
 * their recorded order, as before.
 */
export type Direction = 'forward' | 'backward';

export interface HistoryRow {
  id: number;
  problem_id: number | null;
  action_id: number;
  tbl: string;
  row_id: number;
  field: string;
  old_value: unknown;
  new_value: unknown;
}

const IDENT = /^[a-z_]+$/;

export function checkIdent(tbl: string, field: string): void {
  const t = TRACKED_TABLES[tbl];
  if (!t || !IDENT.test(tbl) || (field !== '*' && !IDENT.test(field))) {
    throw new LedgerError('HISTORY_INVALID', '变更记录已损坏，无法撤销。', { tbl, field });
  }
}

function inList(ids: number[]): string {
  return ids.map((id) => String(Math.trunc(id))).join(',');
}

/**
 * SQL: whether a column holds the value history recorded, with SQLite's loose typing (a number recorded as
 * text, or text read back as a number, is the same value).
 */
function sameValue(column: string, recorded: string): string {
  return `(${column} IS ${recorded} OR (${column} IS NOT NULL AND ${recorded} IS NOT NULL AND CAST(${column} AS TEXT) = CAST(${recorded} AS TEXT)))`;
}

/** The (table, column) pairs the actions recorded, each checked (HISTORY_INVALID before anything is read or written). */
function recordedColumns(db: Db, actionIds: number[]): { tbl: string; field: string }[] {
  const pairs = db.raw
    .prepare(`SELECT DISTINCT tbl, field FROM history WHERE action_id IN (${inList(actionIds)}) ORDER BY tbl, field`)
    .all() as { tbl: string; field: string }[];
  for (const p of pairs) checkIdent(p.tbl, p.field);
  return pairs;
}

/**
 * Whether the ledger still holds what the actions left behind (direction 'forward': the state after them,
 * checked before an undo) or what they found (direction 'backward': the state before them, checked before
 * a redo). Returns the history rows that no longer match, in the order the row-by-row check listed them:
 * rows whose existence changed (named by their first whole-row entry), then changed columns (by their
 * last entry), then columns changed later on a row the actions inserted (or deleted, before a redo), named
 * by its whole-row entry with the column as its field; each in the order the row (or column) first
 * appears. Set-based per table and column.
 */
export function conflicts(db: Db, actionIds: number[], direction: Direction): HistoryRow[] {
  if (actionIds.length === 0) return [];
  const pairs = recordedColumns(db, actionIds);
  const ids = inList(actionIds);
  // "Last" is where the checked end is: the newest entry before an undo, the oldest before a redo.
  const [last, first, order] = direction === 'forward' ? ['max', 'min', 'ASC'] : ['min', 'max', 'DESC'];
  const target = direction === 'forward' ? 'new_value' : 'old_value';
  const existence: (HistoryRow & { ord: number })[] = [];
  const fields: (HistoryRow & { ord: number })[] = [];
  const wholeColumns: (HistoryRow & { ord: number })[] = [];
  for (const tbl of new Set(pairs.map((p) => p.tbl))) {
    const whole = `SELECT row_id, ${last}(id) AS last_id, ${first}(id) AS first_id FROM history
                   WHERE action_id IN (${ids}) AND tbl = '${tbl}' AND field = '*' GROUP BY row_id`;
    existence.push(
      ...(db.raw
        .prepare(
          `SELECT f.*, k.first_id AS ord FROM (${whole}) k JOIN history e ON e.id = k.last_id JOIN history f ON f.id = k.first_id
           WHERE (e.${target} IS NOT NULL) <> EXISTS (SELECT 1 FROM ${tbl} x WHERE x.id = k.row_id)`,
        )
        .all() as (HistoryRow & { ord: number })[]),
    );
    // A row the actions inserted (or, before a redo, one they deleted) that is there as it should be: each
    // column the actions did not set afterwards must still hold the value its whole-row entry recorded —
    // an edit made later would otherwise be undone with the row, unseen. Values compared first, so the
    // history lookup runs only for a column that differs.
    const differs = (TRACKED_TABLES[tbl]?.cols ?? [])
      .filter((c) => c !== 'id' && IDENT.test(c))
      .map((c) => {
        const recorded = `json_extract(e.${target}, '$.${c}')`;
        return `WHEN json_type(e.${target}, '$.${c}') IS NOT NULL
                 AND NOT ${sameValue(`x.${c}`, recorded)}
                 AND NOT EXISTS (SELECT 1 FROM history f WHERE f.tbl = '${tbl}' AND f.row_id = k.row_id AND f.field = '${c}'
                                 AND f.action_id IN (${ids}) AND f.id ${direction === 'forward' ? '>' : '<'} e.id)
               THEN '${c}'`;
      });
    if (differs.length > 0) {
      wholeColumns.push(
        ...(db.raw
          .prepare(
            `SELECT * FROM (
               SELECT e.id, e.problem_id, e.action_id, e.tbl, e.row_id, CASE ${differs.join('\n')} END AS field,
                      e.old_value, e.new_value, k.first_id AS ord
               FROM (${whole}) k JOIN history e ON e.id = k.last_id JOIN ${tbl} x ON x.id = k.row_id
               WHERE e.${target} IS NOT NULL
             ) WHERE field IS NOT NULL`,
          )
          .all() as (HistoryRow & { ord: number })[]),
      );
    }
    for (const { field } of pairs.filter((p) => p.tbl === tbl && p.field !== '*')) {
      // A column of a row that ends (or, before a redo, starts) deleted is not checked; one of a row that
      // is missing when it should be there is a conflict.
      fields.push(
        ...(db.raw
          .prepare(
            `SELECT h.*, k.first_id AS ord FROM (
               SELECT row_id, ${last}(id) AS last_id, ${first}(id) AS first_id FROM history
               WHERE action_id IN (${ids}) AND tbl = '${tbl}' AND field = '${field}' GROUP BY row_id
             ) k JOIN history h ON h.id = k.last_id
             LEFT JOIN (${whole}) w ON w.row_id = k.row_id LEFT JOIN history e ON e.id = w.last_id
             LEFT JOIN ${tbl} x ON x.id = k.row_id
             WHERE NOT (e.id IS NOT NULL AND e.${target} IS NULL)
               AND (x.id IS NULL OR NOT ${sameValue(`x.${field}`, `h.${target}`)})`,
          )
          .all() as (HistoryRow & { ord: number })[]),
      );
    }
  }
  const sort = (rows: (HistoryRow & { ord: number })[]) =>
    rows.sort((a, b) => (order === 'ASC' ? a.ord - b.ord : b.ord - a.ord)).map(({ ord: _o, ...r }) => r);
  return [...sort(existence), ...sort(fields), ...sort(wholeColumns)];
}

/** Apply the actions' recorded rows backwards (undo) or forwards (redo). Foreign keys are checked at commit. */
export function replay(db: Db, actionIds: number[], direction: Direction, options: { rowByRow?: boolean } = {}): void {
  if (actionIds.length === 0) return;
  db.raw.pragma('defer_foreign_keys = ON');
  const pairs = recordedColumns(db, actionIds);
  if (!options.rowByRow) {
    try {
      // A savepoint: a layer refused by a UNIQUE constraint leaves nothing behind.
      db.raw.transaction(() => replayInLayers(db, actionIds, direction, pairs))();
      return;
    } catch (e) {
      if (!isConstraint(e)) throw e;
    }
  }
  replayRowByRow(db, actionIds, direction);
}

function isConstraint(e: unknown): boolean {
  const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

const PLAN = 'temp.replay_plan';

function replayInLayers(db: Db, actionIds: number[], direction: Direction, pairs: { tbl: string; field: string }[]): void {
  const target = direction === 'backward' ? 'old_value' : 'new_value';
  db.raw.exec(`CREATE TEMP TABLE IF NOT EXISTS replay_plan (
      id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id INTEGER NOT NULL, field TEXT NOT NULL,
      op TEXT NOT NULL, layer INTEGER NOT NULL, cols TEXT);
    CREATE INDEX IF NOT EXISTS temp.replay_plan_step ON replay_plan (layer, tbl, op, field, cols);
    DELETE FROM ${PLAN};`);
  try {
    // layer = how many changes of the same row come before this one in replay order. A re-inserted row
    // names its columns (`cols`): history written before a migration added a column lacks it, and the
    // insert then leaves the column to its default, as the row-by-row replay did.
    db.raw
      .prepare(
        `INSERT INTO ${PLAN} (id, tbl, row_id, field, op, layer, cols)
         SELECT id, tbl, row_id, field,
                CASE WHEN field <> '*' THEN 'update' WHEN ${target} IS NULL THEN 'delete' ELSE 'insert' END,
                row_number() OVER (PARTITION BY tbl, row_id ORDER BY id ${direction === 'backward' ? 'DESC' : 'ASC'}) - 1,
                CASE WHEN field = '*' AND ${target} IS NOT NULL
                     THEN (SELECT group_concat(key, ',') FROM (SELECT key FROM json_each(${target}) ORDER BY key)) END
         FROM history WHERE action_id IN (${inList(actionIds)})`,
      )
      .run();
    const steps = db.raw
      .prepare(
        `SELECT layer, tbl, op, field, cols FROM ${PLAN} GROUP BY layer, tbl, op, field, cols
         ORDER BY layer, CASE op WHEN 'delete' THEN 0 WHEN 'update' THEN 1 ELSE 2 END, tbl, field, cols`,
      )
      .all() as { layer: number; tbl: string; op: 'delete' | 'update' | 'insert'; field: string; cols: string | null }[];
    const known = new Set(pairs.map((p) => `${p.tbl}\n${p.field}`));
    const order = direction === 'backward' ? 'DESC' : 'ASC';
    for (const s of steps) {
      if (!known.has(`${s.tbl}\n${s.field}`)) checkIdent(s.tbl, s.field);
      const rows = `SELECT p.row_id, h.${target} AS value FROM ${PLAN} p JOIN history h ON h.id = p.id
                    WHERE p.layer = ? AND p.tbl = ? AND p.op = ? AND p.field = ?`;
      if (s.op === 'delete') {
        cachedStatement(db, `DELETE FROM ${s.tbl} WHERE id IN (SELECT row_id FROM ${PLAN} WHERE layer = ? AND tbl = ? AND op = ? AND field = ?)`)
          .run(s.layer, s.tbl, s.op, s.field);
      } else if (s.op === 'update') {
        cachedStatement(db, `UPDATE ${s.tbl} SET ${s.field} = v.value FROM (${rows}) v WHERE ${s.tbl}.id = v.row_id`)
          .run(s.layer, s.tbl, s.op, s.field);
      } else {
        const cols = (s.cols ?? '').split(',').filter((c) => IDENT.test(c));
        if (cols.length === 0) throw new LedgerError('HISTORY_INVALID', '变更记录已损坏，无法撤销。', { tbl: s.tbl, field: s.field });
        cachedStatement(
          db,
          `INSERT INTO ${s.tbl} (${cols.join(', ')})
           SELECT ${cols.map((c) => `json_extract(h.${target}, '$.${c}')`).join(', ')} FROM ${PLAN} p JOIN history h ON h.id = p.id
           WHERE p.layer = ? AND p.tbl = ? AND p.op = ? AND p.field = ? AND p.cols = ? ORDER BY p.id ${order}`,
        ).run(s.layer, s.tbl, s.op, s.field, s.cols);
      }
    }
  } finally {
    db.raw.exec(`DELETE FROM ${PLAN}`);
  }
}

/** The recorded order, one statement per row, read a page at a time: the fallback of `replay`. */
function replayRowByRow(db: Db, actionIds: number[], direction: Direction): void {
  const backward = direction === 'backward';
  const page = db.raw.prepare(
    `SELECT * FROM history WHERE action_id IN (${inList(actionIds)}) AND id ${backward ? '<' : '>'} ?
     ORDER BY id ${backward ? 'DESC' : 'ASC'} LIMIT 2000`,
  );
  let after = backward ? Number.MAX_SAFE_INTEGER : 0;
  for (;;) {
    const rows = page.all(after) as HistoryRow[];
    if (rows.length === 0) return;
    for (const r of rows) applyRow(db, r, direction);
    after = rows[rows.length - 1]!.id;
  }
}

/** One recorded row, applied. Statements are kept per connection (one per table and column). */
export function applyRow(db: Db, r: HistoryRow, direction: Direction): void {
  checkIdent(r.tbl, r.field);
  const target = direction === 'backward' ? r.old_value : r.new_value;
  if (r.field !== '*') {
    cachedStatement(db, `UPDATE ${r.tbl} SET ${r.field} = ? WHERE id = ?`).run(target as never, r.row_id);
  } else if (target == null) {
    cachedStatement(db, `DELETE FROM ${r.tbl} WHERE id = ?`).run(r.row_id);
  } else {
    const obj = JSON.parse(String(target)) as Record<string, unknown>;
    const cols = Object.keys(obj).filter((c) => IDENT.test(c));
    cachedStatement(db, `INSERT INTO ${r.tbl} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...cols.map((c) => obj[c] as never));
  }
}
