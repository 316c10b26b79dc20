import type { Db } from '../db/open';
import { cachedStatement } from '../db/statements';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { refuseOrphans } from './dependents';
import { indexAction } from './search-index';
import { applyRow, checkIdent, conflicts, replay, type HistoryRow } from './replay';

export type { ActionSource } from '../../../shared/domain/fields';
import type { ActionSource } from '../../../shared/domain/fields';

export interface ActionInfo {
  source: ActionSource;
  label: string;
  actor?: string;
  batchId?: number | null;
  roundId?: number | null;
  targetActionId?: number | null;
}

const active = new WeakMap<Db, number>();

/**
 * Run one user action (or import, undo, redo) as one transaction. The history triggers record every
 * write under this action. A nested call joins the outer action. An action that changed nothing leaves
 * no trace.
 */
export function runAction<T>(db: Db, info: ActionInfo, fn: (actionId: number) => T): T {
  const outer = active.get(db);
  if (outer != null) return fn(outer);
  return db.tx(() => {
    const { lastInsertRowid } = db.raw
      .prepare(
        `INSERT INTO actions (at, actor, source, label, batch_id, round_id, target_action_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(nowIso(), info.actor ?? '', info.source, info.label, info.batchId ?? null, info.roundId ?? null, info.targetActionId ?? null);
    const id = Number(lastInsertRowid);
    db.raw.prepare('INSERT OR REPLACE INTO current_action (one, action_id) VALUES (1, ?)').run(id);
    active.set(db, id);
    try {
      const result = fn(id);
      indexAction(db, id);
      const changed = db.raw.prepare('SELECT 1 FROM history WHERE action_id = ? LIMIT 1').get(id);
      if (!changed && info.source !== 'import') {
        db.raw.prepare('DELETE FROM actions WHERE id = ?').run(id);
      } else if (info.source === 'edit') {
        // A new edit ends the redo chain, as in every editor.
        db.raw.prepare('UPDATE actions SET redoable = 0 WHERE redoable = 1').run();
        db.raw.prepare('UPDATE actions SET applied_seq = ? WHERE id = ?').run(id, id);
      }
      return result;
    } finally {
      active.delete(db);
      db.raw.prepare('DELETE FROM current_action').run();
    }
  });
}

interface ActionRow {
  id: number;
  label: string;
  source: string;
  batch_id: number | null;
}

function currentValue(db: Db, tbl: string, rowId: number, field: string): { exists: boolean; value: unknown } {
  const row = cachedStatement(db, `SELECT ${field === '*' ? 'id' : field} AS v FROM ${tbl} WHERE id = ?`).get(rowId) as
    | { v: unknown }
    | undefined;
  return row ? { exists: true, value: row.v } : { exists: false, value: undefined };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a == null && b == null) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return String(a) === String(b);
}

/** The tables an action's history names (to check the foreign keys of, after a revert). */
function tablesOf(db: Db, actionIds: number[]): Set<string> {
  const rows = db.raw
    .prepare(`SELECT DISTINCT tbl FROM history WHERE action_id IN (${actionIds.map(() => '?').join(',')})`)
    .all(...actionIds) as { tbl: string }[];
  return new Set(rows.map((r) => r.tbl));
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

function undoTarget(db: Db): ActionRow | undefined {
  return db.raw
    .prepare("SELECT * FROM actions WHERE source = 'edit' AND undone = 0 ORDER BY applied_seq DESC LIMIT 1")
    .get() as ActionRow | undefined;
}

function redoTarget(db: Db): ActionRow | undefined {
  return db.raw
    .prepare("SELECT * FROM actions WHERE source = 'edit' AND undone = 1 AND redoable = 1 ORDER BY undone_seq DESC LIMIT 1")
    .get() as ActionRow | undefined;
}

export function undoState(db: Db): UndoState {
  const u = undoTarget(db);
  const r = redoTarget(db);
  return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
}

function conflictError(db: Db, bad: HistoryRow[], verb: string): LedgerError {
  const later = db.raw
    .prepare(
      `SELECT a.label FROM history h JOIN actions a ON a.id = h.action_id
       WHERE h.tbl = ? AND h.row_id = ? AND h.action_id > ? ORDER BY h.id DESC LIMIT 1`,
    )
    .get(bad[0]!.tbl, bad[0]!.row_id, bad[0]!.action_id) as { label: string } | undefined;
  return new LedgerError(
    'UNDO_CONFLICT',
    `无法${verb}：相关记录此后已被修改${later ? `（“${later.label}”）` : ''}。请先撤销之后的修改，或直接手动更正。`,
    bad.map((b) => ({ tbl: b.tbl, row: b.row_id, field: b.field })),
  );
}

/** Undo the person's most recent edit. Returns its label, or null when there is nothing to undo. */
export function undo(db: Db, actor = ''): string | null {
  return db.tx(() => {
    const target = undoTarget(db);
    if (!target) return null;
    const bad = conflicts(db, [target.id], 'forward');
    if (bad.length) throw conflictError(db, bad, '撤销');
    runAction(db, { source: 'undo', label: `撤销：${target.label}`, actor, targetActionId: target.id }, (uid) => {
      replay(db, [target.id], 'backward');
      db.raw.prepare('UPDATE actions SET undone = 1, redoable = 1, undone_seq = ? WHERE id = ?').run(uid, target.id);
    });
    refuseOrphans(db, tablesOf(db, [target.id]));
    return target.label;
  });
}

export function redo(db: Db, actor = ''): string | null {
  return db.tx(() => {
    const target = redoTarget(db);
    if (!target) return null;
    const bad = conflicts(db, [target.id], 'backward');
    if (bad.length) throw conflictError(db, bad, '重做');
    runAction(db, { source: 'redo', label: `重做：${target.label}`, actor, targetActionId: target.id }, (rid) => {
      replay(db, [target.id], 'forward');
      db.raw.prepare('UPDATE actions SET undone = 0, redoable = 0, applied_seq = ? WHERE id = ?').run(rid, target.id);
    });
    refuseOrphans(db, tablesOf(db, [target.id]), '重做');
    return target.label;
  });
}

/**
 * Reverse whole actions (an import batch): refuses, changing nothing, when anything they wrote was changed
 * afterwards, or when rows written afterwards still point at what it would remove (dependents.ts). Runs
 * in a transaction of its own, or a savepoint inside the caller's, so a refusal leaves no partial revert
 * even to a caller that goes on after catching it.
 */
export function revertActions(db: Db, actionIds: number[], info: ActionInfo): void {
  db.raw
    .transaction(() => {
      const bad = conflicts(db, actionIds, 'forward');
      if (bad.length) throw conflictError(db, bad, '撤销');
      runAction(db, info, () => {
        replay(db, actionIds, 'backward');
        db.raw
          .prepare(`UPDATE actions SET undone = 1, redoable = 0 WHERE id IN (${actionIds.map(() => '?').join(',')})`)
          .run(...actionIds);
      });
      refuseOrphans(db, tablesOf(db, actionIds));
    })
    .immediate();
}

/** The ledger's version: the id of the latest action. Templates record it to detect later changes. */
export function ledgerVersion(db: Db): number {
  const row = db.raw.prepare('SELECT max(id) AS v FROM actions').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Restore what one recorded change replaced: every field the same action changed on the same row goes
 * back to its old value (so that, say, a deadline's text, kind and date stay consistent), as a new
 * action of the person. A deleted row (a hard delete of a link) is re-inserted.
 */
export function restoreChange(
  db: Db,
  historyId: number,
  info: Omit<ActionInfo, 'source'>,
  /** Runs inside the same action afterwards (to re-derive what depends on the restored values). */
  after: (problemId: number | null) => void = () => {},
): { table: string; rowId: number; fields: string[] } {
  return db.tx(() => {
    const h = db.raw.prepare('SELECT * FROM history WHERE id = ?').get(historyId) as HistoryRow | undefined;
    if (!h) throw new LedgerError('HISTORY_NOT_FOUND', '找不到这条变更记录。');
    checkIdent(h.tbl, h.field);
    const siblings = (
      db.raw.prepare('SELECT * FROM history WHERE action_id = ? AND tbl = ? AND row_id = ? ORDER BY id').all(h.action_id, h.tbl, h.row_id) as HistoryRow[]
    );
    if (h.field === '*') {
      if (h.new_value != null) throw new LedgerError('RESTORE_INSERT', '这条记录是新增，无需恢复；如要去掉它，请直接删除。');
      if (currentValue(db, h.tbl, h.row_id, '*').exists) throw new LedgerError('RESTORE_EXISTS', '这条记录已经存在，无需恢复。');
      runAction(db, { ...info, source: 'edit' }, () => {
        applyRow(db, h, 'backward');
        after(h.problem_id);
      });
      return { table: h.tbl, rowId: h.row_id, fields: ['*'] };
    }
    if (!currentValue(db, h.tbl, h.row_id, '*').exists) throw new LedgerError('RESTORE_GONE', '该记录已不存在，无法恢复其中的值。');
    // The first old value of each field in that action is what the action replaced.
    const firstOld = new Map<string, HistoryRow>();
    for (const r of siblings) if (r.field !== '*' && !firstOld.has(r.field)) firstOld.set(r.field, r);
    const changes = [...firstOld.values()].filter((r) => !sameValue(currentValue(db, r.tbl, r.row_id, r.field).value, r.old_value));
    if (changes.length === 0) throw new LedgerError('RESTORE_SAME', '当前值已经与该变更之前的值相同。');
    runAction(db, { ...info, source: 'edit' }, () => {
      for (const r of changes) db.raw.prepare(`UPDATE ${r.tbl} SET ${r.field} = ? WHERE id = ?`).run(r.old_value as never, r.row_id);
      after(h.problem_id);
    });
    return { table: h.tbl, rowId: h.row_id, fields: changes.map((c) => c.field) };
  });
}
