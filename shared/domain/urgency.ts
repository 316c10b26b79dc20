import type { Deadline } from './deadline';
import { addDays } from './dates';
import { classifyProblem, type StatsRound } from './stats';

/** How many days ahead a deadline counts as due soon (临期), unless a view says otherwise. */
export const DUE_SOON_DAYS = 7;

export type Urgency = 'overdue' | 'dueSoon' | null;

interface UrgencyInput {
  deadline: Deadline;
  status: string;
  completedDate: string | null;
  kind: 'general' | 'specific';
}

/**
 * Whether a problem needs attention on `asOf`: overdue (逾期: deadline date before asOf and not completed,
 * exactly as the statistics count it) or due soon (deadline date within `days` days from asOf, not
 * completed). Completed problems and those without a deadline date need none.
 */
export function urgencyOf(p: UrgencyInput, asOf: string, round: StatsRound, days = DUE_SOON_DAYS): Urgency {
  const c = classifyProblem(
    {
      id: 0,
      code: '',
      kind: p.kind,
      categoryNo: 0,
      categoryTitle: '',
      leadUnit: null,
      deadlineKind: p.deadline.kind,
      deadlineDate: p.deadline.date,
      status: p.status,
      completedDate: p.completedDate,
    },
    round,
    asOf,
  );
  if (c.overdue) return 'overdue';
  if (c.completed || !p.deadline.date || (p.deadline.kind !== 'date' && p.deadline.kind !== 'date+long-term')) return null;
  return p.deadline.date >= asOf && p.deadline.date <= addDays(asOf, days) ? 'dueSoon' : null;
}
