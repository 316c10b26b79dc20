import crypto from 'node:crypto';
import type { Db } from '../db/open';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { getProblemRow } from '../ledger/problems';
import { getMeasureRow } from '../ledger/measures';
import { evidenceNumber } from '../../../shared/domain/code';
import { sniffFile } from './sniff';
import { nextEvidenceSeq } from './numbering';

/**
 * The evidence store: files live inside the ledger in `blobs`, addressed by SHA-256 and stored once; an
 * `evidence` row (history-tracked) gives a file its problem, number, title and who added it. The blob and
 * its row are written in the same transaction (the caller's action), so a crash leaves either both or
 * neither. All writers here must run inside an action.
 */

/** Larger files are refused: the web host takes 400 MB of base64 per request, and SQLite holds a blob in memory. */
export const MAX_EVIDENCE_BYTES = 300 * 1024 * 1024;

export interface EvidenceRow {
  id: number;
  problem_id: number;
  measure_id: number | null;
  seq: number;
  title: string;
  original_name: string;
  mime: string;
  size: number | null;
  sha256: string | null;
  added_by: string;
  added_at: string;
  source: string;
  batch_id: number | null;
  deleted_at: string | null;
}

export interface AttachInput {
  problemId: number;
  measureId?: number | null;
  /** The file's own name (a path is reduced to its last part). */
  name: string;
  data: Buffer;
  title?: string;
  /** A listed-but-not-received item to fill with this file. */
  fillId?: number;
  actor: string;
  source?: string;
  batchId?: number | null;
}

export interface AttachOutcome {
  id: number;
  status: 'added' | 'filled' | 'duplicate';
  number: string;
  title: string;
}

export function sha256Of(data: Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export function getEvidenceRow(db: Db, id: number): EvidenceRow {
  const row = db.raw.prepare('SELECT * FROM evidence WHERE id = ?').get(id) as EvidenceRow | undefined;
  if (!row) throw new LedgerError('EVIDENCE_NOT_FOUND', '找不到该佐证材料，可能已被撤销。');
  return row;
}

/** The last part of a path, whichever separator the sender's system uses. */
export function baseName(name: string): string {
  return name.split(/[\\/]/).pop()!.trim();
}

/** A title from a file name: without the extension and without invisible characters. */
export function titleFromName(name: string): string {
  const base = baseName(name).replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0000-\u001f]/g, '');
  const dot = base.lastIndexOf('.');
  const t = (dot > 0 ? base.slice(0, dot) : base).trim();
  return (t || base || '佐证材料').slice(0, 200);
}

