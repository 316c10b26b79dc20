import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/core/service/registry';
import { OP_NAMES } from '../../shared/api/contract';
import { tmpService, type TmpService } from '../helpers/ledger';

describe('the service', () => {
  let s: TmpService;
  beforeEach(() => (s = tmpService()));
  afterEach(() => s.cleanup());

  it('answers a malformed request with a Chinese message as data, never a throw', async () => {
    const r = await s.service.call('problems.update', { id: 'x', patch: {} });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    if (!r.ok) expect(r.error.message).toMatch(/请求数据不正确/);
    const unknown = await s.service.call('fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OP' } });
    const proto = await s.service.call('__proto__', {});
    expect(proto).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OP' } });
  });

  it('says clearly when there is no round yet', async () => {
    const r = await s.service.call('problems.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_ROUND' } });
  });

  it('refuses to register an operation twice', () => {
    const reg = createRegistry();
    reg.register({ 'ledger.info': () => null as never });
    expect(() => reg.register({ 'ledger.info': () => null as never })).toThrow(/duplicate/);
  });

  it('has a handler for every operation of the contract', () => {
    expect(OP_NAMES.length).toBeGreaterThan(30);
    // createService throws at start-up when one is missing; tmpService() above succeeded.
    expect(s.service).toBeTruthy();
  });

  it('pastes a block in one action and refuses the whole block when one cell is bad', async () => {
    await s.call('ledger.addSample', {});
    const [a, b, c] = await s.call('problems.list', {});
    const bad = await s.service.call('problems.paste', {
      cells: [
        { id: a!.id, field: 'leadUnit', value: '政治部' },
        { id: b!.id, field: 'status', value: '差不多了' },
      ],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain(`${b!.code}“整改状态”：“差不多了”不是可识别的状态`);
    expect((await s.call('problems.get', { id: a!.id })).leadUnit).toBe(a!.leadUnit);
    await s.call('problems.paste', {
      cells: [
        { id: a!.id, field: 'leadUnit', value: '政治部' },
        { id: b!.id, field: 'status', value: '完成整改' },
        { id: c!.id, field: 'deadline', value: '2025年底前' },
      ],
    });
    const info = await s.call('ledger.info', {});
    expect(info.undo.undoLabel).toBe('粘贴 3 个单元格');
    await s.call('history.undo', {});
    expect((await s.call('problems.get', { id: a!.id })).leadUnit).toBe(a!.leadUnit);
    expect((await s.call('problems.get', { id: c!.id })).deadline).toEqual(c!.deadline);
  });

  it('names a fill down and a replace as such, in the undo label and in the refusal', async () => {
    await s.call('ledger.addSample', {});
    const [a, b] = await s.call('problems.list', {});
    const bad = await s.service.call('problems.paste', { cells: [{ id: b!.id, field: 'status', value: '差不多了' }], purpose: 'fill' });
    expect(!bad.ok && bad.error.message.startsWith('向下填充未执行，以下单元格无法写入：')).toBe(true);
    await s.call('problems.paste', { cells: [{ id: a!.id, field: 'leadUnit', value: '政治部' }, { id: b!.id, field: 'leadUnit', value: '政治部' }], purpose: 'replace' });
    expect((await s.call('ledger.info', {})).undo.undoLabel).toBe('替换 2 个单元格');
  });

  it('restores the values a recorded change replaced, keeping a deadline consistent', async () => {
    await s.call('ledger.addSample', {});
    const [p] = await s.call('problems.list', {});
    await s.call('problems.update', { id: p!.id, patch: { deadline: { raw: '立行立改' } } });
    const changed = await s.call('problems.get', { id: p!.id });
    expect(changed.deadline).toEqual({ raw: '立行立改', kind: 'immediate', date: null });
    const entry = (await s.call('history.problem', { id: p!.id })).find((h) => h.field === 'deadline_kind')!;
    const r = await s.call('history.restore', { historyId: entry.id });
    expect(r.label).toContain(`恢复 ${p!.code} 的时限类型`);
    expect((await s.call('problems.get', { id: p!.id })).deadline).toEqual(p!.deadline);
    await expect(s.call('history.restore', { historyId: entry.id })).rejects.toThrow(/已经与该变更之前的值相同/);
  });

  it('restores a measure status and re-derives the problem status in the same action', async () => {
    await s.call('ledger.addSample', {});
    const all = await s.call('problems.list', {});
    const done = all.find((p) => p.status === '已完成' && p.statusSource === 'derived')!;
    const detail = await s.call('problems.get', { id: done.id });
    await s.call('measures.update', { id: detail.measures[0]!.id, patch: { status: '正在推进' } });
    expect((await s.call('problems.get', { id: done.id })).status).toBe('正在推进');
    const entry = (await s.call('history.problem', { id: done.id })).find((h) => h.table === 'measures' && h.field === 'status')!;
    await s.call('history.restore', { historyId: entry.id });
    expect((await s.call('problems.get', { id: done.id })).status).toBe('已完成');
    await s.call('history.undo', {});
    expect((await s.call('problems.get', { id: done.id })).status).toBe('正在推进');
  });
});
