import { z } from 'zod';
import { act, op, isoDate } from './define';
import type { ReportImportCounts, ReportImportPreview, ReportLintFinding, ReportOutcome, ReportRender } from '../domain/report';

/** A file the page read (dropped or chosen) and sends as base64; reports are small, 100 MB is generous. */
const file = z.object({
  name: z.string().trim().min(1, '缺少文件名').max(255),
  base64: z.string().max(140 * 1024 * 1024, '文件过大'),
});

const variant = z.object({
  asOf: isoDate.optional(),
  /** The public variant (社会公开版) leaves out problems marked 不公开. */
  public: z.boolean().optional(),
});

export interface ReportCommitResult {
  roundId: number;
  batchId: number;
  categories: number;
  problems: number;
  measures: number;
  counts: ReportImportCounts;
}

export interface ReportFile {
  fileName: string;
  mime: string;
  base64: string;
  /** Figures, lint and what is shown, as the file was made (its text is the file). */
  outcome: ReportOutcome;
}

export const reportOps = {
  /** Read a .txt/.docx progress report and say what importing it would do; writes nothing. */
  'report.previewImport': op<ReportImportPreview>()(file),
  /** Import it as one batch: a new round (or the empty current one), which becomes current. */
  'report.commitImport': act<ReportCommitResult>()(file),
  /** What would make the report wrong, for the round's current state. */
  'report.lint': op<ReportLintFinding[]>()(variant),
  /** The report as text, with its figures and lint, for the preview. */
  'report.render': op<ReportRender>()(variant),
  /** The report file to save: .docx (GB/T 9704) or .txt. */
  'report.file': op<ReportFile>()(variant.extend({ format: z.enum(['docx', 'txt']) })),
};
