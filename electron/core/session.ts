import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from './db/open';
import { LedgerError, mapEngineError } from './errors';
import { commitTemp, removeLeftoverTemps, tempBeside } from './temp-files';
import { backupFolder } from './backup/backup';
import { defaultLedgerPath } from './paths';
import { nowIso } from './clock';
import crypto from 'node:crypto';
import { getClerk } from './ledger/clerk';

/** What the host (Electron, the web host, the command line) can do beyond the core. */
export interface HostCapabilities {
  kind: 'electron' | 'web' | 'cli';
  /** A native file dialog; absent where there is none (the browser host). */
  pickFile?(mode: 'open' | 'save', options?: { title?: string; defaultName?: string; extensions?: string[] }): Promise<string | null>;
  /** Open a file in the system's program for it. */
  openExternal?(file: string): Promise<void>;
}

export interface Session {
  readonly dataDir: string;
  /** Who acts: the clerk's name set for this computer in the open ledger, else the login name. */
  readonly actor: string;
  /** The computer's login name (what `actor` falls back to). */
  readonly login: string;
  /** A stable id of this computer (its data folder), under which the clerk is kept in each ledger. */
  readonly computerId: string;
  db(): Db;
  path(): string;
  isDefault(): boolean;
  /** Open another ledger; `readonly` opens it for viewing only (a ledger that cannot be written always is). */
  open(file: string, options?: { readonly?: boolean }): void;
  create(file: string): Db;
  saveAs(file: string): void;
  recent(): { path: string; openedAt: string }[];
  close(): void;
  /** Hooks run after a ledger is opened (backups, for instance). */
  onOpen(fn: (db: Db) => void): void;
}

interface Settings {
  recent: { path: string; openedAt: string }[];
  actor?: string;
  computerId?: string;
}

function readSettings(dataDir: string): Settings {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as Settings;
    return { recent: Array.isArray(s.recent) ? s.recent : [], actor: s.actor, computerId: s.computerId };
  } catch {
    return { recent: [] };
  }
}

function writeSettings(dataDir: string, s: Settings): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'settings.json');
  fs.writeFileSync(file + '.tmp', JSON.stringify(s, null, 2));
  fs.renameSync(file + '.tmp', file);
}

/**
 * The open ledger of a host. Starts on `ledgerPath`, or on the default ledger in the data folder
 * (created on first start).
 */
/**
 * `createIfMissing`: a ledger file named at start that does not exist yet is created (the web host's
 * `--ledger NEW.zgtz`); otherwise only the default ledger is created on first start.
 */
export function createSession(options: { dataDir: string; ledgerPath?: string; actor?: string; createIfMissing?: boolean }): Session {
  const { dataDir } = options;
  const settings = readSettings(dataDir);
  const login = options.actor ?? settings.actor ?? safeUserName();
  if (!settings.computerId) settings.computerId = crypto.randomUUID();
  const computerId = settings.computerId;
  const hooks: ((db: Db) => void)[] = [];
  let current: Db | null = null;

  const remember = (file: string) => {
    settings.recent = [{ path: file, openedAt: nowIso() }, ...settings.recent.filter((r) => r.path !== file)].slice(0, 10);
    try {
      writeSettings(dataDir, settings);
    } catch {
      // The recent list is a convenience; a read-only data folder must not stop the ledger from opening.
    }
  };

  const switchTo = (db: Db) => {
    current?.close();
    current = db;
    removeLeftoverTemps(backupFolder(dataDir, db.path));
    remember(db.path);
    for (const h of hooks) h(db);
  };

  const startPath = options.ledgerPath ? path.resolve(options.ledgerPath) : defaultLedgerPath(dataDir);
  const isStartDefault = !options.ledgerPath;
  current = openDb(startPath, { create: isStartDefault || (!!options.createIfMissing && !fs.existsSync(startPath)) });
  removeLeftoverTemps(backupFolder(dataDir, current.path));
  remember(current.path);

  return {
    dataDir,
    login,
    computerId,
    get actor() {
      try {
        return (current && getClerk(current, computerId)?.name) || login;
      } catch {
        return login;
      }
    },
    db() {
      if (!current) throw new LedgerError('NO_LEDGER', '没有打开的台账。');
      return current;
    },
    path() {
      return this.db().path;
    },
    isDefault() {
      return current?.path === defaultLedgerPath(dataDir);
    },
    open(file, options = {}) {
      const abs = path.resolve(file);
      if (current?.path === abs && (options.readonly === undefined || current.readonly === options.readonly)) return;
      switchTo(openDb(abs, { create: false, readonly: options.readonly }));
    },
    create(file) {
      const abs = path.resolve(file);
      if (fs.existsSync(abs) && fs.statSync(abs).size > 0) {
        throw new LedgerError('FILE_EXISTS', `文件已存在：${abs}。请换一个文件名，或用“打开”打开它。`);
      }
      const db = openDb(abs, { create: true });
      switchTo(db);
      return db;
    },
    saveAs(file) {
      const abs = path.resolve(file);
      const db = this.db();
      if (abs === db.path) return;
      if (fs.existsSync(abs)) throw new LedgerError('FILE_EXISTS', `文件已存在：${abs}。请换一个文件名。`);
      if (!fs.existsSync(path.dirname(abs))) throw new LedgerError('NO_FOLDER', `找不到要保存到的文件夹：${path.dirname(abs)}`);
      removeLeftoverTemps(path.dirname(abs));
      // VACUUM INTO writes a consistent copy of the live database (never copy a WAL database file by hand),
      // into a temporary file that becomes the new ledger only when complete.
      const tmp = tempBeside(abs, 'partial');
      try {
        db.raw.exec(`VACUUM INTO '${tmp.replace(/'/g, "''")}'`);
        commitTemp(tmp, abs, { overwrite: false });
      } catch (e) {
        throw mapEngineError(e, abs) ?? e;
      } finally {
        fs.rmSync(tmp, { force: true });
      }
      switchTo(openDb(abs, { create: false }));
    },
    recent() {
      return settings.recent.filter((r) => fs.existsSync(r.path));
    },
    close() {
      current?.close();
      current = null;
    },
    onOpen(fn) {
      hooks.push(fn);
    },
  };
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}
