import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../errors';
import { migrate } from './migrate';
import { networkPathOf } from './network-path';

/** 'ZGTZ': marks a SQLite file as a ledger of this app. */
export const APPLICATION_ID = 0x5a47545a;

export interface Db {
  readonly raw: Database.Database;
  readonly path: string;
  /** Run fn in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T;
  close(): void;
}

export interface OpenOptions {
  /** Create the file when it does not exist. */
  create?: boolean;
  readonly?: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * The one place that opens a ledger: checks the file is a SQLite database of ours, sets and verifies the
 * pragmas (WAL, synchronous=FULL, foreign_keys=ON), and brings the schema up to date.
 */
export function openDb(file: string, options: OpenOptions = {}): Db {
  const abs = path.resolve(file);
  const exists = fs.existsSync(abs);
  if (!exists && !options.create) {
    throw new LedgerError('LEDGER_NOT_FOUND', `找不到台账文件：${abs}`);
  }
  if (exists) assertSqliteFile(abs);
  if (!options.readonly) assertLocalFile(file);
  if (!exists) fs.mkdirSync(path.dirname(abs), { recursive: true });

  let raw: Database.Database;
  try {
    raw = new Database(abs, { fileMustExist: !options.create, readonly: options.readonly ?? false });
  } catch (e) {
    throw new LedgerError('LEDGER_OPEN_FAILED', `无法打开台账文件：${abs}。文件可能已损坏或正被占用。`, String(e));
  }
  try {
    configure(raw, options.readonly ?? false);
    if (!options.readonly) {
      const appId = raw.pragma('application_id', { simple: true }) as number;
      const tables = raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
      if (appId !== APPLICATION_ID && tables.n > 0) {
        throw new LedgerError('NOT_A_LEDGER', `“${path.basename(abs)}”是 SQLite 数据库，但不是整改台账文件，未作任何修改。`);
      }
      migrate(raw, abs);
      if (appId !== APPLICATION_ID) raw.pragma(`application_id = ${APPLICATION_ID}`);
      ensureLedgerId(raw);
    }
  } catch (e) {
    raw.close();
    if (e instanceof LedgerError) throw e;
    throw new LedgerError('LEDGER_CORRUPT', `台账文件已损坏，无法读取：${abs}`, String(e));
  }
  return wrap(raw, abs);
}

/**
 * Every ledger carries a random id (return templates record it to recognise their ledger). Written in a
 * recorded system action like every other write.
 */
function ensureLedgerId(raw: Database.Database): void {
  if (raw.prepare("SELECT 1 FROM ledger_meta WHERE key = 'ledger_id'").get()) return;
  raw
    .transaction(() => {
      const action = raw
        .prepare("INSERT INTO actions (at, source, label) VALUES (?, 'system', '初始化台账标识')")
        .run(new Date().toISOString()).lastInsertRowid;
      raw.prepare('INSERT OR REPLACE INTO current_action (one, action_id) VALUES (1, ?)').run(action);
      raw.prepare("INSERT INTO ledger_meta (key, value) VALUES ('ledger_id', ?)").run(crypto.randomUUID());
      raw.prepare("INSERT OR IGNORE INTO ledger_meta (key, value) VALUES ('created_at', ?)").run(new Date().toISOString());
      raw.prepare('DELETE FROM current_action').run();
    })
    .immediate();
}

/** WAL needs shared memory that network file systems do not give: refuse to write a ledger there. */
function assertLocalFile(file: string): void {
  const verdict = networkPathOf(file);
  const abs = verdict.network ? file : path.resolve(file);
  if (verdict.network) {
    throw new LedgerError(
      'NETWORK_PATH',
      `台账文件“${abs}”位于网络位置（${verdict.why}），不能在此直接打开修改：台账使用 SQLite 的预写日志（WAL）模式，在网络共享盘上多人或断网时可能损坏文件。请先把文件复制到本机（如“文档”文件夹）再打开，用完后再复制回去。`,
      verdict,
    );
  }
}

/**
 * Open a copy of a ledger that was just written (a backup) to check it: read-write without migrating,
 * switched to a rollback journal so that the copy stays one self-contained file.
 */
export function openLedgerCopy(file: string): Db {
  const abs = path.resolve(file);
  assertSqliteFile(abs);
  let raw: Database.Database;
  try {
    raw = new Database(abs, { fileMustExist: true });
    raw.pragma('journal_mode = DELETE');
    raw.pragma('foreign_keys = ON');
    if ((raw.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
      raw.close();
      throw new LedgerError('NOT_A_LEDGER', `“${path.basename(abs)}”不是整改台账文件。`);
    }
  } catch (e) {
    if (e instanceof LedgerError) throw e;
    throw new LedgerError('LEDGER_CORRUPT', `文件已损坏，无法读取：${abs}`, String(e));
  }
  return wrap(raw, abs);
}

/**
 * Whether another connection (another program, or the app) has the ledger open: in WAL mode every open
 * connection holds a shared lock, so an exclusive lock is refused. Used before replacing the file.
 */
export function isOpenElsewhere(file: string): boolean {
  let raw: Database.Database | null = null;
  try {
    raw = new Database(path.resolve(file), { fileMustExist: true });
    raw.pragma('busy_timeout = 200');
    raw.pragma('locking_mode = EXCLUSIVE');
    raw.exec('BEGIN EXCLUSIVE');
    raw.exec('COMMIT');
    return false;
  } catch (e) {
    return /locked|busy/i.test(String(e));
  } finally {
    raw?.close();
  }
}

function assertSqliteFile(abs: string): void {
  const stat = fs.statSync(abs);
  if (stat.isDirectory()) throw new LedgerError('NOT_A_LEDGER', `“${abs}”是一个文件夹，不是台账文件。`);
  if (stat.size === 0) return; // an empty file becomes a new ledger
  const fd = fs.openSync(abs, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (!head.equals(SQLITE_HEADER)) {
      throw new LedgerError('NOT_A_LEDGER', `“${path.basename(abs)}”不是整改台账文件（文件头不是 SQLite 数据库），未作任何修改。`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function configure(raw: Database.Database, readonly: boolean): void {
  raw.pragma('busy_timeout = 5000');
  if (!readonly) {
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
  }
  raw.pragma('foreign_keys = ON');
  const actual = readPragmas(raw);
  if (!readonly && (actual.journalMode !== 'wal' || actual.synchronous !== 2 || actual.foreignKeys !== 1)) {
    throw new LedgerError(
      'LEDGER_PRAGMAS',
      '无法以安全模式打开台账（预写日志/完全同步/外键约束未生效），为防止数据损坏已停止。',
      actual,
    );
  }
}

export function readPragmas(raw: Database.Database): { journalMode: string; synchronous: number; foreignKeys: number } {
  return {
    journalMode: String(raw.pragma('journal_mode', { simple: true })).toLowerCase(),
    synchronous: Number(raw.pragma('synchronous', { simple: true })),
    foreignKeys: Number(raw.pragma('foreign_keys', { simple: true })),
  };
}

function wrap(raw: Database.Database, abs: string): Db {
  return {
    raw,
    path: abs,
    tx<T>(fn: () => T): T {
      if (raw.inTransaction) return fn();
      return raw.transaction(fn).immediate();
    },
    close() {
      if (raw.open) raw.close();
    },
  };
}
