import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runAction } from '../../electron/core/ledger/actions';
import { completeOpenMeasures, updateMeasure } from '../../electron/core/ledger/measures';
import { buildLedger } from '../helpers/workbook';
import { tmpLedger } from '../helpers/ledger';
import type { MeasureStatus } from '../../shared/domain/status';

/**
 * A return that reports a problem done completes its open measures in one statement: the rows and the
 * history must be those of updateMeasure for each open measure (what the import did before).
 */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const STATUSES: MeasureStatus[] = ['未启动', '正在推进', '已完成', '长期坚持'];

function ledgerWith(statuses: MeasureStatus[], deleted: number[]) {
  const l = tmpLedger();
  cleanups.push(l.cleanup);
  buildLedger(l.db, { title: '测试轮次' }, [
    { title: '统筹协调不够', problems: [{ text: '台账不规范', measures: statuses.map((status, i) => ({ text: `措施${i + 1}`, status, ...(status === '已完成' ? { completedDate: '2024-10-01' } : {}) })) }] },
  ]);
  const problemId = (l.db.raw.prepare('SELECT id FROM problems').get() as { id: number }).id;
  runAction(l.db, { source: 'edit', label: '删除' }, () => {
    for (const i of deleted) if (i < statuses.length) l.db.raw.prepare('UPDATE measures SET deleted_at = ? WHERE problem_id = ? AND no = ?').run('2024-10-02T00:00:00Z', problemId, i + 1);
  });
  return { db: l.db, problemId };
}

const state = (db: ReturnType<typeof tmpLedger>['db'], action: number) => ({
  measures: db.raw.prepare('SELECT id, status, completed_date, deleted_at FROM measures ORDER BY id').all(),
  history: db.raw.prepare('SELECT tbl, row_id, field, old_value, new_value, problem_id FROM history WHERE action_id = ? ORDER BY row_id, field').all(action),
});

describe('completeOpenMeasures', () => {
  it('writes what updateMeasure writes for each open live measure', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATUSES), { minLength: 0, maxLength: 6 }), fc.uniqueArray(fc.nat(5), { maxLength: 2 }), (statuses, deleted) => {
        const a = ledgerWith(statuses, deleted);
        const b = ledgerWith(statuses, deleted);
        const open = (a.db.raw.prepare("SELECT id FROM measures WHERE problem_id = ? AND deleted_at IS NULL AND status <> '已完成' ORDER BY no").all(a.problemId) as { id: number }[]).map((r) => r.id);
        const actionA = runAction(a.db, { source: 'import', label: '逐项' }, (id) => {
          for (const m of open) updateMeasure(a.db, m, { status: '已完成', completedDate: '2024-11-30' }, { refresh: false });
          return id;
        });
        let changed = 0;
        const actionB = runAction(b.db, { source: 'import', label: '一条语句' }, (id) => {
          changed = completeOpenMeasures(b.db, b.problemId, '2024-11-30');
          return id;
        });
        expect(changed).toBe(open.length);
        expect(state(b.db, actionB)).toEqual(state(a.db, actionA));
      }),
      { numRuns: 30 },
    );
  });

  it('refuses an invalid date and writes nothing', () => {
    const { db, problemId } = ledgerWith(['未启动'], []);
    expect(() => runAction(db, { source: 'import', label: '错误日期' }, () => completeOpenMeasures(db, problemId, '2024-02-30'))).toThrow(/日期/);
    expect(db.raw.prepare('SELECT status FROM measures').all()).toEqual([{ status: '未启动' }]);
  });
});
