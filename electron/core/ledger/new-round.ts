import type { Db } from '../db/open';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { createRound, getRound } from './rounds';
import { formatCode } from '../../../shared/domain/code';
import { isDoneStatus } from '../../../shared/domain/status';
import type { RoundKind } from '../../../shared/domain/types';
import type { ProblemRow } from './problems';

/**
 * Starting a round from the current one (回头看, the next inspection, 专项): the problems chosen are
 * copied into the new round with their measures, leaders and units, each linked to the problem it came
 * from (problem_origins). The earlier round is not touched, so its statistics stay exactly as they were;
 * its progress, evidence and history stay where they were recorded and are shown through the link.
 */
export const CARRY_OPTIONS = ['unfinished', 'long-term', 'signed-off'] as const;
export type CarryOption = (typeof CARRY_OPTIONS)[number];
export type CarryReason = CarryOption | 'parent';

export const CARRY_LABELS: Record<CarryReason, string> = {
  unfinished: '未完成',
  'long-term': '长期坚持',
  'signed-off': '已完成/已销号（复查）',
  parent: '所属面上问题',
};

export const DEFAULT_CARRY: CarryOption[] = ['unfinished', 'long-term'];

export interface NewRoundInput {
  title: string;
  kind: RoundKind;
  carry: readonly CarryOption[];
  /** Renumber categories and problems 1, 2, 3… in the new round; otherwise codes are kept. */
  renumber: boolean;
}

export interface NewRoundOutcome {
  roundId: number;
  carried: Record<CarryReason, number>;
}

/** Why a problem would be carried: from its status (长期坚持, done, or anything else = unfinished). */
export function carryReasonOf(status: string): CarryOption {
  if (status === '长期坚持') return 'long-term';
  if (isDoneStatus(status)) return 'signed-off';
  return 'unfinished';
}

/** Must run inside an action. Becomes the current round. */
export function startRound(db: Db, fromRoundId: number, input: NewRoundInput): NewRoundOutcome {
  const from = getRound(db, fromRoundId);
  const title = input.title.trim();
  if (!title) throw new LedgerError('EMPTY_TITLE', '新轮次的标题不能为空。');
  const carry = new Set(input.carry);

  const problems = db.raw
    .prepare(
      `SELECT p.* FROM problems p JOIN categories c ON c.id = p.category_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL
       ORDER BY c.sort, c.no, coalesce((SELECT g.sort FROM problems g WHERE g.id = p.parent_id), p.sort), p.parent_id IS NOT NULL, p.sort, p.id`,
    )
    .all(fromRoundId) as ProblemRow[];
  const reasons = new Map<number, CarryReason>();
  for (const p of problems) {
    const r = carryReasonOf(p.status);
    if (carry.has(r)) reasons.set(p.id, r);
  }
  // A specific problem cannot stand alone: its general problem comes along.
  for (const p of problems) if (p.parent_id != null && reasons.has(p.id) && !reasons.has(p.parent_id)) reasons.set(p.parent_id, 'parent');
  // A specific problem whose general problem is gone (deleted) is not carried.
  const live = new Set(problems.map((p) => p.id));
  const chosen = problems.filter((p) => reasons.has(p.id) && (p.parent_id == null || live.has(p.parent_id)));

  const roundId = createRound(db, {
    title,
    kind: input.kind,
    originRoundId: fromRoundId,
    inspectingBody: from.inspectingBody,
    inspectedOrg: from.inspectedOrg,
    contactLine: from.contactLine,
    longTermCountsCompleted: from.longTermCountsCompleted,
    cycleRule: from.cycleRule,
  });

  // Categories that hold a carried problem, in their order.
  const categories = db.raw
    .prepare('SELECT id, no, title, sort FROM categories WHERE round_id = ? AND deleted_at IS NULL ORDER BY sort, no')
    .all(fromRoundId) as { id: number; no: number; title: string; sort: number }[];
  const used = new Set(chosen.map((p) => p.category_id));
  const categoryMap = new Map<number, { id: number; no: number }>();
  let nextCategoryNo = 1;
  for (const c of categories) {
    if (!used.has(c.id)) continue;
    const no = input.renumber ? nextCategoryNo++ : c.no;
    const id = Number(db.raw.prepare('INSERT INTO categories (round_id, no, title, sort) VALUES (?, ?, ?, ?)').run(roundId, no, c.title, c.sort).lastInsertRowid);
    categoryMap.set(c.id, { id, no });
  }

  const problemMap = new Map<number, { id: number; code: string }>();
  const generalCount = new Map<number, number>();
  const specificCount = new Map<number, number>();
  const insertProblem = db.raw.prepare(
    `INSERT INTO problems (round_id, category_id, parent_id, kind, no, code, sort, text, lead_unit_id, responsible_person,
       deadline_raw, deadline_kind, deadline_date, status, status_source, status_reason, completed_date, workflow, public, notes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const carried: Record<CarryReason, number> = { unfinished: 0, 'long-term': 0, 'signed-off': 0, parent: 0 };
  const now = nowIso();
  for (const p of chosen) {
    const category = categoryMap.get(p.category_id)!;
    const parent = p.parent_id != null ? problemMap.get(p.parent_id)! : null;
    let no = p.no;
    let code = p.code;
    if (input.renumber) {
      const counter = parent ? specificCount : generalCount;
      const key = parent ? parent.id : category.id;
      no = (counter.get(key) ?? 0) + 1;
      counter.set(key, no);
      code = parent ? `${parent.code}-${no}` : formatCode(category.no, no);
    }
    // A signed-off problem comes for re-check as completed, outside the sign-off procedure (its steps stay
    // recorded on the origin); 申请延期 stays requested.
    const inSignoff = p.workflow === '待销号' || p.workflow === '已销号';
    const status = inSignoff ? '已完成' : p.status;
    const statusSource = inSignoff ? 'manual' : p.status_source;
    const statusReason = inSignoff ? `上一轮${p.workflow}，转入本轮复查` : p.status_reason;
    const workflow = inSignoff ? '' : p.workflow;
    const id = Number(
      insertProblem.run(
        roundId, category.id, parent?.id ?? null, p.kind, no, code, p.sort, p.text, p.lead_unit_id, p.responsible_person,
        p.deadline_raw, p.deadline_kind, p.deadline_date, status, statusSource, statusReason, p.completed_date, workflow, p.public, p.notes, now,
      ).lastInsertRowid,
    );
    problemMap.set(p.id, { id, code });
    db.raw.prepare('INSERT INTO problem_leaders (problem_id, leader_id, ord) SELECT ?, leader_id, ord FROM problem_leaders WHERE problem_id = ? ORDER BY ord').run(id, p.id);
    db.raw.prepare('INSERT INTO problem_units (problem_id, unit_id, ord) SELECT ?, unit_id, ord FROM problem_units WHERE problem_id = ? ORDER BY ord').run(id, p.id);
    db.raw
      .prepare(
        `INSERT INTO measures (problem_id, no, text, status, deadline_raw, deadline_kind, deadline_date, completed_date, created_at)
         SELECT ?, no, text, status, deadline_raw, deadline_kind, deadline_date, completed_date, ? FROM measures
         WHERE problem_id = ? AND deleted_at IS NULL ORDER BY no`,
      )
      .run(id, now, p.id);
    const reason = reasons.get(p.id)!;
    db.raw.prepare('INSERT INTO problem_origins (problem_id, origin_id, reason) VALUES (?, ?, ?)').run(id, p.id, reason);
    carried[reason] += 1;
  }
  return { roundId, carried };
}
