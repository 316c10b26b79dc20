import type { Db } from '../db/open';
import type { LeaderInfo, UnitInfo } from '../../../shared/domain/types';
import { cleanName, splitUnits } from '../../../shared/domain/names';
import { LedgerError } from '../errors';
import { runAction } from './actions';

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

/** The unit names a cell holds (`法治调研科、立法科` → two); the first of a lead-unit cell is the lead. */
export function splitUnitCell(cell: string): string[] {
  return splitUnits(cell);
}

/** A unit name that is really a list of units (the phantom units of earlier versions). */
export function looksLikeUnitList(name: string): boolean {
  return splitUnits(name).length > 1;
}

/** Names (after splitting) that match no record and no alias: they would become new records. */
export function unknownNames(db: Db, kind: Kind, names: readonly string[]): string[] {
  return [...new Set(names.map(cleanName).filter((n) => n && findPerson(db, kind, n) == null))];
}

/** Find or create (inside the current action) the unit or leader a name refers to. */
export function resolvePerson(db: Db, kind: Kind, name: string): number {
  const found = findPerson(db, kind, name);
  if (found != null) return found;
  const n = cleanName(name);
  if (!n) throw new LedgerError('EMPTY_NAME', kind === 'unit' ? '单位名称不能为空。' : '领导名称不能为空。');
  if (kind === 'unit' && looksLikeUnitList(n)) {
    // Callers split cells first (leadAndCooperating); this guards the rule that no record is named by a list.
    throw new LedgerError('UNIT_LIST', `“${n}”是多个单位，不能作为一个单位的名称：请分别填写牵头单位和配合单位。`);
  }
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
  if (other != null) return mergePeople(db, kind, other, id);
  db.raw.prepare(`INSERT OR IGNORE INTO ${t.aliases} (${t.fk}, alias) VALUES (?, ?)`).run(id, a);
}

/**
 * Merge record `fromId` into `intoId`: its problems (lead, cooperating, leader links) and aliases move
 * over, its name becomes an alias of the other, and it is removed. History keeps every step (one action).
 */
export function mergePeople(db: Db, kind: Kind, fromId: number, intoId: number): void {
  const t = T[kind];
  if (fromId === intoId) throw new LedgerError('SAME_RECORD', '不能把一条记录合并到它自己。');
  const fromName = nameOf(db, kind, fromId);
  if (fromName == null || nameOf(db, kind, intoId) == null) throw new LedgerError('PERSON_NOT_FOUND', kind === 'unit' ? '找不到该单位。' : '找不到该领导。');
  if (kind === 'unit') {
    db.raw.prepare('UPDATE problems SET lead_unit_id = ? WHERE lead_unit_id = ?').run(intoId, fromId);
    moveLinks(db, 'problem_units', 'unit_id', fromId, intoId);
    // A problem led by the merged unit no longer lists it among its cooperating units.
    db.raw.prepare('DELETE FROM problem_units WHERE unit_id = ? AND problem_id IN (SELECT id FROM problems WHERE lead_unit_id = ?)').run(intoId, intoId);
  } else {
    moveLinks(db, 'problem_leaders', 'leader_id', fromId, intoId);
  }
  db.raw.prepare(`UPDATE ${t.aliases} SET ${t.fk} = ? WHERE ${t.fk} = ?`).run(intoId, fromId);
  db.raw.prepare(`DELETE FROM ${t.table} WHERE id = ?`).run(fromId);
  if (!looksLikeUnitList(fromName) || kind === 'leader') {
    db.raw.prepare(`INSERT OR IGNORE INTO ${t.aliases} (${t.fk}, alias) VALUES (?, ?)`).run(intoId, fromName);
  }
}

/** Codes of the problems (live or in the recycle bin) that name a record, lead or cooperating. */
export function usesOf(db: Db, kind: Kind, id: number): { code: string; deleted: boolean }[] {
  const sql =
    kind === 'unit'
      ? `SELECT code, deleted_at IS NOT NULL AS deleted FROM problems WHERE lead_unit_id = ?
         UNION SELECT p.code, p.deleted_at IS NOT NULL FROM problem_units pu JOIN problems p ON p.id = pu.problem_id WHERE pu.unit_id = ?`
      : `SELECT p.code, p.deleted_at IS NOT NULL AS deleted FROM problem_leaders pl JOIN problems p ON p.id = pl.problem_id WHERE pl.leader_id = ?`;
  const args = kind === 'unit' ? [id, id] : [id];
  return (db.raw.prepare(sql).all(...args) as { code: string; deleted: number }[]).map((r) => ({ code: r.code, deleted: !!r.deleted }));
}

