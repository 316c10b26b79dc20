import type { Db } from '../../db/open';
import type { Deadline, DeadlineKind } from '../../../../shared/domain/deadline';
import type { MeasureStatus, ProblemStatus } from '../../../../shared/domain/status';

/**
 * What an import compares against, for one problem. The ledger views assemble whole rounds at a time; per
 * row of a 10,000-row file that would be quadratic, and even a handful of indexed queries per row was most
 * of an import's time: the problems a file matches are loaded together, in one query per table.
 */
export interface ProblemState {
  id: number;
  code: string;
  text: string;
  status: ProblemStatus;
  completedDate: string | null;
  leaders: string[];
  leadUnit: string | null;
  units: string[];
  responsiblePerson: string;
  deadline: Deadline;
  notes: string;
  measures: { id: number; no: number; text: string; status: MeasureStatus }[];
  latestProgress: { date: string; text: string } | null;
}

interface ProblemRow {
  id: number;
  code: string;
  text: string;
  status: ProblemStatus;
  completed_date: string | null;
  responsible_person: string;
  deadline_raw: string;
  deadline_kind: DeadlineKind;
  deadline_date: string | null;
  notes: string;
  lead_unit: string | null;
}

// The ids travel as one JSON array: one statement, whatever the number of problems.
const IDS = 'SELECT value FROM json_each(?)';

/** The state of each of `ids` (ids of problems that do not exist are left out). */
export function problemStates(db: Db, ids: Iterable<number>): Map<number, ProblemState> {
  const list = JSON.stringify([...new Set(ids)]);
  const out = new Map<number, ProblemState>();
  const rows = db.raw
    .prepare(
      `SELECT p.id, p.code, p.text, p.status, p.completed_date, p.responsible_person, p.deadline_raw, p.deadline_kind, p.deadline_date,
              p.notes, u.name AS lead_unit
       FROM problems p LEFT JOIN units u ON u.id = p.lead_unit_id WHERE p.id IN (${IDS})`,
    )
    .all(list) as ProblemRow[];
  for (const p of rows) {
    out.set(p.id, {
      id: p.id,
      code: p.code,
      text: p.text,
      status: p.status,
      completedDate: p.completed_date,
      leaders: [],
      leadUnit: p.lead_unit,
      units: [],
      responsiblePerson: p.responsible_person,
      deadline: { raw: p.deadline_raw, kind: p.deadline_kind, date: p.deadline_date },
      notes: p.notes,
      measures: [],
      latestProgress: null,
    });
  }
  if (out.size === 0) return out;
  const names = (sql: string) => db.raw.prepare(sql).all(list) as { problem_id: number; name: string }[];
  for (const r of names(`SELECT pl.problem_id, l.name FROM problem_leaders pl JOIN leaders l ON l.id = pl.leader_id WHERE pl.problem_id IN (${IDS}) ORDER BY pl.problem_id, pl.ord`)) {
    out.get(r.problem_id)?.leaders.push(r.name);
  }
  for (const r of names(`SELECT pu.problem_id, u.name FROM problem_units pu JOIN units u ON u.id = pu.unit_id WHERE pu.problem_id IN (${IDS}) ORDER BY pu.problem_id, pu.ord`)) {
    out.get(r.problem_id)?.units.push(r.name);
  }
  const measures = db.raw
    .prepare(`SELECT problem_id, id, no, text, status FROM measures WHERE problem_id IN (${IDS}) AND deleted_at IS NULL ORDER BY problem_id, no, id`)
    .all(list) as ({ problem_id: number } & ProblemState['measures'][number])[];
  for (const { problem_id, ...m } of measures) out.get(problem_id)?.measures.push(m);
  const latest = db.raw
    .prepare(
      `SELECT j.value AS problem_id, g.date, g.text FROM json_each(?) j
       JOIN progress g ON g.id = (SELECT id FROM progress WHERE problem_id = j.value AND deleted_at IS NULL ORDER BY date DESC, id DESC LIMIT 1)`,
    )
    .all(list) as { problem_id: number; date: string; text: string }[];
  for (const r of latest) {
    const s = out.get(r.problem_id);
    if (s) s.latestProgress = { date: r.date, text: r.text };
  }
  return out;
}

export function problemState(db: Db, id: number): ProblemState {
  const s = problemStates(db, [id]).get(id);
  if (!s) throw new Error(`problem ${id} not found`);
  return s;
}

/**
 * States of the problems a file touches, loaded together up front. A row that writes to a problem drops
 * its entry, so a later row of the same problem (a return may list it twice) reads it again as it now is.
 */
export function stateCache(db: Db, ids: Iterable<number>) {
  const states = problemStates(db, ids);
  return {
    get(id: number): ProblemState {
      let s = states.get(id);
      if (!s) states.set(id, (s = problemState(db, id)));
      return s;
    },
    forget(id: number): void {
      states.delete(id);
    },
  };
}

export type StateCache = ReturnType<typeof stateCache>;
