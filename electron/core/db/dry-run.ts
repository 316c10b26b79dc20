import type { Db } from './open';

const DRY = Symbol('dry run');
const running = new WeakMap<Db, number>();

/** Whether writes on `db` are part of a dry run now (they will be rolled back). */
export function inDryRun(db: Db): boolean {
  return (running.get(db) ?? 0) > 0;
}

/**
 * Run `fn` to see what it would do, then undo all of it: in a transaction of its own (a savepoint when one
 * is already open) that is always rolled back. An import preview and the probe of whether an import can
 * be undone run this way, so they go through the very code a commit runs. Inside, the search index is
 * left alone (ledger/search-index.ts): nothing in a dry run reads it, and building it for 10,000 progress
 * entries was a third of a large preview.
 */
export function dryRun<T>(db: Db, fn: () => T): T {
  let out: { value: T } | null = null;
  running.set(db, (running.get(db) ?? 0) + 1);
  try {
    db.raw
      .transaction(() => {
        out = { value: fn() };
        throw DRY;
      })
      .immediate();
  } catch (e) {
    if (e !== DRY) throw e;
  } finally {
    running.set(db, running.get(db)! - 1);
  }
  return out!.value;
}
