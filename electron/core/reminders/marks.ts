import type { Db } from '../db/open';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { findPerson } from '../ledger/people';
import { isIsoDate } from '../../../shared/domain/dates';

/** Must run inside an action. A unit reported on `date` by other means than an imported file. */
export function markReturned(db: Db, roundId: number, unit: string, date: string, note = ''): number {
  const unitId = findPerson(db, 'unit', unit);
  if (unitId == null) throw new LedgerError('UNIT_NOT_FOUND', `找不到单位“${unit}”。请检查单位名称（设置 → 单位）。`);
  if (!isIsoDate(date)) throw new LedgerError('BAD_DATE', `报送日期“${date}”不是有效日期（YYYY-MM-DD）。`);
  return Number(
    db.raw.prepare('INSERT INTO return_marks (round_id, unit_id, date, note, created_at) VALUES (?, ?, ?, ?, ?)').run(roundId, unitId, date, note.trim(), nowIso())
      .lastInsertRowid,
  );
}

/** Must run inside an action. Remove the manual marks of a unit dated inside (from, due]. */
export function unmarkReturned(db: Db, roundId: number, unit: string, from: string, due: string): number {
  const unitId = findPerson(db, 'unit', unit);
  if (unitId == null) return 0;
  return db.raw.prepare('DELETE FROM return_marks WHERE round_id = ? AND unit_id = ? AND date > ? AND date <= ?').run(roundId, unitId, from, due).changes;
}
