import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID, openDb, readPragmas } from '../../electron/core/db/open';
import { MIGRATIONS, LATEST_VERSION } from '../../electron/core/db/migrations';
import { runAction, undo, redo, undoState } from '../../electron/core/ledger/actions';
import { createCategory, createRound } from '../../electron/core/ledger/rounds';
import { createProblem, deleteProblem, getProblemRow, moveProblem, restoreProblem, setProblemStatus, updateProblem } from '../../electron/core/ledger/problems';
import { addMeasure, updateMeasure } from '../../electron/core/ledger/measures';
import { listProblemSummaries, problemHistory } from '../../electron/core/ledger/views';
import { checkLedger } from '../../electron/core/ledger/check';
import { addAlias, listUnits } from '../../electron/core/ledger/people';
import { statsFor } from '../../electron/core/stats';
import { tmpDir, tmpLedger } from '../helpers/ledger';

function schemaOf(db: Database.Database): string[] {
  return (db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { sql: string | null }[]).map(
    (r) => JSON.stringify(r),
  );
}

describe('the ledger file', () => {
  let t: ReturnType<typeof tmpDir>;
  beforeEach(() => (t = tmpDir()));
  afterEach(() => t.cleanup());

  it('opens with WAL, synchronous=FULL and foreign keys on, and a current schema', () => {
    const db = openDb(path.join(t.dir, 'a.zgtz'), { create: true });
    expect(readPragmas(db.raw)).toEqual({ journalMode: 'wal', synchronous: 2, foreignKeys: 1 });
    expect(db.raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('a fresh database equals one migrated forward from the first schema', () => {
    const fresh = openDb(path.join(t.dir, 'fresh.zgtz'), { create: true });
    const oldFile = path.join(t.dir, 'old.zgtz');
    const old = new Database(oldFile);
    old.exec(MIGRATIONS[0]!.sql);
    old.pragma('user_version = 1');
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.close();
    const migrated = openDb(oldFile);
    expect(schemaOf(migrated.raw)).toEqual(schemaOf(fresh.raw));
    fresh.close();
    migrated.close();
  });

  it('refuses a database from a newer version, unchanged', () => {
    const file = path.join(t.dir, 'new.zgtz');
    openDb(file, { create: true }).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDb(file)).toThrow(/较新版本/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a SQLite file that is not a ledger, and a file that is not SQLite', () => {
    const other = path.join(t.dir, 'other.db');
    const raw = new Database(other);
    raw.exec('CREATE TABLE x (a)');
    raw.close();
    expect(() => openDb(other)).toThrow(/不是整改台账文件/);
    const text = path.join(t.dir, 'notes.zgtz');
    fs.writeFileSync(text, '这不是数据库');
    expect(() => openDb(text)).toThrow(/不是整改台账文件/);
  });

  it('refuses a write outside an action: nothing changes unrecorded', () => {
    const { db, cleanup } = tmpLedger();
    expect(() => db.raw.prepare("INSERT INTO rounds (title, created_at) VALUES ('x', 'y')").run()).toThrow(/NOT NULL/);
    cleanup();
  });
});

describe('problems, codes and history', () => {
  let t: ReturnType<typeof tmpLedger>;
  let roundId: number;
  let cat1: number;
  let cat2: number;
  beforeEach(() => {
    t = tmpLedger();
    runAction(t.db, { source: 'system', label: 'setup' }, () => {
      roundId = createRound(t.db, { title: '测试轮次', feedbackDate: '2024-07-24', periodEnd: '2024-11-24' });
      cat1 = createCategory(t.db, roundId, '统筹协调不够');
      cat2 = createCategory(t.db, roundId, '担当作为不够');
    });
  });
  afterEach(() => t.cleanup());

  const edit = <T>(fn: () => T) => runAction(t.db, { source: 'edit', label: '测试修改' }, fn);

  it('gives canonical codes that never change on delete or move', () => {
    const g1 = edit(() => createProblem(t.db, { categoryId: cat1, kind: 'general', text: '面上一' }));
    const g2 = edit(() => createProblem(t.db, { categoryId: cat1, kind: 'general', text: '面上二' }));
    const s1 = edit(() => createProblem(t.db, { categoryId: cat1, parentId: g2, kind: 'specific', text: '具体一' }));
    const s2 = edit(() => createProblem(t.db, { categoryId: cat1, parentId: g2, kind: 'specific', text: '具体二' }));
    const g3 = edit(() => createProblem(t.db, { categoryId: cat2, kind: 'general', text: '二类面上一' }));
    expect([g1, g2, s1, s2, g3].map((id) => getProblemRow(t.db, id).code)).toEqual(['1-1', '1-2', '1-2-1', '1-2-2', '2-1']);
    edit(() => deleteProblem(t.db, g1));
    const g4 = edit(() => createProblem(t.db, { categoryId: cat1, kind: 'general', text: '面上三' }));
    expect(getProblemRow(t.db, g4).code).toBe('1-3');
    edit(() => moveProblem(t.db, g2, { categoryId: cat2 }));
    expect(getProblemRow(t.db, g2).code).toBe('1-2');
    expect(getProblemRow(t.db, s1).category_id).toBe(cat2);
    const order = listProblemSummaries(t.db, { roundId }).map((p) => p.code);
    expect(order).toEqual(['1-3', '2-1', '1-2', '1-2-1', '1-2-2']);
    edit(() => moveProblem(t.db, s2, { afterId: null }));
    expect(listProblemSummaries(t.db, { roundId }).map((p) => p.code)).toEqual(['1-3', '2-1', '1-2', '1-2-2', '1-2-1']);
    edit(() => restoreProblem(t.db, g1));
    expect(listProblemSummaries(t.db, { roundId })[0]!.code).toBe('1-1');
    expect(checkLedger(t.db)).toEqual([]);
  });

  it('derives status from measures unless a person sets it, and records every change', () => {
    const g = edit(() => createProblem(t.db, { categoryId: cat1, kind: 'general', text: '面上', deadline: { raw: '2024年11月20日前' } }));
    const m1 = edit(() => addMeasure(t.db, g, { text: '一是', status: '已完成', completedDate: '2024-10-01' }));
    const m2 = edit(() => addMeasure(t.db, g, { text: '二是' }));
    expect(getProblemRow(t.db, g).status).toBe('正在推进');
    edit(() => updateMeasure(t.db, m2, { status: '已完成', completedDate: '2024-11-01' }));
    expect(getProblemRow(t.db, g)).toMatchObject({ status: '已完成', completed_date: '2024-11-01' });
    edit(() => setProblemStatus(t.db, g, '正在推进', { source: 'manual', reason: '复核未通过' }));
    expect(getProblemRow(t.db, g)).toMatchObject({ status: '正在推进', status_source: 'manual', completed_date: null });
    edit(() => setProblemStatus(t.db, g, null, { source: 'manual' }));
    expect(getProblemRow(t.db, g).status).toBe('已完成');
    void m1;
    const fields = problemHistory(t.db, g).map((h) => `${h.table}.${h.field}`);
    expect(fields).toContain('problems.status_source');
    expect(fields).toContain('measures.status');
    expect(checkLedger(t.db)).toEqual([]);
  });

  it('undoes and redoes edits exactly, and refuses to undo over a later import', () => {
    const g = edit(() => createProblem(t.db, { categoryId: cat1, kind: 'general', text: '原文', leadUnit: '政治部' }));
    edit(() => updateProblem(t.db, g, { text: '新文', leadUnit: '局办公室', deadline: { raw: '2024年底前' } }));
    expect(undoState(t.db).canUndo).toBe(true);
    expect(undo(t.db)).toBe('测试修改');
    expect(listProblemSummaries(t.db, { roundId })[0]).toMatchObject({ text: '原文', leadUnit: '政治部', deadline: { raw: '', kind: 'none' } });
    expect(redo(t.db)).toBe('测试修改');
    expect(listProblemSummaries(t.db, { roundId })[0]).toMatchObject({ text: '新文', leadUnit: '局办公室', deadline: { date: '2024-12-31' } });
    runAction(t.db, { source: 'import', label: '导入回执' }, () => updateProblem(t.db, g, { text: '回执改写' }));
    expect(() => undo(t.db)).toThrow(/无法撤销/);
    expect(getProblemRow(t.db, g).text).toBe('回执改写');
  });

  it('counts aliases of a unit as one unit', () => {
    const a = edit(() => createProblem(t.db, { categoryId: cat1, kind: 'general', text: '甲', leadUnit: '政治部' }));
    const b = edit(() => createProblem(t.db, { categoryId: cat1, kind: 'general', text: '乙', leadUnit: '市司法局政治部' }));
    edit(() => addAlias(t.db, 'unit', '政治部', '市司法局政治部'));
    expect(listUnits(t.db, roundId).map((u) => [u.name, u.aliases, u.problemCount])).toEqual([['政治部', ['市司法局政治部'], 2]]);
    const c = edit(() => createProblem(t.db, { categoryId: cat1, kind: 'general', text: '丙', leadUnit: '市司法局政治部' }));
    expect(listProblemSummaries(t.db, { roundId }).map((p) => p.leadUnit)).toEqual(['政治部', '政治部', '政治部']);
    void a, b, c;
  });

  it('counts statistics by DOMAIN §5 with the items behind each figure', () => {
    const mk = (text: string, deadline: string, done: boolean, date: string | null = '2024-11-01', cat = cat1) =>
      edit(() => {
        const id = createProblem(t.db, { categoryId: cat, kind: 'general', text, deadline: { raw: deadline }, leadUnit: cat === cat1 ? '甲科' : '乙科' });
        addMeasure(t.db, id, { text: '措施', status: done ? '已完成' : '正在推进', completedDate: done ? date : null });
        return id;
      });
    const a = mk('期内完成', '2024年11月20日前', true);
    const b = mk('期内未完成', '2024年11月20日前', false);
    const c = mk('立行立改完成', '立行立改', true);
    const d = mk('期外完成', '2025年3月31日前', true, '2025-01-10', cat2);
    const e = mk('期外推进', '2025年3月31日前', false, null, cat2);
    const f = mk('长期坚持', '长期坚持', false, null, cat2);
    const s = statsFor(t.db, roundId, '2025-02-01');
    expect(s.general).toEqual({ total: 6, completed: 3, dueInPeriod: 3, completedInPeriod: 2, rateInPeriod: 66.7, outOfPeriod: 3, completedOutOfPeriod: 1, overdue: 1, unstated: 0 });
    expect(s.items.general.overdue).toEqual([b]);
    expect(s.items.general.completedInPeriod.sort()).toEqual([a, c].sort());
    expect(s.items.general.advancingOutOfPeriod.sort()).toEqual([e, f].sort());
    expect(s.byCategory.map((x) => [x.no, x.general.total, x.general.completed])).toEqual([[1, 3, 2], [2, 3, 1]]);
    expect(s.byUnit.map((x) => x.unit)).toEqual(['甲科', '乙科']);
    // Before d's completion date, d is not yet completed.
    expect(statsFor(t.db, roundId, '2025-01-01').general.completedOutOfPeriod).toBe(0);
    void d;
  });
});
