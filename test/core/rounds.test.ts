import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tmpDir, tmpLedger } from '../helpers/ledger';
import { generateRound } from '../helpers/reminders';
import { runCli } from '../../electron/cli';
import { openDb } from '../../electron/core/db/open';
import { setClockForTests } from '../../electron/core/clock';
import { runAction, undo } from '../../electron/core/ledger/actions';
import { startRound } from '../../electron/core/ledger/new-round';
import { problemLineage, recordRecheck } from '../../electron/core/ledger/lineage';
import { currentRoundId, getRound } from '../../electron/core/ledger/rounds';
import { plainStats, statsFor } from '../../electron/core/stats';
import { checkLedger } from '../../electron/core/ledger/check';
import { isDoneStatus } from '../../shared/domain/status';
import type { Db } from '../../electron/core/db/open';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Row {
  id: number;
  code: string;
  status: string;
  parent_id: number | null;
  text: string;
}

function problemsOf(db: Db, roundId: number): Row[] {
  return db.raw.prepare('SELECT id, code, status, parent_id, text FROM problems WHERE round_id = ? AND deleted_at IS NULL ORDER BY id').all(roundId) as Row[];
}

describe('a 回头看 from the sample ledger (command line)', () => {
  let t: ReturnType<typeof tmpDir>;
  beforeEach(() => {
    t = tmpDir();
  });
  afterEach(() => t.cleanup());

  it('carries the unfinished and long-term problems with their history; round 1 statistics are unchanged', async () => {
    const file = path.join(t.dir, 'sample.zgtz');
    expect((await cli(['init', file, '--sample'])).code).toBe(0);
    const before = await cli(['stats', file, '--round', '1', '--as-of', '2025-03-10', '--json']);
    expect(before.code).toBe(0);
    const report = (name: string) => ['export', file, '--kind', 'report', '--round', '1', '--as-of', '2025-03-10', '--out', path.join(t.dir, name)];
    await cli(report('before.txt'));

    const made = await cli(['round', file, '--new', '--kind', '回头看', '--json']);
    expect(made.code, made.err).toBe(0);
    const outcome = JSON.parse(made.out) as { roundId: number; carried: Record<string, number> };

    const after = await cli(['stats', file, '--round', '1', '--as-of', '2025-03-10', '--json']);
    expect(after.out).toBe(before.out);
    // Exports work per round too: the first round's report is the same text as before.
    await cli(report('after.txt'));
    expect(fs.readFileSync(path.join(t.dir, 'after.txt'), 'utf8')).toBe(fs.readFileSync(path.join(t.dir, 'before.txt'), 'utf8'));
    expect(fs.readFileSync(path.join(t.dir, 'after.txt'), 'utf8')).toContain('理论学习中心组学习制度落实不到位');

    const db = openDb(file);
    try {
      expect(currentRoundId(db)).toBe(outcome.roundId);
      expect(getRound(db, outcome.roundId)).toMatchObject({ kind: '回头看', originRoundId: 1 });
      const old = problemsOf(db, 1);
      const wanted = old.filter((p) => !isDoneStatus(p.status));
      const carried = problemsOf(db, outcome.roundId);
      const origins = new Map(
        (db.raw.prepare('SELECT problem_id, origin_id, reason FROM problem_origins').all() as { problem_id: number; origin_id: number; reason: string }[]).map((o) => [o.problem_id, o]),
      );
      const byId = new Map(old.map((p) => [p.id, p]));
      // Every unfinished or long-term problem came, with its code and text; anything else only as a parent.
      const carriedFrom = carried.map((p) => byId.get(origins.get(p.id)!.origin_id)!);
      expect(carriedFrom.filter((o) => !isDoneStatus(o.status)).map((o) => o.code).sort()).toEqual(wanted.map((p) => p.code).sort());
      for (const p of carried) {
        const o = origins.get(p.id)!;
        const from = byId.get(o.origin_id)!;
        expect(p.code).toBe(from.code);
        expect(p.text).toBe(from.text);
        expect(o.reason).toBe(from.status === '长期坚持' ? 'long-term' : isDoneStatus(from.status) ? 'parent' : 'unfinished');
      }
      expect(outcome.carried.unfinished + outcome.carried['long-term']).toBe(wanted.length);
      expect(outcome.carried['long-term']).toBeGreaterThan(0);
      // The history comes along through the link: the origin's progress is visible from the new round.
      const withProgress = carried.find((p) => (db.raw.prepare('SELECT count(*) AS n FROM progress WHERE problem_id = ?').get(origins.get(p.id)!.origin_id) as { n: number }).n > 0)!;
      const lineage = problemLineage(db, withProgress.id);
      expect(lineage.origins[0]!.roundId).toBe(1);
      expect(lineage.origins[0]!.progress.length).toBeGreaterThan(0);
      expect(problemLineage(db, origins.get(withProgress.id)!.origin_id).carriedTo.map((c) => c.problemId)).toEqual([withProgress.id]);
      expect(checkLedger(db)).toEqual([]);
    } finally {
      db.close();
    }
    // The new round's statistics are its own.
    const second = JSON.parse((await cli(['stats', file, '--round', String(outcome.roundId), '--as-of', '2025-03-10', '--json'])).out);
    const all = outcome.carried.unfinished + outcome.carried['long-term'] + outcome.carried.parent;
    expect(second.general.total + second.specific.total).toBe(all);
    expect((await cli(['stats', file, '--round', '9', '--json'])).code).toBe(2);
    expect((await cli(['round', file, '--new', '--carry', 'done'])).err).toContain('--carry');
  });
});

