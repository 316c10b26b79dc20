import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { APPLICATION_ID, openDb } from '../../electron/core/db/open';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { dryRun, inDryRun } from '../../electron/core/db/dry-run';
import { runAction, undo } from '../../electron/core/ledger/actions';
import { addProgress } from '../../electron/core/ledger/measures';
import { updateProblem } from '../../electron/core/ledger/problems';
import { searchProblems } from '../../electron/core/ledger/search';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { checkLedger } from '../../electron/core/ledger/check';
import { tmpDir, tmpLedger } from '../helpers/ledger';

/** A database at `version`, written with raw SQL under one action, as that schema's triggers record it. */
function ledgerAt(file: string, version: number): Database.Database {
  const db = new Database(file);
  for (const m of MIGRATIONS.slice(0, version)) db.exec(m.sql);
  db.pragma(`user_version = ${version}`);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.exec(`
    INSERT INTO actions (id, at, source, label) VALUES (1, 'x', 'system', '测试');
    INSERT INTO current_action VALUES (1, 1);
    INSERT INTO rounds (id, title, created_at) VALUES (1, '轮次', 'x');
    INSERT INTO categories (id, round_id, no, title, sort) VALUES (1, 1, 1, '类别', 1);
    INSERT INTO units (id, name) VALUES (1, '政治部'), (2, '局办公室');
    INSERT INTO problems (id, round_id, category_id, kind, no, code, sort, text, created_at) VALUES (1, 1, 1, 'general', 1, '1-1', 1.5, '干部教育培训不够扎实', 'x');
    INSERT INTO measures (id, problem_id, no, text, created_at) VALUES (1, 1, 1, '制定年度培训计划', 'x'), (2, 1, 2, '开展专题轮训', 'x');
    INSERT INTO progress (id, problem_id, date, text, created_at) VALUES (1, 1, '2024-11-15', '已召开专题会议研究部署', 'x');
    UPDATE measures SET deleted_at = 'x' WHERE id = 2;
    UPDATE problems SET text = '干部教育培训不够扎实，覆盖面窄', sort = 2, public = 0, lead_unit_id = 1, completed_date = '2024-01-01', status = '已完成' WHERE id = 1;
    UPDATE problems SET sort = 2.25, public = 1, lead_unit_id = NULL, completed_date = NULL, notes = '备注' WHERE id = 1;
    UPDATE problems SET notes = '备注' WHERE id = 1;
    UPDATE categories SET title = '新类别', sort = 3, deleted_at = 'x' WHERE id = 1;
    UPDATE rounds SET long_term_counts_completed = 1, report_texts = '{"a":1}', inspection_start = '2024-06-01' WHERE id = 1;
    DELETE FROM current_action;
  `);
  return db;
}

const historyOf = (db: Database.Database) =>
  db.prepare('SELECT action_id, tbl, row_id, field, old_value, typeof(old_value) AS ot, new_value, typeof(new_value) AS nt, problem_id FROM history ORDER BY id').all();
interface SearchEntry {
  rowid: number;
  problem_id: number;
  src: string;
  src_id: number;
  text: string;
}
const searchOf = (db: Database.Database) => db.prepare('SELECT rowid, problem_id, src, src_id, text FROM search_index ORDER BY src, src_id').all() as SearchEntry[];

