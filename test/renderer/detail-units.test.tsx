import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cell, openSample, sized, type Rendered } from './table-helpers';

/**
 * Issue 13's rule in the detail panel: 配合单位 typed there with a name that is no unit or alias asks
 * “新建单位“…”？” as the grid does; cancelled, nothing is written; confirmed, the unit is made in the same action.
 */
describe('配合单位 edited in the detail panel', () => {
  let r: Rendered | null = null;
  const restore: (() => void)[] = [];
  beforeAll(() => {
    restore.push(sized('clientHeight', 6000), sized('clientWidth', 1600));
  });
  afterAll(() => restore.forEach((f) => f()));
  afterEach(() => {
    r?.backend.cleanup();
    r = null;
    window.location.hash = '';
  });

  const cooperatingField = (panel: HTMLElement) => {
    const label = [...panel.querySelectorAll('.ant-descriptions-item-label')].find((th) => th.textContent === '配合单位')!;
    return label.nextElementSibling as HTMLElement;
  };
  const typeUnits = async (panel: HTMLElement, text: string) => {
    const user = userEvent.setup();
    const edit = cooperatingField(panel).querySelector('.ant-typography-edit');
    if (!edit) throw new Error(cooperatingField(panel).innerHTML);
    await user.click(edit);
    const box = within(cooperatingField(panel)).getByRole('textbox');
    await user.clear(box);
    await user.paste(text);
    // antd's editable text confirms on Enter's key-up after its key-down (keyCode, which user-event leaves 0).
    fireEvent.keyDown(box, { key: 'Enter', keyCode: 13 });
    fireEvent.keyUp(box, { key: 'Enter', keyCode: 13 });
  };

  // (Role queries compute styles, slow in jsdom with antd's styles in the page: the dialog is found by its title.)
  const askedAbout = (name: string) =>
    waitFor(() => {
      const title = [...document.querySelectorAll('.ant-modal-title')].find((t) => t.textContent === `新建单位“${name}”？`);
      if (!title) throw new Error(`no question about ${name}`);
      return title.closest('.ant-modal') as HTMLElement;
    });

  it('asks about a new name; cancelled writes nothing, confirmed makes the unit and saves', async () => {
    r = await openSample();
    const backend = r.backend;
    const user = userEvent.setup();
    const p = (await backend.call('problems.list', {})).find((x) => x.code === '1-2')!;
    const before = await backend.call('problems.get', { id: p.id });
    const known = (await backend.call('people.units', {})).map((u) => u.name).find((n) => n !== before.leadUnit && !before.units.includes(n))!;
    const unitsBefore = (await backend.call('people.units', {})).length;
    const historyBefore = (await backend.call('history.problem', { id: p.id })).length;

    await user.click(cell('1-2', 'text'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const panel = await waitFor(() => {
      const aside = document.querySelector('aside[aria-label="问题详情"]');
      if (!aside) throw new Error('no detail panel yet');
      return aside as HTMLElement;
    });
    await user.click(await within(panel).findByText('基本信息'));
    await waitFor(() => expect(cooperatingField(panel)).toBeTruthy());

    await typeUnits(panel, `${known}、宣传教育新科`);
    const dialog = await askedAbout('宣传教育新科');
    await user.click(within(dialog).getByText(/取\s*消/));
    await waitFor(() => expect(document.body.textContent).toContain('已取消，配合单位没有改动'));
    expect((await backend.call('problems.get', { id: p.id })).units).toEqual(before.units);
    expect(await backend.call('people.units', {})).toHaveLength(unitsBefore);
    expect(await backend.call('history.problem', { id: p.id })).toHaveLength(historyBefore);

    await typeUnits(panel, `${known}、宣传教育新科`);
    const again = await askedAbout('宣传教育新科');
    expect(again.querySelector('input[type="radio"][value="new"]')).toBeChecked();
    await user.click(within(again).getByText(/确\s*定/));
    await waitFor(async () => expect((await backend.call('problems.get', { id: p.id })).units).toEqual([known, '宣传教育新科']));
    expect((await backend.call('people.units', {})).map((u) => u.name)).toContain('宣传教育新科');
    // Names already known write without a question.
    await typeUnits(panel, known);
    await waitFor(async () => expect((await backend.call('problems.get', { id: p.id })).units).toEqual([known]));
    expect(r.calls.filter((c) => c.name === 'problems.update').every((c) => (c.request as { names?: unknown }).names !== undefined)).toBe(true);
  }, 60_000); // three writes through the page and two questions: more than the default 30 s under load
});
