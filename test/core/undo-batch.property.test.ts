import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Db } from '../../electron/core/db/open';
import { dryRun } from '../../electron/core/db/dry-run';
import { redo, revertActions, runAction, undo } from '../../electron/core/ledger/actions';
import { replay } from '../../electron/core/ledger/replay';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { createProblem, deleteProblem, setProblemStatus, updateProblem } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress, deleteMeasure, updateMeasure } from '../../electron/core/ledger/measures';
import { addAlias, findPerson, renamePerson } from '../../electron/core/ledger/people';
import { undoBatch } from '../../electron/core/excel/import/batches';
import { checkLedger } from '../../electron/core/ledger/check';
import { tmpLedger } from '../helpers/ledger';
import { dumpLedger, importFiles } from '../helpers/import';
import { returnWorkbook } from '../fixtures/import/build';

/**
 * Undo and redo of large, mixed actions (issue 16: undo replays history set-based, in per-row layers):
 * random batches of new problems with measures, progress, units and leaders, edits of existing rows,
 * deletions, renames that trade unit names, and real imported returns. Undo must restore the exact table
 * dumps (search index included) of before the batch, redo those of after it, and the history the undo or
 * redo writes must hold, row by row, the same entries as replaying the recorded rows one by one (the
 * way undo worked before, kept as the fallback).
 */

const units = ['政治部', '局办公室', '机关党办', '法治调研科', '新设单位甲', '新设单位乙'];
const leaders = ['局长', '副局长（分管立法）', '张三', '新任领导'];
const words = fc.constantFrom('改写的问题', '补充说明', '进一步核实', '新增措施', '阶段性成果', '专题会议');

type Op =
  | { t: 'newProblem'; cat: number; text: string; measures: number; unit: string; leaders: string[]; progress: boolean; specific: boolean }
  | { t: 'text'; p: number; text: string }
  | { t: 'unit'; p: number; unit: string }
  | { t: 'leaders'; p: number; names: string[] }
  | { t: 'status'; p: number; status: '已完成' | '正在推进' | null }
  | { t: 'measureStatus'; p: number; status: '已完成' | '正在推进' }
  | { t: 'deleteMeasure'; p: number }
  | { t: 'deleteProblem'; p: number }
  | { t: 'progress'; p: number; text: string }
  | { t: 'swapUnits'; a: number; b: number }
  | { t: 'alias'; a: string; b: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({
    t: fc.constant('newProblem' as const), cat: fc.nat(10), text: words, measures: fc.nat(3), unit: fc.constantFrom(...units),
    leaders: fc.subarray(leaders), progress: fc.boolean(), specific: fc.boolean(),
  }) },
  fc.record({ t: fc.constant('text' as const), p: fc.nat(200), text: words }),
  fc.record({ t: fc.constant('unit' as const), p: fc.nat(200), unit: fc.constantFrom(...units) }),
  fc.record({ t: fc.constant('leaders' as const), p: fc.nat(200), names: fc.subarray(leaders) }),
  fc.record({ t: fc.constant('status' as const), p: fc.nat(200), status: fc.constantFrom('已完成' as const, '正在推进' as const, null) }),
  fc.record({ t: fc.constant('measureStatus' as const), p: fc.nat(200), status: fc.constantFrom('已完成' as const, '正在推进' as const) }),
  fc.record({ t: fc.constant('deleteMeasure' as const), p: fc.nat(200) }),
  fc.record({ t: fc.constant('deleteProblem' as const), p: fc.nat(200) }),
  fc.record({ t: fc.constant('progress' as const), p: fc.nat(200), text: words }),
  fc.record({ t: fc.constant('swapUnits' as const), a: fc.nat(20), b: fc.nat(20) }),
  fc.record({ t: fc.constant('alias' as const), a: fc.constantFrom(...units), b: fc.constantFrom('政治处', '办公室', '党办') }),
);

function live(db: Db, sql: string, ...args: unknown[]): number[] {
  return (db.raw.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id);
}

