import m0001 from './0001_init';
import m0002 from './0002_import_indexes';
import m0003 from './0003_search_and_history';
import m0004 from './0004_unstated_status';
import m0005, { EXTRA_TRACKED } from './0005_extra_fields';
import { TRACKED_TABLES as TRACKED_0001 } from './0001_init';
import m0006, { TRACKED_0006 } from './0006_rounds_and_reminders';
import m0007 from './0007_reference_indexes';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Rebuilds tables that others reference: run with foreign keys off, checked before committing. */
  foreignKeysOff?: boolean;
}

/** Numbered, append-only. The array index + 1 must equal each migration's version. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007];

export const LATEST_VERSION = MIGRATIONS.length;

/** Every table whose writes are recorded in history (undo, redo, reverting an import batch). */
export const TRACKED_TABLES: Record<string, { cols: string[]; problemRef: string | null }> = { ...TRACKED_0001, ...EXTRA_TRACKED, ...TRACKED_0006 };
