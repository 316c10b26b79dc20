import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tmpLedger } from '../helpers/ledger';
import { generateRound } from '../helpers/reminders';
import { setClockForTests } from '../../electron/core/clock';
import { runAction } from '../../electron/core/ledger/actions';
import { updateRound } from '../../electron/core/ledger/rounds';
import { buildTodo } from '../../electron/core/reminders/todo';
import { cycleStatuses } from '../../electron/core/reminders/cycles';
import { markReturned } from '../../electron/core/reminders/marks';
import { setReminderSettings } from '../../electron/core/reminders/settings';
import { attachEvidence } from '../../electron/core/evidence/store';
import { applySignoff } from '../../electron/core/signoff/signoff';
import { addProgress } from '../../electron/core/ledger/measures';
import { cyclesUntil, currentCycle, parseCycleRule } from '../../shared/domain/cycles';
import { addDays } from '../../shared/domain/dates';
import { nowIso } from '../../electron/core/clock';
import type { Db } from '../../electron/core/db/open';

const DONE = new Set(['已完成', '待销号', '已销号']);

/** The DOMAIN §4/§5 rule written out again, independently of shared/domain: the oracle. */
function oracle(db: Db, roundId: number, asOf: string, days: number) {
  const rows = db.raw
    .prepare(
      `SELECT p.code, p.deadline_kind AS kind, p.deadline_date AS date, p.status, p.completed_date AS done FROM problems p
       WHERE p.round_id = ? AND p.deleted_at IS NULL`,
    )
    .all(roundId) as { code: string; kind: string; date: string | null; status: string; done: string | null }[];
  const overdue: string[] = [];
  const soon: string[] = [];
  for (const r of rows) {
    const completed = DONE.has(r.status) && (r.done == null || r.done <= asOf);
    if (completed || r.date == null || !(r.kind === 'date' || r.kind === 'date+long-term')) continue;
    if (r.date < asOf) overdue.push(r.code);
    else if (r.date <= addDays(asOf, days)) soon.push(r.code);
  }
  return { overdue: overdue.sort(), soon: soon.sort() };
}

function importBatch(db: Db, roundId: number, unit: string, reportDate: string, undone = false) {
  runAction(db, { source: 'import', label: `导入回执 ${unit}`, roundId }, (actionId) => {
    db.raw
      .prepare("INSERT INTO import_batches (at, file_name, sha256, kind, unit, report_date, action_id, undone_at) VALUES (?, ?, 'x', 'return', ?, ?, ?, ?)")
      .run(nowIso(), `整改台账-${unit}${reportDate.slice(5).replace('-', '')}.xlsx`, unit, reportDate, actionId, undone ? nowIso() : null);
  });
}

describe('reporting cycles', () => {
  it('monthly by day N: windows from the round start to the first due on or after the as-of date', () => {
    const c = cyclesUntil({ kind: 'monthly', day: 25 }, '2025-01-10', '2025-03-26');
    expect(c.map((x) => [x.from, x.due])).toEqual([
      ['', '2025-01-25'],
      ['2025-01-25', '2025-02-25'],
      ['2025-02-25', '2025-03-25'],
      ['2025-03-25', '2025-04-25'],
    ]);
    expect(currentCycle(c, '2025-03-26')!.due).toBe('2025-04-25');
    expect(currentCycle(c, '2025-03-25')!.due).toBe('2025-03-25');
    // Day 31 in February is the month's last day.
    expect(cyclesUntil({ kind: 'monthly', day: 31 }, '2024-02-01', '2024-02-10').map((x) => x.due)).toEqual(['2024-02-29']);
    expect(c[2]!.label).toBe('2025年3月（25日前）');
  });

  it('explicit dates, and none', () => {
    const rule = parseCycleRule(JSON.stringify({ kind: 'dates', dates: ['2025-05-10', '2025-03-01', 'bad', '2025-03-01'] }));
    expect(rule).toEqual({ kind: 'dates', dates: ['2025-03-01', '2025-05-10'] });
    expect(cyclesUntil(rule, '2025-01-01', '2025-04-01').map((x) => x.due)).toEqual(['2025-03-01', '2025-05-10']);
    expect(currentCycle(cyclesUntil(rule, '2025-01-01', '2025-06-01'), '2025-06-01')!.due).toBe('2025-05-10');
    expect(cyclesUntil(parseCycleRule('{"kind":"none"}'), '2025-01-01', '2025-06-01')).toEqual([]);
    expect(parseCycleRule('garbage')).toEqual({ kind: 'none' });
  });
});

