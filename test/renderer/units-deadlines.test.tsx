import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { keepShown, namedRows } from '../../renderer/ledger/selection';
import { writeWithAnswers } from '../../renderer/ledger/answers';
import { ApiCallError } from '../../renderer/api';

import { cell, openSample, sized, type Rendered } from './table-helpers';

async function problem(r: Rendered, code: string) {
  const p = (await r.backend.call('problems.list', {})).find((x) => x.code === code)!;
  return r.backend.call('problems.get', { id: p.id });
}

describe('selection and answers, as pure rules', () => {
  it('keeps only shown rows of a selection and counts the hidden ones', () => {
    for (let n = 0; n < 30; n++) {
      const selection = new Set(Array.from({ length: n % 7 }, (_, i) => i * 3 + n));
      const shown = new Set(Array.from({ length: 40 }, (_, i) => i).filter((i) => (i + n) % 2 === 0));
      const { kept, hidden } = keepShown(selection, shown);
      expect([...kept].every((id) => shown.has(id) && selection.has(id))).toBe(true);
      expect(kept.size + hidden).toBe(selection.size);
    }
    expect(namedRows(['1-3', '1-3-1', '1-4'])).toBe('1-3、1-3-1、1-4');
    expect(namedRows(Array.from({ length: 9 }, (_, i) => `1-${i + 1}`))).toBe('1-1、1-2、1-3、1-4、1-5、1-6 等 9 个');
  });

  it('asks once per question and cancels without writing', async () => {
    const asked: string[] = [];
    const writes: unknown[] = [];
    const askers = {
      names: async (names: string[]) => (asked.push(names.join()), { newUnits: names }),
      unparsed: async (m: string) => (asked.push(m), false),
    };
    const result = await writeWithAnswers(askers, async (a) => {
      writes.push(structuredClone(a));
      if (!a.names.newUnits?.length) throw new ApiCallError({ code: 'NEW_UNITS', message: 'x', detail: { names: ['甲科'] } });
      if (!a.acceptUnparsed) throw new ApiCallError({ code: 'UNPARSED_DEADLINES', message: '1-2“明年”' });
      return 1;
    });
    expect(result).toBeNull();
    expect(asked).toEqual(['甲科', '1-2“明年”']);
    expect(writes).toHaveLength(2);
  });
});

describe('the ledger table and its traps', () => {
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

  it('typing 甲科、乙科 into 牵头单位 asks about both names and then writes a lead and a cooperating unit', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-2', 'leadUnit'));
    await user.keyboard('{Enter}');
    const editor = screen.getByRole('combobox', { name: '牵头单位' });
    await user.clear(editor);
    await user.type(editor, '甲科、乙科');
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', {}, { timeout: 15_000 });
    expect(dialog).toHaveTextContent('有 2 个单位名称不在单位名单中');
    expect(within(dialog).getByText('新建单位“甲科”')).toBeInTheDocument();
    expect((await problem(r, '1-2')).leadUnit).not.toBe('甲科');
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    await waitFor(async () => expect((await problem(r!, '1-2')).leadUnit).toBe('甲科'));
    expect((await problem(r, '1-2')).units).toContain('乙科');
    const units = await r.backend.call('people.units', {});
    expect(units.filter((u) => u.name.includes('、'))).toEqual([]);
    expect(r.calls.filter((c) => c.name === 'problems.update').map((c) => (c.request as { names?: unknown }).names)).toEqual([{}, { newUnits: ['甲科', '乙科'], unitAliases: [] }]);
  });

  it('Enter on an unreadable deadline asks first; the second Enter keeps it as text, marked in amber', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-2', 'deadline'));
    await user.keyboard('{Enter}');
    const input = screen.getByRole('combobox', { name: '整改时限' });
    await user.clear(input);
    await user.type(input, '明年上半年');
    expect(screen.getByRole('status')).toHaveClass('unparsed');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('status')).toHaveTextContent('只保留文字，不计入期限统计。再按 Enter 按原文保存');
    expect(r.calls.filter((c) => c.name === 'problems.update')).toEqual([]);
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await problem(r!, '1-2')).deadline).toMatchObject({ raw: '明年上半年', kind: 'text', date: null }));
    await waitFor(() => expect(cell('1-2', 'deadline').querySelector('.deadline-unparsed')).not.toBeNull());
  });

  it('a search that hides selected rows drops them from the selection; the bar names only shown rows', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(cell('1-1', 'text'));
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    // The bar is loaded when first needed (a lazy chunk): wait for it, not for a time.
    const bar = await screen.findByRole('toolbar', { name: '批量设置' }, { timeout: 15_000 });
    expect(bar).toHaveTextContent('已选 3 个问题：1-1、1-1-1、1-1-2');
    const last = (await r.backend.call('problems.list', {})).filter((p) => p.kind === 'general').at(-1)!;
    await user.type(screen.getByRole('textbox', { name: '搜索' }), last.text.slice(0, 6));
    await screen.findByText(/搜索或筛选隐藏了 3 个已选的问题，已取消选择它们/);
    await waitFor(() => expect(screen.queryByRole('toolbar', { name: '批量设置' })).toBeNull());
    // Delete (Ctrl+Delete) now acts on the active row only if it is shown; nothing hidden is touched.
    await act(async () => {});
    expect(r.calls.filter((c) => c.name === 'problems.delete' || c.name === 'problems.updateMany')).toEqual([]);
  });
});
