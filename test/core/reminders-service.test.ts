import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { tmpDir, tmpService, type TmpService } from '../helpers/ledger';
import { runCli } from '../../electron/cli';
import { setClockForTests } from '../../electron/core/clock';
import { dailyReminder } from '../../electron/core/reminders/daily';
import { plainStats } from '../../electron/core/stats';

const AS_OF = '2025-03-10';

async function cliOut(args: string[]): Promise<string> {
  const out: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: () => {} });
  if (code !== 0) throw new Error(`cli ${args.join(' ')} exited ${code}`);
  return out.join('\n');
}

describe('reminders through the service (sample ledger)', () => {
  let s: TmpService;
  beforeEach(async () => {
    setClockForTests(new Date('2025-03-10T08:00:00Z'));
    s = tmpService();
    await s.call('ledger.create', { path: path.join(s.dir, 'sample.zgtz'), sample: true });
  });
  afterEach(() => {
    setClockForTests(null);
    s.cleanup();
  });

  it('the to-do view and its Excel export list the same problems', async () => {
    const todo = await s.call('todo.get', { asOf: AS_OF });
    expect(todo.overdue.length).toBeGreaterThan(0);
    const file = await s.call('todo.export', { asOf: AS_OF });
    expect(file.fileName).toBe('待办提醒-2025-03-10.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.data!, 'base64') as never);
    const ws = wb.getWorksheet('已逾期')!;
    const codes: string[] = [];
    ws.eachRow((row, n) => n > 3 && codes.push(String(row.getCell(1).value)));
    expect(codes).toEqual(todo.overdue.map((p) => p.code));
    expect(String(ws.getCell(1, 1).value)).toBe(`已逾期（${todo.overdue.length}）`);
  });

  it('reporting cycles: settings, manual 已报送 marks and their removal', async () => {
    const info = await s.call('ledger.info', {});
    await s.call('rounds.update', { id: info.roundId!, fields: { cycleRule: { kind: 'monthly', day: 5 } } });
    let view = await s.call('cycles.get', { asOf: AS_OF });
    const current = view.cycles[view.current]!;
    expect(current.cycle.due).toBe('2025-04-05');
    const closed = view.cycles[view.current - 1]!;
    expect(closed.cycle.due).toBe('2025-03-05');
    expect(closed.units.every((u) => u.state === '逾期未报')).toBe(true);
    const unit = closed.units[0]!.unit;
    view = await s.call('cycles.mark', { unit, date: '2025-03-04', note: '邮件报送', asOf: AS_OF });
    expect(view.cycles[view.current - 1]!.units.find((u) => u.unit === unit)).toMatchObject({ state: '已报送', date: '2025-03-04' });
    expect((await s.call('todo.get', { asOf: AS_OF })).returns.late.map((u) => u.unit)).not.toContain(unit);
    view = await s.call('cycles.unmark', { unit, from: closed.cycle.from, due: closed.cycle.due, asOf: AS_OF });
    expect(view.cycles[view.current - 1]!.units.find((u) => u.unit === unit)!.state).toBe('逾期未报');
    await expect(s.call('cycles.mark', { unit: '没有这个科', date: '2025-03-04' })).rejects.toThrow(/找不到单位/);
    await expect(s.call('rounds.update', { id: info.roundId!, fields: { cycleRule: { kind: 'monthly', day: 40 } as never } })).rejects.toThrow(/BAD_REQUEST/);
  });

  it('notices: a zip with one .docx and .txt per unit, recorded per unit', async () => {
    const todo = await s.call('todo.get', { asOf: AS_OF });
    const units = [...new Set(todo.overdue.map((p) => p.leadUnit!))].slice(0, 2);
    const preview = await s.call('notices.preview', { asOf: AS_OF, units });
    expect(preview.map((n) => n.unit)).toEqual(units);
    const result = await s.call('notices.generate', { asOf: AS_OF, units });
    const files = Object.keys(unzipSync(Buffer.from(result.data!, 'base64')));
    expect(files.sort()).toEqual(units.flatMap((u) => [`督办通知-${u}-${AS_OF}.docx`, `督办通知-${u}-${AS_OF}.txt`]).sort());
    const sent = await s.call('notices.sent', { unit: units[0] });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.codes).toEqual(preview[0]!.overdue.concat(preview[0]!.dueSoon));
    // Undo takes the record back.
    await s.call('history.undo', {});
    expect(await s.call('notices.sent', {})).toEqual([]);
  });

  it('a new round through the service; the comparison equals stats --round for each round', async () => {
    const started = await s.call('rounds.start', { title: '回头看', kind: '回头看', carry: ['unfinished', 'long-term', 'signed-off'], renumber: false });
    expect(started.round!.kind).toBe('回头看');
    expect(started.rounds).toHaveLength(2);
    const compare = await s.call('rounds.compare', { roundIds: [1, started.roundId!], asOf: AS_OF });
    const file = s.session.db().path;
    for (const r of compare.rounds) {
      // (The command line also prints what an imported report states, beside the figures.)
      const { stated: _stated, ...cli } = JSON.parse(await cliOut(['stats', file, '--round', String(r.round.id), '--as-of', AS_OF, '--json']));
      expect(plainStats(r.stats)).toEqual(cli);
    }
    // A figure of another round than the current one opens that round's problems (the comparison's drill-down).
    const behind = await s.call('stats.items', { asOf: AS_OF, roundId: 1, kind: 'general', key: 'total' });
    expect(behind.map((p) => p.id)).toEqual(compare.rounds[0]!.stats.items.general.total);
    expect(new Set(behind.map((p) => p.roundId))).toEqual(new Set([1]));
    // Re-check a carried completed problem: 反弹 reopens it.
    const ids = (s.session.db().raw.prepare('SELECT id FROM problems WHERE round_id = ?').all(started.roundId!) as { id: number }[]).map((r) => r.id);
    let target: number | null = null;
    for (const id of ids) {
      const l = await s.call('rounds.lineage', { problemId: id });
      if (l.canRecheck) {
        target = id;
        break;
      }
    }
    expect(target).not.toBeNull();
    const after = await s.call('rounds.recheck', { problemId: target!, result: '反弹', date: AS_OF, note: '台账未更新' });
    expect(after.rechecks[0]).toMatchObject({ result: '反弹', actor: '测试员', note: '台账未更新' });
    const detail = await s.call('problems.get', { id: target! });
    expect(detail!.status).toBe('正在推进');
    // Switch back: the first round is as it was.
    await s.call('rounds.select', { id: 1 });
    const first = await s.call('stats.get', { asOf: AS_OF });
    expect(plainStats(first)).toEqual(plainStats(compare.rounds[0]!.stats));
  });
});

