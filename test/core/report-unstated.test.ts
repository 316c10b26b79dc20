import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { listProblemDetails } from '../../electron/core/ledger/views';
import { currentRoundId, getRound } from '../../electron/core/ledger/rounds';
import { checkLedger } from '../../electron/core/ledger/check';
import { statsFor } from '../../electron/core/stats';
import { runCli } from '../../electron/cli';
import { APPLICATION_ID, openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { MIGRATIONS, LATEST_VERSION } from '../../electron/core/db/migrations';
import { compareStated, statedFiguresOfRound } from '../../shared/domain/statedFigures';
import { tmpDir, tmpLedger } from '../helpers/ledger';
import { importReport, initRound } from '../helpers/report';
import { FIGURES_ONLY, variants } from '../helpers/report-variants';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const noResults = variants().find((v) => v.name === 'no-results-paren-measures')!;
const withResults = variants().find((v) => v.name === 'split-without-labels')!;

describe('a report that states no results', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  it('imports every item as 未注明, never 未启动, and the statistics count them apart', () => {
    initRound(t.db);
    const { result } = importReport(t.db, file('无结果.txt', noResults.text));
    expect(result).toMatchObject({ categories: 3, problems: 9, measures: 20 });
    const problems = listProblemDetails(t.db, result.roundId);
    expect(new Set(problems.flatMap((p) => p.measures.map((m) => m.status)))).toEqual(new Set(['未注明']));
    expect(new Set(problems.map((p) => p.status))).toEqual(new Set(['未注明']));
    const s = statsFor(t.db, result.roundId, '2025-02-21');
    expect(s.general).toMatchObject({ total: 9, completed: 0, unstated: 9, overdue: 0 });
    expect(s.measures).toEqual({ total: 20, completed: 0, unstated: 20 });
    expect(checkLedger(t.db).filter((f) => /未注明/.test(f.message))).toEqual([]);
  });

  it('keeps the per-measure results a report gives, and the problem status derives from them', () => {
    initRound(t.db);
    const { result } = importReport(t.db, file('有结果.txt', withResults.text));
    const problems = listProblemDetails(t.db, result.roundId);
    const first = problems.find((p) => p.code === '1-1')!;
    expect(first.measures.map((m) => m.status)).toEqual(['已完成', '已完成', '已完成']);
    expect(first.status).toBe('已完成');
    expect(problems.find((p) => p.code === '1-1-1')!.status).toBe('正在推进');
    expect(statsFor(t.db, result.roundId, '2025-02-21').general.unstated).toBe(0);
  });

  it('keeps a figures-only announcement as a round with its stated figures and no problems', () => {
    initRound(t.db);
    const { preview, result } = importReport(t.db, file('通报.txt', FIGURES_ONLY));
    expect(preview.summary.errors).toEqual([]);
    expect(result.problems).toBe(0);
    const round = getRound(t.db, result.roundId);
    const stated = statedFiguresOfRound(round.reportTexts);
    expect(stated.map((f) => [f.what, f.value])).toContainEqual(['已完成', 27]);
    const cmp = compareStated(stated, statsFor(t.db, result.roundId, '2025-01-08'));
    expect(cmp.find((c) => c.what === '已完成' && c.scope === '问题')!.words).toBe('已公布：已完成27个；台账计算：0个');
  });
});

