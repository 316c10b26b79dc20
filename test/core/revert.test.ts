import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLedgerError } from '../../electron/core/errors';
import { revertActions, runAction, undo } from '../../electron/core/ledger/actions';
import { createCategory, createRound } from '../../electron/core/ledger/rounds';
import { createProblem, updateProblem } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress } from '../../electron/core/ledger/measures';
import { tmpLedger } from '../helpers/ledger';
import { dumpLedger, importFiles } from '../helpers/import';
import { undoBatch } from '../../electron/core/excel/import/batches';

/** Reverting recorded actions when rows written later still point at what the revert would remove. */
describe('reverting actions that later rows depend on', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  /** What reverting the action throws (undefined when it goes through). */
  function revertRefusal(actionId: number): unknown {
    try {
      revertActions(t.db, [actionId], { source: 'undo', label: '撤销导入' });
    } catch (e) {
      return e;
    }
    return undefined;
  }

  /** An action that creates a problem (as an import would), returning its action id and the problem id. */
  function createdProblem(source: 'import' | 'edit'): { actionId: number; problemId: number } {
    return runAction(t.db, { source, label: '新增问题' }, (actionId) => {
      const roundId = createRound(t.db, { title: '测试轮次' });
      const categoryId = createCategory(t.db, roundId, '统筹协调不够有力');
      return { actionId, problemId: createProblem(t.db, { categoryId, kind: 'general', text: '制度执行不严' }) };
    });
  }

  it('revertActions refuses in Chinese and changes nothing when a later measure belongs to a problem it would remove', () => {
    const { actionId, problemId } = createdProblem('import');
    runAction(t.db, { source: 'edit', label: '新增措施' }, () => addMeasure(t.db, problemId, { text: '修订制度' }));
    const before = dumpLedger(t.db);
    const actions = t.db.raw.prepare('SELECT * FROM actions ORDER BY id').all();
    const error = revertRefusal(actionId);
    expect(isLedgerError(error) && { code: error.code, message: error.message }).toEqual({
      code: 'UNDO_CONFLICT',
      message: '无法撤销：之后新增的进展、佐证材料、措施或销号记录仍依赖要撤销的数据。请先撤销之后的修改。',
    });
    expect(dumpLedger(t.db)).toEqual(before);
    expect(t.db.raw.prepare('SELECT * FROM actions ORDER BY id').all()).toEqual(actions);
  });

  it('revertActions refuses, changing nothing, when a row it inserted was edited afterwards (the edit is not lost)', () => {
    const { actionId, problemId } = createdProblem('import');
    runAction(t.db, { source: 'edit', label: '修改问题内容' }, () => updateProblem(t.db, problemId, { text: '制度执行不严，已改写' }));
    const before = dumpLedger(t.db);
    const error = revertRefusal(actionId);
    expect(isLedgerError(error) && { code: error.code, message: error.message }).toEqual({
      code: 'UNDO_CONFLICT',
      message: '无法撤销：相关记录此后已被修改（“修改问题内容”）。请先撤销之后的修改，或直接手动更正。',
    });
    expect(isLedgerError(error) && error.detail).toEqual([{ tbl: 'problems', row: problemId, field: 'text' }]);
    expect(dumpLedger(t.db)).toEqual(before);
  });

  it('the import list says a batch can no longer be undone once a row it inserted is edited, and can again when the edit is undone', async () => {
    const { listBatches } = await import('../../electron/core/excel/import/batches');
    const master = await importFiles(t.db, ['整改台账-总表.xlsx']);
    const view = () => listBatches(t.db).find((b) => b.id === master.batchIds[0])!;
    expect(view()).toMatchObject({ canUndo: true, undoBlockedBy: null });
    expect(view()).toMatchObject({ canUndo: true, undoBlockedBy: null });
    const id = (t.db.raw.prepare("SELECT id FROM problems WHERE code = '2-5'").get() as { id: number }).id;
    runAction(t.db, { source: 'edit', label: '修改问题内容' }, () => updateProblem(t.db, id, { text: '改写后的问题' }));
    expect(view()).toMatchObject({ canUndo: false, undoBlockedBy: expect.stringMatching(/^无法撤销：相关记录此后已被修改（“修改问题内容”）/) });
    undo(t.db);
    expect(view()).toMatchObject({ canUndo: true, undoBlockedBy: null });
  });

  it('revertActions still reverts a batch whose inserted rows were edited and then set back to the same values', () => {
    const { actionId, problemId } = createdProblem('import');
    runAction(t.db, { source: 'edit', label: '改' }, () => updateProblem(t.db, problemId, { text: '临时' }));
    runAction(t.db, { source: 'edit', label: '改回' }, () => updateProblem(t.db, problemId, { text: '制度执行不严' }));
    revertActions(t.db, [actionId], { source: 'undo', label: '撤销导入' });
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM problems').get()).toEqual({ n: 0 });
  });

  it('leaves no partial revert behind even when the caller catches the refusal inside its own transaction', () => {
    const { actionId, problemId } = createdProblem('import');
    runAction(t.db, { source: 'edit', label: '新增进展' }, () => addProgress(t.db, problemId, { date: '2024-12-01', text: '已部署' }));
    const before = dumpLedger(t.db);
    t.db.tx(() => {
      expect(() => revertActions(t.db, [actionId], { source: 'undo', label: '撤销导入' })).toThrow(/无法撤销/);
      expect(dumpLedger(t.db)).toEqual(before);
    });
    expect(dumpLedger(t.db)).toEqual(before);
  });

  it('undo of a person’s edit refuses cleanly when a later import added progress to what the edit created', async () => {
    createdProblem('edit');
    const { returnWorkbook } = await import('../fixtures/import/build');
    const code = (t.db.raw.prepare('SELECT code FROM problems').get() as { code: string }).code;
    const result = await importFiles(t.db, [{ name: '回执-测试.xlsx', bytes: returnWorkbook(['编号', '整改进展'], [[code, '已召开专题会议']]) }]);
    expect(result.committed).toBe(true);
    const before = dumpLedger(t.db);
    expect(() => undo(t.db)).toThrow(/^无法撤销：之后导入的 “回执-测试\.xlsx”（批次 \d+） 仍依赖要撤销的数据/);
    expect(dumpLedger(t.db)).toEqual(before);
  });

  it('undoing a master ledger batch names the later return that depends on it', async () => {
    const master = await importFiles(t.db, ['整改台账-总表.xlsx']);
    const { returnWorkbook } = await import('../fixtures/import/build');
    await importFiles(t.db, [{ name: '回执-政治部.xlsx', bytes: returnWorkbook(['编号', '整改进展'], [['2-5', '已修订制度']]) }]);
    const before = dumpLedger(t.db);
    expect(() => undoBatch(t.db, master.batchIds[0]!)).toThrow(/^无法撤销：之后导入的 “回执-政治部\.xlsx”（批次 \d+） 仍依赖要撤销的数据。请先撤销之后的导入批次。$/);
    expect(dumpLedger(t.db)).toEqual(before);
  });
});
