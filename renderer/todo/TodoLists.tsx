import { Button, Table, Typography } from 'antd';
import type { TodoMeasure, TodoProblem } from '../../shared/domain/reminders';
import { deadlineLabel } from '../../shared/domain/deadline';
import { navigate } from '../router';

const open = (id: number) => navigate('ledger', { problem: String(id) });

/** Problems of one to-do section; a row opens the problem in the ledger. */
export function ProblemList({ rows, days, testId, empty }: { rows: TodoProblem[]; days?: '逾期' | '剩余'; testId: string; empty: string }) {
  return (
    <Table<TodoProblem>
      size="small"
      rowKey="id"
      data-testid={testId}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      dataSource={rows}
      locale={{ emptyText: empty }}
      onRow={(p) => ({ onDoubleClick: () => open(p.id) })}
      columns={[
        {
          title: '编号',
          key: 'code',
          width: 80,
          render: (_, p) => (
            <Button type="link" size="small" style={{ padding: 0 }} aria-label={`在台账中查看 ${p.code}`} onClick={() => open(p.id)}>
              {p.code}
            </Button>
          ),
        },
        { title: '问题', dataIndex: 'text', ellipsis: true },
        { title: '牵头单位', dataIndex: 'leadUnit', width: 120, ellipsis: true },
        { title: '整改时限', key: 'deadline', width: 140, ellipsis: true, render: (_, p) => deadlineLabel(p.deadline) },
        ...(days
          ? [
              {
                title: days,
                key: 'days',
                width: 72,
                render: (_: unknown, p: TodoProblem) => <Typography.Text type={days === '逾期' ? 'danger' : 'warning'}>{p.days} 天</Typography.Text>,
              },
            ]
          : [{ title: '状态', dataIndex: 'status', width: 80 }]),
        { title: '最新进展', key: 'progress', ellipsis: true, render: (_, p) => (p.latestProgress ? `${p.latestProgress.date}：${p.latestProgress.text}` : '—') },
      ]}
    />
  );
}

export function MeasureList({ rows }: { rows: TodoMeasure[] }) {
  return (
    <Table<TodoMeasure>
      size="small"
      rowKey="id"
      data-testid="todo-stale"
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      dataSource={rows}
      locale={{ emptyText: '没有长期无进展的措施' }}
      columns={[
        {
          title: '编号',
          key: 'code',
          width: 110,
          render: (_, m) => (
            <Button type="link" size="small" style={{ padding: 0 }} aria-label={`在台账中查看 ${m.code}`} onClick={() => open(m.problemId)}>
              {m.code} 第{m.no}项
            </Button>
          ),
        },
        { title: '措施', dataIndex: 'text', ellipsis: true },
        { title: '牵头单位', dataIndex: 'leadUnit', width: 120, ellipsis: true },
        { title: '状态', dataIndex: 'status', width: 80 },
        { title: '最近进展', key: 'last', width: 110, render: (_, m) => m.lastProgress ?? '从未报送' },
        { title: '无进展', key: 'idle', width: 80, render: (_, m) => <Typography.Text type="warning">{m.idleDays} 天</Typography.Text> },
      ]}
    />
  );
}
