import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { call } from '../../renderer/api';
import { PROBLEM_STATUSES } from '../../shared/domain/status';
import { App } from '../../renderer/App';
import { openSample, sized, type Rendered } from './table-helpers';
import { renderWithLedger } from './render';

/** The codes of the problem rows drawn, top to bottom. */
const shownCodes = () => [...document.querySelectorAll('[role="row"][data-code]')].map((el) => (el as HTMLElement).dataset.code!);
const banners = () => document.querySelectorAll('.grid-row.banner').length;
const header = (title: string) => screen.getAllByRole('columnheader').find((h) => within(h).queryByRole('button', { name: new RegExp(`^${title}`) }))!;
const sortButton = (title: string) => within(header(title)).getByRole('button', { name: new RegExp(`^${title}`) });

function codeLess(a: string, b: string): boolean {
  const x = a.split('-').map(Number);
  const y = b.split('-').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) < (y[i] ?? -1);
  return false;
}

describe('the table’s column headers, as in a spreadsheet', () => {
  let r: Rendered | null = null;
  const restore: (() => void)[] = [];
  beforeAll(() => {
    // Tall enough that every row of the sample (and the problems added) is drawn.
    restore.push(sized('clientHeight', 6000), sized('clientWidth', 1600));
  });
  afterAll(() => restore.forEach((f) => f()));
  // Only the table layouts: other keys (e.g. what the app showed first today) belong to other features.
  beforeEach(() => Object.keys(localStorage).filter((k) => k.startsWith('ledger-layout:')).forEach((k) => localStorage.removeItem(k)));
  afterEach(() => {
    r?.backend.cleanup();
    r = null;
    window.location.hash = '';
  });

  it('sorts by code as codes (1-10 after 1-9) on a click, descending on the next, and back to the ledger order with its banners', async () => {
    r = await openSample();
    const user = userEvent.setup();
    // Category 1 gets general problems up to 1-11, so that text order and code order differ.
    const categories = await r.backend.call('categories.list', {});
    const first = categories[0]!;
    const before = (await r.backend.call('problems.list', {})).filter((p) => p.categoryId === first.id && p.kind === 'general').length;
    // Written straight to the ledger, then the last one through the page, which reloads the rows once.
    for (let i = before; i < 10; i++) await r.backend.call('problems.create', { categoryId: first.id, kind: 'general', text: `新增问题${i + 1}` });
    await act(() => call('problems.create', { categoryId: first.id, kind: 'general', text: '新增问题11' }));
    await waitFor(() => expect(document.querySelector('[data-code="1-11"]')).not.toBeNull());
    const ledgerOrder = shownCodes();
    expect(banners()).toBeGreaterThan(0);

    await user.click(sortButton('编号'));
    expect(header('编号')).toHaveAttribute('aria-sort', 'ascending');
    const asc = shownCodes();
    expect(asc).toHaveLength(ledgerOrder.length);
    for (let i = 1; i < asc.length; i++) expect(codeLess(asc[i - 1]!, asc[i]!), `${asc[i - 1]} before ${asc[i]}`).toBe(true);
    expect(asc.indexOf('1-10')).toBe(asc.indexOf('1-9') + 1);
    // Sorted, the hierarchy is flattened, and the page says so.
    expect(banners()).toBe(0);
    expect(screen.getByText(/按“编号”升序：层级已平铺显示，编号不变/)).toBeInTheDocument();

    await user.click(sortButton('编号'));
    expect(header('编号')).toHaveAttribute('aria-sort', 'descending');
    expect(shownCodes()).toEqual([...asc].reverse());

    await user.click(sortButton('编号'));
    expect(header('编号')).toHaveAttribute('aria-sort', 'none');
    expect(shownCodes()).toEqual(ledgerOrder);
    expect(banners()).toBeGreaterThan(0);
    // Nothing was written: sorting is a view.
    expect(r.calls.filter((c) => c.name === 'problems.update' || c.name === 'problems.move')).toEqual([]);
  });

  it('sorts by deadline with problems without a date last', async () => {
    r = await openSample();
    const user = userEvent.setup();
    await user.click(sortButton('整改时限'));
    const list = await r.backend.call('problems.list', {});
    const dateOf = new Map(list.map((p) => [p.code, p.deadline.date]));
    const dates = shownCodes().map((c) => dateOf.get(c) ?? null);
    const firstEmpty = dates.indexOf(null);
    const dated = firstEmpty < 0 ? dates : dates.slice(0, firstEmpty);
    expect(dated).toEqual([...dated].sort());
    if (firstEmpty >= 0) expect(dates.slice(firstEmpty).every((d) => d === null)).toBe(true);
  });

  it('remembers the sort per ledger on this computer: after a reload still sorted, the header and chip say so; another ledger keeps its own order', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const ledgerOrder = shownCodes();
    await user.click(sortButton('整改状态'));
    await user.click(sortButton('整改状态'));
    expect(header('整改状态')).toHaveAttribute('aria-sort', 'descending');
    const sorted = shownCodes();
    expect(sorted).not.toEqual(ledgerOrder);

    // A reload: the page drawn again over the same ledger.
    r.unmount();
    const again = renderWithLedger(<App />, r);
    r = { ...r, ...again };
    await screen.findByRole('grid');
    await waitFor(() => expect(shownCodes()).toEqual(sorted));
    expect(header('整改状态')).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByText(/按“整改状态”降序：层级已平铺显示，编号不变/)).toBeInTheDocument();
    expect(banners()).toBe(0);

    // Another ledger (the sample in its own file) opens in its own, ledger order.
    await act(() => call('ledger.openSample', {}));
    await waitFor(() => expect((document.querySelector('[data-testid="filtered-count"]') as HTMLElement | null)?.textContent).toMatch(/共 \d+ 个问题/));
    await waitFor(() => expect(header('整改状态')).toHaveAttribute('aria-sort', 'none'));
    expect(banners()).toBeGreaterThan(0);
    expect(screen.queryByText(/层级已平铺显示/)).toBeNull();
  });

  it('filters by lead unit from its header: values with counts and a search box; a chip removes it', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const list = await r.backend.call('problems.list', {});
    const expected = list.filter((p) => p.leadUnit === '计划财务科').map((p) => p.code);
    expect(expected.length).toBeGreaterThan(1);

    await user.click(screen.getByRole('button', { name: '筛选“牵头单位”' }));
    const panel = await screen.findByRole('dialog', { name: '筛选“牵头单位”' });
    expect(within(panel).getByRole('checkbox', { name: `计划财务科 （${expected.length}）` })).toBeChecked();
    await user.type(within(panel).getByRole('textbox', { name: '在“牵头单位”的值中搜索' }), '财务');
    const values = within(panel).getByRole('group', { name: '“牵头单位”的值' });
    // 全选搜索结果 and the one unit that matches.
    expect(within(values).getAllByRole('checkbox')).toHaveLength(2);
    await user.click(within(panel).getByRole('button', { name: /^确\s*定$/ }));

    await waitFor(() => expect(shownCodes().sort()).toEqual([...expected].sort()));
    expect(screen.getByTestId('filtered-count')).toHaveTextContent(`显示 ${expected.length} / 共 ${list.length} 个问题`);
    const chip = screen.getByText('牵头单位：计划财务科');
    expect(header('牵头单位')).toHaveClass('filtered');

    await user.click(within(chip.closest('.ant-tag') as HTMLElement).getByLabelText('取消“牵头单位”的筛选'));
    await waitFor(() => expect(shownCodes()).toHaveLength(list.length));
  });

  it('filters statuses from the canonical list of statuses', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const list = await r.backend.call('problems.list', {});
    await user.click(screen.getByRole('button', { name: '筛选“整改状态”' }));
    const panel = await screen.findByRole('dialog', { name: '筛选“整改状态”' });
    const names = within(within(panel).getByRole('group')).getAllByRole('checkbox').map((c) => c.closest('label')!.textContent);
    expect(names.slice(1).map((n) => n!.replace(/\s*（\d+）$/, ''))).toEqual([...PROBLEM_STATUSES]);
    await user.click(within(panel).getByRole('checkbox', { name: /^全选/ }));
    await user.click(within(panel).getByRole('checkbox', { name: /^正在推进/ }));
    await user.click(within(panel).getByRole('button', { name: /^确\s*定$/ }));
    const advancing = list.filter((p) => p.status === '正在推进').map((p) => p.code);
    await waitFor(() => expect(shownCodes().sort()).toEqual([...advancing].sort()));
  });

  it('filters deadlines by 逾期 with another condition; 清除筛选 clears every condition', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const list = await r.backend.call('problems.list', {});
    const advancing = list.filter((p) => p.status === '正在推进').map((p) => p.code);
    await user.click(screen.getByRole('button', { name: '筛选“整改状态”' }));
    const panel = await screen.findByRole('dialog', { name: '筛选“整改状态”' });
    await user.click(within(panel).getByRole('checkbox', { name: /^全选/ }));
    await user.click(within(panel).getByRole('checkbox', { name: /^正在推进/ }));
    await user.click(within(panel).getByRole('button', { name: /^确\s*定$/ }));
    await waitFor(() => expect(shownCodes()).toHaveLength(advancing.length));

    await user.click(screen.getByRole('button', { name: '筛选“整改时限”' }));
    const dates = await screen.findByRole('dialog', { name: '筛选“整改时限”' });
    await user.click(within(dates).getByRole('checkbox', { name: /逾期/ }));
    await user.click(within(dates).getByRole('button', { name: /^确\s*定$/ }));
    expect(screen.getByText('整改时限：逾期')).toBeInTheDocument();
    await waitFor(() => expect(shownCodes().length).toBeLessThanOrEqual(advancing.length));
    expect(document.querySelectorAll('[role="row"][data-code]:not(.overdue)')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(shownCodes()).toHaveLength(list.length));
    expect(screen.queryByText('整改时限：逾期')).toBeNull();
  });
});
