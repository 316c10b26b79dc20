import { Suspense, lazy, useCallback, useEffect, type ReactNode } from 'react';
import { App as AntApp, Button, Layout, Menu, Result, Space, Spin, Tooltip, Typography } from 'antd';
import {
  BarChartOutlined,
  BellOutlined,
  SwapOutlined,
  ExportOutlined,
  ImportOutlined,
  PaperClipOutlined,
  RedoOutlined,
  SettingOutlined,
  TableOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { call, errorMessage } from './api';
import { useLedger } from './ledger-context';
import { navigate, useRoute } from './router';
import { LedgerPage } from './pages/LedgerPage';
import { ReadOnlyBanner } from './components/ReadOnlyBanner';
import { RoundSwitcher } from './components/rounds/RoundSwitcher';
import { useTodoFirst } from './todo/todoFirst';

// The ledger opens first and on every start; the other pages load when first visited, so that the
// browser parses only what the table needs before asking for its rows.
const StatsPage = lazy(() => import('./pages/StatsPage').then((m) => ({ default: m.StatsPage })));
const ImportPage = lazy(() => import('./pages/ImportPage').then((m) => ({ default: m.ImportPage })));
const ExportPage = lazy(() => import('./pages/ExportPage').then((m) => ({ default: m.ExportPage })));
const EvidencePage = lazy(() => import('./pages/EvidencePage').then((m) => ({ default: m.EvidencePage })));
const TodoPage = lazy(() => import('./pages/TodoPage').then((m) => ({ default: m.TodoPage })));
const ComparePage = lazy(() => import('./pages/ComparePage').then((m) => ({ default: m.ComparePage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));

interface PageDef {
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

export const PAGES: PageDef[] = [
  { key: 'ledger', label: '台账', icon: <TableOutlined />, render: () => <LedgerPage /> },
  { key: 'todo', label: '待办提醒', icon: <BellOutlined />, render: () => <TodoPage /> },
  { key: 'stats', label: '统计', icon: <BarChartOutlined />, render: () => <StatsPage /> },
  { key: 'compare', label: '轮次对比', icon: <SwapOutlined />, render: () => <ComparePage /> },
  { key: 'import', label: '导入', icon: <ImportOutlined />, render: () => <ImportPage /> },
  { key: 'export', label: '导出', icon: <ExportOutlined />, render: () => <ExportPage /> },
  { key: 'evidence', label: '佐证材料', icon: <PaperClipOutlined />, render: () => <EvidencePage /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, render: () => <SettingsPage /> },
];

/** The page an address shows: unknown addresses show the ledger. */
export function pageFor(key: string): PageDef {
  return PAGES.find((p) => p.key === key) ?? PAGES.find((p) => p.key === 'ledger')!;
}

function isTextInput(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  // A table's key field (it exists for input methods) takes Ctrl+Z as the ledger's undo, not as text.
  if (el.dataset?.undoKeys === 'ledger') return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) undo and redo the ledger, except while typing in a field. */
function useUndoKeys(undo: () => void, redo: () => void) {
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextInput(e.target) || e.defaultPrevented) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [undo, redo]);
}

export function App() {
  const { message } = AntApp.useApp();
  const { info, error } = useLedger();
  const route = useRoute();
  const page = pageFor(route.page);

  const undo = useCallback(async () => {
    try {
      const r = await call('history.undo', {});
      if (r.label) message.success(`已撤销：${r.label}`);
      else message.info('没有可撤销的修改');
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [message]);
  const redo = useCallback(async () => {
    try {
      const r = await call('history.redo', {});
      if (r.label) message.success(`已重做：${r.label}`);
      else message.info('没有可重做的修改');
    } catch (e) {
      message.error(errorMessage(e));
    }
  }, [message]);
  useUndoKeys(undo, redo);
  useTodoFirst(info, route);

  useEffect(() => {
    document.title = info ? `${info.name}${info.round ? ' · ' + info.round.title : ''} — 整改台账` : '整改台账';
  }, [info]);

  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 20, background: '#fff', borderBottom: '1px solid #e8e8e8', height: 56, lineHeight: '56px' }}
      >
        <Typography.Text strong style={{ fontSize: 18, color: '#a8071a', whiteSpace: 'nowrap' }}>
          整改台账
        </Typography.Text>
        <div data-testid="ledger-title" style={{ display: 'flex', alignItems: 'center', gap: 12, minWidth: 0 }}>
          {info ? (
            <Typography.Text strong ellipsis style={{ maxWidth: 280 }}>
              {info.name}
            </Typography.Text>
          ) : null}
          <RoundSwitcher />
        </div>
        <Space style={{ marginInlineStart: 'auto' }}>
          <Tooltip title={info?.undo.undoLabel ? `撤销：${info.undo.undoLabel}（Ctrl+Z）` : '没有可撤销的修改'}>
            <Button icon={<UndoOutlined />} disabled={!info?.undo.canUndo} onClick={undo} aria-label="撤销">
              撤销
            </Button>
          </Tooltip>
          <Tooltip title={info?.undo.redoLabel ? `重做：${info.undo.redoLabel}（Ctrl+Y）` : '没有可重做的修改'}>
            <Button icon={<RedoOutlined />} disabled={!info?.undo.canRedo} onClick={redo} aria-label="重做">
              重做
            </Button>
          </Tooltip>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={148} theme="light" style={{ borderRight: '1px solid #e8e8e8' }}>
          <Menu
            mode="inline"
            selectedKeys={[page.key]}
            style={{ borderInlineEnd: 'none', fontSize: 15 }}
            items={PAGES.map((p) => ({ key: p.key, icon: p.icon, label: p.label }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 20, overflow: 'auto' }} id="page">
          <ReadOnlyBanner />
          {error && !info ? (
            <Result status="error" title="无法打开台账" subTitle={error} />
          ) : (
            <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>{page.render()}</Suspense>
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
