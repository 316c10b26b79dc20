import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Db } from '../../electron/core/db/open';
import { tmpLedger } from '../helpers/ledger';
import { revertActions, runAction } from '../../electron/core/ledger/actions';
import { createCategory, createRound } from '../../electron/core/ledger/rounds';
import { createProblem, setProblemStatus } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress } from '../../electron/core/ledger/measures';
import { newProblemWriter, type WholeProblem } from '../../electron/core/ledger/new-problems';
import type { MeasureStatus, ProblemStatus } from '../../shared/domain/status';

/**
 * The import's writer of whole new problems (one INSERT per row, in its final state) must leave the ledger
 * exactly as the one-field-at-a-time path (createProblem, addMeasure, setProblemStatus, addProgress) does:
 * the same rows, and history that undoes them.
 */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const UNITS = ['办公室', '政治部', '法治调研科', '立法科', '财务科'];
const LEADERS = ['张局长', '李副局长', '王主任'];
const MEASURE: MeasureStatus[] = ['未启动', '正在推进', '已完成', '长期坚持', '未注明'];
const EXPLICIT: (ProblemStatus | null)[] = [null, null, '已完成', '申请延期', '待销号', '正在推进'];

interface Shape {
  specific: boolean;
  leaders: string[];
  lead: string | null;
  units: string[];
  deadline: { raw: string; kind: 'date' | 'long-term'; date?: string } | null;
  measures: { status: MeasureStatus; deadline: boolean }[];
  explicit: ProblemStatus | null;
  progress: boolean;
}

const problemShape: fc.Arbitrary<Shape> = fc.record({
  specific: fc.boolean(),
  leaders: fc.subarray(LEADERS),
  lead: fc.option(fc.constantFrom(...UNITS, '法治调研科、立法科'), { nil: null }),
  units: fc.subarray(UNITS),
  deadline: fc.option(fc.constantFrom({ raw: '2024年12月31日前', kind: 'date' as const, date: '2024-12-31' }, { raw: '长期坚持', kind: 'long-term' as const }), { nil: null }),
  measures: fc.array(fc.record({ status: fc.constantFrom(...MEASURE), deadline: fc.boolean() }), { maxLength: 4 }),
  explicit: fc.constantFrom(...EXPLICIT),
  progress: fc.boolean(),
});

function ledgerWithCategory(): { db: Db; categoryId: number; roundId: number } {
  const l = tmpLedger();
  cleanups.push(l.cleanup);
  let categoryId = 0;
  let roundId = 0;
  runAction(l.db, { source: 'system', label: '准备' }, () => {
    roundId = createRound(l.db, { title: '测试轮次', feedbackDate: '2024-06-01' });
    categoryId = createCategory(l.db, roundId, '统筹协调不够', 1);
  });
  return { db: l.db, categoryId, roundId };
}

function whole(s: Shape, i: number, categoryId: number, parentId: number | null, parentCode: string | null): WholeProblem {
  return {
    categoryId,
    parentId: s.specific ? parentId : null,
    kind: s.specific && parentId ? 'specific' : 'general',
    code: s.specific && parentId ? `${parentCode}-${i}` : `1-${i}`,
    text: ` 问题${i}：台账填报不规范 `,
    leaders: s.leaders,
    leadUnit: s.lead,
    units: s.units,
    responsiblePerson: i % 2 ? '赵科长' : '',
    deadline: s.deadline,
    notes: i % 3 ? '' : '备注',
    measures: s.measures.map((m, j) => ({ text: `措施${j + 1}`, status: m.status, deadline: m.deadline ? { raw: '2025年3月底前', kind: 'date' as const, date: '2025-03-31' } : null })),
    explicitStatus: s.explicit,
    statusReason: '导入：总台账',
    progress: s.progress ? { date: '2024-11-30', text: `进展${i}`, batchId: null } : null,
  };
}

/** The same problem through the functions a person's edits use, one after another. */
function oneByOne(db: Db, p: WholeProblem): number {
  const id = createProblem(db, {
    categoryId: p.categoryId,
    parentId: p.parentId,
    kind: p.kind,
    text: p.text,
    code: p.code,
    leaders: p.leaders,
    leadUnit: p.leadUnit,
    units: p.units,
    responsiblePerson: p.responsiblePerson,
    deadline: p.deadline ?? undefined,
    notes: p.notes,
  });
  for (const m of p.measures) addMeasure(db, id, { text: m.text, status: m.status, deadline: m.deadline ?? undefined });
  if (p.explicitStatus) setProblemStatus(db, id, p.explicitStatus, { source: 'import', reason: p.statusReason });
  if (p.progress) addProgress(db, id, { date: p.progress.date, text: p.progress.text, source: 'import', batchId: p.progress.batchId });
  return id;
}

const TABLES = ['problems', 'measures', 'problem_leaders', 'problem_units', 'progress', 'units', 'leaders'];
function tables(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(
    TABLES.map((t) => [t, (db.raw.prepare(`SELECT * FROM ${t} ORDER BY id`).all() as Record<string, unknown>[]).map(({ created_at: _c, ...rest }) => rest)]),
  );
}

