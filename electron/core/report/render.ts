import type { Db } from '../db/open';
import type { ReportOutcome, ReportRender } from '../../../shared/domain/report';
import { blockLine, drain, reportStream, type ReportOptions, type ReportStream } from './model';
import { reportStreamDocx } from './docx-writer';

export type { ReportOutcome };

/** Paragraphs the export page shows of the report; the files hold all of them. */
export const PREVIEW_LINES = 2000;

/**
 * The report's text with its figures and lint: what the export page previews. Made as the files are, a page
 * of problems at a time; the text stops after `maxLines` paragraphs (`omittedLines` says how many more the
 * files have), while figures and lint cover the whole report. A 100,000-problem report is half a million
 * paragraphs: more than a page can draw, and hundreds of MB when built whole.
 */
export function renderReport(db: Db, roundId: number, options: ReportOptions, maxLines = PREVIEW_LINES): ReportRender {
  const report = reportStream(db, roundId, options);
  const lines: string[] = [];
  let omittedLines = 0;
  for (const b of report.blocks()) {
    if (lines.length < maxLines) lines.push(blockLine(b));
    else omittedLines++;
  }
  return { ...streamOutcome(report), text: lines.join('\n') + '\n', omittedLines };
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

/** The whole report's lint, made as the files are (no text kept). */
export function reportLint(db: Db, roundId: number, options: ReportOptions) {
  const report = reportStream(db, roundId, options);
  drain(report.blocks());
  return report.lint();
}

/** Figures, what is shown and the whole report's lint (once its blocks have been made). */
export function streamOutcome(report: ReportStream): ReportOutcome {
  return { asOf: report.asOf, public: report.public, figures: report.figures, lint: report.lint(), shown: report.shown, stated: report.stated };
}

/** A file name people recognise: 进展情况公布（社会公开版）2025-02-21.docx */
export function reportFileName(options: ReportOptions, ext: '.docx' | '.txt'): string {
  return `巡察整改进展情况公布（${options.publicOnly ? '社会公开版' : '内部版'}）${options.asOf}${ext}`;
}
