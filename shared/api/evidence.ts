import { z } from 'zod';
import { act, op, id, isoDate } from './define';
import type { ProblemSummary } from '../domain/types';
import type { LedgerInfo } from './ledger';

/** One evidence item (佐证材料) of a problem, as lists show it. */
export interface EvidenceView {
  id: number;
  problemId: number;
  problemCode: string;
  measureId: number | null;
  /** 第N项 of the measure it belongs to, when it belongs to one. */
  measureNo: number | null;
  seq: number;
  /** `2-3-1`: the problem code and the item's number; never reused. */
  number: string;
  title: string;
  originalName: string;
  /** The original name with invisible characters (direction overrides, zero-width) shown as ⟦U+202E⟧. */
  displayName: string;
  /** Sniffed from the bytes, not taken from the name. */
  mime: string;
  typeLabel: string;
  size: number | null;
  sha256: string | null;
  /** False for an item a return listed whose file has not arrived. */
  received: boolean;
  addedBy: string;
  addedAt: string;
  source: string;
  batchId: number | null;
  deletedAt: string | null;
  preview: 'image' | 'pdf' | null;
  /** May be opened in the system program (the desktop app), by the open-file policy. */
  canOpen: boolean;
  /** Why not, in Chinese; empty when it may. */
  openBlockedReason: string;
}

export interface AttachResult {
  name: string;
  status: 'added' | 'filled' | 'duplicate';
  /** The evidence number written (or, for a duplicate, the number of the identical file already there). */
  number: string;
  title: string;
}

export type SignoffStep = 'apply' | 'approve' | 'reject' | 'reopen';

export interface SignoffView {
  id: number;
  step: SignoffStep;
  /** 申请销号 / 审核通过（销号）/ 退回 / 重新打开（回头看） */
  stepLabel: string;
  date: string;
  actor: string;
  method: string;
  note: string;
  reason: string;
  evidence: { id: number; number: string; title: string }[];
}

export interface SignoffState {
  problemId: number;
  code: string;
  status: string;
  workflow: '' | '申请延期' | '待销号' | '已销号';
  steps: SignoffView[];
  /** The steps that may come next. */
  allowed: SignoffStep[];
  /** Why 申请销号 is not possible now, when it is not (Chinese). */
  applyBlockedReason: string;
  /**
   * The status was set by hand (a reopening, 回头看) while every measure is done: the next step is to put
   * it back to 按措施推导, which the panel offers.
   */
  canRederive: boolean;
}

export interface MissingEvidenceItem {
  problem: ProblemSummary;
  /** Items listed by a return whose file has not arrived. */
  listedNotReceived: number;
}

export interface BackupInfo {
  /** File name inside the backups folder: the handle for restore. */
  name: string;
  at: string;
  reason: 'daily' | 'import' | 'manual' | 'restore' | 'other';
  reasonLabel: string;
  size: number;
  /** Problems and evidence files in the copy, counted when it was checked. */
  problems: number | null;
  evidence: number | null;
  /** Result of integrity_check + the ledger check on the copy when it was made. */
  checked: boolean;
  findings: number;
}

export interface BackupListing {
  dir: string;
  backups: BackupInfo[];
  policy: string;
}

export interface PackagePlan {
  problems: number;
  files: number;
  listedNotReceived: number;
  /** Bytes of the files (the package is about this size: files are stored, not compressed). */
  bytes: number;
}

export interface PackageResult {
  /** Where it was written; null when its bytes are returned for a browser download. */
  path: string | null;
  fileName: string;
  /** Base64 of the zip when downloaded. */
  data?: string;
  format: 'zip' | 'folder';
  problems: number;
  files: number;
  listedNotReceived: number;
  bytes: number;
}

const title = z.string().trim().min(1, '标题不能为空').max(200, '标题不能超过 200 个字');
const reason = z.string().trim().min(1, '请填写理由').max(2000);
const note = z.string().max(2000).optional();
const person = z.string().trim().max(100);
const filePath = z.string().min(1, '请填写文件路径').max(4096);
/** 300 MB of file is 400 MB of base64: the web host's request limit. */
const base64 = z.string().max(420 * 1024 * 1024, '文件过大（超过 300 MB）');

export const evidenceOps = {
  'evidence.list': op<EvidenceView[]>()(z.object({ problemId: id, includeDeleted: z.boolean().optional() })),
  /** Attach files (bytes as base64). Identical files are stored once; a listed item with the same number or title is filled. */
  'evidence.attach': act<{ results: AttachResult[]; items: EvidenceView[] }>()(
    z.object({
      problemId: id,
      measureId: id.nullable().optional(),
      /** Fill this listed-but-not-received item with the (single) file. */
      fillId: id.optional(),
      files: z.array(z.object({ name: z.string().min(1).max(255), base64, title: title.optional() })).min(1).max(50),
    }),
  ),
  /** Record an item that is expected but whose file has not arrived (登记待收材料). */
  'evidence.register': act<EvidenceView[]>()(z.object({ problemId: id, measureId: id.nullable().optional(), title })),
  'evidence.rename': act<EvidenceView[]>()(z.object({ id, title })),
  'evidence.remove': act<EvidenceView[]>()(z.object({ id })),
  'evidence.restore': act<EvidenceView[]>()(z.object({ id })),
  /** The file's bytes for preview or download (checked against its SHA-256 first). */
  'evidence.content': op<{ name: string; mime: string; base64: string; size: number }>()(z.object({ id })),
  /** Open in the system program (desktop app only; refused by the open-file policy for anything not allowlisted). */
  'evidence.open': op<{ opened: boolean }>()(z.object({ id })),
  /** Save a copy: to `path`, or where the native dialog says; null when cancelled. */
  'evidence.saveAs': op<{ path: string | null }>()(z.object({ id, path: filePath.optional() })),
  /** Problems marked completed (or in sign-off) without any received evidence file. */
  'evidence.missing': op<MissingEvidenceItem[]>()(z.object({})),
  'evidence.packagePlan': op<PackagePlan>()(z.object({})),
  /** Write the package to `path`, or where the native dialog says (null when cancelled), or return a zip for download. */
  'evidence.exportPackage': op<PackageResult | null>()(z.object({ format: z.enum(['zip', 'folder']), path: filePath.optional(), download: z.boolean().optional() })),

  'signoff.state': op<SignoffState>()(z.object({ problemId: id })),
  'signoff.apply': act<SignoffState>()(
    z.object({ problemId: id, evidenceIds: z.array(id).max(1000), note, date: isoDate.optional(), actor: person.optional() }),
  ),
  'signoff.approve': act<SignoffState>()(
    z.object({ problemId: id, reviewer: person.min(1, '请填写审核人'), method: z.string().trim().min(1, '请填写销号方式').max(100), note, date: isoDate.optional() }),
  ),
  'signoff.reject': act<SignoffState>()(z.object({ problemId: id, reason, reviewer: person.optional(), date: isoDate.optional() })),
  'signoff.reopen': act<SignoffState>()(z.object({ problemId: id, reason, actor: person.optional(), date: isoDate.optional() })),

  'backup.list': op<BackupListing>()(z.object({})),
  'backup.create': op<BackupInfo>()(z.object({})),
  /** Replace the open ledger by a checked backup; the current ledger is backed up first. */
  'backup.restore': act<LedgerInfo>()(z.object({ name: z.string().min(1).max(255) })),
};