describe('starting rounds and re-checks (core)', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => {
    setClockForTests(new Date('2025-01-01T08:00:00Z'));
    t = tmpLedger();
  });
  afterEach(() => {
    setClockForTests(null);
    t.cleanup();
  });

  for (const seed of [4, 11, 23]) {
    it(`carry choices, kept or renumbered codes, and unchanged first-round figures (seed ${seed})`, () => {
      const asOf = '2025-03-12';
      const { roundId } = generateRound(t.db, seed, asOf);
      const stats = JSON.stringify(plainStats(statsFor(t.db, roundId, asOf)));
      const next = runAction(t.db, { source: 'edit', label: '回头看' }, () =>
        startRound(t.db, roundId, { title: '回头看', kind: '回头看', carry: ['unfinished', 'long-term', 'signed-off'], renumber: true }),
      );
      expect(JSON.stringify(plainStats(statsFor(t.db, roundId, asOf)))).toBe(stats);
      // Everything came; codes are 1-based and dense per level.
      const carried = problemsOf(t.db, next.roundId);
      expect(carried.length).toBe(problemsOf(t.db, roundId).length);
      const codes = carried.map((p) => p.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of codes) {
        const parts = c.split('-').map(Number);
        const prefix = parts.slice(0, -1).join('-');
        const siblings = codes.filter((x) => x.split('-').length === parts.length && x.split('-').slice(0, -1).join('-') === prefix);
        expect(Math.max(...siblings.map((x) => Number(x.split('-').at(-1))))).toBe(siblings.length);
      }
      // Signed-off ones come as completed, outside the sign-off procedure.
      expect(checkLedger(t.db)).toEqual([]);
      // Undo takes the whole round back.
      undo(t.db, '测试员');
      expect(problemsOf(t.db, next.roundId)).toEqual([]);
      expect(currentRoundId(t.db)).toBe(roundId);
    });
  }

  it('a 反弹 re-check reopens the problem in the new round; 巩固 keeps it done; the first round keeps its status', () => {
    const asOf = '2025-03-12';
    const { roundId } = generateRound(t.db, 31, asOf);
    const done = problemsOf(t.db, roundId).filter((p) => p.status === '已完成');
    expect(done.length).toBeGreaterThanOrEqual(2);
    const next = runAction(t.db, { source: 'edit', label: '回头看' }, () =>
      startRound(t.db, roundId, { title: '回头看', kind: '回头看', carry: ['signed-off'], renumber: false }),
    );
    const copyOf = (originId: number) => (t.db.raw.prepare('SELECT problem_id AS id FROM problem_origins WHERE origin_id = ?').get(originId) as { id: number }).id;
    const [a, b] = [copyOf(done[0]!.id), copyOf(done[1]!.id)];
    setClockForTests(new Date('2025-09-01T08:00:00Z'));
    runAction(t.db, { source: 'edit', label: '复查' }, () => recordRecheck(t.db, a, { result: '反弹', date: '2025-08-30', actor: '回头看组', note: '制度未执行' }));
    runAction(t.db, { source: 'edit', label: '复查' }, () => recordRecheck(t.db, b, { result: '巩固', date: '2025-08-30', actor: '回头看组', note: '' }));
    const status = (id: number) => t.db.raw.prepare('SELECT status, status_reason AS reason, completed_date AS done FROM problems WHERE id = ?').get(id) as { status: string; reason: string; done: string | null };
    expect(status(a)).toMatchObject({ status: '正在推进', done: null });
    expect(status(a).reason).toContain('反弹');
    expect(status(b).status).toBe('已完成');
    expect(status(done[0]!.id).status).toBe('已完成');
    const lineage = problemLineage(t.db, a);
    expect(lineage.rechecks.map((r) => [r.result, r.date, r.actor, r.note])).toEqual([['反弹', '2025-08-30', '回头看组', '制度未执行']]);
    expect(lineage.canRecheck).toBe(true);
    // The reopened problem is now open in the new round's statistics; the first round's are unchanged.
    const s = statsFor(t.db, next.roundId, '2025-09-01');
    const kind = (t.db.raw.prepare('SELECT kind FROM problems WHERE id = ?').get(a) as { kind: 'general' | 'specific' }).kind;
    expect(s.items[kind].completed).not.toContain(a);
    expect(s.items[kind].total).toContain(a);
    // Only a 回头看 problem carried from a completed one can be re-checked.
    expect(() => runAction(t.db, { source: 'edit', label: '复查' }, () => recordRecheck(t.db, done[0]!.id, { result: '巩固', date: '2025-08-30', actor: '', note: '' }))).toThrow(/不能记录复查/);
    expect(checkLedger(t.db)).toEqual([]);
  });
});