describe('migration 3: search index by rowid, history of an UPDATE in one statement', () => {
  let t: ReturnType<typeof tmpDir>;
  beforeEach(() => (t = tmpDir()));
  afterEach(() => t.cleanup());

  it('updates record the same history rows as before: fields, values and their types, in column order', () => {
    const before = ledgerAt(path.join(t.dir, 'v2.zgtz'), 2);
    const after = ledgerAt(path.join(t.dir, 'v3.zgtz'), 3);
    expect(historyOf(after)).toEqual(historyOf(before));
    expect((historyOf(after) as { field: string }[]).filter((h) => h.field !== '*')).toHaveLength(18);
    before.close();
    after.close();
  });

  it('rebuilds the search index of an older ledger with the same entries, soft-deleted ones included, keyed by their row', () => {
    const file = path.join(t.dir, 'old.zgtz');
    const old = ledgerAt(file, 2);
    const entries = searchOf(old).map(({ rowid: _r, ...e }) => e);
    old.close();
    expect(entries.map((e) => e.src)).toEqual(['measure', 'measure', 'problem', 'progress']);
    const db = openDb(file);
    const kind = { problem: 1, measure: 2, progress: 3 } as Record<string, number>;
    expect(searchOf(db.raw)).toEqual(entries.map((e) => ({ rowid: e.src_id * 4 + kind[e.src]!, ...e })));
    expect(searchProblems(db, 1, '覆盖面窄').ids).toEqual([1]);
    db.close();
  });
});

