import type { Db } from '../db/open';
import { LedgerError } from '../errors';

interface Orphan {
  table: string;
  rowid: number;
  parent: string;
}

/**
 * The rows whose foreign keys broke, among the tables a revert wrote (`touched`) and those that point at
 * them. Asking SQLite to check the whole file would also read every history row, for nothing: a revert
 * never removes an action.
 */
function orphansAfter(db: Db, touched: Set<string>): Orphan[] {
  const tables = (db.raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%REFERENCES%'").all() as { name: string }[]).map((r) => r.name);
  const out: Orphan[] = [];
  for (const t of tables) {
    const parents = (db.raw.pragma(`foreign_key_list(${t})`) as { table: string }[]).map((f) => f.table);
    if (!touched.has(t) && !parents.some((p) => touched.has(p))) continue;
    out.push(...(db.raw.pragma(`foreign_key_check(${t})`) as Orphan[]));
  }
  return out;
}

/**
 * After reverting recorded writes: refuse (a LedgerError, which rolls the revert back) when rows written
 * later still point at what the revert removed. A return imported after a master ledger adds progress and
 * evidence to the master's problems without changing them, which the history check cannot see; the
 * foreign keys can. The message names the later import batches when they are the reason.
 */
export function refuseOrphans(db: Db, touched: Set<string>, verb: '撤销' | '重做' = '撤销'): void {
  const orphans = orphansAfter(db, touched);
  if (orphans.length === 0) return;
  const later = new Set<string>();
  for (const o of orphans.slice(0, 200)) {
    if (o.table !== 'progress' && o.table !== 'evidence') continue;
    const row = db.raw
      .prepare(`SELECT b.id, b.file_name FROM ${o.table} x JOIN import_batches b ON b.id = x.batch_id WHERE x.rowid = ?`)
      .get(o.rowid) as { id: number; file_name: string } | undefined;
    if (row) later.add(`“${row.file_name}”（批次 ${row.id}）`);
  }
  throw new LedgerError(
    'UNDO_CONFLICT',
    later.size
      ? `无法${verb}：之后导入的 ${[...later].join('、')} 仍依赖要${verb}的数据。请先撤销之后的导入批次。`
      : `无法${verb}：之后新增的进展、佐证材料、措施或销号记录仍依赖要${verb}的数据。请先撤销之后的修改。`,
    orphans.slice(0, 20),
  );
}
