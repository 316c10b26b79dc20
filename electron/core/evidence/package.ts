import fs from 'node:fs';
import path from 'node:path';
import { Zip, ZipPassThrough } from 'fflate';
import type { Db } from '../db/open';
import type { PackagePlan, PackageResult } from '../../../shared/api/evidence';
import { evidenceNumber } from '../../../shared/domain/code';
import { LedgerError } from '../errors';
import { commitTemp, refuseExisting, removeLeftoverTemps, tempBeside } from '../temp-files';
import { nowIso } from '../clock';
import { getMeta } from '../ledger/meta';
import { getRound } from '../ledger/rounds';
import { listProblemSummaries } from '../ledger/views';
import { fromMime } from './sniff';
import { sha256Of, type EvidenceRow } from './store';
import { joinInside, safeFileName, uniqueName } from './safe-name';
import { buildIndexWorkbook, INDEX_FILE_NAME, type IndexLine } from './index-workbook';

/**
 * The evidence package: one folder per problem code holding its files under safe names, and the
 * 佐证材料目录 workbook at the top, as a zip or a folder. Every file is checked against its SHA-256 while
 * it is written; the package is written to a temporary name and renamed when complete, so an interrupted
 * export never leaves a half-written package under the chosen name.
 */

/** Zip without Zip64 (fflate) cannot go beyond 4 GiB. */
const ZIP_LIMIT = 0xffffffff - 64 * 1024 * 1024;

const EXT_OF_MIME: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'application/ofd': '.ofd',
  'text/plain': '.txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
};

export interface PlannedFile {
  row: EvidenceRow;
  code: string;
  problem: string;
  number: string;
  /** Folder and file name inside the package (null for an item whose file has not arrived). */
  folder: string;
  file: string | null;
}

function extensionFor(row: EvidenceRow): string {
  const m = /\.([\p{L}\p{N}]{1,10})$/u.exec(row.original_name.trim());
  return m ? `.${m[1]}` : (EXT_OF_MIME[row.mime] ?? '');
}

/** `2-3-1 会议纪要.pdf`: the number, the title (without a repeated extension), the original extension. */
export function packageFileName(number: string, title: string, ext: string): string {
  const t = ext && title.toLowerCase().endsWith(ext.toLowerCase()) ? title.slice(0, -ext.length) : title;
  // The title is cleaned on its own first, so that "../x" or "CON" lose their meaning, not just their slashes.
  return safeFileName(`${number} ${safeFileName(t, { fallback: '' })}${ext}`, { maxLength: 100, fallback: number });
}

/** What goes where: live evidence of the round's live problems, in ledger order, with unique safe names. */
export function planPackage(db: Db, roundId: number): PlannedFile[] {
  const problems = listProblemSummaries(db, { roundId });
  const stmt = db.raw.prepare('SELECT * FROM evidence WHERE problem_id = ? AND deleted_at IS NULL ORDER BY seq');
  const out: PlannedFile[] = [];
  const folders = new Set<string>();
  for (const p of problems) {
    const rows = stmt.all(p.id) as EvidenceRow[];
    if (rows.length === 0) continue;
    const folder = uniqueName(safeFileName(p.code, { maxLength: 20, fallback: `问题${p.id}` }), folders, 20);
    const taken = new Set<string>();
    for (const row of rows) {
      const number = evidenceNumber(p.code, row.seq);
      const file = row.sha256 ? uniqueName(packageFileName(number, row.title, extensionFor(row)), taken) : null;
      out.push({ row, code: p.code, problem: p.text, number, folder, file });
    }
  }
  return out;
}

function indexLines(plan: PlannedFile[]): IndexLine[] {
  return plan.map((f) => ({
    code: f.code,
    problem: f.problem,
    number: f.number,
    title: f.row.title,
    originalName: f.row.original_name,
    typeLabel: f.row.sha256 ? fromMime(f.row.mime).label : '',
    size: f.row.size,
    sha256: f.row.sha256,
    addedBy: f.row.added_by,
    addedAt: f.row.sha256 ? f.row.added_at : '',
    path: f.file ? `${f.folder}/${f.file}` : '',
  }));
}

/** The stored bytes, refused when they no longer match their SHA-256. */
function verifiedBytes(db: Db, f: PlannedFile): Buffer {
  const blob = db.raw.prepare('SELECT data FROM blobs WHERE sha256 = ?').get(f.row.sha256) as { data: Buffer } | undefined;
  if (!blob || sha256Of(blob.data) !== f.row.sha256) {
    throw new LedgerError(
      'BLOB_DAMAGED',
      `佐证材料 ${f.number}（${f.row.original_name}）的文件内容${blob ? '与登记的校验码不符（已被篡改或损坏）' : '缺失'}，材料包未导出。请重新上传该文件或从备份恢复后再导出。`,
    );
  }
  return blob.data;
}

