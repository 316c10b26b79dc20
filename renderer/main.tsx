import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App, pageFor } from './App';
import { parseHash } from './router';
import { sendEarlyRequests } from './earlyRequests';
import { LedgerProvider } from './ledger-context';
import { theme } from './theme';
import './app.css';

dayjs.locale('zh-cn');
sendEarlyRequests(() => pageFor(parseHash(window.location.hash).page).key === 'ledger');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      {/* Toasts below the 56 px header, never over the title or the undo/redo buttons. */}
      <AntApp message={{ top: 64, maxCount: 3 }}>
        <LedgerProvider>
          <App />
        </LedgerProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
