import m0001 from './0001_init';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. The array index + 1 must equal each migration's version. */
export const MIGRATIONS: readonly Migration[] = [m0001];

export const LATEST_VERSION = MIGRATIONS.length;