describe('the to-do view on a fixed date', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => {
    setClockForTests(new Date('2025-01-01T08:00:00Z'));
    t = tmpLedger();
  });
  afterEach(() => {
    setClockForTests(null);
    t.cleanup();
  });

  for (const seed of [1, 2, 3, 17, 99]) {
    it(`lists exactly the overdue and due-soon problems (seed ${seed})`, () => {
      const asOf = '2025-03-12';
      const { roundId } = generateRound(t.db, seed, asOf);
      for (const days of [3, 7, 14]) {
        runAction(t.db, { source: 'edit', label: '设置' }, () => setReminderSettings(t.db, { dueSoonDays: days }));
        const todo = buildTodo(t.db, roundId, asOf);
        const want = oracle(t.db, roundId, asOf, days);
        expect(todo.overdue.map((p) => p.code).sort()).toEqual(want.overdue);
        expect(todo.dueSoon.map((p) => p.code).sort()).toEqual(want.soon);
        for (const p of todo.overdue) expect(p.days).toBeGreaterThan(0);
        for (const p of todo.dueSoon) expect(p.days).toBeGreaterThanOrEqual(0);
      }
    });
  }

  it('late units: no return in the closed cycle and none since; pending ones near the due day', () => {
    const asOf = '2025-03-27';
    const { roundId } = generateRound(t.db, 5, asOf);
    runAction(t.db, { source: 'edit', label: '设置周期' }, () => updateRound(t.db, roundId, { cycleRule: { kind: 'monthly', day: 25 } }));
    const units = cycleStatuses(t.db, roundId, asOf).at(-1)!.units.map((u) => u.unit);
    expect(units.length).toBeGreaterThanOrEqual(2);
    const [a, b, c] = units;
    importBatch(t.db, roundId, a!, '2025-03-20'); // in the closed cycle (02-25, 03-25]
    importBatch(t.db, roundId, b!, '2025-03-26'); // late, but answered since
    if (c) importBatch(t.db, roundId, c, '2025-03-21', true); // undone: does not count
    runAction(t.db, { source: 'edit', label: '标记' }, () => markReturned(t.db, roundId, units.at(-1)!, '2025-03-01', '电话报送'));
    const statuses = cycleStatuses(t.db, roundId, asOf);
    const closed = statuses.find((s) => s.cycle.due === '2025-03-25')!;
    const state = Object.fromEntries(closed.units.map((u) => [u.unit, u.state]));
    expect(state[a!]).toBe('已报送');
    expect(state[b!]).toBe('逾期未报');
    expect(state[units.at(-1)!]).toBe('已报送');
    const todo = buildTodo(t.db, roundId, asOf);
    const expectedLate = units.filter((u) => u !== a && u !== b && u !== units.at(-1));
    expect(todo.returns.late.map((u) => u.unit).sort()).toEqual(expectedLate.sort());
    expect(todo.returns.lateCycle!.due).toBe('2025-03-25');
    expect(todo.returns.current!.due).toBe('2025-04-25');
    // 29 days to the due day: nothing pending with the default 7 days; all but b (answered) with 30.
    expect(todo.returns.pending).toEqual([]);
    runAction(t.db, { source: 'edit', label: '设置' }, () => setReminderSettings(t.db, { dueSoonDays: 30 }));
    const later = buildTodo(t.db, roundId, asOf);
    expect(later.returns.pending.map((u) => u.unit).sort()).toEqual(units.filter((u) => u !== b && !expectedLate.includes(u)).sort());
  });

  it('sign-offs awaiting review and measures without progress for M days', () => {
    const asOf = '2025-03-12';
    const { roundId, problems } = generateRound(t.db, 8, asOf);
    const target = problems.find((p) => p.measureStatuses.every((s) => s === '已完成'))!;
    setClockForTests(new Date('2025-03-12T08:00:00Z'));
    runAction(t.db, { source: 'edit', label: '申请销号' }, () => {
      const ev = attachEvidence(t.db, { problemId: target.id, name: '会议纪要.pdf', data: Buffer.from('%PDF-1.4 test'), actor: '测试员' });
      applySignoff(t.db, target.id, { evidenceIds: [ev.id], actor: '测试员', date: '2025-03-01' });
    });
    const todo = buildTodo(t.db, roundId, asOf);
    expect(todo.signoffs.map((p) => p.id)).toEqual([target.id]);

    // Measures were entered on 2025-01-01 (the clock): 70 days idle unless progress came later.
    runAction(t.db, { source: 'edit', label: '设置' }, () => setReminderSettings(t.db, { staleDays: 30 }));
    const open = t.db.raw
      .prepare(
        `SELECT m.id, m.problem_id AS pid, p.status FROM measures m JOIN problems p ON p.id = m.problem_id
         WHERE p.round_id = ? AND m.status IN ('未启动','正在推进')`,
      )
      .all(roundId) as { id: number; pid: number; status: string }[];
    const lastProgress = (pid: number) =>
      (t.db.raw.prepare('SELECT max(date) AS d FROM progress WHERE problem_id = ? AND deleted_at IS NULL').get(pid) as { d: string | null }).d;
    const expected = open
      .filter((m) => !DONE.has(m.status) && m.status !== '长期坚持')
      .filter((m) => (lastProgress(m.pid) ?? '2025-01-01') <= addDays(asOf, -30))
      .map((m) => m.id)
      .sort((x, y) => x - y);
    expect(expected.length).toBeGreaterThan(0);
    const again = buildTodo(t.db, roundId, asOf);
    expect(again.stale.map((m) => m.id).sort((x, y) => x - y)).toEqual(expected);
    // Fresh progress on one problem takes its measures off the list.
    const first = again.stale[0];
    if (first) {
      runAction(t.db, { source: 'edit', label: '进展' }, () => addProgress(t.db, first.problemId, { date: '2025-03-10', text: '已推进。' }));
      expect(buildTodo(t.db, roundId, asOf).stale.some((m) => m.problemId === first.problemId)).toBe(false);
    }
  });
});
