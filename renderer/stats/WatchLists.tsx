import { Button, Card, Col, Row, Table, Typography } from 'antd';
import type { ProblemSummary } from '../../shared/domain/types';
import { daysBetween } from '../../shared/domain/dates';
import { deadlineLabel } from '../../shared/domain/deadline';
import { navigate } from '../router';
import { ExportListButton } from '../components/ExportListButton';

function listOf(title: string, rows: ProblemSummary[], asOf: string, overdue: boolean) {
  return () => ({
    title,
    asOf,
    columns: [{ title: '编号' }, { title: '问题', width: 50 }, { title: '牵头单位' }, { title: '责任领导' }, { title: '整改时限' }, { title: overdue ? '逾期天数' : '剩余天数' }, { title: '最新进展', width: 40 }],
    rows: rows.map((p) => {
      const d = p.deadline.date ? daysBetween(asOf, p.deadline.date) : 0;
      return [p.code, p.text, p.leadUnit ?? '', p.leaders.join('；'), deadlineLabel(p.deadline), overdue ? -d : d, p.latestProgress ? `${p.latestProgress.date}：${p.latestProgress.text}` : ''];
    }),
  });
}

function ListTable({ rows, asOf, overdue, testId }: { rows: ProblemSummary[]; asOf: string; overdue: boolean; testId: string }) {
  return (
    <Table<ProblemSummary>
      size="small"
      rowKey="id"
      data-testid={testId}
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      dataSource={rows}
      locale={{ emptyText: overdue ? '没有逾期的问题' : '没有即将到期的问题' }}
      onRow={(p) => ({ onClick: () => navigate('ledger', { problem: String(p.id) }), style: { cursor: 'pointer' } })}
      columns={[
        {
          title: '编号',
          key: 'code',
          width: 80,
          // A button, so that the keyboard reaches it too; the whole row answers the mouse.
          render: (_, p) => (
            <Button type="link" size="small" style={{ padding: 0 }} aria-label={`在台账中查看 ${p.code}`} onClick={(e) => (e.stopPropagation(), navigate('ledger', { problem: String(p.id) }))}>
              {p.code}
            </Button>
          ),
        },
        { title: '问题', dataIndex: 'text', ellipsis: true },
        { title: '牵头单位', dataIndex: 'leadUnit', width: 120, ellipsis: true },
        { title: '责任领导', key: 'leaders', width: 130, ellipsis: true, render: (_, p) => p.leaders.join('；') },
        { title: '整改时限', key: 'deadline', width: 130, ellipsis: true, render: (_, p) => deadlineLabel(p.deadline) },
        {
          title: overdue ? '逾期' : '剩余',
          key: 'days',
          width: 70,
          render: (_, p) => {
            const d = p.deadline.date ? daysBetween(asOf, p.deadline.date) : 0;
            return overdue ? <Typography.Text type="danger">{-d} 天</Typography.Text> : <Typography.Text type="warning">{d} 天</Typography.Text>;
          },
        },
        { title: '最新进展', key: 'progress', ellipsis: true, render: (_, p) => (p.latestProgress ? `${p.latestProgress.date}：${p.latestProgress.text}` : '—') },
      ]}
    />
  );
}

/** Overdue and due-soon problems on the as-of date: who has to act. A row opens the problem in the ledger. */
export function WatchLists({ overdue, dueSoon, asOf, days }: { overdue: ProblemSummary[]; dueSoon: ProblemSummary[]; asOf: string; days: number }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={12}>
        <Card
          size="small"
          title={<span style={{ color: '#cf1322' }}>逾期问题（{overdue.length} 个）</span>}
          extra={<ExportListButton list={listOf('逾期问题清单', overdue, asOf, true)} disabled={!overdue.length} />}
        >
          <ListTable rows={overdue} asOf={asOf} overdue testId="overdue-list" />
        </Card>
      </Col>
      <Col xs={24} xxl={12}>
        <Card
          size="small"
          title={<span style={{ color: '#ad6800' }}>{days} 天内到期（{dueSoon.length} 个）</span>}
          extra={<ExportListButton list={listOf(`${days}天内到期问题清单`, dueSoon, asOf, false)} disabled={!dueSoon.length} />}
        >
          <ListTable rows={dueSoon} asOf={asOf} overdue={false} testId="due-soon-list" />
        </Card>
      </Col>
    </Row>
  );
}
