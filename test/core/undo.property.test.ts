import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Db } from '../../electron/core/db/open';
import { runAction, undo, redo } from '../../electron/core/ledger/actions';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { deleteProblem, restoreProblem, setProblemStatus, updateProblem, createProblem, moveProblem } from '../../electron/core/ledger/problems';
import { addMeasure, deleteMeasure, moveMeasure, updateMeasure, addProgress } from '../../electron/core/ledger/measures';
import { addAlias } from '../../electron/core/ledger/people';
import { checkLedger } from '../../electron/core/ledger/check';
import { tmpLedger } from '../helpers/ledger';

/** Everything a person can see or that statistics use, as one comparable value. */
function snapshot(db: Db): string {
  const q = (sql: string) => db.raw.prepare(sql).all();
  return JSON.stringify({
    problems: q('SELECT * FROM problems ORDER BY id'),
    measures: q('SELECT * FROM measures ORDER BY id'),
    progress: q('SELECT * FROM progress ORDER BY id'),
    leaders: q('SELECT * FROM problem_leaders ORDER BY id'),
    units: q('SELECT * FROM problem_units ORDER BY id'),
    unitRecords: q('SELECT * FROM units ORDER BY id'),
    unitAliases: q('SELECT * FROM unit_aliases ORDER BY id'),
    leaderRecords: q('SELECT * FROM leaders ORDER BY id'),
    categories: q('SELECT * FROM categories ORDER BY id'),
    search: q('SELECT problem_id, src, src_id, text FROM search_index ORDER BY src, src_id'),
  });
}

type Cmd =
  | { t: 'text'; p: number; text: string }
  | { t: 'unit'; p: number; unit: string }
  | { t: 'leaders'; p: number; names: string[] }
  | { t: 'deadline'; p: number; raw: string }
  | { t: 'status'; p: number; status: '已完成' | '正在推进' | null }
  | { t: 'addMeasure'; p: number; text: string }
  | { t: 'measureStatus'; p: number; m: number; status: '已完成' | '正在推进' | '未启动' }
  | { t: 'deleteMeasure'; p: number; m: number }
  | { t: 'moveMeasure'; p: number; m: number; to: number }
  | { t: 'progress'; p: number; text: string }
  | { t: 'delete'; p: number }
  | { t: 'restore'; p: number }
  | { t: 'newSpecific'; p: number; text: string }
  | { t: 'move'; p: number }
  | { t: 'alias'; a: string; b: string }
  | { t: 'undo' }
  | { t: 'redo' };

const units = ['政治部', '局办公室', '机关党办', '市司法局政治部', '法治调研科'];
const words = fc.constantFrom('改写的问题', '补充说明', '进一步核实', '新增措施', '阶段性成果');
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ t: fc.constant('text' as const), p: fc.nat(40), text: words }),
  fc.record({ t: fc.constant('unit' as const), p: fc.nat(40), unit: fc.constantFrom(...units) }),
  fc.record({ t: fc.constant('leaders' as const), p: fc.nat(40), names: fc.subarray(['局长', '副局长（分管立法）', '张三'], { minLength: 0 }) }),
  fc.record({ t: fc.constant('deadline' as const), p: fc.nat(40), raw: fc.constantFrom('2024年11月20日前', '立行立改', '长期坚持', '2025年底前', '') }),
  fc.record({ t: fc.constant('status' as const), p: fc.nat(40), status: fc.constantFrom('已完成' as const, '正在推进' as const, null) }),
  fc.record({ t: fc.constant('addMeasure' as const), p: fc.nat(40), text: words }),
  fc.record({ t: fc.constant('measureStatus' as const), p: fc.nat(40), m: fc.nat(4), status: fc.constantFrom('已完成' as const, '正在推进' as const, '未启动' as const) }),
  fc.record({ t: fc.constant('deleteMeasure' as const), p: fc.nat(40), m: fc.nat(4) }),
  fc.record({ t: fc.constant('moveMeasure' as const), p: fc.nat(40), m: fc.nat(4), to: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ t: fc.constant('progress' as const), p: fc.nat(40), text: words }),
  fc.record({ t: fc.constant('delete' as const), p: fc.nat(40) }),
  fc.record({ t: fc.constant('restore' as const), p: fc.nat(40) }),
  fc.record({ t: fc.constant('newSpecific' as const), p: fc.nat(40), text: words }),
  fc.record({ t: fc.constant('move' as const), p: fc.nat(40) }),
  fc.record({ t: fc.constant('alias' as const), a: fc.constantFrom(...units), b: fc.constantFrom(...units) }),
  fc.constant({ t: 'undo' as const }),
  fc.constant({ t: 'redo' as const }),
);

