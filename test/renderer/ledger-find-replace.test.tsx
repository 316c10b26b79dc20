import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cell, openSample, sized, type Rendered } from './table-helpers';

/** The 查找和替换 dialog (antd's test ids make every dialog's label the same; find it by its title). */
const replaceDialog = () => waitFor(() => screen.getAllByRole('dialog').find((d) => d.querySelector('.ant-modal-title')?.textContent === '查找和替换')!);
const catcher = () => document.querySelector('.grid-catcher') as HTMLTextAreaElement;

describe('find and replace in the table', () => {
  let r: Rendered | null = null;
  const restore: (() => void)[] = [];
  beforeAll(() => restore.push(sized('clientHeight', 6000), sized('clientWidth', 1600)));
  afterAll(() => restore.forEach((f) => f()));
  afterEach(() => {
    r?.backend.cleanup();
    r = null;
    window.location.hash = '';
  });

  it('Ctrl+F puts the focus in the search box and marks the hits in the cells', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1', 'text'));
    expect(catcher()).toHaveFocus();
    await user.keyboard('{Control>}f{/Control}');
    const box = screen.getByRole('textbox', { name: '搜索' });
    expect(box).toHaveFocus();
    await user.keyboard('台账');
    const list = await r.backend.call('problems.list', {});
    const withWord = list.filter((p) => p.text.includes('台账'));
    expect(withWord.length).toBeGreaterThan(0);
    await waitFor(() => expect(cell(withWord[0]!.code, 'text').querySelector('mark.hit')).toHaveTextContent('台账'));
    const marks = [...document.querySelectorAll('mark.hit')].map((m) => m.textContent);
    expect(marks.every((m) => m === '台账')).toBe(true);
  });

  it('Ctrl+H previews every change (code, column, old → new) and replaces them in one action, undone in one step', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const before = await r.backend.call('problems.list', {});
    const hits = before.filter((p) => p.text.includes('不到位'));
    expect(hits.length).toBeGreaterThan(1);
    await user.click(cell('1-1', 'text'));
    await user.keyboard('{Control>}h{/Control}');
    const dialog = await replaceDialog();
    await user.type(within(dialog).getByRole('textbox', { name: '查找内容' }), '不到位');
    await user.type(within(dialog).getByRole('textbox', { name: '替换为' }), '不够到位');
    expect(within(dialog).getByTestId('replace-summary')).toHaveTextContent(`将替换 ${hits.length} 个问题中的 ${hits.length} 处`);
    for (const p of hits) {
      const row = within(dialog).getByText(p.code, { selector: 'td' }).closest('tr')!;
      expect(row).toHaveTextContent('问题');
      expect(row).toHaveTextContent(p.text);
      expect(row).toHaveTextContent(p.text.split('不到位').join('不够到位'));
    }
    await user.click(within(dialog).getByRole('button', { name: `全部替换（${hits.length} 处）` }));
    await waitFor(async () => {
      const after = await r!.backend.call('problems.list', {});
      for (const p of hits) expect(after.find((x) => x.id === p.id)!.text).toBe(p.text.split('不到位').join('不够到位'));
    });
    expect(r.calls.filter((c) => c.name === 'problems.paste')).toHaveLength(1);
    expect((await r.backend.call('ledger.info', {})).undo.undoLabel).toBe(`替换 ${hits.length} 个单元格`);

    await user.click(screen.getByRole('button', { name: /撤销/ }));
    // Every text as it was (the undo itself is recorded, so only the times of last change differ).
    await waitFor(async () => expect((await r!.backend.call('problems.list', {})).map((p) => [p.code, p.text])).toEqual(before.map((p) => [p.code, p.text])));
  });

  it('replaces whole cells only in the chosen column and the selected rows', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const before = await r.backend.call('problems.list', {});
    const raw = before.find((p) => p.code === '1-1-1')!.deadline.raw;
    const sameRaw = before.filter((p) => p.deadline.raw === raw).map((p) => p.code);
    await user.click(cell('1-1', 'deadline'));
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    await user.keyboard('{Control>}h{/Control}');
    const dialog = await replaceDialog();
    await user.type(within(dialog).getByRole('textbox', { name: '查找内容' }), raw);
    await user.type(within(dialog).getByRole('textbox', { name: '替换为' }), '2026年底前');
    await user.click(within(dialog).getByRole('radio', { name: '整个单元格匹配' }));
    expect(within(dialog).getByRole('radio', { name: /所选的行（3）/ })).toBeChecked();
    const chosen = ['1-1', '1-1-1', '1-1-2'].filter((c) => sameRaw.includes(c));
    expect(within(dialog).getByTestId('replace-summary')).toHaveTextContent(`中的 ${chosen.length} 处`);
    await user.click(within(dialog).getByRole('button', { name: /全部替换/ }));
    await waitFor(async () => {
      const after = await r!.backend.call('problems.list', {});
      for (const p of after) {
        const was = before.find((x) => x.id === p.id)!;
        expect(p.deadline.raw).toBe(chosen.includes(p.code) ? '2026年底前' : was.deadline.raw);
      }
    });
  });

  it('does not replace unit names as text: it says to rename or merge the unit in 设置', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1', 'text'));
    await user.keyboard('{Control>}h{/Control}');
    const dialog = await replaceDialog();
    await user.type(within(dialog).getByRole('textbox', { name: '查找内容' }), '机关党办');
    expect(within(dialog).getByRole('alert')).toHaveTextContent(/个牵头单位含“机关党办”：单位和领导请在“设置”中改名或合并/);
    await user.click(within(dialog).getByRole('combobox', { name: '替换的列' }));
    await user.click(await screen.findByText('牵头单位（在设置中改名）'));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('牵头单位和责任领导不按文字替换');
    expect(within(dialog).getByRole('button', { name: /全部替换/ })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: /去设置/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/settings'));
  });
});
