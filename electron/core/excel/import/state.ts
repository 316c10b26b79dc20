import type { Db } from '../../db/open';
import type { Deadline, DeadlineKind } from '../../../../shared/domain/deadline';
import type { MeasureStatus, ProblemStatus } from '../../../../shared/domain/status';

/**
 * What an import compares against, for one problem, in a handful of indexed queries. (The ledger views
 * assemble whole rounds at a time; per row of a 10,000-row file that would be quadratic.)
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

export function problemState(db: Db, id: number): ProblemState {
  const p = db.raw
    .prepare(
      `SELECT p.id, p.code, p.text, p.status, p.completed_date, p.responsible_person, p.deadline_raw, p.deadline_kind, p.deadline_date,
              p.notes, u.name AS lead_unit
       FROM problems p LEFT JOIN units u ON u.id = p.lead_unit_id WHERE p.id = ?`,
    )
    .get(id) as {
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
  };
  const names = (sql: string) => (db.raw.prepare(sql).all(id) as { name: string }[]).map((r) => r.name);
  const latest = db.raw
    .prepare('SELECT date, text FROM progress WHERE problem_id = ? AND deleted_at IS NULL ORDER BY date DESC, id DESC LIMIT 1')
    .get(id) as { date: string; text: string } | undefined;
  return {
    id: p.id,
    code: p.code,
    text: p.text,
    status: p.status,
    completedDate: p.completed_date,
    leaders: names('SELECT l.name FROM problem_leaders pl JOIN leaders l ON l.id = pl.leader_id WHERE pl.problem_id = ? ORDER BY pl.ord'),
    leadUnit: p.lead_unit,
    units: names('SELECT u.name FROM problem_units pu JOIN units u ON u.id = pu.unit_id WHERE pu.problem_id = ? ORDER BY pu.ord'),
    responsiblePerson: p.responsible_person,
    deadline: { raw: p.deadline_raw, kind: p.deadline_kind, date: p.deadline_date },
    notes: p.notes,
    measures: db.raw
      .prepare('SELECT id, no, text, status FROM measures WHERE problem_id = ? AND deleted_at IS NULL ORDER BY no, id')
      .all(id) as ProblemState['measures'],
    latestProgress: latest ?? null,
  };
}
