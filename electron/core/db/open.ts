import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { engineError, LedgerError, READONLY_MESSAGE } from '../errors';
import { migrate, tooNew } from './migrate';
import { LATEST_VERSION } from './migrations';
import { removeLeftoverTemps } from '../temp-files';
import { networkPathOf } from './network-path';

/** 'ZGTZ': marks a SQLite file as a ledger of this app. */
export const APPLICATION_ID = 0x5a47545a;

export interface Db {
  readonly raw: Database.Database;
  readonly path: string;
  /** Opened read-only (read-only file, folder or medium): reads work, every write is refused. */
  readonly readonly: boolean;
  /** Run fn in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T;
  close(): void;
}

export interface OpenOptions {
  /** Create the file when it does not exist. */
  create?: boolean;
  /** Open read-only; by default a ledger that cannot be written (file, folder or medium) opens read-only. */
  readonly?: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

// Read-only media: `immutable=1` opens a WAL ledger where no -shm can be created (a CD, a read-only
// folder). Set before better-sqlite3 loads its addon (it reads this once); our paths are always absolute,
// so no file name is ever mistaken for a URI.
process.env.SQLITE_USE_URI ??= '1';

/**
 * The one place that opens a ledger. Reads the file's header first (a foreign database or a ledger of a
 * newer version is refused before anything is written: its bytes stay as they were), opens a ledger that
 * cannot be written read-only, otherwise sets and verifies the pragmas (WAL, synchronous=FULL,
 * foreign_keys=ON) and brings the schema up to date.
 */
export function openDb(file: string, options: OpenOptions = {}): Db {
  const abs = path.resolve(file);
  const exists = fs.existsSync(abs);
  if (!exists && !options.create) {
    throw new LedgerError('LEDGER_NOT_FOUND', `找不到台账文件：${abs}`);
  }
  if (exists) assertLedgerHeader(abs, readHeader(abs));
  const readonly = options.readonly ?? (exists && !canWrite(abs));
  if (readonly) return openReadOnly(abs);
  assertLocalFile(file);
  if (!exists) fs.mkdirSync(path.dirname(abs), { recursive: true });
  else removeLeftoverTemps(path.dirname(abs));

  let raw: Database.Database;
  try {
    raw = new Database(abs, { fileMustExist: !options.create });
  } catch (e) {
    if (exists && isReadOnlyError(e)) return openReadOnly(abs);
    throw new LedgerError('LEDGER_OPEN_FAILED', `无法打开台账文件：${abs}。文件可能已损坏或正被占用。`, String(e));
  }
  try {
    configure(raw);
    const appId = raw.pragma('application_id', { simple: true }) as number;
    const tables = raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    if (appId !== APPLICATION_ID && tables.n > 0) throw notALedger(abs);
    migrate(raw, abs);
    if (appId !== APPLICATION_ID) raw.pragma(`application_id = ${APPLICATION_ID}`);
    ensureLedgerId(raw);
  } catch (e) {
    raw.close();
    if (e instanceof LedgerError) throw e;
    // A medium or folder that refuses writes only once SQLite tries (read-only mount, locked-down share).
    if (exists && isReadOnlyError(e)) return openReadOnly(abs);
    throw engineError(e, abs);
  }
  return wrap(raw, abs, false);
}

/** The header fields that decide whether a file may be opened for writing (SQLite file format §1.3). */
export interface LedgerHeader {
  applicationId: number;
  userVersion: number;
  /** Pages in the main file (0 for an empty file). */
  pages: number;
}

/** Read the first 100 bytes: null for an empty file (it becomes a new ledger); not SQLite: refused. */
export function readHeader(abs: string): LedgerHeader | null {
  const stat = fs.statSync(abs);
  if (stat.isDirectory()) throw new LedgerError('NOT_A_LEDGER', `“${abs}”是一个文件夹，不是台账文件。`);
  if (stat.size === 0) return null;
  const head = Buffer.alloc(100);
  const fd = fs.openSync(abs, 'r');
  try {
    fs.readSync(fd, head, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.subarray(0, 16).equals(SQLITE_HEADER)) {
    throw new LedgerError('NOT_A_LEDGER', `“${path.basename(abs)}”不是整改台账文件（文件头不是 SQLite 数据库），未作任何修改。`);
  }
  const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
  // The in-header page count is valid when the change counter matches "version-valid-for".
  const counted = head.readUInt32BE(24) === head.readUInt32BE(92) ? head.readUInt32BE(28) : 0;
  return {
    applicationId: head.readUInt32BE(68),
    userVersion: head.readUInt32BE(60),
    pages: counted || Math.ceil(stat.size / (pageSize || 4096)),
  };
}

function notALedger(abs: string): LedgerError {
  return new LedgerError('NOT_A_LEDGER', `“${path.basename(abs)}”是 SQLite 数据库，但不是整改台账文件，未作任何修改。`);
}

/** Refuse, before opening, a database of another program and a ledger of a newer version. */
export function assertLedgerHeader(abs: string, header: LedgerHeader | null): void {
  if (!header) return;
  if (header.applicationId !== APPLICATION_ID) {
    // An empty SQLite database (one page, no version) may become a ledger; anything else is not ours.
    if (header.pages > 1 || header.userVersion !== 0) throw notALedger(abs);
    return;
  }
  if (header.userVersion > LATEST_VERSION) throw tooNew(header.userVersion);
}

/** Whether this process may write the ledger and create its -wal/-shm beside it. */
function canWrite(abs: string): boolean {
  try {
    fs.accessSync(abs, fs.constants.R_OK | fs.constants.W_OK);
    fs.accessSync(path.dirname(abs), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function isReadOnlyError(e: unknown): boolean {
  const code = String((e as { code?: unknown })?.code ?? '');
  return code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
}

function fileUri(abs: string): string {
  const p = abs.replace(/\\/g, '/');
  return `file:${p.startsWith('/') ? '' : '/'}${encodeURI(p).replace(/\?/g, '%3F').replace(/#/g, '%23')}?immutable=1`;
}

/**
 * A ledger that cannot be written: open it read-only; where SQLite cannot even keep its shared-memory
 * file beside it (a read-only folder or medium), as immutable. Only a ledger of the current version can be
 * shown this way (an older one would need its schema brought up to date, which is a write).
 */
function openReadOnly(abs: string): Db {
  let raw: Database.Database | null = null;
  const attempts = [() => new Database(abs, { readonly: true, fileMustExist: true }), () => new Database(fileUri(abs), { readonly: true, fileMustExist: true })];
  let last: unknown = null;
  for (const attempt of attempts) {
    try {
      raw = attempt();
      raw.pragma('user_version', { simple: true });
      break;
    } catch (e) {
      raw?.close();
      raw = null;
      last = e;
    }
  }
  if (!raw) throw engineError(last, abs);
  try {
    raw.pragma('busy_timeout = 5000');
    raw.pragma('foreign_keys = ON');
    const appId = raw.pragma('application_id', { simple: true }) as number;
    const version = raw.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw notALedger(abs);
    if (version > LATEST_VERSION) throw tooNew(version);
    if (version < LATEST_VERSION) {
      throw new LedgerError(
        'LEDGER_READONLY_OLD',
        `台账文件是只读的，且由旧版本程序创建，需要先升级数据格式才能打开：${abs}。请把它复制到可写的位置（如“文档”文件夹）后再打开。文件未作任何修改。`,
      );
    }
  } catch (e) {
    raw.close();
    if (e instanceof LedgerError) throw e;
    throw engineError(e, abs);
  }
  return wrap(raw, abs, true);
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
  readHeader(abs);
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
  return wrap(raw, abs, false);
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

function configure(raw: Database.Database): void {
  raw.pragma('busy_timeout = 5000');
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  const actual = readPragmas(raw);
  if (actual.journalMode !== 'wal' || actual.synchronous !== 2 || actual.foreignKeys !== 1) {
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

/**
 * Cache prepared statements by their SQL. The ledger modules prepare their statements where they use them
 * (readable), and compiling SQL again on every call was most of the time of a large import. A cached
 * statement is handed out with its result modes reset, and a fresh one is prepared while the cached one
 * is still iterating.
 */
function cacheStatements(raw: Database.Database): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = raw.prepare.bind(raw);
  const cached = (sql: string): Database.Statement => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) {
      if (hit.reader) hit.pluck(false).expand(false).raw(false);
      return hit;
    }
    if (hit) return prepare(sql);
    if (cache.size >= 1000) cache.clear();
    const stmt = prepare(sql);
    cache.set(sql, stmt);
    return stmt;
  };
  raw.prepare = cached as typeof raw.prepare;
}

function wrap(raw: Database.Database, abs: string, readonly: boolean): Db {
  cacheStatements(raw);
  return {
    raw,
    path: abs,
    readonly,
    tx<T>(fn: () => T): T {
      if (readonly) throw new LedgerError('LEDGER_READONLY', READONLY_MESSAGE, { file: abs });
      if (raw.inTransaction) return fn();
      return raw.transaction(fn).immediate();
    },
    close() {
      if (raw.open) raw.close();
    },
  };
}
