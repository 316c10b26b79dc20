import fs from 'node:fs';
import type { BackupInfo } from '../../../shared/api/evidence';
import type { Db } from '../db/open';
import type { Session } from '../session';
import { todayIso } from '../../../shared/domain/dates';
import { now } from '../clock';
import { LedgerError } from '../errors';
import { backupFile, backupFolder, createBackup, listBackups, replaceLedgerFile, stageRestore } from './backup';

/**
 * Backups of the session's open ledger: before every import, once a day while the app is used, by hand,
 * and restoring one (after backing up the current state).
 */

export function sessionBackupFolder(session: Session): string {
  return backupFolder(session.dataDir, session.path());
}

/**
 * Call before committing an import (the import pipeline's commit handler awaits it): a failed backup
 * stops the import with its message, since the point is being able to go back.
 */
export function backupBeforeImport(session: Session): Promise<BackupInfo> {
  return createBackup(session.db(), sessionBackupFolder(session), 'import');
}

export function backupNow(session: Session): Promise<BackupInfo> {
  return createBackup(session.db(), sessionBackupFolder(session), 'manual');
}

/**
 * Replace the open ledger by one of its backups: the backup is checked first (a damaged one is refused and
 * nothing changes), the current ledger is backed up, then the file is swapped by rename and reopened.
 */
export async function restoreBackup(session: Session, name: string): Promise<{ restored: BackupInfo; safety: BackupInfo }> {
  const folder = sessionBackupFolder(session);
  const file = backupFile(folder, name);
  const restored = listBackups(folder).find((b) => b.name === name)!;
  const ledgerPath = session.path();
  const { tmp } = stageRestore(file, ledgerPath);
  let safety: BackupInfo;
  try {
    safety = await createBackup(session.db(), folder, 'restore');
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  session.close();
  try {
    replaceLedgerFile(tmp, ledgerPath);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    // Windows refuses to replace a file another program holds open.
    throw new LedgerError(
      'LEDGER_IN_USE',
      `无法替换台账文件（${e instanceof Error ? e.message : String(e)}）：它可能正被其他程序打开。台账保持恢复前的样子；请关闭其他程序后重试。`,
    );
  } finally {
    // Reopen whatever is there now: the restored copy, or the untouched ledger if the rename failed.
    session.open(ledgerPath);
  }
  return { restored, safety };
}

/** Whether the ledger holds anything worth a backup (a brand-new empty ledger does not). */
function hasContent(db: Db): boolean {
  return !!db.raw.prepare('SELECT 1 FROM rounds LIMIT 1').get();
}

/**
 * The daily backup: checked when a ledger is opened and before the first change of each new day. One
 * backup per ledger per calendar day (today's backup may already exist from an earlier session or an
 * import). Failures are logged, never thrown: a full disk must not stop a clerk from working, and the next
 * change tries again.
 */
export function dailyBackups(session: Session, log: (msg: string) => void) {
  const doneFor = new Map<string, string>();
  let pending: Promise<void> | null = null;

  const run = async (): Promise<void> => {
    let db: Db;
    try {
      db = session.db();
    } catch {
      return;
    }
    const today = todayIso(now());
    const key = db.path;
    if (doneFor.get(key) === today) return;
    try {
      if (!hasContent(db)) return;
      const folder = backupFolder(session.dataDir, db.path);
      const already = listBackups(folder).some((b) => todayIso(new Date(b.at)) === today);
      if (!already) await createBackup(db, folder, 'daily');
      doneFor.set(key, today);
    } catch (e) {
      log(`[backup] daily backup of ${key} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const schedule = (): Promise<void> => {
    const next = (pending ?? Promise.resolve()).then(run);
    pending = next;
    void next.finally(() => {
      if (pending === next) pending = null;
    });
    return next;
  };

  session.onOpen(() => void schedule());
  void schedule();
  return {
    /** Await before a change: makes today's backup first when it has not been made yet. */
    beforeChange(): Promise<void> {
      let key: string;
      try {
        key = session.path();
      } catch {
        return Promise.resolve();
      }
      if (!pending && doneFor.get(key) === todayIso(now())) return Promise.resolve();
      return schedule();
    },
  };
}
