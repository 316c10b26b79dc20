import type { Db } from '../db/open';
import { cachedStatement } from '../db/statements';
import type { ProblemKind } from '../../../shared/domain/types';
import { deriveProblemStatus, isMeasureStatus, isProblemStatus, type MeasureStatus, type ProblemStatus } from '../../../shared/domain/status';
import { isIsoDate } from '../../../shared/domain/dates';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { resolvePerson, splitUnitCell } from './people';
import { leadAndCooperating, resolveDeadline, type DeadlineInput } from './problems';

/** A whole new problem as an import brings it: its measures, links and first progress entry. */
export interface WholeProblem {
  categoryId: number;
  parentId: number | null;
  kind: ProblemKind;
  code: string;
  text: string;
  leaders: string[];
  leadUnit: string | null;
  units: string[];
  responsiblePerson: string;
  deadline: DeadlineInput | null;
  notes: string;
  measures: { text: string; status: MeasureStatus; deadline: DeadlineInput | null }[];
  /** A status the measures cannot express, set with its reason (as setProblemStatus with source 'import'). */
  explicitStatus: ProblemStatus | null;
  statusReason: string;
  progress: { date: string; text: string; batchId: number | null } | null;
}

const NO_DEADLINE = { raw: '', kind: 'none' as const, date: null };

/** Pending rows written per INSERT statement: one statement's trigger program and statement journal serve them all. */
const ROWS_PER_INSERT = 100;

const TABLES = {
  problems: `round_id, category_id, parent_id, kind, no, code, sort, text, lead_unit_id, responsible_person,
     deadline_raw, deadline_kind, deadline_date, status, status_source, status_reason, completed_date, public, notes, created_at`,
  problem_leaders: 'problem_id, leader_id, ord',
  problem_units: 'problem_id, unit_id, ord',
  measures: 'problem_id, no, text, status, deadline_raw, deadline_kind, deadline_date, completed_date, created_at',
  progress: 'problem_id, measure_id, date, text, source, batch_id, created_at',
} as const;
type Table = keyof typeof TABLES;
/** Parents before children, so that every reference of a flushed row is already there. */
const ORDER = Object.keys(TABLES) as Table[];
const WIDTH = Object.fromEntries(ORDER.map((t) => [t, TABLES[t].split(',').length + 1])) as Record<Table, number>;

/** `INSERT … VALUES (…), (…)` for `count` rows of `table`, the id given with each row. */
function insertRows(db: Db, table: Table, count: number) {
  const one = `(${Array(WIDTH[table]).fill('?').join(', ')})`;
  return cachedStatement(db, `INSERT INTO ${table} (id, ${TABLES[table]}) VALUES ${Array(count).fill(one).join(', ')}`);
}

/**
 * Writes whole new problems for an import, each row once in its final state: the problem with its lead
 * unit and the status its measures give, then its links, measures and progress. The same rows, the same
 * checks and the same history rows (each INSERT recorded whole by its trigger, so undo and the change views
 * read them as any other) as createProblem + addMeasure + setProblemStatus + addProgress, without the
 * UPDATEs those make after each insert (lead unit, status re-derived after every measure) and the
 * look-ups they repeat per row: a 100,000-problem import wrote a third of its history rows as such updates.
 *
 * Rows are written in batches: `add` checks a problem whole (throwing before it keeps anything of it), gives
 * its rows their ids (as SQLite would: one past the table's largest) and keeps them pending; `flush` writes
 * the pending rows ROWS_PER_INSERT to a statement. One statement per row cost 20 µs a measure, most of it
 * the history trigger's set-up per statement; a hundred to a statement cost 7 µs. What the writer is asked
 * (a code taken, a parent, the last sibling's sort) counts the pending rows too. So:
 * - call `flush` before anything else reads or writes problems, measures, links or progress, and at the end;
 * - call it between rows, outside a savepoint that may still be rolled back (`flush` inside a row's
 *   savepoint would write earlier rows under it);
 * - `begin()` as a row starts, and `forget()` after its savepoint was rolled back: the rows it added are
 *   dropped, as are the names and categories resolved (a unit it created is gone again).
 */
