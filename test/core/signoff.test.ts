import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowedSteps, stepRefusal } from '../../electron/core/signoff/rules';
import { checkLedger } from '../../electron/core/ledger/check';
import { setClockForTests } from '../../electron/core/clock';
import { makePdf, makePng } from '../helpers/evidence-files';
import { tmpService, type TmpService } from '../helpers/ledger';
import type { ProblemSummary } from '../../shared/domain/types';

const b64 = (b: Buffer) => b.toString('base64');

describe('the sign-off rules', () => {
  it('lets each state go only to its next steps', () => {
    expect(allowedSteps('')).toEqual(['apply']);
    expect(allowedSteps('待销号')).toEqual(['approve', 'reject']);
    expect(allowedSteps('已销号')).toEqual(['reopen']);
    expect(stepRefusal('approve', '', '已完成')).toMatch(/只有“待销号”的问题可以审核通过/);
    expect(stepRefusal('reopen', '待销号', '待销号')).toMatch(/只有“已销号”的问题可以重新打开/);
    expect(stepRefusal('apply', '', '正在推进')).toMatch(/尚未完成整改，不能申请销号/);
    expect(stepRefusal('apply', '', '已完成')).toBeNull();
    expect(stepRefusal('apply', '', '长期坚持')).toBeNull();
  });
});

