import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../../shared/api/evidence';
import { openDb, openLedgerCopy, type Db } from '../db/open';
import { firstLine, LedgerError, mapEngineError } from '../errors';
import { now } from '../clock';
import { checkLedger, type CheckFinding } from '../ledger/check';
import { LEDGER_EXT } from '../paths';
import { safeFileName } from '../evidence/safe-name';
import { backupsToKeep, DEFAULT_RETENTION } from './retention';
import { removeLeftoverTemps, tempBeside } from '../temp-files';

/**
 * Backups of a ledger, made with SQLite's online backup API (a consistent copy of a live WAL database,
 * never a file copy), checked on the copy (integrity_check and the ledger's own check) before they count,
 * kept in the user's data folder per ledger and pruned by retention.ts.
 */

export type BackupReason = BackupInfo['reason'];

export const REASON_LABELS: Record<BackupReason, string> = {
  daily: '每日自动备份',
  import: '导入前自动备份',
  manual: '手动备份',
  restore: '恢复前自动备份',
  other: '备份',
};

export const RETENTION_TEXT = `自动保留最近 ${DEFAULT_RETENTION.recent} 份，以及最近 ${DEFAULT_RETENTION.weeks} 周每周最后 1 份。`;

const NAME = /^(\d{8})-(\d{6})-(\d{3})-(daily|import|manual|restore|other)\.zgtz$/;

export interface CopyCheck {
  findings: CheckFinding[];
  problems: number;
  evidence: number;
}