function apply(db: Db, c: Cmd): boolean {
  const ids = (db.raw.prepare('SELECT id FROM problems ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const pid = 'p' in c ? ids[c.p % ids.length]! : 0;
  const measureIds = () => (db.raw.prepare('SELECT id FROM measures WHERE problem_id = ? AND deleted_at IS NULL ORDER BY no').all(pid) as { id: number }[]).map((r) => r.id);
  const edit = (fn: () => void) => {
    runAction(db, { source: 'edit', label: c.t }, fn);
    return true;
  };
  switch (c.t) {
    case 'text':
      return edit(() => updateProblem(db, pid, { text: c.text + pid }));
    case 'unit':
      return edit(() => updateProblem(db, pid, { leadUnit: c.unit }));
    case 'leaders':
      return edit(() => updateProblem(db, pid, { leaders: c.names }));
    case 'deadline':
      return edit(() => updateProblem(db, pid, { deadline: { raw: c.raw } }));
    case 'status':
      return edit(() => setProblemStatus(db, pid, c.status, { source: 'manual', completedDate: c.status === '已完成' ? '2025-01-01' : null }));
    case 'addMeasure':
      return edit(() => addMeasure(db, pid, { text: c.text }));
    case 'measureStatus': {
      const m = measureIds()[c.m];
      return m ? edit(() => updateMeasure(db, m, { status: c.status, completedDate: c.status === '已完成' ? '2025-02-01' : null })) : false;
    }
    case 'deleteMeasure': {
      const m = measureIds()[c.m];
      return m ? edit(() => deleteMeasure(db, m)) : false;
    }
    case 'moveMeasure': {
      const m = measureIds()[c.m];
      return m ? edit(() => moveMeasure(db, m, c.to)) : false;
    }
    case 'progress':
      return edit(() => addProgress(db, pid, { date: '2025-03-01', text: c.text }));
    case 'delete':
      return edit(() => deleteProblem(db, pid));
    case 'restore': {
      const row = db.raw.prepare('SELECT deleted_at, parent_id FROM problems WHERE id = ?').get(pid) as { deleted_at: string | null; parent_id: number | null };
      const parentDeleted = row.parent_id != null && (db.raw.prepare('SELECT deleted_at FROM problems WHERE id = ?').get(row.parent_id) as { deleted_at: string | null }).deleted_at;
      return row.deleted_at && !parentDeleted ? edit(() => restoreProblem(db, pid)) : false;
    }
    case 'newSpecific': {
      const row = db.raw.prepare('SELECT kind, category_id FROM problems WHERE id = ?').get(pid) as { kind: string; category_id: number };
      return row.kind === 'general' ? edit(() => void createProblem(db, { categoryId: row.category_id, parentId: pid, kind: 'specific', text: c.text })) : false;
    }
    case 'move': {
      const row = db.raw.prepare('SELECT kind FROM problems WHERE id = ?').get(pid) as { kind: string };
      return edit(() => moveProblem(db, pid, row.kind === 'general' ? { afterId: null } : { afterId: null }));
    }
    case 'alias':
      return c.a !== c.b ? edit(() => addAlias(db, 'unit', c.a, c.b)) : false;
    default:
      return false;
  }
}

describe('undo and redo', () => {
  it('restore exact earlier states over random sequences of edits, undos and redos', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 30 }), (cmds) => {
        const t = tmpLedger();
        try {
          createSampleLedger(t.db);
          const undoStack: string[] = [];
          let redoStack: string[] = [];
          for (const c of cmds) {
            const before = snapshot(t.db);
            if (c.t === 'undo') {
              const label = undo(t.db);
              if (undoStack.length === 0) expect(label).toBeNull();
              else {
                expect(snapshot(t.db)).toBe(undoStack.pop());
                redoStack.push(before);
              }
            } else if (c.t === 'redo') {
              const label = redo(t.db);
              if (redoStack.length === 0) expect(label).toBeNull();
              else {
                expect(snapshot(t.db)).toBe(redoStack.pop());
                undoStack.push(before);
              }
            } else if (apply(t.db, c)) {
              if (snapshot(t.db) !== before) {
                undoStack.push(before);
                redoStack = [];
              }
            }
          }
          // Undo everything: back to the sample exactly.
          while (undoStack.length) {
            undo(t.db);
            expect(snapshot(t.db)).toBe(undoStack.pop());
          }
          expect(checkLedger(t.db)).toEqual([]);
        } finally {
          t.cleanup();
        }
      }),
      { seed: 20261129, numRuns: 60 },
    );
  });
});
