import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';
import { LedgerProvider } from './ledger-context';
import { theme } from './theme';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <LedgerProvider>
          <App />
        </LedgerProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
