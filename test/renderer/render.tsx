import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { LedgerProvider } from '../../renderer/ledger-context';
import { setBridge } from '../../renderer/api';
import { createFakeBridge } from '../helpers/fakeBridge';

/**
 * Render a component as the app does (zh_CN, antd App, ledger context) over a fresh fake API, or over
 * one the test prepared first (`createFakeBridge()`, then data through `fake.backend.call`).
 */
export function renderWithLedger(ui: ReactElement, prepared?: ReturnType<typeof createFakeBridge>) {
  const fake = prepared ?? createFakeBridge();
  setBridge(fake.bridge);
  const result = render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <LedgerProvider>{ui}</LedgerProvider>
      </AntApp>
    </ConfigProvider>,
  );
  return { ...result, ...fake };
}
