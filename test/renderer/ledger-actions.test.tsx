import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/App';
import { call } from '../../renderer/api';
import { cell, openSample, sized, type Rendered } from './table-helpers';
import { renderWithLedger } from './render';

const shownCodes = () => [...document.querySelectorAll('[role="row"][data-code]')].map((e) => (e as HTMLElement).dataset.code);

describe('adding, moving, deleting and restoring problems', () => {
  let r: Rendered | null = null;
  const restore: (() => void)[] = [];
  beforeAll(() => restore.push(sized('clientHeight', 2000), sized('clientWidth', 1600)));
  afterAll(() => restore.forEach((f) => f()));
  afterEach(() => {
    r?.backend.cleanup();
    r = null;
    window.location.hash = '';
  });

  it('adds a specific problem after the active one with Insert; it gets the next code', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1-2', 'text'));
    await user.keyboard('{Insert}');
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('新增问题');
    // In place of the active row: a specific problem of the same general problem, after it.
    expect(within(dialog).getByRole('radio', { name: '具体问题' })).toBeChecked();
    await user.type(within(dialog).getByRole('textbox', { name: '问题内容' }), '学习记录不完整。');
    await user.click(within(dialog).getByRole('button', { name: /新\s*增/ }));
    await waitFor(() => expect(document.querySelector('[data-code="1-1-3"]')).not.toBeNull());
    expect(cell('1-1-3', 'text')).toHaveTextContent('学习记录不完整。');
    expect(shownCodes().slice(0, 4)).toEqual(['1-1', '1-1-1', '1-1-2', '1-1-3']);
  });

  it('moves a problem down with Alt+Shift+↓, keeping its code', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1-1', 'text'));
    await user.keyboard('{Alt>}{Shift>}{ArrowDown}{/Shift}{/Alt}');
    await waitFor(() => expect(shownCodes().slice(0, 3)).toEqual(['1-1', '1-1-2', '1-1-1']));
  });

  it('deletes the selected problems after confirming, and restores one from the recycle bin with its code', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const total = (await r.backend.call('problems.list', {})).length;
    await user.click(cell('2-1-1', 'code'));
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    await user.keyboard('{Control>}{Delete}{/Control}');
    const confirm = await screen.findByRole('dialog');
    expect(confirm).toHaveTextContent('删除所选的 2 个问题？');
    await user.click(within(confirm).getByRole('button', { name: /删\s*除/ }));
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(`共 ${total - 2} 个问题`));
    await waitFor(() => expect(shownCodes()).not.toContain('2-1-1'));

    await user.click(screen.getByRole('button', { name: /回收站/ }));
    await user.click(await screen.findByRole('button', { name: '恢复 2-1-1' }));
    await user.click(screen.getByRole('button', { name: /返回台账/ }));
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(`共 ${total - 1} 个问题`));
    await waitFor(() => expect(shownCodes()).toContain('2-1-1'));
    expect(shownCodes()).not.toContain('2-1-2');
  });

  it('copies the active cell, or whole selected rows, as cells a spreadsheet reads', async () => {
    r = await openSample();
    const user = userEvent.setup();
    // Ctrl+C fires “copy” at the focused element even with nothing selected (user-event's copy() needs a
    // selection, so the event is sent as the browser sends it).
    const copy = () => {
      const data = new Map<string, string>();
      const clipboardData = { setData: (type: string, v: string) => data.set(type, v), getData: (type: string) => data.get(type) ?? '' };
      fireEvent.copy(document.activeElement!, { clipboardData });
      return data.get('text/plain') ?? '';
    };
    await user.click(cell('1-2', 'deadline'));
    expect(copy()).toBe('2025年6月30日前');
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    const rows = copy().split('\r\n').map((line) => line.split('\t'));
    expect(rows.map((cells) => [cells[0], cells[4], cells[5]])).toEqual([
      ['1-2', '环境执法支队', '2025年6月30日前'],
      ['1-2-1', '水生态环境科', '2025年底前'],
    ]);
  });

  it('deletes a category with its problems after confirming, and restores it from the recycle bin', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const total = (await r.backend.call('problems.list', {})).length;
    const inSecond = (await r.backend.call('categories.list', {}))[1]!.problemCount;
    await user.click(document.querySelector('[data-key="c2"] [role="gridcell"]') as HTMLElement);
    await user.keyboard('{Control>}{Delete}{/Control}');
    const confirm = await screen.findByRole('dialog');
    expect(confirm).toHaveTextContent(`其下 ${inSecond} 个问题一并删除`);
    await user.click(within(confirm).getByRole('button', { name: /删\s*除/ }));
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(`共 ${total - inSecond} 个问题`));
    expect(document.querySelector('[data-key="c2"]')).toBeNull();

    await user.click(screen.getByRole('button', { name: /回收站/ }));
    const bin = await screen.findByTestId('deleted-categories');
    expect(bin).toHaveTextContent(`与它一同删除的问题 ${inSecond} 个`);
    await user.click(within(bin).getByRole('button', { name: /^恢复类别（二）/ }));
    await user.click(screen.getByRole('button', { name: /返回台账/ }));
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(`共 ${total} 个问题`));
    expect(document.querySelector('[data-key="c2"]')).not.toBeNull();
  });

  it('restores from the recycle bin a deleted category that had no problems', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const created = await act(() => call('categories.create', { title: '新增的空类别' }));
    await waitFor(() => expect(document.querySelector(`[data-key="c${created.id}"]`)).not.toBeNull());
    await act(() => call('categories.delete', { id: created.id }));
    await waitFor(() => expect(document.querySelector(`[data-key="c${created.id}"]`)).toBeNull());

    await user.click(screen.getByRole('button', { name: /回收站/ }));
    const bin = await screen.findByTestId('deleted-categories');
    expect(bin).toHaveTextContent('新增的空类别');
    expect(bin).toHaveTextContent('类别下没有问题');
    await user.click(within(bin).getByRole('button', { name: /新增的空类别/ }));
    await waitFor(() => expect(screen.queryByTestId('deleted-categories')).toBeNull());
    await user.click(screen.getByRole('button', { name: /返回台账/ }));
    await waitFor(() => expect(document.querySelector(`[data-key="c${created.id}"]`)).not.toBeNull());
  });

  it('offers the recycle bin on the welcome page when every category was deleted', async () => {
    r = renderWithLedger(<App />);
    const user = userEvent.setup();
    await act(() => call('rounds.create', { title: '新一轮' }));
    const only = await act(() => call('categories.create', { title: '唯一的类别' }));
    await act(() => call('categories.delete', { id: only.id }));
    await user.click(await screen.findByRole('button', { name: /打开回收站/ }));
    await user.click(within(await screen.findByTestId('deleted-categories')).getByRole('button', { name: /唯一的类别/ }));
    await user.click(screen.getByRole('button', { name: /返回台账/ }));
    await waitFor(() => expect(document.querySelector(`[data-key="c${only.id}"]`)).not.toBeNull());
  });

  it('renames a category from its banner with Enter', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const banner = document.querySelector('[data-key="c1"] [role="gridcell"]') as HTMLElement;
    await user.click(banner);
    await user.keyboard('{Enter}');
    const input = screen.getByRole('combobox', { name: '类别标题' });
    await user.clear(input);
    await user.type(input, '理论学习不够深入{Enter}');
    await waitFor(async () => expect((await r!.backend.call('categories.list', {}))[0]!.title).toBe('理论学习不够深入'));
    await waitFor(() => expect(document.querySelector('[data-key="c1"]')).toHaveTextContent('理论学习不够深入'));
  });
});

