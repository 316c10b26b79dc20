import m0001 from './0001_init';
import m0002 from './0002_import_indexes';
import m0003 from './0003_search_and_history';
import m0004 from './0004_rounds_and_reminders';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. The array index + 1 must equal each migration's version. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004];

export const LATEST_VERSION = MIGRATIONS.length;
