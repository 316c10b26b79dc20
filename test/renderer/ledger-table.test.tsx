import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/App';
import { call } from '../../renderer/api';
import { cell, openSample, sized, type Rendered } from './table-helpers';
import { sourcesOf } from '../../shared/api/table';

/** The field that holds the table's keyboard focus, and the cell it says is active. */
const catcher = () => document.querySelector('.grid-catcher') as HTMLTextAreaElement;
const activeCell = () => catcher().getAttribute('aria-activedescendant');


async function problem(r: Rendered, code: string) {
  const list = await r.backend.call('problems.list', {});
  const p = list.find((x) => x.code === code);
  if (!p) throw new Error(`no problem ${code}`);
  return p;
}

describe('the ledger table, driven by the keyboard', () => {
  let r: Rendered | null = null;
  const restore: (() => void)[] = [];
  beforeAll(() => {
    restore.push(sized('clientHeight', 900), sized('clientWidth', 1600));
  });
  afterAll(() => restore.forEach((f) => f()));
  afterEach(() => {
    r?.backend.cleanup();
    r = null;
    window.location.hash = '';
  });

  it('edits a problem text in place: Enter opens the editor, Enter keeps the text and moves down', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1-1', 'text'));
    expect(catcher()).toHaveFocus();
    await user.keyboard('{Enter}');
    const editor = screen.getByRole('textbox', { name: '问题内容' });
    await user.clear(editor);
    await user.type(editor, '专题研讨次数不足。');
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await problem(r!, '1-1-1')).text).toBe('专题研讨次数不足。'));
    await waitFor(() => expect(cell('1-1-1', 'text')).toHaveTextContent('专题研讨次数不足。'));
    // The active cell went down one row, to the same column.
    expect(catcher()).toHaveFocus();
    expect(activeCell()).toBe(cell('1-1-2', 'text').id);
  });

  it('opens the editor with the words an input method composed on a cell (拼音 typed without Enter first)', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-2', 'leadUnit'));
    // What Chromium sends while 拼音 is typed into the focused field and 人事科 is chosen.
    fireEvent.compositionStart(catcher(), { data: '' });
    fireEvent.keyDown(catcher(), { key: 'Process', isComposing: true });
    expect(screen.queryByRole('combobox', { name: '牵头单位' })).toBeNull();
    fireEvent.compositionEnd(catcher(), { data: '人事科' });
    const editor = await screen.findByRole('combobox', { name: '牵头单位' });
    expect(editor).toHaveValue('人事科');
    expect(editor).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await problem(r!, '1-2')).leadUnit).toBe('人事科'));
  });

  it('drops an edit on Esc and keeps the ledger unchanged', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const before = await problem(r, '1-2');
    await user.click(cell('1-2', 'leadUnit'));
    await user.keyboard('政治');
    expect(screen.getByRole('combobox', { name: '牵头单位' })).toHaveValue('政治');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox', { name: '牵头单位' })).toBeNull();
    expect((await problem(r, '1-2')).leadUnit).toBe(before.leadUnit);
    expect(r.calls.filter((c) => c.name === 'problems.update')).toEqual([]);
  });

  it('moves with Tab and the arrows, and changes a status from the list', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-2', 'code'));
    // 编号 → 问题 → 整改措施 → 责任领导 → 牵头单位 → 整改时限 → 整改状态
    await user.keyboard('{Tab}{Tab}{Tab}{Tab}{ArrowRight}{ArrowRight}');
    expect(activeCell()).toBe(cell('1-2', 'status').id);
    await user.keyboard('{Enter}');
    const list = screen.getByRole('listbox', { name: '整改状态候选' });
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('按措施推导');
    // 按措施推导 → 未启动 → 正在推进 → 已完成
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(within(list).getByRole('option', { selected: true })).toHaveTextContent('已完成');
    await user.keyboard('{Enter}');
    await waitFor(async () => expect(await problem(r!, '1-2')).toMatchObject({ status: '已完成', statusSource: 'manual' }));
    await waitFor(() => expect(cell('1-2', 'status')).toHaveTextContent('已完成'));
  });

  it('sets a deadline kind from the deadline list, keeping the text it stands for', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1', 'deadline'));
    await user.keyboard('{Enter}');
    expect(screen.getByRole('status')).toHaveTextContent('识别为：日期 2025年3月31日');
    // 立行立改 → 长期坚持
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(async () => expect((await problem(r!, '1-1')).deadline).toEqual({ raw: '长期坚持', kind: 'long-term', date: null }));
    // Enter took the kind and went down a row; typed text is kept as written and read by the ledger.
    await waitFor(() => expect(activeCell()).toBe(cell('1-1-1', 'deadline').id));
    await user.keyboard('{Enter}');
    const input = screen.getByRole('combobox', { name: '整改时限' });
    await user.clear(input);
    await user.type(input, '待省上出台政策后');
    expect(screen.getByRole('status')).toHaveTextContent('识别为：附条件');
    await user.keyboard('{Tab}');
    await waitFor(async () => expect((await problem(r!, '1-1-1')).deadline).toEqual({ raw: '待省上出台政策后', kind: 'conditional', date: null }));
  });

  it('refuses an impossible date with its reason and keeps the editor open', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1', 'deadline'));
    await user.keyboard('{Enter}');
    const input = screen.getByRole('combobox', { name: '整改时限' });
    await user.clear(input);
    await user.type(input, '2025年2月30日前');
    expect(screen.getByRole('status')).toHaveTextContent('“2025年2月30日”不是有效日期：2025年2月只有28天');
    await user.keyboard('{Enter}');
    expect(await screen.findByText(/不是有效日期/, { selector: '.ant-message *' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '整改时限' })).toHaveValue('2025年2月30日前');
    expect((await problem(r, '1-1')).deadline.raw).toBe('2025年3月31日前');
  });

  it('selects rows with Shift+↓ and sets their lead unit at once, undone in one step', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1-1', 'leadUnit'));
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    const bar = await screen.findByRole('toolbar', { name: '批量设置' });
    expect(bar).toHaveTextContent('已选 3 个问题');
    await user.click(within(bar).getByRole('button', { name: /设置牵头单位/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('combobox', { name: '牵头单位' }), '人事科');
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    await waitFor(async () => {
      for (const code of ['1-1-1', '1-1-2', '1-2']) expect((await problem(r!, code)).leadUnit).toBe('人事科');
    });
    expect(r.calls.filter((c) => c.name === 'problems.updateMany')).toHaveLength(1);
    await act(() => call('history.undo', {}));
    expect((await problem(r, '1-1-2')).leadUnit).toBe('机关党办');
    expect((await problem(r, '1-2')).leadUnit).toBe('环境执法支队');
  });

  it('pastes a 3×2 block copied from Excel in one action, and Ctrl+Z / Ctrl+Y undo and redo it', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1-1', 'leadUnit'));
    // Excel's clipboard: tabs between cells, CRLF between rows, a cell with a line break in quotes.
    await user.paste('人事科\t2025年6月30日前\r\n办公室\t"立行立改，\n长期坚持"\r\n机关党办\t长期坚持\r\n');
    await waitFor(async () => expect((await problem(r!, '1-2')).deadline.kind).toBe('long-term'));
    expect(await problem(r, '1-1-1')).toMatchObject({ leadUnit: '人事科', deadline: { raw: '2025年6月30日前', kind: 'date', date: '2025-06-30' } });
    expect(await problem(r, '1-1-2')).toMatchObject({ leadUnit: '办公室', deadline: { raw: '立行立改，\n长期坚持', kind: 'immediate' } });
    expect(await problem(r, '1-2')).toMatchObject({ leadUnit: '机关党办', deadline: { raw: '长期坚持' } });
    expect(r.calls.filter((c) => c.name === 'problems.paste')).toHaveLength(1);
    await waitFor(() => expect(cell('1-1-1', 'leadUnit')).toHaveTextContent('人事科'));

    expect(catcher()).toHaveFocus();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect((await problem(r!, '1-1-1')).leadUnit).toBe('机关党办'));
    expect(await problem(r, '1-2')).toMatchObject({ leadUnit: '环境执法支队', deadline: { raw: '2025年6月30日前' } });
    await waitFor(() => expect(cell('1-1-1', 'leadUnit')).toHaveTextContent('机关党办'));
    await user.keyboard('{Control>}y{/Control}');
    await waitFor(async () => expect((await problem(r!, '1-2')).leadUnit).toBe('机关党办'));
    await waitFor(() => expect(cell('1-1-1', 'leadUnit')).toHaveTextContent('人事科'));
  });

  it('refuses a pasted block with a bad cell, naming it, and changes nothing', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1', 'leadUnit'));
    await user.keyboard('{ArrowRight}{ArrowRight}');
    await user.paste('已完成\n差不多了');
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('粘贴未执行，台账没有改动');
    expect(dialog).toHaveTextContent('1-1-1“整改状态”：“差不多了”不是可识别的状态');
    expect((await problem(r, '1-1')).statusSource).toBe('derived');
  });

  it('lets the text field’s own undo work while editing: Ctrl+Z does not undo the ledger', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await act(async () => {
      await call('problems.update', { id: (await problem(r!, '2-1')).id, patch: { notes: '先改一处' } });
    });
    await user.click(cell('1-1', 'text'));
    await user.keyboard('{Enter}');
    await user.keyboard('{Control>}z{/Control}');
    expect(r.calls.filter((c) => c.name === 'history.undo')).toEqual([]);
    await user.keyboard('{Escape}');
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(r!.calls.filter((c) => c.name === 'history.undo')).toHaveLength(1));
  });

  it('shows the answer to a query asked a moment ago at once when ⌫ goes back to it, and asks again after a change', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const total = (await r.backend.call('problems.list', {})).length;
    const count = (n: number) => `显示 ${n} / 共 ${total} 个问题`;
    const asked = (q: string) => r!.calls.filter((c) => c.name === 'problems.search' && (c.request as { query: string }).query === q).length;
    const short = (await r.backend.call('problems.search', { query: '约' })).ids;
    const long = (await r.backend.call('problems.search', { query: '约谈' })).ids;
    expect(short.length).toBeGreaterThan(long.length);
    const box = screen.getByRole('textbox', { name: '搜索' });
    await user.type(box, '约');
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(count(short.length)));
    await user.type(box, '谈');
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(count(long.length)));
    await user.keyboard('{Backspace}');
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(count(short.length)));
    expect(asked('约')).toBe(1);
    expect(asked('约谈')).toBe(1);
    // After a change to the ledger the answer may differ: asked again, and the table follows it.
    const outside = (await r.backend.call('problems.list', {})).find((p) => !short.includes(p.id))!;
    await act(() => call('problems.update', { id: outside.id, patch: { text: `${outside.text}（已约谈）` } }));
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(count(short.length + 1)));
    expect(asked('约')).toBe(2);
    await user.type(box, '谈');
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(count(long.length + 1)));
    expect(asked('约谈')).toBe(2);
  });

  it('finds problems by words of their measures and shows the filtered count', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const total = (await r.backend.call('problems.list', {})).length;
    expect(screen.getByTestId('filtered-count')).toHaveTextContent(`共 ${total} 个问题`);
    const expected = await r.backend.call('problems.search', { query: '约谈' });
    expect(expected.ids.length).toBeGreaterThan(0);
    await user.type(screen.getByRole('textbox', { name: '搜索' }), '约谈');
    await waitFor(() => expect(screen.getByTestId('filtered-count')).toHaveTextContent(`显示 ${expected.ids.length} / 共 ${total} 个问题`));
    const shown = [...document.querySelectorAll('[role="row"][data-code]')].map((e) => Number((e as HTMLElement).dataset.key!.slice(1)));
    expect(shown.sort((a, b) => a - b)).toEqual(expected.ids);
    // Each row says where it matched when that is not its own text.
    const label: Record<string, string> = { problem: '问题', measure: '措施', progress: '进展', code: '编号' };
    for (const id of expected.ids) {
      const sources = sourcesOf(expected, id)!;
      const note = document.querySelector(`[role="row"][data-key="p${id}"] .match-note`);
      if (sources.some((src) => src !== 'problem')) expect(note).toHaveTextContent(`（匹配：${sources.map((src) => label[src]).join('、')}）`);
      else expect(note).toBeNull();
    }
  });
});
