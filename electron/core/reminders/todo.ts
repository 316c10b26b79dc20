import type { Db } from '../db/open';
import { getRound } from '../ledger/rounds';
import { listProblemSummaries } from '../ledger/summaries';
import { urgencyOf } from '../../../shared/domain/urgency';
import { daysBetween } from '../../../shared/domain/dates';
import { currentCycle } from '../../../shared/domain/cycles';
import { isDoneStatus } from '../../../shared/domain/status';
import type { ProblemSummary } from '../../../shared/domain/types';
import type { Todo, TodoMeasure, TodoProblem } from '../../../shared/domain/reminders';
import { getReminderSettings } from './settings';
import { cycleStatuses } from './cycles';

function todoProblem(p: ProblemSummary, days: number): TodoProblem {
  return {
    id: p.id,
    code: p.code,
    kind: p.kind,
    text: p.text,
    leadUnit: p.leadUnit,
    deadline: p.deadline,
    status: p.status,
    latestProgress: p.latestProgress,
    days,
  };
}

/** Overdue and due-soon problems by the one rule the table's filter uses (shared/domain/urgency.ts). */
export function urgentProblems(db: Db, roundId: number, asOf: string, dueSoonDays: number): { overdue: TodoProblem[]; dueSoon: TodoProblem[]; all: ProblemSummary[] } {
  const round = getRound(db, roundId);
  const stats = { periodEnd: round.periodEnd, longTermCountsCompleted: round.longTermCountsCompleted };
  const all = listProblemSummaries(db, { roundId });
  const overdue: TodoProblem[] = [];
  const dueSoon: TodoProblem[] = [];
  for (const p of all) {
    const u = urgencyOf(p, asOf, stats, dueSoonDays);
    if (u === 'overdue') overdue.push(todoProblem(p, daysBetween(p.deadline.date!, asOf)));
    else if (u === 'dueSoon') dueSoon.push(todoProblem(p, daysBetween(asOf, p.deadline.date!)));
  }
  // Longest overdue first; soonest due first; the ledger's order breaks ties (sort is stable).
  overdue.sort((a, b) => b.days - a.days);
  dueSoon.sort((a, b) => a.days - b.days);
  return { overdue, dueSoon, all };
}

/** Open measures (未启动/正在推进) of unfinished problems whose last progress is `staleDays` or more ago. */
export function staleMeasures(db: Db, roundId: number, asOf: string, staleDays: number): TodoMeasure[] {
  const rows = db.raw
    .prepare(
      `SELECT m.id, m.problem_id AS problemId, p.code, m.no, m.text, m.status, u.name AS leadUnit, p.status AS problemStatus,
              substr(m.created_at, 1, 10) AS entered,
              (SELECT max(g.date) FROM progress g WHERE g.problem_id = m.problem_id AND g.deleted_at IS NULL
                 AND (g.measure_id = m.id OR g.measure_id IS NULL) AND g.date <= ?) AS lastProgress
       FROM measures m JOIN problems p ON p.id = m.problem_id JOIN categories c ON c.id = p.category_id
       LEFT JOIN units u ON u.id = p.lead_unit_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL AND m.deleted_at IS NULL AND c.deleted_at IS NULL
         AND m.status IN ('未启动', '正在推进')
       ORDER BY c.sort, c.no, p.sort, m.no`,
    )
    .all(asOf, roundId) as (Omit<TodoMeasure, 'idleDays'> & { problemStatus: string; entered: string })[];
  const out: TodoMeasure[] = [];
  for (const { problemStatus, entered, ...m } of rows) {
    if (isDoneStatus(problemStatus) || problemStatus === '长期坚持') continue;
    const since = m.lastProgress ?? entered;
    const idleDays = daysBetween(since, asOf);
    if (idleDays >= staleDays) out.push({ ...m, idleDays });
  }
  return out.sort((a, b) => b.idleDays - a.idleDays);
}

/** The to-do view (待办提醒) of a round on a date. */
export function buildTodo(db: Db, roundId: number, asOf: string): Todo {
  const settings = getReminderSettings(db);
  const { overdue, dueSoon, all } = urgentProblems(db, roundId, asOf, settings.dueSoonDays);
  const signoffs = all.filter((p) => p.status === '待销号').map((p) => todoProblem(p, 0));
  const stale = staleMeasures(db, roundId, asOf, settings.staleDays);

  const statuses = cycleStatuses(db, roundId, asOf);
  const current = currentCycle(statuses.map((s) => s.cycle), asOf);
  const currentStatus = statuses.find((s) => s.cycle === current) ?? null;
  const closed = statuses.filter((s) => s.cycle.due < asOf).at(-1) ?? null;
  // Late in the last closed cycle, and nothing since: a return sent late answers the next window.
  const answeredNow = new Set(currentStatus && currentStatus !== closed ? currentStatus.units.filter((u) => u.state === '已报送').map((u) => u.unit) : []);
  const late = closed ? closed.units.filter((u) => u.state === '逾期未报' && !answeredNow.has(u.unit)) : [];
  const lateNames = new Set(late.map((u) => u.unit));
  const pending =
    currentStatus && currentStatus !== closed && daysBetween(asOf, currentStatus.cycle.due) <= settings.dueSoonDays
      ? currentStatus.units.filter((u) => u.state === '待报送' && !lateNames.has(u.unit))
      : [];

  return {
    asOf,
    roundId,
    settings,
    overdue,
    dueSoon,
    signoffs,
    stale,
    returns: { current: currentStatus?.cycle ?? null, late, lateCycle: closed?.cycle ?? null, pending },
    count: overdue.length + dueSoon.length + signoffs.length + stale.length + late.length + pending.length,
  };
}
