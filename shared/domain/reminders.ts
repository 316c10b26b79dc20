import type { Cycle, ReturnState } from './cycles';
import type { Deadline } from './deadline';
import type { ProblemKind } from './types';

/** The to-do view's settings (设置 → 提醒与督办), kept in the ledger. */
export interface ReminderSettings {
  /** Problems due within this many days are listed as 即将到期. */
  dueSoonDays: number;
  /** Measures without progress for this many days are listed as 长期无进展. */
  staleDays: number;
  /** The desktop app's daily system notification. */
  notify: boolean;
  /** Who sends 督办通知 (落款), e.g. 市司法局巡察整改工作领导小组办公室. */
  sender: string;
  /** A contact line printed under the request (联系人、电话). */
  contact: string;
  /** The return asked for: this many days after the notice date. */
  replyDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  dueSoonDays: 7,
  staleDays: 30,
  notify: true,
  sender: '巡察整改工作领导小组办公室',
  contact: '',
  replyDays: 5,
};

/** A problem in the to-do view or a notice. */
export interface TodoProblem {
  id: number;
  code: string;
  kind: ProblemKind;
  text: string;
  leadUnit: string | null;
  deadline: Deadline;
  status: string;
  latestProgress: { date: string; text: string } | null;
  /** Days past the deadline (overdue) or left until it (due soon). */
  days: number;
}

export interface TodoMeasure {
  id: number;
  problemId: number;
  code: string;
  no: number;
  text: string;
  leadUnit: string | null;
  status: string;
  /** The last progress of the measure or its problem; null when none was ever recorded. */
  lastProgress: string | null;
  /** Days since the last progress (or since the measure was entered). */
  idleDays: number;
}

export interface UnitReturn {
  unit: string;
  state: ReturnState;
  /** Date of the return that answered the cycle. */
  date: string | null;
  /** How it was answered: an imported return (file name) or a manual mark (note). */
  via: string | null;
  problems: number;
}

export interface CycleStatus {
  cycle: Cycle;
  units: UnitReturn[];
}

export interface Todo {
  asOf: string;
  roundId: number;
  settings: ReminderSettings;
  overdue: TodoProblem[];
  dueSoon: TodoProblem[];
  /** 待销号: applied for sign-off, waiting for review. */
  signoffs: TodoProblem[];
  stale: TodoMeasure[];
  /** Units late in the last closed cycle and still without a return; units due in the current cycle. */
  returns: { current: Cycle | null; late: UnitReturn[]; lateCycle: Cycle | null; pending: UnitReturn[] };
  /** Everything above, counted once per line: 0 means nothing to do. */
  count: number;
}

export const TODO_SECTIONS = ['overdue', 'dueSoon', 'returns', 'signoffs', 'stale'] as const;
export type TodoSection = (typeof TODO_SECTIONS)[number];

export const TODO_LABELS: Record<TodoSection, string> = {
  overdue: '已逾期',
  dueSoon: '即将到期',
  returns: '回执报送',
  signoffs: '待审核销号',
  stale: '长期无进展的措施',
};

export const RECHECK_RESULTS = ['巩固', '反弹'] as const;
export type RecheckResult = (typeof RECHECK_RESULTS)[number];

export interface RecheckView {
  id: number;
  problemId: number;
  result: RecheckResult;
  date: string;
  actor: string;
  note: string;
  createdAt: string;
}

/** One earlier round's version of a carried problem: where it came from and what was recorded there. */
export interface OriginStep {
  problemId: number;
  roundId: number;
  roundTitle: string;
  roundKind: string;
  code: string;
  status: string;
  completedDate: string | null;
  /** Why the later problem was carried from this one. */
  reason: string;
  progress: { date: string; text: string }[];
  evidence: { id: number; number: string; title: string; received: boolean }[];
  rechecks: RecheckView[];
}

export interface ProblemLineage {
  /** Earlier versions, nearest first. */
  origins: OriginStep[];
  /** Re-checks recorded on this problem (in a 回头看). */
  rechecks: RecheckView[];
  /** Whether a re-check may be recorded: a 回头看 problem carried from a completed/signed-off one. */
  canRecheck: boolean;
  /** Where this problem was carried to in later rounds. */
  carriedTo: { problemId: number; roundId: number; roundTitle: string; code: string }[];
}
