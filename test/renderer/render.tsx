import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { LedgerProvider } from '../../renderer/ledger-context';
import { setBridge } from '../../renderer/api';
import { createFakeBridge } from '../helpers/fakeBridge';

/** Render a component as the app does (zh_CN, antd App, ledger context) over a fresh fake API. */
export function renderWithLedger(ui: ReactElement) {
  const fake = createFakeBridge();
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