export function newProblemWriter(db: Db, roundId: number) {
  const people = new Map<string, number>();
  const category = new Map<number, { no: number; roundId: number }>();
  const pending: Record<Table, unknown[][]> = { problems: [], problem_leaders: [], problem_units: [], measures: [], progress: [] };
  /** What the pending problems answer before SQL can: their codes, kinds and categories, each sibling group's last sort. */
  const codes = new Map<string, number>();
  const shapes = new Map<number, { kind: ProblemKind; categoryId: number }>();
  const lastSort = new Map<string, number>();
  const nextId = new Map<Table, number>();
  let mark: Record<Table, number> | null = null;

  const person = (kind: 'unit' | 'leader', name: string) => {
    const key = `${kind}\n${name}`;
    let id = people.get(key);
    if (id === undefined) people.set(key, (id = resolvePerson(db, kind, name)));
    return id;
  };
  const deadlineOf = (d: DeadlineInput | null) => (d ? resolveDeadline(db, roundId, d) : NO_DEADLINE);
  const idFor = (table: Table) => {
    let id = nextId.get(table);
    if (id === undefined) id = (cachedStatement(db, `SELECT coalesce(max(id), 0) + 1 AS n FROM ${table}`).get() as { n: number }).n;
    nextId.set(table, id + 1);
    return id;
  };
  const groupOf = (kind: ProblemKind, categoryId: number, parentId: number | null) => (kind === 'general' ? `c${categoryId}` : `p${parentId}`);
  /** Rebuild what the pending problems answer (after rows were dropped), and the next ids from the pending rows. */
  const recount = () => {
    codes.clear();
    shapes.clear();
    lastSort.clear();
    nextId.clear();
    for (const r of pending.problems) {
      const [id, , categoryId, parentId, kind, , code, sort] = r as [number, number, number, number | null, ProblemKind, number, string, number];
      codes.set(code, id);
      shapes.set(id, { kind, categoryId });
      lastSort.set(groupOf(kind, categoryId, parentId), sort);
    }
    for (const t of ORDER) if (pending[t].length) nextId.set(t, (pending[t].at(-1)![0] as number) + 1);
  };

  const writer = {
    /** Rows added and not yet written. */
    get pending(): number {
      return ORDER.reduce((n, t) => n + pending[t].length, 0);
    },
    /** The id of the round's problem with this code, pending or written. */
    idOfCode(code: string): number | undefined {
      return codes.get(code) ?? (cachedStatement(db, 'SELECT id FROM problems WHERE round_id = ? AND code = ?').get(roundId, code) as { id: number } | undefined)?.id;
    },
    /** Writes the pending rows. */
    flush(): void {
      for (const t of ORDER) {
        const rows = pending[t];
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
          const chunk = rows.slice(i, i + ROWS_PER_INSERT);
          insertRows(db, t, chunk.length).run(...chunk.flat());
        }
        pending[t] = [];
      }
      // The tables now answer for every row; other writers may add rows before the next add.
      codes.clear();
      shapes.clear();
      lastSort.clear();
      nextId.clear();
      mark = null;
    },
    /** A row starts: `forget` drops what is added from here. */
    begin(): void {
      mark = Object.fromEntries(ORDER.map((t) => [t, pending[t].length])) as Record<Table, number>;
    },
    forget(): void {
      people.clear();
      category.clear();
      for (const t of ORDER) pending[t].length = mark?.[t] ?? 0;
      recount();
    },
    /** Must run inside an action. Returns the new problem's id and its measures' ids, in order; they are written by `flush`. */
    add(p: WholeProblem): { id: number; measureIds: number[] } {
      let cat = category.get(p.categoryId);
      if (!cat) {
        const row = cachedStatement(db, 'SELECT no, round_id AS roundId FROM categories WHERE id = ?').get(p.categoryId) as { no: number; roundId: number } | undefined;
        if (!row) throw new LedgerError('CATEGORY_NOT_FOUND', `找不到问题类别（编号 ${p.categoryId}）。`);
        category.set(p.categoryId, (cat = row));
      }
      if (cat.roundId !== roundId) throw new LedgerError('BAD_MOVE', '只能在同一巡察轮次内添加问题。');
      const text = p.text.trim();
      if (!text) throw new LedgerError('EMPTY_TEXT', '问题内容不能为空。');
      if (p.kind === 'specific') {
        if (p.parentId == null) throw new LedgerError('NO_PARENT', '具体问题必须属于一个面上问题。');
        const parent =
          shapes.get(p.parentId) ??
          (cachedStatement(db, 'SELECT kind, category_id AS categoryId FROM problems WHERE id = ?').get(p.parentId) as { kind: string; categoryId: number } | undefined);
        if (!parent) throw new LedgerError('PROBLEM_NOT_FOUND', `找不到问题（编号 ${p.parentId}）。`);
        if (parent.kind !== 'general' || parent.categoryId !== p.categoryId) throw new LedgerError('BAD_PARENT', '具体问题只能放在同一类别的面上问题之下。');
      }
      if (writer.idOfCode(p.code) !== undefined) throw new LedgerError('CODE_TAKEN', `编号 ${p.code} 已被另一个问题使用。`);
      const no = Number(p.code.split('-').at(-1));
      const deadline = deadlineOf(p.deadline);
      const measures = p.measures.map((m) => {
        const t = m.text.trim();
        if (!t) throw new LedgerError('EMPTY_TEXT', '整改措施的内容不能为空。');
        if (!isMeasureStatus(m.status)) throw new LedgerError('BAD_STATUS', `未知的措施状态：${m.status}`);
        return { text: t, status: m.status, deadline: deadlineOf(m.deadline) };
      });
      const progressText = p.progress?.text.trim() ?? '';
      if (p.progress) {
        if (!isIsoDate(p.progress.date)) throw new LedgerError('BAD_DATE', `进展日期无效：${p.progress.date}`);
        if (!progressText) throw new LedgerError('EMPTY_TEXT', '进展内容不能为空。');
      }
      // What refreshDerivedStatus gives after the last measure (measures are written without completion dates),
      // then setProblemStatus's explicit status, which keeps that completion date when the status is done.
      let status: ProblemStatus = measures.length ? deriveProblemStatus(measures.map((m) => m.status)) : '未启动';
      let source: 'derived' | 'import' = 'derived';
      let reason = '';
      if (p.explicitStatus) {
        if (!isProblemStatus(p.explicitStatus)) throw new LedgerError('BAD_STATUS', `未知的状态：${p.explicitStatus}`);
        status = p.explicitStatus;
        source = 'import';
        reason = p.statusReason;
      }
      // Names last among the checks: a new one is written at once (and rolled back with the row's savepoint).
      const units = leadAndCooperating(p.leadUnit, p.units, []);
      const leadUnitId = units.lead && units.lead.trim() ? person('unit', units.lead) : null;
      const leaderIds = [...new Set(p.leaders.filter((n) => n.trim()).map((n) => person('leader', n)))];
      const unitIds = units.cooperating?.length ? [...new Set(units.cooperating.flatMap(splitUnitCell).map((n) => person('unit', n)))] : [];

      // Nothing below throws: the problem is kept whole.
      const parentId = p.kind === 'specific' ? p.parentId : null;
      const group = groupOf(p.kind, p.categoryId, parentId);
      let last = lastSort.get(group);
      if (last === undefined) {
        const siblings =
          p.kind === 'general'
            ? cachedStatement(db, 'SELECT max(sort) AS s FROM problems WHERE category_id = ? AND parent_id IS NULL').get(p.categoryId)
            : cachedStatement(db, 'SELECT max(sort) AS s FROM problems WHERE parent_id = ?').get(p.parentId);
        last = (siblings as { s: number | null }).s ?? 0;
      }
      const sort = last + 1;
      const at = nowIso();
      const id = idFor('problems');
      pending.problems.push([
        id,
        roundId,
        p.categoryId,
        parentId,
        p.kind,
        no,
        p.code,
        sort,
        text,
        leadUnitId,
        p.responsiblePerson.trim(),
        deadline.raw,
        deadline.kind,
        deadline.date,
        status,
        source,
        reason,
        null, // no measure has a completion date yet: neither the derived nor a done explicit status has one
        1,
        p.notes,
        at,
      ]);
      codes.set(p.code, id);
      shapes.set(id, { kind: p.kind, categoryId: p.categoryId });
      lastSort.set(group, sort);
      leaderIds.forEach((ref, i) => pending.problem_leaders.push([idFor('problem_leaders'), id, ref, i]));
      unitIds.forEach((ref, i) => pending.problem_units.push([idFor('problem_units'), id, ref, i]));
      const measureIds = measures.map((m, i) => {
        const measureId = idFor('measures');
        pending.measures.push([measureId, id, i + 1, m.text, m.status, m.deadline.raw, m.deadline.kind, m.deadline.date, null, at]);
        return measureId;
      });
      if (p.progress) pending.progress.push([idFor('progress'), id, null, p.progress.date, progressText, 'import', p.progress.batchId, at]);
      return { id, measureIds };
    },
  };
  return writer;
}
