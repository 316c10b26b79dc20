import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Db } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { statsFor } from '../../electron/core/stats';
import { computeStats, type StatsMeasure, type StatsProblem } from '../../shared/domain/stats';
import { getRound } from '../../electron/core/ledger/rounds';
import { tmpLedger } from '../helpers/ledger';

/**
 * `stats` loads measures as counts by status and date and problems as row arrays (issue 16: 2 s on
 * 100,000 problems). The figures must be exactly those of the rules applied to every problem and every
 * measure as objects, the way they were loaded before: checked on random ledgers (statuses, dates,
 * public flags, deletions of problems, measures and categories, round settings) for the whole and the
 * public version.
 */
function reference(db: Db, roundId: number, asOf: string, publicOnly: boolean) {
  const round = getRound(db, roundId);
  const rows = db.raw
    .prepare(
      `SELECT p.id, p.code, p.kind, p.public, (SELECT g.public FROM problems g WHERE g.id = p.parent_id) AS parentPublic, c.no AS categoryNo, c.title AS categoryTitle, u.name AS leadUnit,
              p.deadline_kind AS deadlineKind, p.deadline_date AS deadlineDate, p.status, p.completed_date AS completedDate
       FROM problems p JOIN categories c ON c.id = p.category_id LEFT JOIN units u ON u.id = p.lead_unit_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL
       ORDER BY c.sort, c.no, coalesce((SELECT g.sort FROM problems g WHERE g.id = p.parent_id), p.sort), p.parent_id IS NOT NULL, p.sort`,
    )
    .all(roundId) as (StatsProblem & { public: number; parentPublic: number | null })[];
  const chosen = publicOnly ? rows.filter((r) => r.public === 1 && r.parentPublic !== 0) : rows;
  const ids = new Set(chosen.map((r) => r.id));
  const measures = (
    db.raw
      .prepare(
        `SELECT m.problem_id AS problemId, m.status, m.completed_date AS completedDate FROM measures m
         JOIN problems p ON p.id = m.problem_id WHERE p.round_id = ? AND m.deleted_at IS NULL`,
      )
      .all(roundId) as StatsMeasure[]
  ).filter((m) => ids.has(m.problemId));
  return computeStats(
    chosen.map(({ public: _p, parentPublic: _g, ...p }) => p),
    measures,
    { periodEnd: round.periodEnd, longTermCountsCompleted: round.longTermCountsCompleted },
    asOf,
  );
}

const statuses = ['未启动', '正在推进', '已完成', '长期坚持', '申请延期', '待销号', '已销号', '未注明'];
const measureStatuses = ['未启动', '正在推进', '已完成', '长期坚持', '未注明'];
const dates = fc.constantFrom(null, '2024-11-30', '2024-12-20', '2025-01-31', '2025-03-01', '2025-06-30');

const change = fc.oneof(
  fc.record({ t: fc.constant('status' as const), p: fc.nat(80), status: fc.constantFrom(...statuses), date: dates }),
  fc.record({ t: fc.constant('measure' as const), m: fc.nat(200), status: fc.constantFrom(...measureStatuses), date: dates }),
  fc.record({ t: fc.constant('public' as const), p: fc.nat(80), value: fc.constantFrom(0, 1) }),
  fc.record({ t: fc.constant('deleteProblem' as const), p: fc.nat(80) }),
  fc.record({ t: fc.constant('deleteMeasure' as const), m: fc.nat(200) }),
  fc.record({ t: fc.constant('deleteCategory' as const), c: fc.nat(5) }),
  fc.record({ t: fc.constant('deadline' as const), p: fc.nat(80), kind: fc.constantFrom('date', 'immediate', 'long-term', 'text', 'none'), date: dates }),
  fc.record({ t: fc.constant('round' as const), periodEnd: dates, longTerm: fc.constantFrom(0, 1) }),
);

describe('statistics loaded as counts', () => {
  it('give exactly the figures of every problem and measure loaded one by one', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), dates, (changes, asOf) => {
        const t = tmpLedger();
        try {
          createSampleLedger(t.db);
          const nth = (table: string, n: number) => {
            const ids = (t.db.raw.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
            return ids[n % ids.length]!;
          };
          runAction(t.db, { source: 'edit', label: '随机修改' }, () => {
            const run = (sql: string, ...args: unknown[]) => t.db.raw.prepare(sql).run(...args);
            for (const c of changes) {
              if (c.t === 'status') run('UPDATE problems SET status = ?, completed_date = ? WHERE id = ?', c.status, c.date, nth('problems', c.p));
              else if (c.t === 'measure') run('UPDATE measures SET status = ?, completed_date = ? WHERE id = ?', c.status, c.date, nth('measures', c.m));
              else if (c.t === 'public') run('UPDATE problems SET public = ? WHERE id = ?', c.value, nth('problems', c.p));
              else if (c.t === 'deleteProblem') run("UPDATE problems SET deleted_at = '2025-01-01' WHERE id = ?", nth('problems', c.p));
              else if (c.t === 'deleteMeasure') run("UPDATE measures SET deleted_at = '2025-01-01' WHERE id = ?", nth('measures', c.m));
              else if (c.t === 'deleteCategory') run("UPDATE categories SET deleted_at = '2025-01-01' WHERE id = ?", nth('categories', c.c));
              else if (c.t === 'deadline') run('UPDATE problems SET deadline_kind = ?, deadline_date = ? WHERE id = ?', c.kind, c.kind === 'date' ? c.date : null, nth('problems', c.p));
              else run('UPDATE rounds SET period_end = ?, long_term_counts_completed = ?', c.periodEnd, c.longTerm);
            }
          });
          const day = asOf ?? '2025-01-15';
          for (const publicOnly of [false, true]) {
            const got = statsFor(t.db, 1, day, { publicOnly });
            const want = reference(t.db, 1, day, publicOnly);
            expect(got).toEqual(want);
          }
        } finally {
          t.cleanup();
        }
      }),
      { seed: 20261204, numRuns: 40 },
    );
  });
});
