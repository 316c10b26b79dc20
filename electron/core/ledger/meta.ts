import type { Db } from '../db/open';

export function getMeta(db: Db, key: string): string | null {
  const row = db.raw.prepare('SELECT value FROM ledger_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Must run inside an action (ledger_meta is tracked). */
export function setMeta(db: Db, key: string, value: string): void {
  const existing = db.raw.prepare('SELECT id, value FROM ledger_meta WHERE key = ?').get(key) as
    | { id: number; value: string }
    | undefined;
  if (!existing) db.raw.prepare('INSERT INTO ledger_meta (key, value) VALUES (?, ?)').run(key, value);
  else if (existing.value !== value) db.raw.prepare('UPDATE ledger_meta SET value = ? WHERE id = ?').run(value, existing.id);
}