describe('the search index, kept at the end of each action', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => {
    t = tmpLedger();
    createSampleLedger(t.db);
  });
  afterEach(() => t.cleanup());

  const roundId = () => (t.db.raw.prepare('SELECT max(id) AS id FROM rounds').get() as { id: number }).id;
  const problemId = () => (t.db.raw.prepare('SELECT min(id) AS id FROM problems').get() as { id: number }).id;

  it('an edited text replaces its entry, a moved measure follows its problem, and an undone progress entry leaves the index', () => {
    const id = problemId();
    const oldText = (t.db.raw.prepare('SELECT text FROM problems WHERE id = ?').get(id) as { text: string }).text;
    runAction(t.db, { source: 'edit', label: '改写' }, () => updateProblem(t.db, id, { text: '新写的问题内容：台账管理混乱' }));
    expect(searchProblems(t.db, roundId(), '台账管理混乱').ids).toEqual([id]);
    expect(searchProblems(t.db, roundId(), oldText).ids).not.toContain(id);
    const other = (t.db.raw.prepare('SELECT max(id) AS id FROM problems').get() as { id: number }).id;
    const measure = t.db.raw.prepare('SELECT id, text FROM measures WHERE problem_id = ? LIMIT 1').get(id) as { id: number; text: string };
    runAction(t.db, { source: 'edit', label: '移动措施' }, () => t.db.raw.prepare('UPDATE measures SET problem_id = ? WHERE id = ?').run(other, measure.id));
    expect(t.db.raw.prepare('SELECT problem_id FROM search_index WHERE rowid = ?').get(measure.id * 4 + 2)).toEqual({ problem_id: other });
    runAction(t.db, { source: 'edit', label: '进展' }, () => addProgress(t.db, id, { date: '2024-12-01', text: '独一无二的进展说明' }));
    expect(searchProblems(t.db, roundId(), '独一无二的进展').ids).toEqual([id]);
    undo(t.db);
    expect(searchProblems(t.db, roundId(), '独一无二的进展').ids).toEqual([]);
    const rows = t.db.raw.prepare("SELECT count(*) AS n FROM search_index WHERE src = 'problem' AND src_id = ?").get(id);
    expect(rows).toEqual({ n: 1 });
  });

  it('cli check (checkLedger) finds the index whole after edits, and names missing, stale and extra entries', () => {
    const id = problemId();
    runAction(t.db, { source: 'edit', label: '改写' }, () => updateProblem(t.db, id, { text: '改写后的问题内容' }));
    runAction(t.db, { source: 'edit', label: '进展' }, () => addProgress(t.db, id, { date: '2024-12-01', text: '新的进展' }));
    undo(t.db);
    expect(checkLedger(t.db)).toEqual([]);
    t.db.raw.prepare('DELETE FROM search_index WHERE rowid = ?').run(id * 4 + 1);
    t.db.raw.prepare("INSERT INTO search_index (rowid, text, problem_id, src, src_id) VALUES (999999, '多余', 1, 'progress', 249999)").run();
    const measure = (t.db.raw.prepare('SELECT min(id) AS id FROM measures').get() as { id: number }).id;
    t.db.raw.prepare("UPDATE search_index SET text = '旧文字' WHERE rowid = ?").run(measure * 4 + 2);
    const findings = checkLedger(t.db);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.where).toBe('搜索索引');
    expect(findings[0]!.message).toMatch(new RegExp(`^有 3 条与台账不符（.*#${id * 4 + 1} 缺少.*#${measure * 4 + 2} 内容过期.*#999999 多余`));
  });

  it('indexes the rows an action inserted when the action ends, once, with their final text', () => {
    const id = problemId();
    const progressId = runAction(t.db, { source: 'edit', label: '进展' }, () => {
      const pid = addProgress(t.db, id, { date: '2024-12-01', text: '初稿的进展说明' });
      // Edited within the same action: the edit trigger indexes it, the end of the action must not add it twice.
      t.db.raw.prepare('UPDATE progress SET text = ? WHERE id = ?').run('改定后的进展说明', pid);
      return pid;
    });
    expect(searchProblems(t.db, roundId(), '改定后的进展').ids).toEqual([id]);
    expect(searchProblems(t.db, roundId(), '初稿的进展').ids).toEqual([]);
    expect(t.db.raw.prepare('SELECT rowid, text FROM search_index WHERE rowid = ?').all(progressId * 4 + 3)).toEqual([{ rowid: progressId * 4 + 3, text: '改定后的进展说明' }]);
  });

  it('a dry run writes, returns what it found, and leaves the ledger and the index as they were', () => {
    const id = problemId();
    const before = { search: searchOf(t.db.raw), progress: t.db.raw.prepare('SELECT count(*) AS n FROM progress').get() };
    const seen = dryRun(t.db, () => {
      runAction(t.db, { source: 'edit', label: '进展' }, () => addProgress(t.db, id, { date: '2024-12-01', text: '试运行中的进展' }));
      return {
        progress: t.db.raw.prepare('SELECT count(*) AS n FROM progress').get(),
        // Inside, the index is left alone: the new entry is not indexed.
        indexed: searchProblems(t.db, roundId(), '试运行中的进展').ids,
        dry: inDryRun(t.db),
      };
    });
    expect(seen).toEqual({ progress: { n: (before.progress as { n: number }).n + 1 }, indexed: [], dry: true });
    expect({ search: searchOf(t.db.raw), progress: t.db.raw.prepare('SELECT count(*) AS n FROM progress').get() }).toEqual(before);
    expect(inDryRun(t.db)).toBe(false);
    expect(() => dryRun(t.db, () => { throw new Error('失败'); })).toThrow('失败');
    expect(inDryRun(t.db)).toBe(false);
    // After a dry run, actions index again.
    runAction(t.db, { source: 'edit', label: '进展' }, () => addProgress(t.db, id, { date: '2024-12-02', text: '正式写入的进展' }));
    expect(searchProblems(t.db, roundId(), '正式写入的进展').ids).toEqual([id]);
  });

  it('a dry run inside an open transaction rolls back only its own writes', () => {
    const id = problemId();
    t.db.tx(() => {
      runAction(t.db, { source: 'edit', label: '进展' }, () => addProgress(t.db, id, { date: '2024-12-01', text: '外层事务的进展' }));
      dryRun(t.db, () => runAction(t.db, { source: 'edit', label: '进展' }, () => addProgress(t.db, id, { date: '2024-12-02', text: '试运行中的进展' })));
    });
    expect(searchProblems(t.db, roundId(), '外层事务的进展').ids).toEqual([id]);
    expect(searchProblems(t.db, roundId(), '试运行中的进展').ids).toEqual([]);
    expect(t.db.raw.prepare("SELECT count(*) AS n FROM progress WHERE text = '试运行中的进展'").get()).toEqual({ n: 0 });
  });
});
