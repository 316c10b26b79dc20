import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Empty, Row, Space, Spin, Statistic, Tabs, Tag, Typography } from 'antd';
import { FileExcelOutlined, TableOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { TODO_LABELS, type Todo, type TodoSection } from '../../shared/domain/reminders';
import { todayIso } from '../../shared/domain/dates';
import { call, errorMessage } from '../api';
import { useLedger } from '../ledger-context';
import { useAsync } from '../components/useAsync';
import { PageHeader } from '../components/PageHeader';
import { CycleCard } from '../components/cycles/CycleCard';
import { navigate, useRoute } from '../router';
import { ProblemList, MeasureList } from '../todo/TodoLists';
import { NoticesCard } from '../todo/NoticesCard';
import { showInLedger } from '../todo/drill';
import { saveFile } from '../todo/saveFile';

/** The problem ids behind a section (returns: the problems the late and pending units lead). */
function idsOf(todo: Todo, section: TodoSection): number[] {
  if (section === 'stale') return todo.stale.map((m) => m.problemId);
  if (section === 'returns') return [];
  return todo[section].map((p) => p.id);
}

function countOf(todo: Todo, section: TodoSection): number {
  return section === 'returns' ? todo.returns.late.length + todo.returns.pending.length : todo[section].length;
}

const COLORS: Record<TodoSection, string> = { overdue: '#cf1322', dueSoon: '#d46b08', returns: '#c41d7f', signoffs: '#1677ff', stale: '#595959' };

/**
 * 待办提醒: what the clerk has to chase on a date — overdue and due-soon problems, returns late or due in
 * this cycle, sign-offs waiting for review, measures without progress — each counted, listed, opened in
 * the ledger table, exported to Excel; and the 督办通知 for the units concerned.
 */
export function TodoPage() {
  const { info, version } = useLedger();
  const { message } = AntApp.useApp();
  const route = useRoute();
  const [asOf, setAsOf] = useState(() => route.params.get('asOf') ?? todayIso());
  const [tab, setTab] = useState<TodoSection>('overdue');
  const todo = useAsync(() => call('todo.get', { asOf }), [asOf, version, info?.roundId]);
  const [exporting, setExporting] = useState(false);

  if (!info?.roundId) return <Empty description="台账中还没有巡察轮次" />;
  const t = todo.value;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const r = await saveFile(info, { title: '导出待办提醒', name: `待办提醒-${asOf}.xlsx`, ext: 'xlsx' }, (path) => call('todo.export', { asOf, path }));
      if (r) message.success(`已导出为 Excel：${r.path ?? r.fileName}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  const sections: TodoSection[] = ['overdue', 'dueSoon', 'returns', 'signoffs', 'stale'];
  const label = (s: TodoSection) => (s === 'dueSoon' && t ? `${t.settings.dueSoonDays} 天内到期` : s === 'stale' && t ? `${t.settings.staleDays} 天以上无进展` : TODO_LABELS[s]);

  return (
    <div data-testid="todo-page">
      <PageHeader
        title="待办提醒"
        extra={
          <Space>
            <span>截至</span>
            <DatePicker aria-label="待办截至日期" allowClear={false} value={dayjs(asOf)} onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))} />
            <Button icon={<FileExcelOutlined />} onClick={exportXlsx} loading={exporting} disabled={!t}>
              导出为 Excel
            </Button>
          </Space>
        }
      >
        {t ? (
          t.count ? <Tag color="red">共 {t.count} 项待办</Tag> : <Tag color="green">暂无待办</Tag>
        ) : null}
      </PageHeader>
      {todo.error ? <Alert type="error" showIcon title="待办提醒未能载入" description={todo.error} style={{ marginBottom: 16 }} /> : null}
      {!t ? (
        <Spin style={{ display: 'block', marginTop: 60 }} />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {sections.map((s) => (
              <Col key={s} xs={12} md={8} xl={4} flex="1">
                <Card size="small" hoverable onClick={() => setTab(s)} data-testid={`todo-count-${s}`} style={{ borderTop: `3px solid ${COLORS[s]}` }}>
                  <Statistic title={label(s)} value={countOf(t, s)} suffix={s === 'returns' ? '个单位' : s === 'stale' ? '项' : '个'} styles={{ content: { color: countOf(t, s) ? COLORS[s] : undefined } }} />
                  {s !== 'returns' && countOf(t, s) > 0 ? (
                    <Button
                      size="small"
                      type="link"
                      icon={<TableOutlined />}
                      style={{ padding: 0 }}
                      aria-label={`在台账中查看${label(s)}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        showInLedger(idsOf(t, s), `待办：${label(s)}（截至 ${asOf}）`);
                      }}
                    >
                      在台账中查看
                    </Button>
                  ) : (
                    <span style={{ display: 'inline-block', height: 24 }} />
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Tabs
              activeKey={tab}
              onChange={(k) => setTab(k as TodoSection)}
              items={[
                { key: 'overdue', label: `${label('overdue')}（${t.overdue.length}）`, children: <ProblemList rows={t.overdue} days="逾期" testId="todo-overdue" empty="没有逾期的问题" /> },
                { key: 'dueSoon', label: `${label('dueSoon')}（${t.dueSoon.length}）`, children: <ProblemList rows={t.dueSoon} days="剩余" testId="todo-due-soon" empty="没有即将到期的问题" /> },
                {
                  key: 'returns',
                  label: `${label('returns')}（${countOf(t, 'returns')}）`,
                  children: (
                    <>
                      {t.returns.late.length ? (
                        <Alert
                          type="error"
                          showIcon
                          style={{ marginBottom: 12 }}
                          title={`${t.returns.lateCycle!.label}回执逾期未报：${t.returns.late.map((u) => u.unit).join('、')}`}
                        />
                      ) : null}
                      {t.returns.pending.length ? (
                        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`${t.returns.current!.label}回执尚未报送：${t.returns.pending.map((u) => u.unit).join('、')}`} />
                      ) : null}
                      <CycleCard asOf={asOf} />
                    </>
                  ),
                },
                { key: 'signoffs', label: `${label('signoffs')}（${t.signoffs.length}）`, children: <ProblemList rows={t.signoffs} testId="todo-signoffs" empty="没有等待审核的销号申请" /> },
                { key: 'stale', label: `${label('stale')}（${t.stale.length}）`, children: <MeasureList rows={t.stale} /> },
              ]}
            />
            <Typography.Text type="secondary">
              天数和提醒范围可在
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => navigate('settings', { tab: 'reminders' })}>
                设置 → 提醒与督办
              </Button>
              中修改。
            </Typography.Text>
          </Card>
          <NoticesCard asOf={asOf} />
        </>
      )}
    </div>
  );
}
