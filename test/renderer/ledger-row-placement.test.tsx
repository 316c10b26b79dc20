import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_LAYOUT, bannerHeightOf, rowHeightOf, type TableLayout } from '../../renderer/ledger/layout';
import { openSample, sized, type Rendered } from './table-helpers';

/** The lines drawn, top to bottom: where each stands and whether it is a banner or a problem. */
function drawn(): { key: string; top: number; banner: boolean }[] {
  return [...document.querySelectorAll<HTMLElement>('.grid-body > [role="row"]')]
    .map((el) => ({ key: el.dataset.key!, top: Number(/translateY\((-?[\d.]+)px\)/.exec(el.style.transform)![1]), banner: el.classList.contains('banner') }))
    .sort((a, b) => a.top - b.top);
}

/**
 * Every drawn line stands right below the one before it, by the heights of their kinds at this layout
 * (a banner's, a problem row's): the virtual list placed the lines it has now, not those it had before.
 */
function expectPlaced(layout: Pick<TableLayout, 'wrap' | 'zoom'>, keys: string[]) {
  const lines = drawn();
  expect(lines.map((l) => l.key)).toEqual(keys);
  let y = 0;
  for (const line of lines) {
    expect(line.top, line.key).toBe(y);
    y += line.banner ? bannerHeightOf(layout) : rowHeightOf(layout);
  }
}

describe('where the table draws its lines', () => {
  let r: Rendered | null = null;
  const restore: (() => void)[] = [];
  beforeAll(() => {
    // Tall enough that every line of the sample is drawn.
    restore.push(sized('clientHeight', 6000), sized('clientWidth', 1600));
  });
  afterAll(() => restore.forEach((f) => f()));
  beforeEach(() => Object.keys(localStorage).filter((k) => k.startsWith('ledger-layout:')).forEach((k) => localStorage.removeItem(k)));
  afterEach(() => {
    r?.backend.cleanup();
    r = null;
    window.location.hash = '';
  });

  it('places every line by its kind after a fold, a search, a sort and a change of row height', async () => {
    r = await openSample();
    const user = userEvent.setup();
    const categories = await r.backend.call('categories.list', {});
    const problems = await r.backend.call('problems.list', {});
    expect(categories.length).toBeGreaterThan(1);
    // The ledger's lines: each category's banner, then its problems in ledger order.
    const ledger = categories.flatMap((c) => [`c${c.id}`, ...problems.filter((p) => p.categoryId === c.id).map((p) => `p${p.id}`)]);
    const wrap = { wrap: DEFAULT_LAYOUT.wrap, zoom: DEFAULT_LAYOUT.zoom };
    expectPlaced(wrap, ledger);

    // The first category folded: the lines below it move up by its problems' rows.
    const first = categories[0]!;
    await user.click(screen.getByRole('button', { name: `收起类别（${first.no}）` }));
    const folded = ledger.filter((k) => !problems.some((p) => p.categoryId === first.id && k === `p${p.id}`));
    await waitFor(() => expect(drawn()).toHaveLength(folded.length));
    expectPlaced(wrap, folded);
    await user.click(screen.getByRole('button', { name: `展开类别（${first.no}）` }));
    await waitFor(() => expect(drawn()).toHaveLength(ledger.length));
    expectPlaced(wrap, ledger);

    // One row height for every line: the same lines, placed closer.
    await user.click(screen.getByRole('button', { name: /视图/ }));
    await user.click(screen.getByText('固定行高（1 行）'));
    const oneLine = { wrap: false, zoom: DEFAULT_LAYOUT.zoom };
    expect(rowHeightOf(oneLine)).not.toBe(rowHeightOf(wrap));
    await waitFor(() => expect(drawn()[2]!.top).toBe(bannerHeightOf(oneLine) + rowHeightOf(oneLine)));
    expectPlaced(oneLine, ledger);

    // A search: only the matching problems, under the banners of their categories.
    const found = await r.backend.call('problems.search', { query: '约谈' });
    expect(found.ids.length).toBeGreaterThan(0);
    expect(found.ids.length).toBeLessThan(problems.length);
    await user.type(screen.getByRole('textbox', { name: '搜索' }), '约谈');
    const matching = categories.flatMap((c) => {
      const ids = problems.filter((p) => p.categoryId === c.id && found.ids.includes(p.id)).map((p) => `p${p.id}`);
      return ids.length ? [`c${c.id}`, ...ids] : [];
    });
    await waitFor(() => expect(drawn()).toHaveLength(matching.length));
    expectPlaced(oneLine, matching);
    await user.clear(screen.getByRole('textbox', { name: '搜索' }));
    await waitFor(() => expect(drawn()).toHaveLength(ledger.length));

    // Sorted: problems only, no banners, each a row's height below the last.
    const codeHeader = screen.getAllByRole('columnheader').find((h) => within(h).queryByRole('button', { name: /^编号/ }))!;
    await user.click(within(codeHeader).getByRole('button', { name: /^编号/ }));
    await waitFor(() => expect(drawn().some((l) => l.banner)).toBe(false));
    const byCode = [...problems].sort((a, b) => {
      const x = a.code.split('-').map(Number);
      const y = b.code.split('-').map(Number);
      for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) - (y[i] ?? -1);
      return 0;
    });
    expectPlaced(oneLine, byCode.map((p) => `p${p.id}`));
  });
});
