/**
 * A child process for the leftovers test: backs the ledger up into its backup folder (as the app does),
 * or stages restores beside it, again and again until killed. argv: LEDGER backup|restore [BACKUP].
 */
import fs from 'node:fs';
import { openDb } from '../../electron/core/db/open';
import { backupFolder, createBackup, stageRestore } from '../../electron/core/backup/backup';
import { defaultDataDir } from '../../electron/core/paths';

const [ledger, mode, backup] = process.argv.slice(2) as [string, 'backup' | 'restore', string | undefined];
process.stdout.write('ready\n');
if (mode === 'backup') {
  const db = openDb(ledger);
  const folder = backupFolder(defaultDataDir(), ledger);
  for (;;) await createBackup(db, folder, 'manual');
} else {
  for (;;) fs.rmSync(stageRestore(backup!, ledger).tmp);
}
