import type { Db } from '../db/open';
import { getRound } from '../ledger/rounds';
import { findPerson } from '../ledger/people';
import { cyclesUntil, returnState, type Cycle } from '../../../shared/domain/cycles';
import { isDoneStatus } from '../../../shared/domain/status';
import type { CycleStatus, UnitReturn } from '../../../shared/domain/reminders';

/** A return a unit sent: an imported return (not undone) of the round, or a manual 已报送 mark. */
export interface ReturnEvent {
  unitId: number;
  date: string;
  via: string;
}

/** The lead units expected to report: those leading at least one unfinished problem of the round. */
export function reportingUnits(db: Db, roundId: number): { id: number; name: string; problems: number }[] {
  const rows = db.raw
    .prepare(
      `SELECT u.id, u.name, p.status FROM problems p JOIN units u ON u.id = p.lead_unit_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL ORDER BY u.sort, u.id`,
    )
    .all(roundId) as { id: number; name: string; status: string }[];
  const units = new Map<number, { id: number; name: string; problems: number }>();
  for (const r of rows) {
    if (isDoneStatus(r.status)) continue;
    const u = units.get(r.id) ?? { id: r.id, name: r.name, problems: 0 };
    u.problems += 1;
    units.set(r.id, u);
  }
  return [...units.values()];
}

export function returnEvents(db: Db, roundId: number): ReturnEvent[] {
  const batches = db.raw
    .prepare(
      `SELECT b.unit, b.report_date AS reportDate, b.at, b.file_name AS fileName FROM import_batches b JOIN actions a ON a.id = b.action_id
       WHERE b.kind = 'return' AND b.undone_at IS NULL AND a.round_id = ? AND b.unit <> ''`,
    )
    .all(roundId) as { unit: string; reportDate: string | null; at: string; fileName: string }[];
  const out: ReturnEvent[] = [];
  for (const b of batches) {
    const unitId = findPerson(db, 'unit', b.unit);
    if (unitId != null) out.push({ unitId, date: b.reportDate ?? b.at.slice(0, 10), via: `回执“${b.fileName}”` });
  }
  const marks = db.raw.prepare('SELECT unit_id AS unitId, date, note FROM return_marks WHERE round_id = ?').all(roundId) as { unitId: number; date: string; note: string }[];
  for (const m of marks) out.push({ unitId: m.unitId, date: m.date, via: `手工标记已报送${m.note ? `（${m.note}）` : ''}` });
  return out;
}

/** The round's start for its cycles: the feedback date, else the day it was created. */
export function roundStart(db: Db, roundId: number): string {
  const r = getRound(db, roundId);
  return r.feedbackDate ?? r.createdAt.slice(0, 10);
}

export function roundCycles(db: Db, roundId: number, asOf: string): Cycle[] {
  return cyclesUntil(getRound(db, roundId).cycleRule, roundStart(db, roundId), asOf);
}

/** Every cycle up to the current one, each with every reporting unit's state in it. */
export function cycleStatuses(db: Db, roundId: number, asOf: string): CycleStatus[] {
  const cycles = roundCycles(db, roundId, asOf);
  if (!cycles.length) return [];
  const units = reportingUnits(db, roundId);
  const events = returnEvents(db, roundId);
  return cycles.map((cycle) => ({
    cycle,
    units: units.map((u): UnitReturn => {
      const mine = events.filter((e) => e.unitId === u.id);
      const s = returnState(cycle, mine.map((e) => e.date), asOf);
      const via = s.date ? (mine.filter((e) => e.date === s.date).at(-1)?.via ?? null) : null;
      return { unit: u.name, state: s.state, date: s.date, via, problems: u.problems };
    }),
  }));
}
