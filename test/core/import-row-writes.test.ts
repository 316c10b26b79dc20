import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../electron/core/ledger/actions';
import { returnWorkbook } from '../fixtures/import/build';
import { tmpLedger } from '../helpers/ledger';
import { dumpLedger, importFiles, inputOf, listOf } from '../helpers/import';

/**
 * How the rows of a file are written: a row that fails halfway leaves nothing behind for the rows after it,
 * and the preview lists every write a commit makes.
 */
describe('writing the rows of a return', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(async () => {
    t = tmpLedger();
    await importFiles(t.db, ['整改台账-总表.xlsx']);
  });
  afterEach(() => t.cleanup());

  /** 2-2 awaits sign-off: a return may add progress to it, but not change its status. */
  function awaitSignoff(code: string): void {
    runAction(t.db, { source: 'edit', label: '测试：申请销号' }, () => {
      t.db.raw.prepare("UPDATE problems SET workflow = '待销号', status = '待销号', status_source = 'manual' WHERE code = ?").run(code);
    });
  }

  it('a row that fails after writing progress and measures leaves nothing behind for the rows after it', async () => {
    awaitSignoff('2-2');
    const bytes = returnWorkbook(
      ['编号', '整改进展', '完成状态'],
      [
        ['2-3', '召开专题会议', '正在推进'],
        ['2-2', '修订了制度', '第一二三项完成整改'],
        // Not next to row 3: consecutive rows with the same code are one problem (one row per measure).
        ['2-4', '完成培训', '已完成'],
        ['2-2', '修订了制度', null],
      ],
      { modified: '2024-12-01T08:00:00Z' },
    );
    const before = dumpLedger(t.db);
    const preview = await importFiles(t.db, [{ name: '回执-测试.xlsx', bytes }], { commit: false });
    const file = preview.files[0]!;
    expect(file.errors.map((e) => [e.row, e.code])).toEqual([[3, 'IN_SIGNOFF']]);
    expect(file.errors[0]!.message).toMatch(/^2-2：.*正处于销号流程/);
    expect(file.changes.map((c) => [c.row, c.code, c.action])).toEqual([
      [2, '2-3', 'update'],
      [3, '2-2', 'error'],
      [4, '2-4', 'update'],
      [5, '2-2', 'update'],
    ]);
    // Row 5 repeats row 3's progress: it is new only because row 3's progress went with row 3's failure.
    expect(file.changes[3]!.changes).toEqual([{ field: 'progress', label: '整改进展', before: expect.not.stringContaining('修订了制度'), after: '2024-12-01 修订了制度' }]);
    expect(file.changes[2]!.changes.map((c) => c.field)).toContain('progress');
    expect(dumpLedger(t.db)).toEqual(before);
  });

  it('shows measures a return completes even when the problem’s status, set by hand, stays as it is', async () => {
    const p = listOf(t.db).find((x) => x.code === '2-2')!;
    expect(p.measures.map((m) => m.status)).toEqual(['已完成', '正在推进', '已完成']);
    runAction(t.db, { source: 'edit', label: '测试：手工标为已完成' }, () => {
      t.db.raw.prepare("UPDATE problems SET status = '已完成', status_source = 'manual', completed_date = '2024-11-01' WHERE code = '2-2'").run();
    });
    const bytes = returnWorkbook(['编号', '完成状态'], [['2-2', '已完成']], { modified: '2024-12-01T08:00:00Z' });
    const preview = await importFiles(t.db, [{ name: '回执-测试.xlsx', bytes }], { commit: false });
    expect(preview.files[0]).toMatchObject({ updated: 1, unchanged: 0 });
    expect(preview.files[0]!.changes[0]!.changes).toEqual([{ field: 'measures', label: '措施状态', before: '已完成、正在推进、已完成', after: '已完成、已完成、已完成' }]);
    const commit = await importFiles(t.db, [{ name: '回执-测试.xlsx', bytes }]);
    expect(commit.files[0]!.changes).toEqual(preview.files[0]!.changes);
    expect(listOf(t.db).find((x) => x.code === '2-2')!.measures.map((m) => m.status)).toEqual(['已完成', '已完成', '已完成']);
  });
});

describe('writing the rows of a master ledger', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  it('a row that cannot be written is reported on its row; the rows around it are previewed as written', async () => {
    const bytes = returnWorkbook(
      ['编号', '问题', '整改措施'],
      [
        ['1-1', '制度建设不到位', '修订制度'],
        ['1-9-1', '找不到所属面上问题的具体问题', '整改'],
        ['1-1-1', '议事规则未及时修订', '修订议事规则'],
      ],
    );
    const input = inputOf({ name: '台账-测试.xlsx', bytes }, { kind: 'ledger' });
    const preview = await importFiles(t.db, [input], { commit: false });
    const file = preview.files[0]!;
    expect(file.errors.map((e) => [e.row, e.code])).toEqual([[3, 'NO_PARENT']]);
    expect(file.changes.map((c) => [c.row, c.code, c.action])).toEqual([
      [2, '1-1', 'add'],
      [3, '1-9-1', 'error'],
      [4, '1-1-1', 'add'],
    ]);
    expect(file).toMatchObject({ added: 2, counts: { categories: 1, general: 1, specific: 1, measures: 2 } });
    expect(listOf(t.db)).toEqual([]);
  });
});
