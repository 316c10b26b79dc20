import type { RoundInfo } from './types';
import type { DeadlineKind } from './deadline';
import type { MeasureStatus } from './status';
import type { CellIssue, ImportFileSummary } from './issues';
import type { Figures } from './stats';
import type { StatedComparison } from './statedFigures';

/**
 * The published progress report (整改进展情况公布, DOMAIN §1 step 4 and §6) as the app reads and writes it.
 * Everything here is plain data so that a preview can travel to the renderer.
 */

export interface ReportDeadline {
  raw: string;
  kind: DeadlineKind;
  date: string | null;
}

export interface ParsedMeasure {
  no: number;
  text: string;
  status: MeasureStatus;
  /** Only when the report gives this measure its own deadline (第四项待省上出台政策后…). */
  deadline: ReportDeadline | null;
}

export interface ParsedProblem {
  kind: 'general' | 'specific';
  /** Canonical code (DOMAIN §2) from the report's own numbering: 2-2, 2-2-1. */
  code: string;
  /** Line (paragraph of a .docx) where the problem starts. */
  line: number;
  text: string;
  measures: ParsedMeasure[];
  deadline: ReportDeadline;
  /** 整改结果 as written. */
  result: string;
  /** Text of this problem the parser did not understand, kept with its line numbers. */
  notes: string;
}

export interface ParsedCategory {
  no: number;
  title: string;
  line: number;
  /** Each general problem followed by its specific problems, in report order. */
  problems: ParsedProblem[];
}

/** Round settings read from the intro, the headline and the closing lines. */
export type ParsedRoundFields = Omit<RoundInfo, 'id' | 'createdAt' | 'longTermCountsCompleted' | 'kind' | 'originRoundId' | 'cycleRule'>;

/** The headline figures as the report states them, where it states them. */
export interface StatedFigures {
  total: number | null;
  dueInPeriod: number | null;
  completedInPeriod: number | null;
  rateInPeriod: number | null;
  outOfPeriod: number | null;
  completedOutOfPeriod: number | null;
  advancingOutOfPeriod: number | null;
}

/**
 * One headline figure as the document states it (issue: stated figures): what it counts in words
 * (问题总数, 已完成, 正在推进, 未完成, 基本完成, 完成率, 整改任务, 期内应完成), the number, the sentence it came from,
 * what is counted (面上问题, 具体问题, 问题, 整改任务) and the line.
 */
export interface StatedFigure {
  what: string;
  value: number;
  text: string;
  scope: '面上问题' | '具体问题' | '问题' | '整改任务';
  line: number | null;
}

export interface ParsedReport {
  round: ParsedRoundFields;
  /** The date the report was published (its closing date line), if it has one. */
  reportDate: string | null;
  categories: ParsedCategory[];
  stated: { general: StatedFigures | null; specific: StatedFigures | null };
  /** Every headline figure the document states, in order (kept on the round). */
  statedFigures: StatedFigure[];
  /** Paragraphs the reader could not place, by line (kept on the round or the nearest problem). */
  unplaced: { line: number; text: string }[];
  /** Where the headline paragraph is, when there is one. */
  headlineLine: number | null;
  /** How positions are named in messages: 行 for text, 段 for .docx paragraphs. */
  lineUnit: '行' | '段';
  errors: CellIssue[];
  warnings: CellIssue[];
}

export interface ReportImportCounts {
  categories: number;
  general: number;
  specific: number;
  measures: number;
  generalCompleted: number;
  specificCompleted: number;
}

/** What `previewReportImport` returns: the summary every import shows, plus the report understood. */
export interface ReportImportPreview {
  summary: ImportFileSummary & { kind: 'report'; unit: null; updated: 0; unchanged: 0 };
  fileName: string;
  sha256: string;
  report: ParsedReport;
  counts: ReportImportCounts;
  /** Fill the current round when it is still empty; otherwise add a new round and make it current. */
  target: { mode: 'fill'; roundId: number; roundTitle: string } | { mode: 'new' };
  /** When the same file was imported before (and not undone). */
  importedBefore: string | null;
  /** The figures the document states beside those its own detail gives (as of its date). */
  stated: StatedComparison[];
}

export interface ReportImportResult {
  roundId: number;
  categories: number;
  problems: number;
  measures: number;
}

export interface ReportLintFinding {
  code: string;
  /** A problem code, or 轮次设置 for the round's settings. */
  where: string;
  message: string;
}

export interface ReportRender {
  asOf: string;
  public: boolean;
  /** The report's text, its first paragraphs when `omittedLines` is more than 0. */
  text: string;
  /** Paragraphs left out of `text` (a long report is previewed by its beginning; its files are whole). */
  omittedLines: number;
  figures: { general: Figures; specific: Figures };
  lint: ReportLintFinding[];
  /** How many problems the report shows (the public variant leaves out withheld ones). */
  shown: { general: number; specific: number; withheld: number };
  /** The figures the imported report stated beside the computed ones (已公布：完成27个；台账计算：24个). */
  stated: StatedComparison[];
}

/** What making the report says beside its file: figures, lint, what it shows (the text is the file). */
export type ReportOutcome = Omit<ReportRender, 'text' | 'omittedLines'>;
