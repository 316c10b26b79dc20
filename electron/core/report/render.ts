import type { Db } from '../db/open';
import type { ReportRender } from '../../../shared/domain/report';
import { blockLine, buildReport, reportStream, reportText, type ReportModel, type ReportOptions, type ReportStream } from './model';
import { lintReport } from './lint';
import { reportStreamDocx } from './docx-writer';

/** What an export of the report says beside the file: figures, lint, what it shows. */
export type ReportOutcome = Omit<ReportRender, 'text'>;

function outcomeOf(model: ReportModel): ReportOutcome {
  return { asOf: model.asOf, public: model.public, figures: model.figures, lint: lintReport(model), shown: model.shown, stated: model.stated };
}

/** The report's text with its figures and lint: what the export page previews. */
export function renderReport(db: Db, roundId: number, options: ReportOptions): ReportRender {
  const model = buildReport(db, roundId, options);
  return { ...outcomeOf(model), text: reportText(model) };
}

/**
 * The .docx without the text beside it (the command line prints figures and lint, not the text), written as
 * the report is made: the problems are read a page at a time in the order they are printed and linted as
 * they go, and each paragraph is deflated into the file as it is made (reportStream). At 100,000 problems
 * the problems and the paragraphs are each some hundreds of MB when held whole.
 */
export async function reportDocxFile(db: Db, roundId: number, options: ReportOptions): Promise<{ bytes: Uint8Array; outcome: ReportOutcome }> {
  const report = reportStream(db, roundId, options);
  const bytes = await reportStreamDocx(report);
  return { bytes, outcome: streamOutcome(report) };
}

/** The .txt as the report is made, a page of problems at a time (the text of reportText, never the model). */
export function reportTextFile(db: Db, roundId: number, options: ReportOptions): { bytes: Uint8Array; outcome: ReportOutcome } {
  const report = reportStream(db, roundId, options);
  const pieces: Buffer[] = [];
  for (const b of report.blocks()) pieces.push(Buffer.from(blockLine(b) + '\n', 'utf8'));
  return { bytes: Buffer.concat(pieces), outcome: streamOutcome(report) };
}

function streamOutcome(report: ReportStream): ReportOutcome {
  return { asOf: report.asOf, public: report.public, figures: report.figures, lint: report.lint(), shown: report.shown, stated: report.stated };
}

/** A file name people recognise: 进展情况公布（社会公开版）2025-02-21.docx */
export function reportFileName(options: ReportOptions, ext: '.docx' | '.txt'): string {
  return `巡察整改进展情况公布（${options.publicOnly ? '社会公开版' : '内部版'}）${options.asOf}${ext}`;
}
