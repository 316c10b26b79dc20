import type { Deadline } from './deadline';
import type { MeasureStatus, ProblemStatus, StatusSource } from './status';

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
}

export interface CategoryInfo {
  id: number;
  roundId: number;
  no: number;
  title: string;
  sort: number;
  problemCount: number;
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

/** One row of the ledger table: a problem with what the table shows of its measures and progress. */
export interface ProblemSummary {
  id: number;
  roundId: number;
  categoryId: number;
  categoryNo: number;
  categoryTitle: string;
  parentId: number | null;
  kind: ProblemKind;
  no: number;
  code: string;
  sort: number;
  text: string;
  leaders: string[];
  leadUnit: string | null;
  units: string[];
  responsiblePerson: string;
  deadline: Deadline;
  status: ProblemStatus;
  statusSource: StatusSource;
  statusReason: string;
  completedDate: string | null;
  workflow: '' | '申请延期' | '待销号' | '已销号';
  public: boolean;
  notes: string;
  measureCount: number;
  measuresCompleted: number;
  latestProgress: { date: string; text: string } | null;
  evidenceCount: number;
  lastChangeAt: string | null;
  createdAt: string;
  deletedAt: string | null;
}

export interface ProblemDetail extends ProblemSummary {
  measures: MeasureView[];
  progress: ProgressView[];
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
}

export interface LeaderInfo {
  id: number;
  name: string;
  aliases: string[];
  problemCount: number;
}
