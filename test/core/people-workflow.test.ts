import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setClockForTests } from '../../electron/core/clock';
import { makePdf } from '../helpers/evidence-files';
import { tmpService, type TmpService } from '../helpers/ledger';

describe('people in the workflow', () => {
  let s: TmpService;
  beforeEach(async () => {
    setClockForTests(new Date(2025, 2, 10, 9, 0, 0));
    s = tmpService();
    await s.call('ledger.addSample', {});
  });
  afterEach(() => {
    setClockForTests(null);
    s.cleanup();
  });

  it('the clerk set for this computer is who the history records, not the login', async () => {
    expect(await s.call('people.clerk', {})).toEqual({ name: '', unit: '', login: '测试员' });
    await s.call('people.setClerk', { name: '王晓梅', unit: '局办公室' });
    expect(await s.call('people.clerk', {})).toEqual({ name: '王晓梅', unit: '局办公室', login: '测试员' });
    const [a] = await s.call('problems.list', {});
    await s.call('problems.update', { id: a!.id, patch: { responsiblePerson: '张三' } });
    const history = await s.call('history.problem', { id: a!.id });
    expect(history[0]!.actor).toBe('王晓梅');
  });

  it('sign-off apply, review and reopen record the chosen person; reopen offers 按措施推导 and ends consistent', async () => {
    const p = (await s.call('problems.list', {})).find((x) => x.code === '1-1')!;
    const { items } = await s.call('evidence.attach', { problemId: p.id, files: [{ name: '纪要.pdf', base64: makePdf('x').toString('base64') }] });
    await s.call('signoff.apply', { problemId: p.id, evidenceIds: items.map((e) => e.id), date: '2025-03-03', actor: '李四' });
    await s.call('signoff.approve', { problemId: p.id, reviewer: '赵六', method: '书面审核', date: '2025-03-04' });
    let st = await s.call('signoff.reopen', { problemId: p.id, reason: '回头看发现反弹', date: '2025-03-05', actor: '钱七' });
    expect(st.steps.map((x) => [x.step, x.actor])).toEqual([
      ['apply', '李四'],
      ['approve', '赵六'],
      ['reopen', '钱七'],
    ]);
    // Reopened: measures are all done, the status is 正在推进 by hand; the hint names the real next step.
    expect(st).toMatchObject({ status: '正在推进', workflow: '', canRederive: true });
    expect(st.applyBlockedReason).toContain('恢复为“按措施推导”');
    expect(st.applyBlockedReason).not.toContain('请先把整改措施标记为已完成');
    await s.call('problems.setStatus', { ids: [p.id], status: null });
    st = await s.call('signoff.state', { problemId: p.id });
    expect(st).toMatchObject({ status: '已完成', canRederive: false, allowed: ['apply'], applyBlockedReason: '' });
  });
});
