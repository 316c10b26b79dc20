import { z } from 'zod';
import { op, isoDate } from './define';

/** What the export page can produce (issue 5); the published report and evidence package add their own ops. */
export const SHEET_EXPORTS = ['ledger', 'summary', 'returns'] as const;
export type SheetExport = (typeof SHEET_EXPORTS)[number];

export const SHEET_EXPORT_LABELS: Record<SheetExport, string> = {
  ledger: '台账总表',
  summary: '汇总表',
  returns: '回执模板',
};

export const sheetExportRequest = z.object({
  kind: z.enum(SHEET_EXPORTS),
  asOf: isoDate,
  /** Ledger workbook: one row per measure, or all measures in one cell. */
  layout: z.enum(['rows', 'cell']).optional(),
  /** Ledger workbook and summary: leave out items withheld from the public. */
  publicOnly: z.boolean().optional(),
  /** Ledger workbook: 填报单位. */
  filler: z.string().max(100).optional(),
  /** Return templates: lead units (empty or absent: all). */
  units: z.array(z.string().min(1).max(200)).max(1000).optional(),
  /** Ledger workbook: only these problems (the table's current view, its filters applied). */
  problemIds: z.array(z.number().int().positive()).max(200000).optional(),
});
export type SheetExportRequest = z.input<typeof sheetExportRequest>;

export interface ExportChoices {
  /** Lead units with the number of problems each leads (return templates go to these). */
  units: { unit: string; problems: number }[];
  /** Problems without a lead unit: no template can carry them. */
  withoutUnit: number;
  problems: number;
  measures: number;
}

export interface ExportPreview {
  problems: number;
  measures: number;
  /** Rows the sheets will have below their headers. */
  rows: number;
  /** Files produced (return templates: one per unit, delivered zipped when several). */
  files: number;
  /** The suggested file name (.xlsx, or .zip for several templates). */
  fileName: string;
}

export interface ExportResult {
  fileName: string;
  /** Where the file was written (desktop); null when its bytes are returned for download. */
  path: string | null;
  /** Base64 of the file when no path was given. */
  data: string | null;
  mime: string;
  size: number;
  problems: number;
  rows: number;
  files: number;
  /** How long writing took, in milliseconds. */
  ms: number;
}

const path = z.string().min(1, '请填写文件路径').max(4096);

/** A list on a screen, exported as it is shown (导出为 Excel): the renderer sends the cells it shows. */
export const listExportRequest = z.object({
  title: z.string().trim().min(1).max(200),
  asOf: isoDate.optional(),
  note: z.string().max(500).optional(),
  columns: z.array(z.object({ title: z.string().max(100), width: z.number().min(2).max(120).optional() })).min(1).max(60),
  rows: z.array(z.array(z.union([z.string().max(32000), z.number()])).max(60)).max(200000),
  path: path.optional(),
});

export const exportOps = {
  'export.choices': op<ExportChoices>()(z.object({})),
  'export.preview': op<ExportPreview>()(sheetExportRequest),
  /** Write the export to `path` (desktop, after the host's save dialog), or return its bytes. */
  'export.run': op<ExportResult>()(sheetExportRequest.extend({ path: path.optional() })),
  /** A list shown on a screen as a workbook in the ledger's style; to `path` (desktop) or returned as bytes. */
  'export.list': op<ExportResult>()(listExportRequest),
  /** Open a file this session exported in the system's program for it (desktop). */
  'export.open': op<{ opened: boolean }>()(z.object({ path })),
};