/** Delete a record that nothing uses (with its aliases); one that is used is refused, naming its problems. */
export function deletePerson(db: Db, kind: Kind, id: number): void {
  const t = T[kind];
  const name = nameOf(db, kind, id);
  if (name == null) throw new LedgerError('PERSON_NOT_FOUND', kind === 'unit' ? '找不到该单位。' : '找不到该领导。');
  const uses = usesOf(db, kind, id);
  if (uses.length) {
    const list = uses.slice(0, 10).map((u) => `${u.code}${u.deleted ? '（回收站中）' : ''}`).join('、');
    throw new LedgerError('PERSON_IN_USE', `“${name}”仍被 ${uses.length} 个问题使用（${list}${uses.length > 10 ? ' 等' : ''}），不能删除；可先合并到另一条记录。`);
  }
  db.raw.prepare(`DELETE FROM ${t.aliases} WHERE ${t.fk} = ?`).run(id);
  db.raw.prepare(`DELETE FROM ${t.table} WHERE id = ?`).run(id);
}

/** Unit records whose name is a list of units, with the split that repairs each. */
export function listUnitLists(db: Db): { id: number; name: string; lead: string; cooperating: string[]; codes: string[] }[] {
  return (db.raw.prepare('SELECT id, name FROM units ORDER BY sort, id').all() as { id: number; name: string }[])
    .filter((u) => looksLikeUnitList(u.name))
    .map((u) => {
      const [lead, ...cooperating] = splitUnits(u.name);
      return { id: u.id, name: u.name, lead: lead!, cooperating, codes: usesOf(db, 'unit', u.id).map((x) => x.code) };
    });
}

/**
 * Repair a unit whose name is a list: where it leads, the first name leads and the rest cooperate; where
 * it cooperates, every name cooperates. The list record is then removed. Inside an action.
 */
export function splitUnitList(db: Db, id: number): void {
  const name = nameOf(db, 'unit', id);
  if (name == null) throw new LedgerError('PERSON_NOT_FOUND', '找不到该单位。');
  const parts = splitUnits(name);
  if (parts.length < 2) throw new LedgerError('NOT_A_LIST', `“${name}”不是多个单位的列表，无需拆分。`);
  const ids = parts.map((n) => resolvePerson(db, 'unit', n));
  const leadId = ids[0]!;
  const linkStmt = db.raw.prepare('SELECT unit_id FROM problem_units WHERE problem_id = ? ORDER BY ord');
  const led = db.raw.prepare('SELECT id FROM problems WHERE lead_unit_id = ?').all(id) as { id: number }[];
  const cooperating = db.raw.prepare('SELECT DISTINCT problem_id AS id FROM problem_units WHERE unit_id = ?').all(id) as { id: number }[];
  const problemIds = [...new Set([...led.map((r) => r.id), ...cooperating.map((r) => r.id)])];
  db.raw.prepare('UPDATE problems SET lead_unit_id = ? WHERE lead_unit_id = ?').run(leadId, id);
  for (const pid of problemIds) {
    const lead = (db.raw.prepare('SELECT lead_unit_id AS l FROM problems WHERE id = ?').get(pid) as { l: number | null }).l;
    const current = (linkStmt.all(pid) as { unit_id: number }[]).map((r) => r.unit_id);
    const wanted: number[] = [];
    for (const u of current) wanted.push(...(u === id ? ids : [u]));
    if (led.some((r) => r.id === pid)) wanted.push(...ids.slice(1));
    const next = [...new Set(wanted)].filter((u) => u !== lead);
    db.raw.prepare('DELETE FROM problem_units WHERE problem_id = ?').run(pid);
    next.forEach((u, i) => db.raw.prepare('INSERT INTO problem_units (problem_id, unit_id, ord) VALUES (?, ?, ?)').run(pid, u, i));
  }
  db.raw.prepare('DELETE FROM unit_aliases WHERE unit_id = ?').run(id);
  db.raw.prepare('DELETE FROM units WHERE id = ?').run(id);
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
    (r) => ({
      id: r.id,
      name: r.name,
      aliases: aliases.get(r.id) ?? [],
      problemCount: counts.get(r.id) ?? 0,
      usedBy: usesOf(db, kind, r.id).map((u) => (u.deleted ? `${u.code}（回收站）` : u.code)),
      ...(kind === 'unit' && looksLikeUnitList(r.name) ? { looksLikeList: true } : {}),
    }),
  );
}

/** Split every unit named by a list, as `cli check --split-units` proposes: one recorded action, undoable. */
export function splitAllUnitLists(db: Db): ReturnType<typeof listUnitLists> {
  const lists = listUnitLists(db);
  if (!lists.length) return lists;
  runAction(db, { source: 'edit', label: `拆分 ${lists.length} 个名称为多个单位的“单位”`, actor: 'cli' }, () => {
    for (const u of lists) splitUnitList(db, u.id);
  });
  return lists;
}
