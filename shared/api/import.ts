import { z } from 'zod';
import { act, op, id } from './define';
import type { CellIssue, ImportFileSummary } from '../domain/issues';

/** What a column of an imported sheet means (DOMAIN §6); the person may correct it in the preview. */
export const COLUMN_ROLES = [
  'code',
  'category',
  'kind',
  'text',
  'generalText',
  'specificText',
  'measureNo',
  'measures',
  'measureStatus',
  'leaders',
  'leadUnit',
  'units',
  'person',
  'deadline',
  'progress',
  'status',
  'evidence',
  'completedDate',
  'reason',
  'notes',
  'extra',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export const ROLE_LABELS: Record<ColumnRole, string> = {
  code: '编号/序号',
  category: '问题类别',
  kind: '问题类型（面上/具体）',
  text: '问题内容',
  generalText: '面上问题内容',
  specificText: '具体问题内容',
  measureNo: '措施序号',
  measures: '整改措施',
  measureStatus: '措施状态',
  leaders: '责任领导',
  leadUnit: '牵头单位',
  units: '配合单位',
  person: '责任人',
  deadline: '整改时限',
  progress: '整改进展',
  status: '问题状态',
  evidence: '佐证材料',
  completedDate: '完成日期',
  reason: '原因分析',
  notes: '备注',
  extra: '其他信息（保留）',
};

export type ImportKind = 'ledger' | 'return' | 'report';

export const KIND_LABELS: Record<ImportKind, string> = { ledger: '总台账', return: '回执', report: '进展情况公布' };

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface RowChange {
  sheet: string;
  row: number;
  code: string | null;
  problemId: number | null;
  text: string;
  action: 'add' | 'update' | 'unchanged' | 'skip' | 'error';
  /** How the row was matched to the ledger (returns), or `new` (a master ledger's new problem). */
  match: 'template' | 'code' | 'text' | 'similar' | 'new' | 'none';
  /** For a match by similarity: 0–1, and whether the person must confirm it before it is applied. */
  similarity?: number;
  needsConfirmation?: boolean;
  changes: FieldChange[];
  /** A new problem past the first 200 of its file: its fields are not listed (the row and the counts are). */
  detailsLeftOut?: boolean;
}

export interface ColumnView {
  /** 1-based column index and its letter. */
  index: number;
  letter: string;
  label: string;
  role: ColumnRole | null;
}

/**
 * One file's preview: the summary `cli import --json` prints (ImportFileSummary: path as given, unit, rows,
 * counts, errors and warnings), and what the page shows besides.
 */
export interface FileSummary extends ImportFileSummary {
  name: string;
  kind: ImportKind;
  /** Why the file was taken for a master ledger or a return (the clerk may switch). */
  kindReason: string | null;
  sha256: string;
  /** Where the unit came from, in Chinese (填报行, 标题, 文件名, 回执模板, 牵头单位). */
  unitSource: string | null;
  reportDate: string | null;
  reportDateSource: string | null;
  sheet: string | null;
  headerRows: [number, number] | null;
  columns: ColumnView[];
  /** detected: from the header words; remembered: the person's earlier correction for this unit; edited: given now. */
  mappingSource: 'detected' | 'remembered' | 'edited';
  /** Master ledgers: what the file holds. */
  counts: { categories: number; general: number; specific: number; measures: number } | null;
  /** Progress reports: the headline figures the document states (what, value, the sentence). */
  stated?: { what: string; value: number; text: string; scope: string }[];
  /** Progress reports: paragraphs that could not be placed, by line (kept on the round). */
  unplaced?: { line: number; text: string }[];
  changes: RowChange[];
  duplicateOf: { batchId: number; at: string; fileName: string } | null;
  /** First sheet rows of the problems (records) that have errors. */
  badRows: number[];
  /** Every error belongs to such a row: the other rows can be imported on request (skipBadRows). */
  skippable: boolean;
  /** After a commit with skipBadRows: the errors of the rows left out. */
  skipped: CellIssue[];
}

export interface ImportPreview {
  files: FileSummary[];
  /** True when no file has an error: the import can be committed. */
  ok: boolean;
  roundId: number | null;
}

export interface ImportCommitResult extends ImportPreview {
  committed: boolean;
  batchIds: number[];
}

export interface ImportBatchView {
  id: number;
  at: string;
  fileName: string;
  kind: ImportKind;
  unit: string;
  reportDate: string | null;
  counts: Record<string, number>;
  undoneAt: string | null;
  /** Whether it can be undone now (not undone yet, and nothing it wrote was changed since). */
  canUndo: boolean;
  undoBlockedBy: string | null;
}

export interface ReturnsStatus {
  roundId: number | null;
  units: {
    unit: string;
    problems: number;
    returned: boolean;
    lastBatch: { id: number; fileName: string; at: string; reportDate: string | null } | null;
  }[];
}

/** Base64 of up to the reader's 64 MB file limit. */
const base64 = z.string().max(90_000_000).regex(/^[A-Za-z0-9+/=\s]*$/, '文件数据不是 base64');

export const importFileInput = z.object({
  name: z.string().trim().min(1, '缺少文件名').max(260),
  data: base64,
  /** The file's modification time from the browser (ms), a last resort for a return's date. */
  lastModified: z.number().int().nonnegative().optional(),
  kind: z.enum(['ledger', 'return']).optional(),
  /** Column index → role (null: ignore the column). */
  mapping: z.record(z.string().regex(/^\d{1,5}$/), z.enum(COLUMN_ROLES).nullable()).optional(),
  /** Sheet rows whose match by similarity the person confirmed. */
  confirm: z.array(z.number().int().positive()).max(100_000).optional(),
  /** Columns (letter or header text) to leave out knowingly: their loss is then no error. */
  ignoreColumns: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
});
export type ImportFileInput = z.input<typeof importFileInput>;

const files = z.array(importFileInput).min(1, '请选择要导入的文件').max(200);

export const importOps = {
  /** Start reading machinery before the first file arrives (the import page asks as it opens). */
  'import.warmup': op<null>()(z.object({})),
  'import.preview': op<ImportPreview>()(z.object({ files })),
  /** skipBadRows: import the rows without errors of files whose every error is a row's; list the rest. */
  'import.commit': act<ImportCommitResult>()(z.object({ files, skipBadRows: z.boolean().optional() })),
  /** The rows of a file that had errors, as a workbook to send back to the unit (header, rows, 错误说明). */
  'import.badRowsWorkbook': op<{ fileName: string; data: string }>()(z.object({ file: importFileInput, rows: z.array(z.number().int().positive()).min(1).max(100_000) })),
  'import.batches': op<ImportBatchView[]>()(z.object({ limit: z.number().int().positive().max(1000).optional() })),
  'import.undoBatch': act<ImportBatchView>()(z.object({ id })),
  'import.returnsStatus': op<ReturnsStatus>()(z.object({})),
};
