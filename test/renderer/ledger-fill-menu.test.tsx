import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cell, openSample, sized, type Rendered } from './table-helpers';
import { makePdf } from '../helpers/evidence-files';

async function byCode(r: Rendered) {
  const list = await r.backend.call('problems.list', {});
  return new Map(list.map((p) => [p.code, p]));
}
/** The right-click menu (the app's side menu is a menu too). */
const tableMenu = () => waitFor(() => screen.getAllByRole('menu').find((m) => within(m).queryByRole('menuitem', { name: /^复制/ }))!);
const undoButton = () => screen.getByRole('button', { name: /撤销/ });

describe('fill down and the right-click menu', () => {
  let r: Rendered | null = null;
  const restore: (() => void)[] = [];
  beforeAll(() => restore.push(sized('clientHeight', 6000), sized('clientWidth', 1600)));
  afterAll(() => restore.forEach((f) => f()));
  afterEach(() => {
    r?.backend.cleanup();
    r = null;
    window.location.hash = '';
  });

  it('Ctrl+D fills the first selected row’s lead unit into the others in one action, undone in one step', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const before = await byCode(r);
    const source = before.get('1-1')!.leadUnit;
    await user.click(cell('1-1', 'leadUnit'));
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{ArrowDown}{/Shift}');
    await user.keyboard('{Control>}d{/Control}');
    await waitFor(async () => {
      const after = await byCode(r!);
      for (const code of ['1-1-1', '1-1-2', '1-2']) expect(after.get(code)!.leadUnit).toBe(source);
    });
    const fills = r.calls.filter((c) => c.name === 'problems.paste');
    expect(fills).toHaveLength(1);
    expect(fills[0]!.request).toMatchObject({ purpose: 'fill' });
    await waitFor(() => expect(cell('1-2', 'leadUnit')).toHaveTextContent(source!));

    await user.click(undoButton());
    await waitFor(async () => {
      const undone = await byCode(r!);
      for (const code of ['1-1-1', '1-1-2', '1-2']) expect(undone.get(code)!.leadUnit).toBe(before.get(code)!.leadUnit);
    });
  });

  it('refuses a fill whole, naming the cell, when one target cannot take the value; and a column that cannot be filled', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const before = await byCode(r);
    // 1-1-2 goes into the sign-off procedure: its status belongs to it, so a status cannot be filled over it.
    const inSignoff = before.get('1-1-2')!;
    await r.backend.call('problems.setStatus', { ids: [inSignoff.id], status: '已完成' });
    const { items } = await r.backend.call('evidence.attach', { problemId: inSignoff.id, files: [{ name: 'a.pdf', base64: Buffer.from(makePdf()).toString('base64') }] });
    await r.backend.call('signoff.apply', { problemId: inSignoff.id, evidenceIds: [items[0]!.id], note: '' });
    const snapshot = await r.backend.call('problems.list', {});

    await user.click(cell('1-1', 'status'));
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    await user.keyboard('{Control>}d{/Control}');
    expect((await screen.findAllByText('向下填充未执行，台账没有改动')).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/1-1-2“整改状态”：该问题正处于销号流程/).length).toBeGreaterThan(0);
    expect(await r.backend.call('problems.list', {})).toEqual(snapshot);
    await user.click(screen.getByRole('button', { name: /知\s*道\s*了|确\s*定|OK/ }));

    // The code column cannot be filled: refused with the reason, nothing sent.
    await user.click(cell('1-1', 'code'));
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    const sent = r.calls.filter((c) => c.name === 'problems.paste').length;
    await user.keyboard('{Control>}d{/Control}');
    expect(await screen.findByText(/“编号”列不能向下填充/)).toBeInTheDocument();
    expect(r.calls.filter((c) => c.name === 'problems.paste')).toHaveLength(sent);
  });

  it('fills a status down with the fill handle, as one action', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const before = await byCode(r);
    await user.click(cell('2-1', 'deadline'));
    const handle = document.querySelector('.fill-handle') as HTMLElement;
    expect(handle).not.toBeNull();
    // jsdom lays nothing out: say which row the pointer is over while it is dragged.
    const target = cell('2-1-2', 'deadline');
    const original = document.elementFromPoint;
    document.elementFromPoint = () => target;
    try {
      fireEvent.mouseDown(handle);
      fireEvent.mouseMove(window, { clientX: 10, clientY: 10 });
      fireEvent.mouseUp(window);
    } finally {
      document.elementFromPoint = original;
    }
    const raw = before.get('2-1')!.deadline.raw;
    await waitFor(async () => {
      const after = await byCode(r!);
      expect(after.get('2-1-1')!.deadline.raw).toBe(raw);
      expect(after.get('2-1-2')!.deadline.raw).toBe(raw);
    });
    expect(r.calls.filter((c) => c.name === 'problems.paste')).toHaveLength(1);
  });

  it('opens a menu on right-click with the shortcuts beside the commands; 设置状态 sets every selected problem', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1-1', 'status'));
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    fireEvent.contextMenu(cell('1-1-2', 'status'));
    const menu = await tableMenu();
    for (const [item, keys] of [
      ['复制', 'Ctrl+C'],
      ['粘贴', 'Ctrl+V'],
      ['插入问题', 'Insert'],
      ['向下填充', 'Ctrl+D'],
      ['打开详情', 'Ctrl+Enter'],
    ]) expect(within(menu).getByRole('menuitem', { name: new RegExp(`^${item}.*${keys.replace('+', '\\+')}`) })).toBeInTheDocument();
    expect(within(menu).getByRole('menuitem', { name: /删除（2 个问题）/ })).toBeInTheDocument();
    expect(within(menu).getByRole('menuitem', { name: /查看变更记录/ })).toBeInTheDocument();
    expect(within(menu).getByRole('menuitem', { name: /设置牵头单位…/ })).toBeInTheDocument();

    await user.click(within(menu).getByRole('menuitem', { name: /设置状态/ }));
    await user.click(await screen.findByRole('menuitem', { name: '长期坚持' }));
    await waitFor(async () => {
      const after = await byCode(r!);
      expect(after.get('1-1-1')!.status).toBe('长期坚持');
      expect(after.get('1-1-2')!.status).toBe('长期坚持');
    });
    expect(r.calls.filter((c) => c.name === 'problems.setStatus')).toHaveLength(1);
  });

  it('查看变更记录 opens the detail panel on its history', async () => {
    r = await openSample();
    const user = userEvent.setup();
    fireEvent.contextMenu(cell('1-2', 'text'));
    await user.click(within(await tableMenu()).getByRole('menuitem', { name: /查看变更记录/ }));
    // The panel loads its code on first use.
    const panel = await screen.findByRole('complementary', { name: '问题详情' }, { timeout: 15000 });
    await waitFor(() => expect(within(panel).getByRole('tab', { name: '变更记录' })).toHaveAttribute('aria-selected', 'true'));
  });
});
