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

/**
 * Writes whole new problems for an import, each row once in its final state: the problem with its lead
 * unit and the status its measures give, then its links, measures and progress. The same rows, the same
 * checks and the same history rows (each INSERT recorded whole by its trigger, so undo and the change views
 * read them as any other) as createProblem + addMeasure + setProblemStatus + addProgress, without the
 * UPDATEs those make after each insert (lead unit, status re-derived after every measure) and the
 * look-ups they repeat per row: a 100,000-problem import wrote a third of its history rows as such updates.
 *
 * Names and categories resolved once are kept for the writer's life; `forget()` drops them after a row
 * was rolled back (a unit it created is gone again).
 */
export function newProblemWriter(db: Db, roundId: number) {
  const people = new Map<string, number>();
  const category = new Map<number, { no: number; roundId: number }>();
  const person = (kind: 'unit' | 'leader', name: string) => {
    const key = `${kind}\n${name}`;
    let id = people.get(key);
    if (id === undefined) people.set(key, (id = resolvePerson(db, kind, name)));
    return id;
  };
  const deadlineOf = (d: DeadlineInput | null) => (d ? resolveDeadline(db, roundId, d) : NO_DEADLINE);

  return {
    forget(): void {
      people.clear();
      category.clear();
    },
    /** Must run inside an action. Returns the new problem's id and its measures' ids, in order. */
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
        const parent = cachedStatement(db, 'SELECT kind, category_id FROM problems WHERE id = ?').get(p.parentId) as { kind: string; category_id: number } | undefined;
        if (!parent) throw new LedgerError('PROBLEM_NOT_FOUND', `找不到问题（编号 ${p.parentId}）。`);
        if (parent.kind !== 'general' || parent.category_id !== p.categoryId) throw new LedgerError('BAD_PARENT', '具体问题只能放在同一类别的面上问题之下。');
      }
      if (cachedStatement(db, 'SELECT 1 FROM problems WHERE round_id = ? AND code = ?').get(roundId, p.code)) {
        throw new LedgerError('CODE_TAKEN', `编号 ${p.code} 已被另一个问题使用。`);
      }
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
      const units = leadAndCooperating(p.leadUnit, p.units, []);
      const leadUnitId = units.lead && units.lead.trim() ? person('unit', units.lead) : null;
      const siblings =
        p.kind === 'general'
          ? cachedStatement(db, 'SELECT max(sort) AS s FROM problems WHERE category_id = ? AND parent_id IS NULL').get(p.categoryId)
          : cachedStatement(db, 'SELECT max(sort) AS s FROM problems WHERE parent_id = ?').get(p.parentId);
      const sort = ((siblings as { s: number | null }).s ?? 0) + 1;
      const at = nowIso();
      const id = Number(
        cachedStatement(
          db,
          `INSERT INTO problems (round_id, category_id, parent_id, kind, no, code, sort, text, lead_unit_id, responsible_person,
             deadline_raw, deadline_kind, deadline_date, status, status_source, status_reason, completed_date, public, notes, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        ).run(
          roundId,
          p.categoryId,
          p.kind === 'specific' ? p.parentId : null,
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
          p.notes,
          at,
        ).lastInsertRowid,
      );
      const link = (table: 'problem_leaders' | 'problem_units', col: string, ids: number[]) =>
        [...new Set(ids)].forEach((ref, i) => cachedStatement(db, `INSERT INTO ${table} (problem_id, ${col}, ord) VALUES (?, ?, ?)`).run(id, ref, i));
      link('problem_leaders', 'leader_id', p.leaders.filter((n) => n.trim()).map((n) => person('leader', n)));
      if (units.cooperating?.length) link('problem_units', 'unit_id', units.cooperating.flatMap(splitUnitCell).map((n) => person('unit', n)));
      const insertMeasure = cachedStatement(
        db,
        `INSERT INTO measures (problem_id, no, text, status, deadline_raw, deadline_kind, deadline_date, completed_date, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
      );
      const measureIds = measures.map((m, i) => Number(insertMeasure.run(id, i + 1, m.text, m.status, m.deadline.raw, m.deadline.kind, m.deadline.date, at).lastInsertRowid));
      if (p.progress) {
        cachedStatement(db, 'INSERT INTO progress (problem_id, measure_id, date, text, source, batch_id, created_at) VALUES (?, NULL, ?, ?, ?, ?, ?)').run(
          id,
          p.progress.date,
          progressText,
          'import',
          p.progress.batchId,
          at,
        );
      }
      return { id, measureIds };
    },
  };
}
