import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { App } from '../../renderer/App';
import { LedgerProvider } from '../../renderer/ledger-context';
import { setBridge } from '../../renderer/api';
import { FIRST_ROWS, sendEarlyRequests, takeEarlyInfo, takeEarlyTable } from '../../renderer/earlyRequests';
import { createFakeBridge } from '../helpers/fakeBridge';

type Fake = ReturnType<typeof createFakeBridge>;

function renderApp() {
  return render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <LedgerProvider>
          <App />
        </LedgerProvider>
      </AntApp>
    </ConfigProvider>,
  );
}

const asked = (fake: Fake, name: string) => fake.calls.filter((c) => c.name === name).length;

describe('the requests sent as the page starts', () => {
  let fake: Fake | null = null;
  afterEach(() => {
    takeEarlyInfo();
    takeEarlyTable(null);
    fake?.backend.cleanup();
    fake = null;
  });

  it('open the table with the rows asked for before the first draw, asking for the ledger and its rows once', async () => {
    fake = createFakeBridge();
    setBridge(fake.bridge);
    await fake.backend.call('ledger.addSample', {});
    sendEarlyRequests(() => true);
    renderApp();
    const sample = await fake.backend.call('problems.list', {});
    await waitFor(() => expect(screen.getByTestId('filtered-count').textContent).toBe(`共 ${sample.length} 个问题`));
    expect(asked(fake, 'ledger.info')).toBe(1);
    // The first screen's rows, and all of them.
    expect(fake.calls.filter((c) => c.name === 'problems.changes').map((c) => c.request)).toEqual([{ first: FIRST_ROWS }, {}]);
  });

  it('draw the first screen while the rest of the rows is on its way, then every row', async () => {
    fake = createFakeBridge();
    const { backend } = fake;
    await backend.call('rounds.create', { title: '测试轮次' });
    const categories = [await backend.call('categories.create', { title: '第一类' }), await backend.call('categories.create', { title: '第二类' })];
    const perCategory = [FIRST_ROWS - 10, 30];
    for (const [i, category] of categories.entries()) {
      for (let n = 0; n < perCategory[i]!; n++) await backend.call('problems.create', { categoryId: category.id, kind: 'general', text: `问题${i}-${n}` });
    }
    const total = perCategory[0]! + perCategory[1]!;
    // The answer with every row waits until the test lets it go.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const bridge = { ...fake.bridge } as Record<string, (req: unknown) => Promise<unknown>>;
    const changes = bridge['problems.changes']!;
    bridge['problems.changes'] = async (req) => {
      const answer = changes(req);
      if (!(req as { first?: number }).first) await held;
      return answer;
    };
    setBridge(bridge as unknown as typeof fake.bridge);
    sendEarlyRequests(() => true);
    renderApp();
    await waitFor(() => expect(screen.getByTestId('filtered-count').textContent).toBe(`正在载入全部 ${total} 个问题…`));
    // The first rows with their banners (the first category's 70 and the second's first 10), before the rest.
    const grid = screen.getByRole('grid');
    expect(grid.getAttribute('aria-rowcount')).toBe(String(1 + 1 + perCategory[0]! + 1 + (FIRST_ROWS - perCategory[0]!)));
    expect(grid.getAttribute('aria-label')).toBe(`测试轮次：共 ${total} 个问题`);
    release();
    await waitFor(() => expect(screen.getByTestId('filtered-count').textContent).toBe(`共 ${total} 个问题`));
  });

  it('are not drawn for the sample a page started on an empty ledger then opened (they were of the empty ledger)', async () => {
    fake = createFakeBridge();
    setBridge(fake.bridge);
    sendEarlyRequests(() => true);
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: /创建示例台账/ }));
    // The sample is its own ledger (示例台账): the rows drawn are the ones it holds.
    await waitFor(() => expect(document.title).toContain('示例台账'));
    const sample = await fake.backend.call('problems.list', {});
    expect(sample.length).toBeGreaterThan(0);
    await waitFor(() => expect(screen.getByTestId('filtered-count').textContent).toBe(`共 ${sample.length} 个问题`));
    expect(screen.queryByText(/还没有巡察轮次/)).toBeNull();
  });

  it('leave out the rows when the app opens on another page', async () => {
    fake = createFakeBridge();
    setBridge(fake.bridge);
    await fake.backend.call('ledger.addSample', {});
    sendEarlyRequests(() => false);
    expect(takeEarlyTable(null)).toBeNull();
    expect(asked(fake, 'problems.changes')).toBe(0);
  });

  it('are not used for a round other than the one the table opens', async () => {
    fake = createFakeBridge();
    setBridge(fake.bridge);
    await fake.backend.call('ledger.addSample', {});
    sendEarlyRequests(() => true);
    // The early rows are of the sample's round; then another round becomes the current one.
    await waitFor(() => expect(asked(fake!, 'people.leaders')).toBe(1));
    takeEarlyInfo();
    await fake.backend.call('rounds.create', { title: '第二轮' });
    const category = await fake.backend.call('categories.create', { title: '第二轮的类别' });
    await fake.backend.call('problems.create', { categoryId: category.id, kind: 'general', text: '第二轮才有的问题' });
    renderApp();
    await waitFor(() => expect(screen.getByTestId('filtered-count').textContent).toBe('共 1 个问题'));
    // Asked as the page started (first rows and all), and again for the round now open.
    expect(asked(fake, 'problems.changes')).toBe(4);
  });
});
