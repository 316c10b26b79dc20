import type { Db } from '../db/open';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { getCategory } from './rounds';

/** Must run inside an action. */
export function renameCategory(db: Db, id: number, title: string): void {
  const t = title.trim();
  if (!t) throw new LedgerError('EMPTY_TITLE', '问题类别的标题不能为空。');
  getCategory(db, id);
  db.raw.prepare('UPDATE categories SET title = ? WHERE id = ? AND title <> ?').run(t, id, t);
}

/** Soft delete a category with its problems; its number is never reused. */
export function deleteCategory(db: Db, id: number): void {
  const cat = getCategory(db, id);
  if (cat.deletedAt) return;
  const at = nowIso();
  db.raw.prepare('UPDATE categories SET deleted_at = ? WHERE id = ?').run(at, id);
  db.raw.prepare('UPDATE problems SET deleted_at = ? WHERE category_id = ? AND deleted_at IS NULL').run(at, id);
}

export function restoreCategory(db: Db, id: number): void {
  const cat = getCategory(db, id);
  if (!cat.deletedAt) return;
  db.raw.prepare('UPDATE problems SET deleted_at = NULL WHERE category_id = ? AND deleted_at = ?').run(id, cat.deletedAt);
  db.raw.prepare('UPDATE categories SET deleted_at = NULL WHERE id = ?').run(id);
}

/** Put a category at a 1-based position among the live categories of its round. */
export function moveCategory(db: Db, id: number, position: number): void {
  const cat = getCategory(db, id);
  const ids = (
    db.raw.prepare('SELECT id FROM categories WHERE round_id = ? AND deleted_at IS NULL AND id <> ? ORDER BY sort, no').all(cat.roundId, id) as {
      id: number;
    }[]
  ).map((r) => r.id);
  ids.splice(Math.max(0, Math.min(position - 1, ids.length)), 0, id);
  ids.forEach((cid, i) => db.raw.prepare('UPDATE categories SET sort = ? WHERE id = ? AND sort <> ?').run(i + 1, cid, i + 1));
}