describe('the command line', () => {
  let d: ReturnType<typeof tmpDir>;
  beforeEach(() => (d = tmpDir()));
  afterEach(() => d.cleanup());
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const code = await runCli(argv, { out: (s) => out.push(s), err: () => {} });
    return { code, out: out.join('\n') };
  }

  it('import --json lists the stated figures and counts per level; stats --json counts 未注明 apart', async () => {
    const ledger = path.join(d.dir, 'l.zgtz');
    const report = path.join(d.dir, '通报.txt');
    fs.writeFileSync(report, noResults.text.replace('二、巡察反馈问题整改落实情况', '二、巡察反馈问题整改落实情况\n截至目前，巡察反馈的9个问题，已完成整改7个、正在整改2个。'));
    expect((await cli('init', ledger)).code).toBe(0);
    const r = await cli('import', ledger, report, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.files[0].stated).toEqual([
      { what: '问题总数', value: 9, text: '截至目前，巡察反馈的9个问题，已完成整改7个、正在整改2个。', scope: '问题' },
      { what: '已完成', value: 7, text: '截至目前，巡察反馈的9个问题，已完成整改7个、正在整改2个。', scope: '问题' },
      { what: '正在推进', value: 2, text: '截至目前，巡察反馈的9个问题，已完成整改7个、正在整改2个。', scope: '问题' },
    ]);
    expect(json.files[0].counts).toEqual({ categories: 3, general: 9, specific: 0, measures: 20 });
    const stats = JSON.parse((await cli('stats', ledger, '--json', '--as-of', '2025-02-21')).out);
    expect(stats.general.unstated).toBe(9);
    expect(stats.measures.unstated).toBe(20);
    expect(stats.stated.map((s: { words: string }) => s.words)).toEqual(['已公布：问题总数9个；台账计算：9个', '已公布：已完成7个；台账计算：0个', '已公布：正在推进2个；台账计算：0个']);
    const text = (await cli('stats', ledger, '--as-of', '2025-02-21')).out;
    expect(text).toContain('未注明结果 9 个');
  });
});

describe('migration to 未注明', () => {
  let d: ReturnType<typeof tmpDir>;
  beforeEach(() => (d = tmpDir()));
  afterEach(() => d.cleanup());

  it('rebuilds problems and measures keeping every row and reference, with history still recorded', () => {
    const f = path.join(d.dir, 'old.zgtz');
    // A ledger as the previous version wrote it: the migrations before this one, and a few rows.
    const old = new Database(f);
    old.pragma('foreign_keys = ON');
    for (const m of MIGRATIONS.slice(0, MIGRATIONS.findIndex((x) => x.name === 'unstated_status'))) {
      old.exec(m.sql);
      old.pragma(`user_version = ${m.version}`);
    }
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.exec(`
      INSERT INTO actions (id, at, source, label) VALUES (1, '2025-01-01T00:00:00Z', 'system', '旧数据');
      INSERT INTO current_action (one, action_id) VALUES (1, 1);
      INSERT INTO rounds (id, title, created_at) VALUES (1, '旧轮次', 'x');
      INSERT INTO categories (id, round_id, no, title, sort) VALUES (1, 1, 1, '类别', 1);
      INSERT INTO problems (id, round_id, category_id, parent_id, kind, no, code, sort, text, status, created_at) VALUES (1, 1, 1, NULL, 'general', 1, '1-1', 1, '面上', '正在推进', 'x');
      INSERT INTO problems (id, round_id, category_id, parent_id, kind, no, code, sort, text, created_at) VALUES (2, 1, 1, 1, 'specific', 1, '1-1-1', 2, '具体', 'x');
      INSERT INTO measures (id, problem_id, no, text, status, created_at) VALUES (1, 2, 1, '措施', '已完成', 'x');
      INSERT INTO progress (id, problem_id, measure_id, date, text, source, created_at) VALUES (1, 2, 1, '2025-01-01', '进展', 'edit', 'x');
      DELETE FROM current_action;
    `);
    old.close();

    const db = openDb(f);
    expect(db.raw.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.raw.pragma('foreign_key_check')).toEqual([]);
    expect(db.raw.prepare('SELECT id, parent_id, code, status FROM problems ORDER BY id').all()).toEqual([
      { id: 1, parent_id: null, code: '1-1', status: '正在推进' },
      { id: 2, parent_id: 1, code: '1-1-1', status: '未启动' },
    ]);
    expect(db.raw.prepare('SELECT problem_id, status FROM measures').all()).toEqual([{ problem_id: 2, status: '已完成' }]);
    // The new status is accepted, and its change is recorded in the history like any other.
    runAction(db, { source: 'edit', label: '改状态' }, () => db.raw.prepare("UPDATE measures SET status = '未注明' WHERE id = 1").run());
    const h = db.raw.prepare("SELECT field, old_value, new_value FROM history WHERE tbl = 'measures' AND field = 'status'").all();
    expect(h).toEqual([{ field: 'status', old_value: '已完成', new_value: '未注明' }]);
    expect(() => runAction(db, { source: 'edit', label: '错' }, () => db.raw.prepare("UPDATE measures SET status = '乱写' WHERE id = 1").run())).toThrow(/CHECK/);
    db.close();
  });
});