describe('signing off a problem through the service', () => {
  let s: TmpService;
  let p: ProblemSummary;
  beforeEach(async () => {
    setClockForTests(new Date(2025, 2, 10, 9, 0, 0));
    s = tmpService();
    await s.call('ledger.addSample', {});
    // 1-1: a general problem whose two measures were completed on 2025-01-10 and 2025-02-28.
    p = (await s.call('problems.list', {})).find((x) => x.code === '1-1')!;
  });
  afterEach(() => {
    setClockForTests(null);
    s.cleanup();
  });

  const stats = (asOf: string) => s.call('stats.get', { asOf });
  const completedIds = async (asOf: string) => (await stats(asOf)).items.general.completed;
  const row = async () => (await s.call('problems.list', {})).find((x) => x.id === p.id)!;

  it('goes apply → reject → apply → approve → reopen, each step recorded, statistics following', async () => {
    expect(p).toMatchObject({ status: '已完成', completedDate: '2025-02-28', workflow: '' });
    const { items } = await s.call('evidence.attach', { problemId: p.id, files: [{ name: '学习规则.pdf', base64: b64(makePdf('rules')) }, { name: '通报.png', base64: b64(makePng()) }] });
    const ids = items.map((e) => e.id);
    expect(await completedIds('2025-03-10')).toContain(p.id);

    // A problem not yet done cannot apply.
    const unfinished = (await s.call('problems.list', {})).find((x) => x.status === '正在推进')!;
    await expect(s.call('signoff.apply', { problemId: unfinished.id, evidenceIds: [] })).rejects.toThrow(/尚未完成整改/);
    await expect(s.call('signoff.apply', { problemId: p.id, evidenceIds: [] })).rejects.toThrow(/请选择随销号申请提交的佐证材料/);

    let st = await s.call('signoff.apply', { problemId: p.id, evidenceIds: ids, note: '材料齐全，申请销号', date: '2025-03-03' });
    expect(st).toMatchObject({ workflow: '待销号', status: '待销号', allowed: ['approve', 'reject'] });
    expect(await row()).toMatchObject({ status: '待销号', statusSource: 'manual', statusReason: '申请销号（2025-03-03，测试员）', completedDate: '2025-02-28' });
    // Awaiting sign-off still counts as completed: it could only apply because it was done.
    expect(await completedIds('2025-03-10')).toContain(p.id);

    await expect(s.call('signoff.reject', { problemId: p.id, reason: '   ' })).rejects.toThrow(/请填写理由/);
    st = await s.call('signoff.reject', { problemId: p.id, reason: '缺少学习记录照片', reviewer: '巡察办 李四', date: '2025-03-04' });
    expect(st).toMatchObject({ workflow: '', status: '已完成', allowed: ['apply'] });
    expect(await row()).toMatchObject({ statusSource: 'derived', completedDate: '2025-02-28' });

    await s.call('signoff.apply', { problemId: p.id, evidenceIds: ids, note: '补充了照片', date: '2025-03-05' });
    await expect(s.call('signoff.approve', { problemId: p.id, reviewer: '巡察办 李四', method: '三方验收', note: '', date: '2025-03-01' })).rejects.toThrow(
      /早于上一步“申请销号”的日期 2025-03-05/,
    );
    await expect(s.call('signoff.approve', { problemId: p.id, reviewer: '李四', method: '书面审核', note: '', date: '2025-03-11' })).rejects.toThrow(/晚于今天/);
    st = await s.call('signoff.approve', { problemId: p.id, reviewer: '巡察办 李四', method: '三方验收', note: '经巡察办、巡察组、单位三方验收', date: '2025-03-06' });
    expect(st).toMatchObject({ workflow: '已销号', status: '已销号', allowed: ['reopen'] });
    expect(await row()).toMatchObject({ status: '已销号', completedDate: '2025-03-06', statusReason: '已销号（2025-03-06，审核人：巡察办 李四，方式：三方验收）' });
    // Completed as of the approval date, not before.
    expect(await completedIds('2025-03-06')).toContain(p.id);
    expect(await completedIds('2025-03-05')).not.toContain(p.id);

    // A signed-off problem's status cannot be changed behind the procedure's back.
    await expect(s.call('problems.setStatus', { ids: [p.id], status: '正在推进' })).rejects.toThrow(/正处于销号流程（已销号）/);

    st = await s.call('signoff.reopen', { problemId: p.id, reason: '回头看发现学习记录不全', date: '2025-03-10' });
    expect(st).toMatchObject({ workflow: '', status: '正在推进', allowed: [] });
    expect(await row()).toMatchObject({ statusSource: 'manual', statusReason: '回头看重新打开（2025-03-10）：回头看发现学习记录不全', completedDate: null });
    expect(await completedIds('2025-03-10')).not.toContain(p.id);

    expect(st.steps.map((x) => [x.step, x.stepLabel, x.date, x.actor, x.method, x.reason])).toEqual([
      ['apply', '申请销号', '2025-03-03', '测试员', '', ''],
      ['reject', '退回', '2025-03-04', '巡察办 李四', '', '缺少学习记录照片'],
      ['apply', '申请销号', '2025-03-05', '测试员', '', ''],
      ['approve', '审核通过（销号）', '2025-03-06', '巡察办 李四', '三方验收', ''],
      ['reopen', '重新打开（回头看）', '2025-03-10', '测试员', '', '回头看发现学习记录不全'],
    ]);
    expect(st.steps[3]!.evidence.map((e) => e.number)).toEqual(['1-1-1', '1-1-2']);
    // Every step is in the problem's history, under a readable label.
    const history = await s.call('history.problem', { id: p.id });
    const labels = [...new Map(history.map((h) => [h.actionId, h.label])).values()];
    expect(labels.slice(0, 5)).toEqual(['重新打开已销号问题 1-1（回头看）', '1-1 销号审核通过', '1-1 申请销号', '退回 1-1 的销号申请', '1-1 申请销号']);
    expect(checkLedger(s.session.db())).toEqual([]);
  });

  it('undoes a step as a whole: the signoff record and the status together', async () => {
    const { items } = await s.call('evidence.attach', { problemId: p.id, files: [{ name: 'a.pdf', base64: b64(makePdf()) }] });
    await s.call('signoff.apply', { problemId: p.id, evidenceIds: [items[0]!.id], note: '' });
    expect((await row()).status).toBe('待销号');
    await s.call('history.undo', {});
    expect(await row()).toMatchObject({ status: '已完成', workflow: '', statusSource: 'derived' });
    expect((await s.call('signoff.state', { problemId: p.id })).steps).toEqual([]);
    expect(checkLedger(s.session.db())).toEqual([]);
  });

  it('refuses a pasted block with a status cell on a problem in sign-off, naming the code and column, and writes nothing', async () => {
    const { items } = await s.call('evidence.attach', { problemId: p.id, files: [{ name: 'a.pdf', base64: b64(makePdf()) }] });
    await s.call('signoff.apply', { problemId: p.id, evidenceIds: [items[0]!.id], note: '' });
    const other = (await s.call('problems.list', {})).find((x) => x.code === '1-1-1')!;
    const before = await s.call('problems.list', {});
    const r = await s.service.call('problems.paste', {
      cells: [
        { id: other.id, field: 'leadUnit', value: '政治部' },
        { id: p.id, field: 'leadUnit', value: '政治部' },
        { id: p.id, field: 'status', value: '正在推进' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PASTE_INVALID');
    expect(r.error.message).toBe('粘贴未执行，以下单元格无法写入：1-1“整改状态”：该问题正处于销号流程（待销号），状态由销号流程决定，不能粘贴；请在“佐证材料”页审核通过、退回或重新打开');
    expect(await s.call('problems.list', {})).toEqual(before);
    // Its other cells, and an empty status cell (which leaves the status alone), still paste.
    await s.call('problems.paste', { cells: [{ id: p.id, field: 'leadUnit', value: '政治部' }, { id: p.id, field: 'status', value: '' }] });
    expect(await row()).toMatchObject({ leadUnit: '政治部', status: '待销号', workflow: '待销号' });
  });

  it('refuses to restore one old value that would contradict the sign-off record', async () => {
    const { items } = await s.call('evidence.attach', { problemId: p.id, files: [{ name: 'a.pdf', base64: b64(makePdf()) }] });
    await s.call('signoff.apply', { problemId: p.id, evidenceIds: [items[0]!.id], note: '' });
    const change = (await s.call('history.problem', { id: p.id })).find((h) => h.table === 'problems' && h.field === 'status')!;
    expect(change).toMatchObject({ oldValue: '已完成', newValue: '待销号' });
    await expect(s.call('history.restore', { historyId: change.id })).rejects.toThrow(/与其销号记录不一致/);
    expect(await row()).toMatchObject({ status: '待销号', workflow: '待销号' });
    expect(checkLedger(s.session.db())).toEqual([]);
  });

  it('refuses to apply without received evidence, or with evidence of another problem', async () => {
    await expect(s.call('signoff.apply', { problemId: p.id, evidenceIds: [] })).rejects.toThrow(/还没有收到任何佐证材料文件/);
    await s.call('evidence.register', { problemId: p.id, title: '待补的纪要' });
    await expect(s.call('signoff.apply', { problemId: p.id, evidenceIds: [] })).rejects.toThrow(/还没有收到任何佐证材料文件/);
    const other = (await s.call('problems.list', {})).find((x) => x.code === '1-1-1')!;
    const { items } = await s.call('evidence.attach', { problemId: other.id, files: [{ name: 'a.pdf', base64: b64(makePdf()) }] });
    await s.call('evidence.attach', { problemId: p.id, files: [{ name: 'b.pdf', base64: b64(makePdf('b')) }] });
    await expect(s.call('signoff.apply', { problemId: p.id, evidenceIds: [items[0]!.id] })).rejects.toThrow(/不属于该问题、已删除或尚未收到文件/);
  });

  it('makes the check fail when a workflow and its recorded steps disagree', async () => {
    const db = s.session.db();
    const { items } = await s.call('evidence.attach', { problemId: p.id, files: [{ name: 'a.pdf', base64: b64(makePdf()) }] });
    await s.call('signoff.apply', { problemId: p.id, evidenceIds: [items[0]!.id], note: '' });
    await s.call('signoff.approve', { problemId: p.id, reviewer: '李四', method: '书面审核', note: '' });
    db.raw.exec("INSERT INTO actions (at, source, label) VALUES ('x', 'system', 'tamper'); INSERT INTO current_action VALUES (1, last_insert_rowid());");
    db.raw.prepare("UPDATE problems SET completed_date = '2025-01-01' WHERE id = ?").run(p.id);
    db.raw.exec('DELETE FROM current_action');
    expect(checkLedger(db)).toEqual([{ where: '1-1', message: '已销号问题的完成日期（2025-01-01）应为销号日期 2025-03-10' }]);
  });
});
