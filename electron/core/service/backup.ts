import type { Handlers } from './registry';
import { backupNow, restoreBackup, sessionBackupFolder } from '../backup/session-backups';
import { listBackups, RETENTION_TEXT } from '../backup/backup';
import { ledgerInfo } from './ledger';

export const backupHandlers: Handlers<'backup.list' | 'backup.create' | 'backup.restore'> = {
  'backup.list': (_req, ctx) => {
    const dir = sessionBackupFolder(ctx.session);
    return { dir, backups: listBackups(dir), policy: RETENTION_TEXT };
  },
  'backup.create': (_req, ctx) => backupNow(ctx.session),
  'backup.restore': async (req, ctx) => {
    await restoreBackup(ctx.session, req.name);
    return ledgerInfo(ctx);
  },
};
