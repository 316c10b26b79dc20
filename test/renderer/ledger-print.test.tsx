import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openSample, sized, type Rendered } from './table-helpers';

/** The codes of the problem rows drawn in the table, top to bottom. */
const shownCodes = () => [...document.querySelectorAll('[role="grid"] [role="row"][data-code]')].map((el) => (el as HTMLElement).dataset.code!);
const printedCodes = (preview: HTMLElement) => [...preview.querySelectorAll('tbody tr td.print-code')].map((td) => td.textContent!.trim());
const printedBanners = (preview: HTMLElement) => [...preview.querySelectorAll('tbody tr.print-banner td')].map((td) => td.textContent!.trim());

/**
 * 打印 prints the current view: what the clerk folded on screen prints folded (the paper says what was left
 * out), unless the preview is told to unfold it.
 */
describe('printing a view with folded categories and problems', () => {
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
    Object.keys(localStorage).filter((k) => k.startsWith('ledger-layout:')).forEach((k) => localStorage.removeItem(k));
  });

  it('prints the rows as on screen, says what the folds leave out, and prints everything once unfolded', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const all = shownCodes();
    const list = await r.backend.call('problems.list', {});
    const categories = await r.backend.call('categories.list', {});
    // Fold category (二) and, in another category, a general problem that has specific problems.
    const second = categories.find((c) => c.no === 2)!;
    const inSecond = list.filter((p) => p.categoryId === second.id).map((p) => p.code);
    expect(inSecond.length).toBeGreaterThan(0);
    const general = list.find((p) => p.kind === 'general' && p.categoryId !== second.id && list.some((s) => s.parentId === p.id))!;
    const itsSpecifics = list.filter((s) => s.parentId === general.id).map((s) => s.code);
    await user.click(screen.getByRole('button', { name: '收起类别（2）' }));
    await user.click(screen.getByRole('button', { name: `收起 ${general.code} 的具体问题` }));
    const onScreen = shownCodes();
    expect(onScreen).toEqual(all.filter((c) => !inSecond.includes(c) && !itsSpecifics.includes(c)));

    fireEvent.keyDown(window, { key: 'p', ctrlKey: true });
    const preview = await screen.findByTestId('print-preview');
    expect(printedCodes(preview)).toEqual(onScreen);
    const hidden = inSecond.length + itsSpecifics.length;
    const dialog = preview.closest('.ant-modal') as HTMLElement;
    expect(within(dialog).getByText(`按屏幕显示打印：折叠的 1 个类别、1 个面上问题只印标题行，其下的 ${hidden} 个问题不打印（纸上注明）。`)).toBeInTheDocument();
    // On paper: the folded category's banner, the folded general problem's note, and the count left out.
    expect(printedBanners(preview).find((b) => b.startsWith('（二）'))).toMatch(new RegExp(`（${inSecond.length} 个问题，已折叠，未打印）$`));
    const generalRow = [...preview.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('td.print-code')?.textContent === general.code)!;
    expect(generalRow.querySelector('.print-text')!.textContent).toContain(`（下设 ${itsSpecifics.length} 个具体问题，已折叠，未打印）`);
    expect(within(preview).getByText(new RegExp(`共 ${list.length} 个问题，其中 ${hidden} 个在折叠的类别或问题下，未打印`))).toBeInTheDocument();
    // The copy that prints (under <body>) is the same.
    expect(printedCodes(document.querySelector('.print-root') as HTMLElement)).toEqual(onScreen);

    await user.click(within(dialog).getByRole('checkbox', { name: '展开折叠的内容一并打印' }));
    await waitFor(() => expect(printedCodes(preview)).toEqual(all));
    expect(printedCodes(document.querySelector('.print-root') as HTMLElement)).toEqual(all);
    expect(within(dialog).getByText(`屏幕上折叠的 1 个类别、1 个面上问题已展开，其下的 ${hidden} 个问题一并打印。`)).toBeInTheDocument();
    expect(preview.textContent).not.toContain('未打印');
    // The screen keeps its folds.
    expect(shownCodes()).toEqual(onScreen);
  });

  it('says nothing about folds when nothing is folded', async () => {
    r = await openSample();
    fireEvent.keyDown(window, { key: 'p', ctrlKey: true });
    const preview = await screen.findByTestId('print-preview');
    expect(printedCodes(preview)).toEqual(shownCodes());
    expect(screen.queryByRole('checkbox', { name: '展开折叠的内容一并打印' })).toBeNull();
    expect(preview.textContent).not.toContain('未打印');
  });
});
