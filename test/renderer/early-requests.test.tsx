import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { App } from '../../renderer/App';
import { LedgerProvider } from '../../renderer/ledger-context';
import { setBridge } from '../../renderer/api';
import { sendEarlyRequests, takeEarlyInfo, takeEarlyTable } from '../../renderer/earlyRequests';
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
    takeEarlyTable();
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
    expect(asked(fake, 'problems.changes')).toBe(1);
  });

  it('leave out the rows when the app opens on another page', async () => {
    fake = createFakeBridge();
    setBridge(fake.bridge);
    await fake.backend.call('ledger.addSample', {});
    sendEarlyRequests(() => false);
    expect(takeEarlyTable()).toBeNull();
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
    expect(asked(fake, 'problems.changes')).toBe(2);
  });
});