function writeZip(db: Db, plan: PlannedFile[], index: Buffer, out: string, overwrite: boolean): number {
  const total = plan.reduce((s, f) => s + (f.file ? (f.row.size ?? 0) : 0), index.length);
  if (total > ZIP_LIMIT) {
    throw new LedgerError('PACKAGE_TOO_LARGE', `材料共 ${(total / 1073741824).toFixed(1)} GB，超过 zip 文件 4 GB 的上限。请改为导出到文件夹。`);
  }
  const tmp = tempBeside(out, 'zip-partial');
  const fd = fs.openSync(tmp, 'w');
  let written = 0;
  let failure: Error | null = null;
  try {
    // Stored, not deflated: evidence is mostly PDF/JPEG/Office files, already compressed.
    const zip = new Zip((err, chunk) => {
      if (err) failure = err;
      else {
        fs.writeSync(fd, chunk);
        written += chunk.length;
      }
    });
    const add = (name: string, data: Uint8Array, mtime: string) => {
      const entry = new ZipPassThrough(name);
      const t = new Date(mtime);
      entry.mtime = Number.isNaN(t.getTime()) || t.getFullYear() < 1980 ? new Date() : t;
      zip.add(entry);
      entry.push(data, true);
      if (failure) throw failure;
    };
    add(INDEX_FILE_NAME, index, nowIso());
    for (const f of plan) if (f.file) add(`${f.folder}/${f.file}`, verifiedBytes(db, f), f.row.added_at);
    zip.end();
    if (failure) throw failure;
    fs.fsyncSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  try {
    commitTemp(tmp, out, { overwrite });
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return written;
}

function writeFolder(db: Db, plan: PlannedFile[], index: Buffer, out: string): number {
  if (fs.existsSync(out)) {
    if (!fs.statSync(out).isDirectory()) throw new LedgerError('OUT_EXISTS', `“${out}”已存在且不是文件夹。请换一个位置。`);
    if (fs.readdirSync(out).length > 0) throw new LedgerError('OUT_EXISTS', `文件夹“${out}”已存在且不为空。为防止覆盖，请选择一个新的或空的文件夹。`);
  }
  const tmp = tempBeside(out, 'partial');
  let bytes = 0;
  try {
    fs.mkdirSync(tmp);
    fs.writeFileSync(joinInside(tmp, INDEX_FILE_NAME), index);
    bytes += index.length;
    for (const f of plan) {
      if (!f.file) continue;
      const dir = joinInside(tmp, f.folder);
      fs.mkdirSync(dir, { recursive: true });
      const data = verifiedBytes(db, f);
      fs.writeFileSync(joinInside(tmp, f.folder, f.file), data, { flag: 'wx' });
      bytes += data.length;
    }
    if (fs.existsSync(out)) fs.rmdirSync(out);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return bytes;
}

/**
 * `overwrite`: replace an existing zip (the desktop's save dialog asked; `--force`). A folder package
 * never replaces anything: it goes to a new or empty folder.
 */
export async function exportEvidencePackage(db: Db, roundId: number, out: string, format: 'zip' | 'folder', options: { overwrite?: boolean } = {}): Promise<PackageResult> {
  const target = path.resolve(out);
  if (!fs.existsSync(path.dirname(target))) throw new LedgerError('NO_FOLDER', `找不到要保存到的文件夹：${path.dirname(target)}`);
  removeLeftoverTemps(path.dirname(target));
  if (format === 'zip' && fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    throw new LedgerError('OUT_EXISTS', `“${target}”是一个文件夹。导出 zip 请给出文件名（以 .zip 结尾）。`);
  }
  if (format === 'zip') refuseExisting(target, options.overwrite ?? false);
  const round = getRound(db, roundId);
  const plan = planPackage(db, roundId);
  const index = await buildIndexWorkbook(indexLines(plan), { ledgerName: getMeta(db, 'name') ?? path.basename(db.path), roundTitle: round.title, exportedAt: nowIso() });
  const bytes = format === 'zip' ? writeZip(db, plan, index, target, options.overwrite ?? false) : writeFolder(db, plan, index, target);
  return {
    path: target,
    fileName: path.basename(target),
    format,
    problems: new Set(plan.map((f) => f.code)).size,
    files: plan.filter((f) => f.file).length,
    listedNotReceived: plan.filter((f) => !f.file).length,
    bytes,
  };
}

/** What an export would hold, without writing it. */
export function packagePlan(db: Db, roundId: number): PackagePlan {
  const plan = planPackage(db, roundId);
  return {
    problems: new Set(plan.map((f) => f.code)).size,
    files: plan.filter((f) => f.file).length,
    listedNotReceived: plan.filter((f) => !f.file).length,
    bytes: plan.reduce((s, f) => s + (f.file ? (f.row.size ?? 0) : 0), 0),
  };
}
