import type { Db } from '../../db/open';
import type { ImportBatchView, ImportKind, ReturnsStatus } from '../../../../shared/api/import';
import { ledgerVersion, revertActions } from '../../ledger/actions';
import { currentRoundId } from '../../ledger/rounds';
import { findPerson } from '../../ledger/people';
import { LedgerError, isLedgerError } from '../../errors';
import { nowIso } from '../../clock';
import { dryRun } from '../../db/dry-run';

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

/** Revert a batch's action (refused, unchanged, when later writes changed or still use what it wrote). */
function revertBatch(db: Db, b: BatchRow, actor: string): void {
  revertActions(db, [b.action_id!], { source: 'undo', label: `撤销导入“${b.file_name}”`, actor, batchId: b.id });
}

/** Whether reverting the batch would succeed now: tried in a dry run, which is always rolled back. */
function undoBlocker(db: Db, b: BatchRow): string | null {
  if (b.undone_at || b.action_id == null) return null;
  try {
    dryRun(db, () => revertBatch(db, b, ''));
    return null;
  } catch (e) {
    if (isLedgerError(e)) return e.message;
    throw e;
  }
}

/**
 * What the probes found, per connection, while the ledger stays at the same version (the latest action):
 * a probe costs about one revert (some 14 s for a 100,000-problem batch), and the import page asks for the
 * list on every visit. Any write is an action, so a new version drops the cache; another program's writes
 * are actions too.
 */
const probed = new WeakMap<Db, { version: number; blockers: Map<number, string | null> }>();

function cachedUndoBlocker(db: Db, b: BatchRow): string | null {
  if (b.undone_at || b.action_id == null) return null;
  const version = ledgerVersion(db);
  let cache = probed.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, blockers: new Map() };
    probed.set(db, cache);
  }
  if (!cache.blockers.has(b.id)) cache.blockers.set(b.id, undoBlocker(db, b));
  return cache.blockers.get(b.id) ?? null;
}

function toView(db: Db, b: BatchRow, probe: boolean): ImportBatchView {
  let counts: Record<string, number> = {};
  try {
    counts = JSON.parse(b.counts) as Record<string, number>;
  } catch {
    counts = {};
  }
  const blocker = probe ? cachedUndoBlocker(db, b) : null;
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
