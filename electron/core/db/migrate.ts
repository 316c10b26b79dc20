import type Database from 'better-sqlite3';
import fs from 'node:fs';
import { LedgerError } from '../errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

/**
 * Bring a database to the latest schema: back the file up (when it holds data), then run every pending
 * migration and the version bump in one transaction. A database newer than this program is refused.
 */
export function migrate(raw: Database.Database, file: string | null): void {
  const current = raw.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_VERSION) throw tooNew(current);
  if (current === LATEST_VERSION) return;
  if (current > 0 && file) backupBeforeMigration(raw, file, current);
  const pending = MIGRATIONS.slice(current);
  // A table rebuild (SQLite's way to change a CHECK) needs foreign keys off, which only takes effect
  // outside a transaction; they are checked before the transaction commits and turned back on after.
  const fkOff = pending.some((m) => m.foreignKeysOff);
  const fkWas = raw.pragma('foreign_keys', { simple: true }) as number;
  if (fkOff) raw.pragma('foreign_keys = OFF');
  try {
    const run = raw.transaction(() => {
      for (const m of pending) {
        raw.exec(m.sql);
        raw.pragma(`user_version = ${m.version}`);
      }
      if (fkOff && (raw.pragma('foreign_key_check') as unknown[]).length) {
        throw new LedgerError('MIGRATION_FAILED', '升级台账数据结构时发现数据引用不一致，未作任何修改。请联系维护人员。');
      }
    });
    run.immediate();
  } finally {
    if (fkOff && fkWas) raw.pragma('foreign_keys = ON');
  }
}

export function tooNew(current: number): LedgerError {
  return new LedgerError(
    'LEDGER_TOO_NEW',
    `此台账由较新版本的整改台账创建（数据版本 ${current}），本程序只支持到版本 ${LATEST_VERSION}。请升级程序后再打开，文件未作任何修改。`,
    { current, latest: LATEST_VERSION },
  );
}

function backupBeforeMigration(raw: Database.Database, file: string, version: number): void {
  const target = `${file}.v${version}.bak`;
  if (fs.existsSync(target)) return;
  raw.exec(`VACUUM INTO '${target.replace(/'/g, "''")}'`);
}