/** Where the backups of one ledger file live: a folder per ledger path (two ledgers never share one). */
export function backupFolder(dataDir: string, ledgerPath: string): string {
  const abs = path.resolve(ledgerPath);
  const base = safeFileName(path.basename(abs, path.extname(abs)), { maxLength: 40, fallback: '台账' });
  const hash = crypto.createHash('sha1').update(abs).digest('hex').slice(0, 8);
  return path.join(dataDir, 'backups', `${base}-${hash}`);
}

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${p(d.getMilliseconds(), 3)}`;
}

function parseName(name: string): { at: Date; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, ymd, hms, ms, reason] = m;
  const at = new Date(+ymd!.slice(0, 4), +ymd!.slice(4, 6) - 1, +ymd!.slice(6, 8), +hms!.slice(0, 2), +hms!.slice(2, 4), +hms!.slice(4, 6), +ms!);
  return { at, reason: reason as BackupReason };
}

/** integrity_check and the ledger check on a copy, plus what it holds. */
export function checkCopy(db: Db): CopyCheck {
  const findings = checkLedger(db);
  const count = (sql: string) => {
    try {
      return (db.raw.prepare(sql).get() as { n: number }).n;
    } catch {
      return 0;
    }
  };
  return {
    findings,
    problems: count('SELECT count(*) AS n FROM problems WHERE deleted_at IS NULL'),
    evidence: count('SELECT count(*) AS n FROM evidence WHERE deleted_at IS NULL AND sha256 IS NOT NULL'),
  };
}

/**
 * Temporary copies a killed process left behind (`.<name>.<pid>-<hex>.partial` / `.restoring`): removed
 * when their process is gone; those named before the process id was recorded, after ten minutes.
 */
export function removeStaleTemps(dir: string, now = Date.now()): string[] {
  return removeLeftoverTemps(dir, { now });
}

function removeWithSidecars(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

/**
 * Copy the live ledger to `target` with the backup API, through a temporary file beside it that is renamed
 * only once the copy has passed SQLite's integrity check. App-level findings are returned, not refused: a
 * ledger with a damaged evidence file still deserves a backup of everything else.
 */
export async function writeCheckedCopy(db: Db, target: string): Promise<CopyCheck> {
  const abs = path.resolve(target);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  removeStaleTemps(path.dirname(abs));
  const tmp = tempBeside(abs, 'partial');
  try {
    // 1000 pages (4 MB) per step: fast, yet the event loop (and the page) stays responsive.
    await db.raw.backup(tmp, { progress: () => 1000 });
    const copy = openLedgerCopy(tmp);
    let result: CopyCheck;
    try {
      result = checkCopy(copy);
    } finally {
      copy.close();
    }
    if (result.findings.some((f) => f.where === '数据库' && /完整性/.test(f.message))) {
      throw new LedgerError('BACKUP_FAILED', `备份副本未通过 SQLite 完整性检查（${result.findings[0]!.message}），已放弃该副本。请检查磁盘后重试。`);
    }
    const fd = fs.openSync(tmp, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, abs);
    return result;
  } catch (e) {
    removeWithSidecars(tmp);
    if (e instanceof LedgerError) throw e;
    const known = mapEngineError(e);
    if (known?.code === 'DISK_FULL') throw new LedgerError('DISK_FULL', '备份失败：磁盘空间不足。台账本身未受影响；请清理磁盘空间后重试。', known.detail);
    throw new LedgerError('BACKUP_FAILED', `备份失败：${known ? known.message : `${firstLine(e instanceof Error ? e.message : String(e))}。台账本身未受影响。`}`, known?.detail ?? firstLine(String(e)));
  }
}

interface Sidecar {
  /** Order of making in this folder: retention's "last 10" whatever the clock said. */
  seq?: number;
  ledgerPath: string;
  at: string;
  reason: BackupReason;
  problems: number;
  evidence: number;
  findings: string[];
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file + '.tmp', JSON.stringify(value, null, 2));
  fs.renameSync(file + '.tmp', file);
}

function toInfo(folder: string, name: string): BackupInfo | null {
  const parsed = parseName(name);
  if (!parsed) return null;
  const file = path.join(folder, name);
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null;
  }
  let side: Sidecar | null = null;
  try {
    side = JSON.parse(fs.readFileSync(file + '.json', 'utf8')) as Sidecar;
  } catch {
    side = null;
  }
  return {
    name,
    at: parsed.at.toISOString(),
    reason: parsed.reason,
    reasonLabel: REASON_LABELS[parsed.reason],
    size,
    problems: side?.problems ?? null,
    evidence: side?.evidence ?? null,
    checked: side != null,
    findings: side?.findings.length ?? 0,
  };
}

/** Backups in a folder, newest first. */
export function listBackups(folder: string): BackupInfo[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .map((n) => toInfo(folder, n))
    .filter((b): b is BackupInfo => b != null)
    .sort((a, b) => b.at.localeCompare(a.at) || b.name.localeCompare(a.name));
}

function sequenceOf(folder: string, name: string): number | null {
  try {
    const seq = (JSON.parse(fs.readFileSync(path.join(folder, name + '.json'), 'utf8')) as Sidecar).seq;
    return typeof seq === 'number' && Number.isFinite(seq) ? seq : null;
  } catch {
    return null;
  }
}

function nextSequence(folder: string): number {
  let max = 0;
  for (const b of listBackups(folder)) max = Math.max(max, sequenceOf(folder, b.name) ?? 0);
  return max + 1;
}

/** Delete what retention no longer keeps. Returns the names deleted. */
export function pruneBackups(folder: string, at: Date = now()): string[] {
  const all = listBackups(folder);
  const keep = backupsToKeep(all.map((b) => ({ name: b.name, at: new Date(b.at), seq: sequenceOf(folder, b.name) })), at);
  const gone = all.filter((b) => !keep.has(b.name)).map((b) => b.name);
  for (const name of gone) {
    removeWithSidecars(path.join(folder, name));
    fs.rmSync(path.join(folder, name + '.json'), { force: true });
  }
  return gone;
}

/** A checked backup of the open ledger into `folder`, then pruning. */
export async function createBackup(db: Db, folder: string, reason: BackupReason): Promise<BackupInfo> {
  let at = now();
  let name = `${stamp(at)}-${reason}${LEDGER_EXT}`;
  // Two backups in the same millisecond (an import right after the daily one): never overwrite.
  while (fs.existsSync(path.join(folder, name))) {
    at = new Date(at.getTime() + 1);
    name = `${stamp(at)}-${reason}${LEDGER_EXT}`;
  }
  const file = path.join(folder, name);
  const check = await writeCheckedCopy(db, file);
  const side: Sidecar = {
    seq: nextSequence(folder),
    ledgerPath: db.path,
    at: at.toISOString(),
    reason,
    problems: check.problems,
    evidence: check.evidence,
    findings: check.findings.map((f) => `${f.where}：${f.message}`),
  };
  writeJson(file + '.json', side);
  pruneBackups(folder, at);
  return toInfo(folder, name)!;
}

/** A backup's file, by its name, only inside the folder (a name cannot point elsewhere). */
export function backupFile(folder: string, name: string): string {
  if (!NAME.test(name)) throw new LedgerError('BACKUP_NOT_FOUND', `“${name}”不是本程序的备份文件名。`);
  const file = path.join(folder, name);
  if (!fs.existsSync(file)) throw new LedgerError('BACKUP_NOT_FOUND', `找不到备份“${name}”，可能已按保留规则删除。`);
  return file;
}

/**
 * Prepare a restore: copy the backup beside the ledger it will replace, open that copy as a ledger
 * (bringing an older backup up to date) and run the full check. Returns the checked temporary file; a
 * damaged backup is refused here and nothing else is touched.
 */
export function stageRestore(backup: string, ledgerPath: string): { tmp: string; check: CopyCheck } {
  const label = path.basename(backup);
  if (!fs.existsSync(backup) || !fs.statSync(backup).isFile()) throw new LedgerError('BACKUP_NOT_FOUND', `找不到备份文件：${backup}`);
  removeStaleTemps(path.dirname(path.resolve(ledgerPath)));
  const tmp = tempBeside(path.resolve(ledgerPath), 'restoring');
  try {
    fs.copyFileSync(backup, tmp);
    const db = openDb(tmp);
    let check: CopyCheck;
    try {
      check = checkCopy(db);
    } finally {
      db.close();
    }
    if (check.findings.length) {
      // One line per finding, engine reports cut to their first line (integrity_check lists pages by the hundred).
      const first = check.findings.slice(0, 3).map((f) => `${f.where}：${firstLine(f.message)}`).join('；');
      throw new LedgerError('BACKUP_DAMAGED', `备份“${label}”检查未通过（${check.findings.length} 处问题：${first}），已拒绝恢复，当前台账未被修改。`, check.findings);
    }
    return { tmp, check };
  } catch (e) {
    removeWithSidecars(tmp);
    if (e instanceof LedgerError && e.code === 'BACKUP_DAMAGED') throw e;
    // The staged copy's name is ours, not the person's: say what the backup is, keep the engine's words in the detail.
    const why = e instanceof LedgerError && e.code === 'NOT_A_LEDGER' ? '不是整改台账文件' : e instanceof LedgerError && e.code === 'LEDGER_TOO_NEW' ? '由较新版本的程序创建' : '已损坏';
    throw new LedgerError('BACKUP_DAMAGED', `备份“${label}”${why}，已拒绝恢复，当前台账未被修改。`, { message: firstLine(e instanceof Error ? e.message : String(e)) });
  }
}

/** Put a staged copy in place of the ledger file (the ledger must be closed). Atomic: rename, never a partial write. */
export function replaceLedgerFile(tmp: string, ledgerPath: string): void {
  const abs = path.resolve(ledgerPath);
  fs.rmSync(`${abs}-wal`, { force: true });
  fs.rmSync(`${abs}-shm`, { force: true });
  fs.renameSync(tmp, abs);
  try {
    const dir = fs.openSync(path.dirname(abs), 'r');
    fs.fsyncSync(dir);
    fs.closeSync(dir);
  } catch {
    // Directories cannot be opened for fsync on Windows; the rename is durable there by itself.
  }
}
