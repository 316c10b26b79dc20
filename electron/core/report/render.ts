import type { Db } from '../db/open';
import type { ReportRender } from '../../../shared/domain/report';
import { buildReport, reportText, type ReportOptions } from './model';
import { lintReport } from './lint';
import { reportDocx } from './docx-writer';

/** The report's text with its figures and lint: what the export page previews. */
export function renderReport(db: Db, roundId: number, options: ReportOptions): ReportRender {
  const model = buildReport(db, roundId, options);
  return { asOf: model.asOf, public: model.public, text: reportText(model), figures: model.figures, lint: lintReport(model), shown: model.shown, stated: model.stated };
}

export async function renderReportDocx(db: Db, roundId: number, options: ReportOptions): Promise<{ bytes: Uint8Array; render: ReportRender }> {
  const model = buildReport(db, roundId, options);
  const render = { asOf: model.asOf, public: model.public, text: reportText(model), figures: model.figures, lint: lintReport(model), shown: model.shown, stated: model.stated };
  return { bytes: await reportDocx(model), render };
}

/** A file name people recognise: 进展情况公布（社会公开版）2025-02-21.docx */
export function reportFileName(options: ReportOptions, ext: '.docx' | '.txt'): string {
  return `巡察整改进展情况公布（${options.publicOnly ? '社会公开版' : '内部版'}）${options.asOf}${ext}`;
}