describe('the detail panel', () => {
  let r: Rendered | null = null;
  const restore: (() => void)[] = [];
  beforeAll(() => restore.push(sized('clientHeight', 2000), sized('clientWidth', 1600)));
  afterAll(() => restore.forEach((f) => f()));
  afterEach(() => {
    r?.backend.cleanup();
    r = null;
    window.location.hash = '';
  });

  it('opens with Ctrl+Enter, adds a measure and shows the result phrase the report will print', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1', 'text'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const panel = await screen.findByRole('complementary', { name: '问题详情' });
    await waitFor(() => expect(within(panel).getByTestId('result-phrase')).toHaveTextContent('完成整改'));
    await user.type(within(panel).getByRole('textbox', { name: '新措施内容' }), '每半年开展一次学习情况评估。');
    await user.click(within(panel).getByRole('button', { name: /添加措施/ }));
    // Measures 1 and 2 are done, the new third one has not started.
    await waitFor(() => expect(within(panel).getByTestId('result-phrase')).toHaveTextContent('第一二项完成整改;第三项未完成整改'));
    await waitFor(() => expect(cell('1-1', 'measures')).toHaveTextContent('2/3 项'));
    expect(cell('1-1', 'status')).toHaveTextContent('正在推进');
  });

  it('adds a progress entry, lists the change in words, and puts an earlier value back', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const p = (await r.backend.call('problems.list', {})).find((x) => x.code === '1-2')!;
    await act(async () => {
      await call('problems.update', { id: p.id, patch: { leadUnit: '局办公室' } });
    });
    await user.click(cell('1-2', 'text'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const panel = await screen.findByRole('complementary', { name: '问题详情' });
    await user.click(within(panel).getByRole('tab', { name: /进展/ }));
    await user.type(within(panel).getByRole('textbox', { name: '进展内容' }), '完成第二轮约谈。');
    await user.click(within(panel).getByRole('button', { name: /添加进展/ }));
    await waitFor(async () => expect((await r!.backend.call('problems.get', { id: p.id })).progress.at(-1)!.text).toBe('完成第二轮约谈。'));

    await user.click(within(panel).getByRole('tab', { name: '变更记录' }));
    // (Role and text queries compute styles, which is slow in jsdom once antd's styles are all in the
    // page; the history's lines are read directly.)
    const lines = () => [...panel.querySelectorAll('.history-lines li')].map((li) => li as HTMLElement);
    await waitFor(() => expect(lines().map((li) => li.textContent)).toContainEqual(expect.stringMatching(/^新增进展（\d{4}-\d{2}-\d{2}）：完成第二轮约谈。$/)));
    const line = lines().find((li) => li.textContent?.startsWith('牵头单位：环境执法支队 → 局办公室'))!;
    expect(line.querySelector('button')).toHaveTextContent('恢复此值');
    await user.click(line.querySelector('button')!);
    await waitFor(async () => expect((await r!.backend.call('problems.get', { id: p.id })).leadUnit).toBe('环境执法支队'));
    await waitFor(() => expect(cell('1-2', 'leadUnit')).toHaveTextContent('环境执法支队'));
  });
});