/** One operation through the ledger's own functions, inside the caller's action. */
function apply(db: Db, o: Op): void {
  const problems = live(db, 'SELECT id FROM problems WHERE deleted_at IS NULL ORDER BY id');
  const pid = 'p' in o ? problems[o.p % problems.length] : undefined;
  switch (o.t) {
    case 'newProblem': {
      const cats = live(db, 'SELECT id FROM categories WHERE deleted_at IS NULL ORDER BY id');
      const categoryId = cats[o.cat % cats.length]!;
      const general = createProblem(db, { categoryId, kind: 'general', text: `${o.text}${problems.length}` });
      const id = o.specific ? createProblem(db, { categoryId, parentId: general, kind: 'specific', text: `${o.text}（具体）` }) : general;
      updateProblem(db, id, { leadUnit: o.unit, leaders: o.leaders, deadline: { raw: '2024年11月20日前' } });
      for (let i = 0; i < o.measures; i++) addMeasure(db, id, { text: `措施${i + 1}：${o.text}` });
      if (o.progress) addProgress(db, id, { date: '2024-12-01', text: `${o.text}，已部署` });
      return;
    }
    case 'text':
      return updateProblem(db, pid!, { text: `${o.text}${pid}` });
    case 'unit':
      return updateProblem(db, pid!, { leadUnit: o.unit });
    case 'leaders':
      return updateProblem(db, pid!, { leaders: o.names });
    case 'status':
      return setProblemStatus(db, pid!, o.status, { source: 'import', completedDate: o.status === '已完成' ? '2024-11-30' : null });
    case 'measureStatus': {
      const m = live(db, 'SELECT id FROM measures WHERE problem_id = ? AND deleted_at IS NULL ORDER BY no', pid)[0];
      if (m) updateMeasure(db, m, { status: o.status, completedDate: o.status === '已完成' ? '2024-11-30' : null });
      return;
    }
    case 'deleteMeasure': {
      const m = live(db, 'SELECT id FROM measures WHERE problem_id = ? AND deleted_at IS NULL ORDER BY no', pid)[0];
      if (m) deleteMeasure(db, m);
      return;
    }
    case 'deleteProblem':
      return deleteProblem(db, pid!);
    case 'progress':
      return void addProgress(db, pid!, { date: '2024-12-02', text: o.text });
    case 'swapUnits': {
      // Two units trade names through a third: replayed in layers, both renames back meet the UNIQUE name.
      const ids = live(db, 'SELECT id FROM units ORDER BY id');
      const a = ids[o.a % ids.length]!;
      const b = ids[o.b % ids.length]!;
      if (a === b) return;
      const name = (id: number) => (db.raw.prepare('SELECT name FROM units WHERE id = ?').get(id) as { name: string }).name;
      const [na, nb] = [name(a), name(b)];
      renamePerson(db, 'unit', a, `${na}（临时）`);
      renamePerson(db, 'unit', b, na);
      renamePerson(db, 'unit', a, nb);
      return;
    }
    case 'alias':
      if (findPerson(db, 'unit', o.a) != null && findPerson(db, 'unit', o.b) == null) addAlias(db, 'unit', o.a, o.b);
      return;
  }
}

/** The tables and the search index: what undo must give back exactly. */
function dump(db: Db): string {
  return JSON.stringify({
    ...dumpLedger(db),
    search: db.raw.prepare('SELECT rowid, text, problem_id, src, src_id FROM search_index ORDER BY rowid').all(),
  });
}

