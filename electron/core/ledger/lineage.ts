import type { Db } from '../db/open';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { getProblemRow, setProblemStatus } from './problems';
import { getRound } from './rounds';
import { listEvidence } from '../evidence/views';
import { isIsoDate } from '../../../shared/domain/dates';
import { isDoneStatus } from '../../../shared/domain/status';
import type { OriginStep, ProblemLineage, RecheckResult, RecheckView } from '../../../shared/domain/reminders';
import { CARRY_LABELS, type CarryReason } from './new-round';

/** A carried problem's links to the problems it came from and went to, and its 回头看 re-checks. */

function originOf(db: Db, problemId: number): { originId: number; reason: CarryReason } | null {
  return (db.raw.prepare('SELECT origin_id AS originId, reason FROM problem_origins WHERE problem_id = ?').get(problemId) as { originId: number; reason: CarryReason } | undefined) ?? null;
}

export function listRechecks(db: Db, problemId: number): RecheckView[] {
  return db.raw
    .prepare('SELECT id, problem_id AS problemId, result, date, actor, note, created_at AS createdAt FROM rechecks WHERE problem_id = ? ORDER BY date, id')
    .all(problemId) as RecheckView[];
}

export function problemLineage(db: Db, problemId: number): ProblemLineage {
  const me = getProblemRow(db, problemId);
  const origins: OriginStep[] = [];
  const seen = new Set<number>([problemId]);
  let link = originOf(db, problemId);
  while (link && !seen.has(link.originId)) {
    seen.add(link.originId);
    const p = getProblemRow(db, link.originId);
    const round = getRound(db, p.round_id);
    origins.push({
      problemId: p.id,
      roundId: round.id,
      roundTitle: round.title,
      roundKind: round.kind,
      code: p.code,
      status: p.status,
      completedDate: p.completed_date,
      reason: CARRY_LABELS[link.reason],
      progress: db.raw.prepare('SELECT date, text FROM progress WHERE problem_id = ? AND deleted_at IS NULL ORDER BY date, id').all(p.id) as { date: string; text: string }[],
      evidence: listEvidence(db, p.id).map((e) => ({ id: e.id, number: e.number, title: e.title, received: e.received })),
      rechecks: listRechecks(db, p.id),
    });
    link = originOf(db, p.id);
  }
  const carriedTo = db.raw
    .prepare(
      `SELECT p.id AS problemId, p.round_id AS roundId, r.title AS roundTitle, p.code FROM problem_origins o
       JOIN problems p ON p.id = o.problem_id JOIN rounds r ON r.id = p.round_id WHERE o.origin_id = ? AND p.deleted_at IS NULL ORDER BY p.id`,
    )
    .all(problemId) as ProblemLineage['carriedTo'];
  const direct = originOf(db, problemId);
  const origin = direct ? getProblemRow(db, direct.originId) : null;
  const canRecheck = getRound(db, me.round_id).kind === '回头看' && !!origin && isDoneStatus(origin.status);
  return { origins, rechecks: listRechecks(db, problemId), canRecheck, carriedTo };
}

/**
 * Must run inside an action. Record a 回头看 re-check of a carried completed problem: 巩固 keeps it done
 * (or marks it done again after a 反弹), 反弹 reopens it in this round (正在推进, with the reason).
 */
export function recordRecheck(db: Db, problemId: number, input: { result: RecheckResult; date: string; actor: string; note: string }): number {
  const p = getProblemRow(db, problemId);
  if (p.deleted_at) throw new LedgerError('PROBLEM_DELETED', `问题 ${p.code} 已删除，不能记录复查。`);
  const lineage = problemLineage(db, problemId);
  if (!lineage.canRecheck) {
    throw new LedgerError('NOT_RECHECKABLE', `问题 ${p.code} 不是回头看轮次中从上一轮转来的已完成问题，不能记录复查结果。`);
  }
  if (!isIsoDate(input.date)) throw new LedgerError('BAD_DATE', `复查日期“${input.date}”无效（YYYY-MM-DD）。`);
  const id = Number(
    db.raw
      .prepare('INSERT INTO rechecks (problem_id, result, date, actor, note, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(problemId, input.result, input.date, input.actor.trim(), input.note.trim(), nowIso()).lastInsertRowid,
  );
  const why = `回头看复查${input.result}（${input.date}${input.actor.trim() ? '，' + input.actor.trim() : ''}）${input.note.trim() ? '：' + input.note.trim() : ''}`;
  if (input.result === '反弹') setProblemStatus(db, problemId, '正在推进', { source: 'manual', reason: why });
  else if (!isDoneStatus(p.status)) setProblemStatus(db, problemId, '已完成', { source: 'manual', reason: why, completedDate: input.date });
  return id;
}