describe('newProblemWriter', () => {
  it('writes the same rows as createProblem + addMeasure + setProblemStatus + addProgress, and its history undoes them', () => {
    fc.assert(
      // Flushed after some problems (`flushAfter`), pending for others: what the writer answers must not depend on it.
      fc.property(fc.array(problemShape, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(12)), (shapes, flushAfter) => {
        const a = ledgerWithCategory();
        const b = ledgerWithCategory();
        const before = tables(b.db);
        let actionB = 0;
        const write = (categoryId: number, add: (p: WholeProblem) => number) => {
          let parent: { id: number; code: string } | null = null;
          shapes.forEach((s, i) => {
            const p = whole(s, i + 1, categoryId, parent?.id ?? null, parent?.code ?? null);
            const id = add(p);
            if (p.kind === 'general') parent = { id, code: p.code };
          });
        };
        runAction(a.db, { source: 'import', label: '逐项写入' }, () => write(a.categoryId, (p) => oneByOne(a.db, p)));
        runAction(b.db, { source: 'import', label: '整行写入' }, (aid) => {
          actionB = aid;
          const writer = newProblemWriter(b.db, b.roundId);
          write(b.categoryId, (p) => {
            const id = writer.add(p).id;
            if (flushAfter.includes(id)) writer.flush();
            return id;
          });
          writer.flush();
        });
        expect(tables(b.db)).toEqual(tables(a.db));
        // No row written and then changed: one history row per row written.
        const history = b.db.raw.prepare("SELECT count(*) AS n, sum(field = '*') AS inserts FROM history WHERE action_id = ?").get(actionB) as { n: number; inserts: number };
        expect(history.n).toBe(history.inserts);
        revertActions(b.db, [actionB], { source: 'undo', label: '撤销' });
        expect(tables(b.db)).toEqual(before);
        a.db.close();
        b.db.close();
      }),
      { numRuns: 25 },
    );
  });

  it('refuses what createProblem refuses, and forgets a unit whose row was rolled back', () => {
    const { db, roundId, categoryId } = ledgerWithCategory();
    runAction(db, { source: 'import', label: '导入' }, () => {
      const writer = newProblemWriter(db, roundId);
      const base = whole({ specific: false, leaders: [], lead: '新单位', units: [], deadline: null, measures: [], explicit: null, progress: false }, 1, categoryId, null, null);
      db.raw.prepare('SAVEPOINT row').run();
      writer.add(base);
      db.raw.prepare('ROLLBACK TO row').run();
      db.raw.prepare('RELEASE row').run();
      writer.forget();
      // The unit created in the rolled-back row is made again, not taken from the writer's memory.
      const { id } = writer.add(base);
      writer.flush();
      const unit = db.raw.prepare('SELECT u.name FROM problems p JOIN units u ON u.id = p.lead_unit_id WHERE p.id = ?').get(id) as { name: string };
      expect(unit.name).toBe('新单位');
      expect(() => writer.add(base)).toThrow(/编号 1-1 已被另一个问题使用/);
      expect(() => writer.add({ ...base, code: '1-2', text: '  ' })).toThrow(/问题内容不能为空/);
      expect(() => writer.add({ ...base, code: '1-3', kind: 'specific', parentId: null })).toThrow(/必须属于一个面上问题/);
      expect(() => writer.add({ ...base, code: '1-4', measures: [{ text: ' ', status: '未启动', deadline: null }] })).toThrow(/措施的内容不能为空/);
      expect(() => writer.add({ ...base, code: '1-5', deadline: { raw: 'x', kind: 'date', date: '2024-02-30' } })).toThrow(/日期无效/);
    });
  });

  it("drops only the rolled-back row's pending rows, and answers for the pending ones before they are written", () => {
    const { db, roundId, categoryId } = ledgerWithCategory();
    const shape = (lead: string | null): Shape => ({ specific: false, leaders: ['张局长'], lead, units: [], deadline: null, measures: [{ status: '正在推进', deadline: false }], explicit: null, progress: true });
    runAction(db, { source: 'import', label: '导入' }, () => {
      const writer = newProblemWriter(db, roundId);
      writer.begin();
      const a = writer.add(whole(shape('办公室'), 1, categoryId, null, null));
      // Pending, yet known: its code is taken, and a specific problem may name it as its parent.
      expect(writer.idOfCode('1-1')).toBe(a.id);
      expect(() => writer.add(whole(shape(null), 1, categoryId, null, null))).toThrow(/编号 1-1 已被另一个问题使用/);
      writer.begin();
      db.raw.prepare('SAVEPOINT row').run();
      const b = writer.add(whole({ ...shape('新单位'), specific: true }, 1, categoryId, a.id, '1-1'));
      db.raw.prepare('ROLLBACK TO row').run();
      db.raw.prepare('RELEASE row').run();
      writer.forget();
      expect(writer.idOfCode('1-1-1')).toBeUndefined();
      expect(writer.pending).toBe(4); // a: the problem, its leader link, measure and progress
      const c = writer.add(whole({ ...shape('新单位'), specific: true }, 1, categoryId, a.id, '1-1'));
      expect(c.id).toBe(b.id);
      expect(db.raw.prepare('SELECT count(*) AS n FROM problems').get()).toEqual({ n: 0 });
      writer.flush();
      expect(writer.pending).toBe(0);
      const rows = db.raw.prepare('SELECT p.code, p.parent_id AS parentId, p.sort, u.name AS unit FROM problems p LEFT JOIN units u ON u.id = p.lead_unit_id ORDER BY p.id').all();
      expect(rows).toEqual([
        { code: '1-1', parentId: null, sort: 1, unit: '办公室' },
        { code: '1-1-1', parentId: a.id, sort: 1, unit: '新单位' },
      ]);
      expect(db.raw.prepare('SELECT problem_id AS p, no FROM measures ORDER BY id').all()).toEqual([
        { p: a.id, no: 1 },
        { p: c.id, no: 1 },
      ]);
      // Written, the tables answer: the next general problem follows the first.
      const d = writer.add(whole(shape(null), 2, categoryId, null, null));
      writer.flush();
      expect(db.raw.prepare('SELECT sort FROM problems WHERE id = ?').get(d.id)).toEqual({ sort: 2 });
    });
  });
});