/** The history an action wrote, per ledger row, in order. */
function historyByRow(db: Db, actionId: number): Record<string, unknown[]> {
  const rows = db.raw
    .prepare('SELECT tbl, row_id, field, old_value, new_value, problem_id FROM history WHERE action_id = ? ORDER BY id')
    .all(actionId) as { tbl: string; row_id: number }[];
  const out: Record<string, unknown[]> = {};
  for (const r of rows) (out[`${r.tbl}:${r.row_id}`] ??= []).push(r);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** What replaying one by one, in the recorded order, would write (tried and rolled back). */
function rowByRowReference(db: Db, actionId: number, direction: 'forward' | 'backward') {
  return dryRun(db, () =>
    runAction(db, { source: direction === 'backward' ? 'undo' : 'redo', label: '参照' }, (rid) => {
      replay(db, [actionId], direction, { rowByRow: true });
      return { tables: JSON.stringify(dumpLedger(db)), history: historyByRow(db, rid) };
    }),
  );
}

const lastAction = (db: Db) => (db.raw.prepare('SELECT max(id) AS id FROM actions').get() as { id: number }).id;

describe('undo and redo of large mixed batches', () => {
  it('an undone batch restores the exact tables and index of before it, recorded as the one-by-one replay records it', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), fc.array(op, { minLength: 1, maxLength: 60 }), (earlier, batch) => {
        const t = tmpLedger();
        try {
          createSampleLedger(t.db);
          runAction(t.db, { source: 'edit', label: '之前的修改' }, () => earlier.forEach((o) => apply(t.db, o)));
          const before = dump(t.db);
          runAction(t.db, { source: 'import', label: '导入' }, () => batch.forEach((o) => apply(t.db, o)));
          const actionId = lastAction(t.db);
          const reference = rowByRowReference(t.db, actionId, 'backward');
          revertActions(t.db, [actionId], { source: 'undo', label: '撤销导入' });
          expect(dump(t.db)).toBe(before);
          expect(JSON.stringify(dumpLedger(t.db))).toBe(reference.tables);
          expect(historyByRow(t.db, lastAction(t.db))).toEqual(reference.history);
          expect(checkLedger(t.db)).toEqual([]);
        } finally {
          t.cleanup();
        }
      }),
      { seed: 20261204, numRuns: 40 },
    );
  });

  it('undo then redo of a large edit give the exact states before and after it, recorded as the one-by-one replay records them', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (batch) => {
        const t = tmpLedger();
        try {
          createSampleLedger(t.db);
          const before = dump(t.db);
          runAction(t.db, { source: 'edit', label: '批量修改' }, () => batch.forEach((o) => apply(t.db, o)));
          const after = dump(t.db);
          const editId = lastAction(t.db);
          if (after === before) return;
          const back = rowByRowReference(t.db, editId, 'backward');
          expect(undo(t.db)).toBe('批量修改');
          expect(dump(t.db)).toBe(before);
          expect(historyByRow(t.db, lastAction(t.db))).toEqual(back.history);
          const forth = rowByRowReference(t.db, editId, 'forward');
          expect(redo(t.db)).toBe('批量修改');
          expect(dump(t.db)).toBe(after);
          expect(JSON.stringify(dumpLedger(t.db))).toBe(forth.tables);
          expect(historyByRow(t.db, lastAction(t.db))).toEqual(forth.history);
          expect(undo(t.db)).toBe('批量修改');
          expect(dump(t.db)).toBe(before);
        } finally {
          t.cleanup();
        }
      }),
      { seed: 20261205, numRuns: 40 },
    );
  });

  it('an undo that removes more indexed rows than remain rebuilds the search index to exactly the entries of before', () => {
    const newProblem = op.filter((o) => o.t === 'newProblem');
    fc.assert(
      fc.property(fc.array(newProblem, { minLength: 40, maxLength: 80 }), fc.array(op, { maxLength: 20 }), (added, edits) => {
        const t = tmpLedger();
        try {
          createSampleLedger(t.db);
          const before = dump(t.db);
          runAction(t.db, { source: 'edit', label: '大批新增' }, () => [...added, ...edits].forEach((o) => apply(t.db, o)));
          const after = dump(t.db);
          const removed = t.db.raw.prepare("SELECT count(*) AS n FROM history WHERE action_id = ? AND tbl IN ('problems', 'measures', 'progress') AND field = '*' AND new_value IS NULL").get(lastAction(t.db)) as { n: number };
          expect(removed.n).toBe(0);
          undo(t.db);
          expect(dump(t.db)).toBe(before);
          expect(checkLedger(t.db)).toEqual([]);
          redo(t.db);
          expect(dump(t.db)).toBe(after);
          undo(t.db);
          expect(dump(t.db)).toBe(before);
        } finally {
          t.cleanup();
        }
      }),
      { seed: 20261206, numRuns: 8 },
    );
  });

  it('undoing a return import restores the ledger exactly, and a later edit of a value it set is refused with nothing changed', async () => {
    const t = tmpLedger();
    try {
      createSampleLedger(t.db);
      const codes = (t.db.raw.prepare("SELECT code FROM problems WHERE deleted_at IS NULL ORDER BY id").all() as { code: string }[]).map((r) => r.code);
      const before = dump(t.db);
      const rows = codes.filter((_, i) => i % 3 === 0).map((code, i) => [code, `第${i}次推进：召开专题会议`, i % 2 ? '已完成' : '正在推进']);
      const result = await importFiles(t.db, [{ name: '回执-政治部.xlsx', bytes: returnWorkbook(['编号', '整改进展', '完成状态'], rows, { modified: '2024-12-01T08:00:00Z' }) }]);
      expect(result.committed).toBe(true);
      const batchId = (t.db.raw.prepare('SELECT max(id) AS id FROM import_batches').get() as { id: number }).id;
      const after = dump(t.db);
      // An edit of a value the import set: the undo is refused and nothing changes.
      const actionId = (t.db.raw.prepare('SELECT action_id FROM import_batches WHERE id = ?').get(batchId) as { action_id: number }).action_id;
      const changed = t.db.raw.prepare("SELECT row_id FROM history WHERE action_id = ? AND tbl = 'problems' AND field = 'status' LIMIT 1").get(actionId) as { row_id: number };
      runAction(t.db, { source: 'edit', label: '改为长期坚持' }, () => setProblemStatus(t.db, changed.row_id, '长期坚持', { source: 'manual' }));
      const edited = dump(t.db);
      expect(() => undoBatch(t.db, batchId)).toThrow(/无法撤销：相关记录此后已被修改（“改为长期坚持”）/);
      expect(dump(t.db)).toBe(edited);
      expect(undo(t.db)).toBe('改为长期坚持');
      expect(dump(t.db)).toBe(after);
      undoBatch(t.db, batchId);
      expect(dump(t.db)).toBe(before);
    } finally {
      t.cleanup();
    }
  });
});
