import { App, Button, Card, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import { KIND_LABELS, type ImportBatchView } from '../../../shared/api/import';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

function countsText(b: ImportBatchView): string {
  const c = b.counts;
  if (b.kind === 'ledger' || b.kind === 'report') return `问题 ${c.added ?? (c.general ?? 0) + (c.specific ?? 0)} 个，措施 ${c.measures ?? 0} 项`;
  return `更新 ${c.updated ?? 0}，未变 ${c.unchanged ?? 0}`;
}

/** Every import, newest first; a batch can be undone as a whole while nothing depends on it. */
export function BatchList() {
  const { message } = App.useApp();
  const { version } = useLedger();
  const batches = useAsync(() => call('import.batches', { limit: 50 }), [version]);
  const undo = async (b: ImportBatchView) => {
    try {
      await call('import.undoBatch', { id: b.id });
      message.success(`已撤销导入“${b.fileName}”`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card title="导入记录" size="small" style={{ marginBottom: 16 }} data-testid="import-batches">
      <Table<ImportBatchView>
        size="small"
        rowKey="id"
        loading={batches.loading && !batches.value}
        dataSource={batches.value ?? []}
        locale={{ emptyText: '还没有导入过文件' }}
        pagination={{ pageSize: 10, size: 'small', hideOnSinglePage: true }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: when },
          { title: '文件', dataIndex: 'fileName', ellipsis: true },
          { title: '类型', dataIndex: 'kind', width: 100, render: (k: ImportBatchView['kind']) => KIND_LABELS[k] },
          { title: '单位', dataIndex: 'unit', width: 140, ellipsis: true },
          { title: '填报日期', dataIndex: 'reportDate', width: 110 },
          { title: '内容', width: 170, render: (_, b) => countsText(b) },
          {
            title: '',
            width: 96,
            render: (_, b) =>
              b.undoneAt ? (
                <Tag>已撤销</Tag>
              ) : b.canUndo ? (
                <Popconfirm title={`撤销导入“${b.fileName}”？`} description="台账将恢复到这次导入之前。" okText="撤销" cancelText="取消" onConfirm={() => undo(b)}>
                  <Button size="small">撤销</Button>
                </Popconfirm>
              ) : (
                <Tooltip title={b.undoBlockedBy ?? '暂不能撤销'}>
                  <Typography.Text type="secondary">不能撤销</Typography.Text>
                </Tooltip>
              ),
          },
        ]}
      />
    </Card>
  );
}