describe('the daily notification (core side)', () => {
  let s: TmpService;
  let d: ReturnType<typeof tmpDir>;
  beforeEach(async () => {
    setClockForTests(new Date('2025-03-10T08:00:00Z'));
    s = tmpService();
    d = tmpDir();
    await s.call('ledger.create', { path: path.join(s.dir, 'sample.zgtz'), sample: true });
  });
  afterEach(() => {
    setClockForTests(null);
    s.cleanup();
    d.cleanup();
  });

  it('fires once a day, on the first open, and not when switched off', async () => {
    const shown: string[] = [];
    const show = (n: { title: string; body: string }) => shown.push(n.title + '|' + n.body);
    const db = s.session.db();
    expect(dailyReminder(db, d.dir, '2025-03-10', show)).not.toBeNull();
    expect(dailyReminder(db, d.dir, '2025-03-10', show)).toBeNull();
    expect(shown).toHaveLength(1);
    const todo = await s.call('todo.get', { asOf: '2025-03-10' });
    expect(shown[0]).toContain(`${todo.count} 项待办`);
    expect(shown[0]).toContain(`已逾期 ${todo.overdue.length} 个问题`);
    expect(dailyReminder(db, d.dir, '2025-03-11', show)).not.toBeNull();
    expect(shown).toHaveLength(2);
    await s.call('reminders.saveSettings', { notify: false });
    expect(dailyReminder(db, d.dir, '2025-03-12', show)).toBeNull();
    expect(shown).toHaveLength(2);
    expect(fs.existsSync(path.join(d.dir, 'reminder-state.json'))).toBe(true);
  });
});
