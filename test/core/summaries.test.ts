import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../electron/core/ledger/actions';
import { createCategory, createRound } from '../../electron/core/ledger/rounds';
import { createProblem, deleteProblem, updateProblem } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress, deleteMeasure, deleteProgress } from '../../electron/core/ledger/measures';
import { registerListedEvidence, removeEvidence } from '../../electron/core/evidence/store';
import { listProblemSummaries, listTableProblems } from '../../electron/core/ledger/summaries';
import { setClockForTests } from '../../electron/core/clock';
import { tmpLedger } from '../helpers/ledger';

/** Two problems with measures, progress and evidence, some of each deleted; written at known times. */
function seed(db: ReturnType<typeof tmpLedger>['db']) {
  setClockForTests(new Date('2025-01-01T00:00:00Z'));
  const ids = runAction(db, { source: 'edit', label: '建立' }, () => {
    const roundId = createRound(db, { title: '测试轮次' });
    const categoryId = createCategory(db, roundId, '统筹协调不够');
    const g = createProblem(db, { categoryId, kind: 'general', text: '面上问题', leaders: ['甲领导', '乙领导'], units: ['政治部', '局办公室'] });
    const s = createProblem(db, { categoryId, kind: 'specific', parentId: g, text: '具体问题' });
    addMeasure(db, g, { text: '措施一', status: '已完成', completedDate: '2024-11-01' });
    addMeasure(db, g, { text: '措施二', status: '正在推进' });
    const m3 = addMeasure(db, g, { text: '措施三', status: '已完成', completedDate: '2024-11-02' });
    deleteMeasure(db, m3);
    addProgress(db, g, { date: '2024-11-20', text: '较早的进展' });
    addProgress(db, g, { date: '2024-12-01', text: '同一天先记的进展' });
    addProgress(db, g, { date: '2024-12-01', text: '同一天后记的进展' });
    const late = addProgress(db, g, { date: '2024-12-31', text: '已删除的进展' });
    deleteProgress(db, late);
    registerListedEvidence(db, { problemId: g, title: '会议纪要', actor: '测试员' });
    const gone = registerListedEvidence(db, { problemId: g, title: '已删除的材料', actor: '测试员' });
    removeEvidence(db, gone.id);
    return { roundId, g, s };
  });
  setClockForTests(new Date('2025-02-03T04:05:06Z'));
  runAction(db, { source: 'edit', label: '修改' }, () => updateProblem(db, ids.s, { text: '具体问题（改）' }));
  setClockForTests(null);
  return ids;
}

describe('problem summaries read for a whole round', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  it('counts live measures and evidence, and takes the latest live progress by date, then by entry order', () => {
    const { roundId, g } = seed(t.db);
    const [row] = listTableProblems(t.db, { roundId, ids: [g] });
    expect(row).toMatchObject({
      leaders: ['甲领导', '乙领导'],
      measureCount: 2,
      measuresCompleted: 1,
      evidenceCount: 1,
      latestProgress: { date: '2024-12-01', text: '同一天后记的进展' },
    });
  });

  it('dates the last change of each problem by the last action that touched it', () => {
    const { roundId, g, s } = seed(t.db);
    const byId = new Map(listTableProblems(t.db, { roundId }).map((p) => [p.id, p.lastChangeAt]));
    expect(byId.get(g)).toBe('2025-01-01T00:00:00.000Z');
    expect(byId.get(s)).toBe('2025-02-03T04:05:06.000Z');
  });

  it('gives the same rows for a round as for the same problems asked by id', () => {
    const { roundId, g, s } = seed(t.db);
    // A second round with problems of its own: a whole round is read in passes over every round's rows.
    const other = seed(t.db);
    runAction(t.db, { source: 'edit', label: '再记' }, () => addProgress(t.db, other.g, { date: '2025-03-01', text: '另一轮的进展' }));
    for (const r of [{ roundId, g, s }, other]) {
      const round = listTableProblems(t.db, { roundId: r.roundId });
      expect(round.map((p) => p.id)).toEqual([r.g, r.s]);
      expect(listTableProblems(t.db, { roundId: r.roundId, ids: [r.s, r.g] })).toEqual(round);
      expect(listProblemSummaries(t.db, { roundId: r.roundId, ids: [r.s, r.g] })).toEqual(listProblemSummaries(t.db, { roundId: r.roundId }));
    }
    expect(listTableProblems(t.db, { roundId: other.roundId })[0]!.latestProgress).toEqual({ date: '2025-03-01', text: '另一轮的进展' });
    expect(listTableProblems(t.db, { roundId })[0]!.latestProgress).toEqual({ date: '2024-12-01', text: '同一天后记的进展' });
  });

  it('extends the table row with the detail fields, cooperating units in their order', () => {
    const { roundId, g } = seed(t.db);
    const [table] = listTableProblems(t.db, { roundId, ids: [g] });
    const [summary] = listProblemSummaries(t.db, { roundId, ids: [g] });
    expect(summary).toMatchObject({ ...table, code: '1-1', categoryNo: 1, categoryTitle: '统筹协调不够', units: ['政治部', '局办公室'], public: true, deletedAt: null });
  });

  it('leaves deleted problems out of the table, and lists them alone when asked', () => {
    const { roundId, g, s } = seed(t.db);
    runAction(t.db, { source: 'edit', label: '删除' }, () => deleteProblem(t.db, s));
    expect(listTableProblems(t.db, { roundId }).map((p) => p.id)).toEqual([g]);
    expect(listTableProblems(t.db, { roundId, ids: [s] })).toEqual([]);
    expect(listProblemSummaries(t.db, { roundId, onlyDeleted: true }).map((p) => [p.id, p.deletedAt != null])).toEqual([[s, true]]);
    expect(listProblemSummaries(t.db, { roundId, includeDeleted: true }).map((p) => p.id)).toEqual([g, s]);
  });
});
