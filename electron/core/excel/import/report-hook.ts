import type { Db } from '../../db/open';
import type { FileSummary } from '../../../../shared/api/import';

/**
 * Published progress reports (.txt/.docx) are read by the report module (issue 6). It plugs in here with
 * one call, `setReportImporter({ preview: previewReportImport, commit: commitReportImport })`, from the
 * service wiring; until then such files are refused with a clear message.
 */
export interface ReportImporter {
  preview(db: Db, file: { name: string; bytes: Uint8Array }): { summary: Partial<FileSummary> & { errors: FileSummary['errors']; warnings: FileSummary['warnings'] } };
  commit(db: Db, preview: ReturnType<ReportImporter['preview']>, options: { batchId: number }): void;
}

let importer: ReportImporter | null = null;

export function setReportImporter(i: ReportImporter | null): void {
  importer = i;
}

export function reportImporter(): ReportImporter | null {
  return importer;
}

export const REPORT_EXTENSIONS = ['txt', 'docx', 'doc'];
