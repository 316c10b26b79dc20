import type { Db } from '../db/open';
import type { LeaderInfo, UnitInfo } from '../../../shared/domain/types';
import { cleanName } from '../../../shared/domain/names';
import { LedgerError } from '../errors';

type Kind = 'unit' | 'leader';
const T = {
  unit: { table: 'units', aliases: 'unit_aliases', fk: 'unit_id' },
  leader: { table: 'leaders', aliases: 'leader_aliases', fk: 'leader_id' },
} as const;

/** The record a name refers to, by name or alias; null when unknown. */
export function findPerson(db: Db, kind: Kind, name: string): number | null {
  const t = T[kind];
  const n = cleanName(name);
  if (!n) return null;
  const direct = db.raw.prepare(`SELECT id FROM ${t.table} WHERE name = ?`).get(n) as { id: number } | undefined;
  if (direct) return direct.id;
  const alias = db.raw.prepare(`SELECT ${t.fk} AS id FROM ${t.aliases} WHERE alias = ?`).get(n) as { id: number } | undefined;
  return alias?.id ?? null;
}

/** Find or create (inside the current action) the unit or leader a name refers to. */
export function resolvePerson(db: Db, kind: Kind, name: string): number {
  const found = findPerson(db, kind, name);
  if (found != null) return found;
  const n = cleanName(name);
  if (!n) throw new LedgerError('EMPTY_NAME', kind === 'unit' ? '单位名称不能为空。' : '领导名称不能为空。');
  const t = T[kind];
  const max = db.raw.prepare(`SELECT coalesce(max(sort), 0) AS s FROM ${t.table}`).get() as { s: number };
  return Number(db.raw.prepare(`INSERT INTO ${t.table} (name, sort) VALUES (?, ?)`).run(n, max.s + 1).lastInsertRowid);
}

export function nameOf(db: Db, kind: Kind, id: number | null): string | null {
  if (id == null) return null;
  const row = db.raw.prepare(`SELECT name FROM ${T[kind].table} WHERE id = ?`).get(id) as { name: string } | undefined;
  return row?.name ?? null;
}

/**
 * Record `alias` as another name of the record `name` (政治部 = 市司法局政治部). When the alias is itself a
 * record, its problems move over and it is removed, so that both count as one.
 */
export function addAlias(db: Db, kind: Kind, name: string, alias: string): void {
  const t = T[kind];
  const id = resolvePerson(db, kind, name);
  const a = cleanName(alias);
  if (!a || a === nameOf(db, kind, id)) return;
  const other = findPerson(db, kind, a);
  if (other === id) return;
  if (other != null) {
    if (kind === 'unit') {
      db.raw.prepare('UPDATE problems SET lead_unit_id = ? WHERE lead_unit_id = ?').run(id, other);
      moveLinks(db, 'problem_units', 'unit_id', other, id);
    } else {
      moveLinks(db, 'problem_leaders', 'leader_id', other, id);
    }
    db.raw.prepare(`UPDATE ${t.aliases} SET ${t.fk} = ? WHERE ${t.fk} = ?`).run(id, other);
    db.raw.prepare(`DELETE FROM ${t.table} WHERE id = ?`).run(other);
  }
  db.raw.prepare(`INSERT OR IGNORE INTO ${t.aliases} (${t.fk}, alias) VALUES (?, ?)`).run(id, a);
}

function moveLinks(db: Db, table: string, col: string, from: number, to: number): void {
  const rows = db.raw.prepare(`SELECT id, problem_id FROM ${table} WHERE ${col} = ?`).all(from) as {
    id: number;
    problem_id: number;
  }[];
  for (const r of rows) {
    const dup = db.raw.prepare(`SELECT id FROM ${table} WHERE problem_id = ? AND ${col} = ?`).get(r.problem_id, to);
    if (dup) db.raw.prepare(`DELETE FROM ${table} WHERE id = ?`).run(r.id);
    else db.raw.prepare(`UPDATE ${table} SET ${col} = ? WHERE id = ?`).run(to, r.id);
  }
}

export function removeAlias(db: Db, kind: Kind, alias: string): void {
  const t = T[kind];
  db.raw.prepare(`DELETE FROM ${t.aliases} WHERE alias = ?`).run(cleanName(alias));
}

export function renamePerson(db: Db, kind: Kind, id: number, newName: string): void {
  const t = T[kind];
  const n = cleanName(newName);
  if (!n) throw new LedgerError('EMPTY_NAME', '名称不能为空。');
  const clash = findPerson(db, kind, n);
  if (clash != null && clash !== id) {
    throw new LedgerError('NAME_TAKEN', `“${n}”已是另一${kind === 'unit' ? '单位' : '领导'}的名称或别名，可改为“设为别名”合并两者。`);
  }
  db.raw.prepare(`UPDATE ${t.table} SET name = ? WHERE id = ?`).run(n, id);
}

export function listUnits(db: Db, roundId: number | null): UnitInfo[] {
  return listPeople(db, 'unit', roundId) as UnitInfo[];
}

export function listLeaders(db: Db, roundId: number | null): LeaderInfo[] {
  return listPeople(db, 'leader', roundId) as LeaderInfo[];
}

function listPeople(db: Db, kind: Kind, roundId: number | null): (UnitInfo | LeaderInfo)[] {
  const t = T[kind];
  const countSql =
    kind === 'unit'
      ? `SELECT lead_unit_id AS id, count(*) AS n FROM problems WHERE deleted_at IS NULL ${roundId ? 'AND round_id = ?' : ''} GROUP BY lead_unit_id`
      : `SELECT pl.leader_id AS id, count(*) AS n FROM problem_leaders pl JOIN problems p ON p.id = pl.problem_id
         WHERE p.deleted_at IS NULL ${roundId ? 'AND p.round_id = ?' : ''} GROUP BY pl.leader_id`;
  const counts = new Map(
    (db.raw.prepare(countSql).all(...(roundId ? [roundId] : [])) as { id: number; n: number }[]).map((r) => [r.id, r.n]),
  );
  const aliases = new Map<number, string[]>();
  for (const a of db.raw.prepare(`SELECT ${t.fk} AS id, alias FROM ${t.aliases} ORDER BY alias`).all() as {
    id: number;
    alias: string;
  }[]) {
    if (!aliases.has(a.id)) aliases.set(a.id, []);
    aliases.get(a.id)!.push(a.alias);
  }
  return (db.raw.prepare(`SELECT id, name FROM ${t.table} ORDER BY sort, id`).all() as { id: number; name: string }[]).map(
    (r) => ({ id: r.id, name: r.name, aliases: aliases.get(r.id) ?? [], problemCount: counts.get(r.id) ?? 0 }),
  );
}
