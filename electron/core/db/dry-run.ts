import type { Db } from './open';

const DRY = Symbol('dry run');

/**
 * Run `fn` to see what it would do, then undo all of it: in a transaction of its own (a savepoint when one
 * is already open) that is always rolled back. An import preview and the probe of whether an import can
 * be undone run this way, so they go through the very code a commit runs.
 *
 * Inside, `preview_mode` holds its row and the search-index triggers do nothing (migration 0003): nothing
 * in a dry run reads the index, and keeping it up to date was a third of a large preview. The row goes
 * with the rollback; that is why it is set here and nowhere else.
 */
export function dryRun<T>(db: Db, fn: () => T): T {
  let out: { value: T } | null = null;
  try {
    db.raw
      .transaction(() => {
        db.raw.prepare('INSERT OR IGNORE INTO preview_mode (one) VALUES (1)').run();
        out = { value: fn() };
        throw DRY;
      })
      .immediate();
  } catch (e) {
    if (e !== DRY) throw e;
  }
  return out!.value;
}