/** Titles compare without spacing, punctuation and width differences (returns retype them). */
function titleKey(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

function checkTitle(title: string): string {
  const t = title.trim();
  if (!t) throw new LedgerError('EMPTY_TITLE', '佐证材料的标题不能为空。');
  if (t.length > 200) throw new LedgerError('TITLE_TOO_LONG', '佐证材料的标题不能超过 200 个字。');
  return t;
}

function liveProblem(db: Db, problemId: number) {
  const p = getProblemRow(db, problemId);
  if (p.deleted_at) throw new LedgerError('PROBLEM_DELETED', `问题 ${p.code} 已删除，不能再添加佐证材料。请先恢复该问题。`);
  return p;
}

function checkMeasure(db: Db, problemId: number, measureId: number | null | undefined): void {
  if (measureId == null) return;
  const m = getMeasureRow(db, measureId);
  if (m.problem_id !== problemId) throw new LedgerError('BAD_MEASURE', '该措施不属于这个问题。');
  if (m.deleted_at) throw new LedgerError('MEASURE_DELETED', '该措施已删除，不能再添加佐证材料。');
}

/**
 * Store the bytes once. An existing blob whose bytes no longer match its address (damaged) is repaired
 * by the good copy arriving now.
 */
function putBlob(db: Db, sha: string, data: Buffer): void {
  const existing = db.raw.prepare('SELECT data FROM blobs WHERE sha256 = ?').get(sha) as { data: Buffer } | undefined;
  if (!existing) {
    db.raw.prepare('INSERT INTO blobs (sha256, size, data, created_at) VALUES (?, ?, ?, ?)').run(sha, data.length, data, nowIso());
  } else if (sha256Of(existing.data) !== sha) {
    db.raw.prepare('UPDATE blobs SET data = ?, size = ? WHERE sha256 = ?').run(data, data.length, sha);
  }
}

/** The listed item a file should fill: the one named, or one whose number or title the file carries. */
function listedTarget(db: Db, input: AttachInput, code: string, title: string): EvidenceRow | null {
  const listed = db.raw
    .prepare('SELECT * FROM evidence WHERE problem_id = ? AND sha256 IS NULL AND deleted_at IS NULL ORDER BY seq')
    .all(input.problemId) as EvidenceRow[];
  if (input.fillId != null) {
    const row = listed.find((r) => r.id === input.fillId);
    if (!row) throw new LedgerError('NOT_LISTED', '要补交文件的材料不存在、已删除或已经有文件了。');
    return row;
  }
  const base = titleFromName(input.name);
  const byNumber = listed.find((r) => {
    const n = evidenceNumber(code, r.seq);
    return base === n || (base.startsWith(n) && !/^\d/.test(base.slice(n.length)));
  });
  if (byNumber) return byNumber;
  const key = titleKey(title);
  return listed.find((r) => titleKey(r.title) === key) ?? null;
}

export function attachEvidence(db: Db, input: AttachInput): AttachOutcome {
  const problem = liveProblem(db, input.problemId);
  checkMeasure(db, input.problemId, input.measureId);
  const name = baseName(input.name);
  if (!name) throw new LedgerError('NO_NAME', '文件没有名称。');
  if (name.length > 255) throw new LedgerError('NAME_TOO_LONG', `文件名过长（${name.length} 个字符），请改短后再添加。`);
  if (input.data.length === 0) throw new LedgerError('EMPTY_FILE', `“${name}”是空文件（0 字节），未添加。`);
  if (input.data.length > MAX_EVIDENCE_BYTES) {
    throw new LedgerError('FILE_TOO_LARGE', `“${name}”有 ${(input.data.length / 1048576).toFixed(0)} MB，超过单个佐证材料 300 MB 的上限。请压缩或拆分后再添加。`);
  }
  const title = checkTitle(input.title ?? titleFromName(name));
  const sha = sha256Of(input.data);
  const mime = sniffFile(input.data).mime;

  putBlob(db, sha, input.data);
  if (input.fillId == null) {
    const dup = db.raw
      .prepare('SELECT * FROM evidence WHERE problem_id = ? AND measure_id IS ? AND sha256 = ? AND deleted_at IS NULL ORDER BY seq LIMIT 1')
      .get(input.problemId, input.measureId ?? null, sha) as EvidenceRow | undefined;
    if (dup) return { id: dup.id, status: 'duplicate', number: evidenceNumber(problem.code, dup.seq), title: dup.title };
  }

  const at = nowIso();
  const target = listedTarget(db, input, problem.code, title);
  if (target) {
    db.raw
      .prepare('UPDATE evidence SET original_name = ?, mime = ?, size = ?, sha256 = ?, added_by = ?, added_at = ? WHERE id = ?')
      .run(name, mime, input.data.length, sha, input.actor, at, target.id);
    if (input.measureId != null && target.measure_id == null) {
      db.raw.prepare('UPDATE evidence SET measure_id = ? WHERE id = ?').run(input.measureId, target.id);
    }
    return { id: target.id, status: 'filled', number: evidenceNumber(problem.code, target.seq), title: target.title };
  }
  const seq = nextEvidenceSeq(db, input.problemId);
  const id = Number(
    db.raw
      .prepare(
        `INSERT INTO evidence (problem_id, measure_id, seq, title, original_name, mime, size, sha256, added_by, added_at, source, batch_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.problemId, input.measureId ?? null, seq, title, name, mime, input.data.length, sha, input.actor, at, input.source ?? 'manual', input.batchId ?? null)
      .lastInsertRowid,
  );
  return { id, status: 'added', number: evidenceNumber(problem.code, seq), title };
}

/**
 * Record an item whose file has not arrived (a return lists 佐证材料 by name): numbered now, filled later.
 * For the import pipeline too (source 'import', with its batch).
 */
export function registerListedEvidence(
  db: Db,
  input: { problemId: number; measureId?: number | null; title: string; actor: string; source?: string; batchId?: number | null },
): { id: number; number: string } {
  const problem = liveProblem(db, input.problemId);
  checkMeasure(db, input.problemId, input.measureId);
  const title = checkTitle(input.title);
  const seq = nextEvidenceSeq(db, input.problemId);
  const id = Number(
    db.raw
      .prepare(
        `INSERT INTO evidence (problem_id, measure_id, seq, title, added_by, added_at, source, batch_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.problemId, input.measureId ?? null, seq, title, input.actor, nowIso(), input.source ?? 'manual', input.batchId ?? null).lastInsertRowid,
  );
  return { id, number: evidenceNumber(problem.code, seq) };
}

export function renameEvidence(db: Db, id: number, title: string): void {
  const row = getEvidenceRow(db, id);
  const t = checkTitle(title);
  if (row.title !== t) db.raw.prepare('UPDATE evidence SET title = ? WHERE id = ?').run(t, id);
}

/** Soft delete: recorded, undoable, and the number stays taken. */
export function removeEvidence(db: Db, id: number): void {
  const row = getEvidenceRow(db, id);
  if (!row.deleted_at) db.raw.prepare('UPDATE evidence SET deleted_at = ? WHERE id = ?').run(nowIso(), id);
}

export function restoreEvidence(db: Db, id: number): void {
  const row = getEvidenceRow(db, id);
  if (!row.deleted_at) return;
  liveProblem(db, row.problem_id);
  db.raw.prepare('UPDATE evidence SET deleted_at = NULL WHERE id = ?').run(id);
}

/** The stored bytes of an item, verified against their SHA-256 (a damaged file is never handed out as good). */
export function readEvidenceData(db: Db, id: number): { row: EvidenceRow; data: Buffer; code: string } {
  const row = getEvidenceRow(db, id);
  const code = getProblemRow(db, row.problem_id).code;
  const number = evidenceNumber(code, row.seq);
  if (!row.sha256) throw new LedgerError('NOT_RECEIVED', `佐证材料 ${number}（${row.title}）只登记了名称，还没有收到文件。`);
  const blob = db.raw.prepare('SELECT data FROM blobs WHERE sha256 = ?').get(row.sha256) as { data: Buffer } | undefined;
  if (!blob) throw new LedgerError('BLOB_MISSING', `佐证材料 ${number}（${row.original_name}）的文件内容缺失，台账可能已损坏。请运行“检查台账”或从备份恢复。`);
  if (sha256Of(blob.data) !== row.sha256) {
    throw new LedgerError(
      'BLOB_DAMAGED',
      `佐证材料 ${number}（${row.original_name}）的文件内容与登记的校验码不符，已被篡改或损坏，不能使用。请重新上传原文件，或从备份恢复。`,
      { sha256: row.sha256 },
    );
  }
  return { row, data: blob.data, code };
}

export function listEvidenceRows(db: Db, problemId: number, options: { includeDeleted?: boolean } = {}): (EvidenceRow & { measure_no: number | null })[] {
  return db.raw
    .prepare(
      `SELECT e.*, m.no AS measure_no FROM evidence e LEFT JOIN measures m ON m.id = e.measure_id
       WHERE e.problem_id = ? ${options.includeDeleted ? '' : 'AND e.deleted_at IS NULL'} ORDER BY e.seq`,
    )
    .all(problemId) as (EvidenceRow & { measure_no: number | null })[];
}

/** For messages: "2-3-1（会议纪要.pdf）". */
export function describeEvidence(code: string, row: Pick<EvidenceRow, 'seq' | 'title'>): string {
  return `${evidenceNumber(code, row.seq)}（${row.title}）`;
}
