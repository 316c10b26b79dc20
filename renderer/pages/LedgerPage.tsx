import { Alert, Table } from 'antd';
import type { ProblemSummary } from '../../shared/domain/types';
import { call } from '../api';
import { useLedger } from '../ledger-context';
import { useAsync } from '../components/useAsync';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/StatusTag';
import { Welcome } from '../components/Welcome';

export function LedgerPage() {
  const { info, version } = useLedger();
  const problems = useAsync(() => (info?.roundId ? call('problems.list', {}) : Promise.resolve([])), [version, info?.roundId]);
  if (info && (!info.roundId || info.problemCount === 0)) return <Welcome />;
  return (
    <div>
      <PageHeader title="台账">
        <span>共 {problems.value?.length ?? 0} 个问题</span>
      </PageHeader>
      {problems.error ? <Alert type="error" showIcon message={problems.error} /> : null}
      <Table<ProblemSummary>
        size="small"
        rowKey="id"
        virtual
        scroll={{ y: 640 }}
        pagination={false}
        loading={problems.loading}
        dataSource={problems.value ?? []}
        columns={[
          { title: '编号', dataIndex: 'code', width: 90 },
          { title: '问题', dataIndex: 'text' },
          { title: '牵头单位', dataIndex: 'leadUnit', width: 160 },
          { title: '整改时限', key: 'deadline', width: 170, render: (_, p) => p.deadline.raw || p.deadline.date },
          { title: '状态', key: 'status', width: 110, render: (_, p) => <StatusTag status={p.status} /> },
        ]}
      />
    </div>
  );
}
