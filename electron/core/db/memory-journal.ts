import type { Db } from './open';

/**
 * Run a large write with SQLite's temporary files (the statement journals) in memory. Inside a transaction
 * SQLite keeps, for nearly every write statement, the pages it changes in a statement journal, so that the
 * statement alone can be undone if it fails; in a file, a 10,000-problem import made 880,000 write calls to
 * it (half of its system time). In memory they are copies, dropped as each statement (or an import's row
 * savepoint) ends, so they stay small. The setting can change only outside a transaction: inside one (a
 * caller's), `fn` runs as it is. The connection's setting is restored afterwards.
 */
export function withMemoryJournals<T>(db: Db, fn: () => T): T {
  if (db.raw.inTransaction || db.readonly) return fn();
  const before = db.raw.pragma('temp_store', { simple: true }) as number;
  if (before === 2) return fn();
  db.raw.pragma('temp_store = MEMORY');
  try {
    return fn();
  } finally {
    db.raw.pragma(`temp_store = ${Number(before)}`);
  }
}
