import type { Deadline } from './deadline';
import type { MeasureStatus, ProblemStatus, StatusSource } from './status';
import type { CycleRule } from './cycles';

/** What a round is: an inspection (巡察, also the next one), a follow-up check (回头看) or a special one (专项). */
export const ROUND_KINDS = ['巡察', '回头看', '专项'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export type ProblemKind = 'general' | 'specific';

export interface RoundInfo {
  id: number;
  title: string;
  inspectingBody: string;
  inspectedOrg: string;
  inspectionStart: string | null;
  inspectionEnd: string | null;
  feedbackDate: string | null;
  /** End of the concentrated rectification period (集中整改期). */
  periodEnd: string | null;
  /** How the report names the period, e.g. "4个月". */
  periodLabel: string;
  contactLine: string;
  longTermCountsCompleted: boolean;
  /** Free report texts the ledger does not model item by item (responsibility sections, plans, signature). */
  reportTexts: Record<string, string>;
  createdAt: string;
  kind: RoundKind;
  /** The round this one was started from (回头看, next inspection), carrying problems over. */
  originRoundId: number | null;
  /** The units' reporting rhythm. */
  cycleRule: CycleRule;
}

export interface CategoryInfo {
  id: number;
  roundId: number;
  no: number;
  title: string;
  sort: number;
  /** Live problems; for a deleted category, those deleted with it (which its restore brings back). */
  problemCount: number;
  /** When it was deleted (listed only when asked for deleted categories too). */
  deletedAt: string | null;
}

export interface MeasureView {
  id: number;
  problemId: number;
  no: number;
  text: string;
  status: MeasureStatus;
  deadline: Deadline;
  completedDate: string | null;
}

export interface ProgressView {
  id: number;
  problemId: number;
  measureId: number | null;
  date: string;
  text: string;
  source: string;
  batchId: number | null;
  createdAt: string;
}

/**
 * One row of the ledger table: a problem as the ledger table draws, filters and orders it, and no more: the table loads every problem of
 * the round at once, so each field here is paid for 10,000 times. The detail panel asks for the rest
 * (`problems.get`).
 */
export interface TableProblem {
  id: number;
  categoryId: number;
  parentId: number | null;
  kind: ProblemKind;
  code: string;
  sort: number;
  text: string;
  leaders: string[];
  leadUnit: string | null;
  deadline: Deadline;
  status: ProblemStatus;
  statusSource: StatusSource;
  statusReason: string;
  completedDate: string | null;
  measureCount: number;
  measuresCompleted: number;
  latestProgress: { date: string; text: string } | null;
  evidenceCount: number;
  lastChangeAt: string | null;
}

/** A problem with everything lists, exports and reports need of it besides its measures and progress. */
export interface ProblemSummary extends TableProblem {
  roundId: number;
  categoryNo: number;
  categoryTitle: string;
  no: number;
  units: string[];
  responsiblePerson: string;
  workflow: '' | '申请延期' | '待销号' | '已销号';
  public: boolean;
  notes: string;
  createdAt: string;
  deletedAt: string | null;
}

/** A column an imported sheet carried beyond the ledger's fields (原因分析, 举一反三情况…), kept as written. */
export interface ExtraFieldView {
  /** null: the problem's own; else one of its measures'. */
  measureId: number | null;
  label: string;
  value: string;
}

export interface ProblemDetail extends ProblemSummary {
  measures: MeasureView[];
  progress: ProgressView[];
  /** Extra columns kept from imports (issue 10). */
  extras?: ExtraFieldView[];
}

export interface HistoryEntry {
  id: number;
  actionId: number;
  at: string;
  actor: string;
  source: string;
  label: string;
  batchId: number | null;
  table: string;
  rowId: number;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  problemId: number | null;
}

export interface UnitInfo {
  id: number;
  name: string;
  aliases: string[];
  problemCount: number;
  /** Codes of the problems that name it (lead or cooperating; leaders: in charge), recycle bin marked. */
  usedBy: string[];
  /** A unit named by a list of units (made by an earlier version): to be split. */
  looksLikeList?: true;
}

export interface LeaderInfo {
  id: number;
  name: string;
  aliases: string[];
  problemCount: number;
  usedBy: string[];
}
