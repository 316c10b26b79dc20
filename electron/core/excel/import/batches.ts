import type { Db } from '../../db/open';
import type { ImportBatchView, ImportKind, ReturnsStatus } from '../../../../shared/api/import';
import { revertActions } from '../../ledger/actions';
import { currentRoundId } from '../../ledger/rounds';
import { findPerson } from '../../ledger/people';
import { LedgerError, isLedgerError } from '../../errors';
import { nowIso } from '../../clock';

interface BatchRow {
  id: number;
  at: string;
  file_name: string;
  sha256: string;
  kind: string;
  unit: string;
  report_date: string | null;
  counts: string;
  action_id: number | null;
  undone_at: string | null;
}

const UNDO_PROBE = Symbol('probe');

/**
 * Revert a batch's action, then make sure nothing left behind still points at what it removed: a return
 * imported later adds progress and evidence rows to the master's problems without changing them, which
 * the history check cannot see, but the foreign keys can.
 */
function revertBatch(db: Db, b: BatchRow, actor: string): void {
  revertActions(db, [b.action_id!], { source: 'undo', label: `撤销导入“${b.file_name}”`, actor, batchId: b.id });
  const orphans = db.raw.pragma('foreign_key_check') as { table: string; rowid: number }[];
  if (orphans.length === 0) return;
  const later = new Set<string>();
  for (const o of orphans.slice(0, 200)) {
    if (o.table !== 'progress' && o.table !== 'evidence') continue;
    const row = db.raw
      .prepare(`SELECT b.id, b.file_name FROM ${o.table} x JOIN import_batches b ON b.id = x.batch_id WHERE x.rowid = ?`)
      .get(o.rowid) as { id: number; file_name: string } | undefined;
    if (row) later.add(`“${row.file_name}”（批次 ${row.id}）`);
  }
  throw new LedgerError(
    'UNDO_CONFLICT',
    later.size
      ? `无法撤销：之后导入的 ${[...later].join('、')} 仍依赖这批数据。请先撤销之后的导入批次。`
      : '无法撤销：之后新增的进展、佐证材料或措施仍依赖这批数据。请先撤销之后的修改。',
    orphans.slice(0, 20),
  );
}

/** Whether reverting the batch would succeed now: tried in a transaction that is always rolled back. */
function undoBlocker(db: Db, b: BatchRow): string | null {
  if (b.undone_at || b.action_id == null) return null;
  try {
    db.tx(() => {
      revertBatch(db, b, '');
      throw UNDO_PROBE;
    });
  } catch (e) {
    if (e === UNDO_PROBE) return null;
    if (isLedgerError(e)) return e.message;
    throw e;
  }
  return null;
}

function toView(db: Db, b: BatchRow, probe: boolean): ImportBatchView {
  let counts: Record<string, number> = {};
  try {
    counts = JSON.parse(b.counts) as Record<string, number>;
  } catch {
    counts = {};
  }
  const blocker = probe ? undoBlocker(db, b) : null;
  return {
    id: b.id,
    at: b.at,
    fileName: b.file_name,
    kind: b.kind as ImportKind,
    unit: b.unit,
    reportDate: b.report_date,
    counts,
    undoneAt: b.undone_at,
    canUndo: !b.undone_at && b.action_id != null && !blocker,
    undoBlockedBy: blocker,
  };
}

/** Import batches, newest first; the newest still-applied ones say whether they can be undone. */
export function listBatches(db: Db, limit = 100): ImportBatchView[] {
  const rows = db.raw.prepare('SELECT * FROM import_batches WHERE action_id IS NOT NULL ORDER BY id DESC LIMIT ?').all(limit) as BatchRow[];
  return rows.map((b, i) => toView(db, b, i < 30));
}

/**
 * Undo a whole import batch: its recorded action is reverted (refused, unchanged, when anything it wrote
 * was edited since), and the batch is marked undone so the same file may be imported again.
 */
export function undoBatch(db: Db, id: number, actor = ''): ImportBatchView {
  return db.tx(() => {
    const b = db.raw.prepare('SELECT * FROM import_batches WHERE id = ?').get(id) as BatchRow | undefined;
    if (!b || b.action_id == null) throw new LedgerError('BATCH_NOT_FOUND', `找不到导入批次 ${id}。`);
    if (b.undone_at) throw new LedgerError('BATCH_UNDONE', `导入批次 ${id}（“${b.file_name}”）已于 ${b.undone_at.slice(0, 16).replace('T', ' ')} 撤销。`);
    revertBatch(db, b, actor);
    db.raw.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(nowIso(), id);
    return toView(db, { ...b, undone_at: nowIso() }, false);
  });
}

/** Which lead units of the current round have a return imported (not undone), and which have not. */
export function returnsStatus(db: Db): ReturnsStatus {
  const roundId = currentRoundId(db);
  if (!roundId) return { roundId: null, units: [] };
  const units = db.raw
    .prepare(
      `SELECT u.id, u.name, count(*) AS n FROM problems p JOIN units u ON u.id = p.lead_unit_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL GROUP BY u.id ORDER BY u.sort, u.id`,
    )
    .all(roundId) as { id: number; name: string; n: number }[];
  const batches = db.raw
    .prepare(
      `SELECT b.* FROM import_batches b JOIN actions a ON a.id = b.action_id
       WHERE b.kind = 'return' AND b.undone_at IS NULL AND a.round_id = ? ORDER BY b.id DESC`,
    )
    .all(roundId) as BatchRow[];
  const latest = new Map<number, BatchRow>();
  for (const b of batches) {
    const unitId = b.unit ? findPerson(db, 'unit', b.unit) : null;
    if (unitId != null && !latest.has(unitId)) latest.set(unitId, b);
  }
  return {
    roundId,
    units: units.map((u) => {
      const b = latest.get(u.id);
      return {
        unit: u.name,
        problems: u.n,
        returned: !!b,
        lastBatch: b ? { id: b.id, fileName: b.file_name, at: b.at, reportDate: b.report_date } : null,
      };
    }),
  };
}
