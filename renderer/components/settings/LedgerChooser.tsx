import { Alert, Button, Empty, Modal, Table, Tag, Typography } from 'antd';
import type { DataFolderLedger } from '../../../shared/api/ledger';
import { call } from '../../api';
import { useAsync } from '../useAsync';

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function time(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * The browser's 打开台账: a choice among the ledgers in the data folder (the browser host opens nothing
 * else), with their size and last change. No path to type; a ledger from elsewhere is copied into the
 * folder first, as the empty state says.
 */
export function LedgerChooser({ onOpen, onCancel }: { onOpen(fileName: string): void; onCancel(): void }) {
  const listed = useAsync(() => call('ledger.dataFolder', {}), []);
  const folder = listed.value?.folder ?? '';
  const ledgers = listed.value?.ledgers ?? [];
  return (
    <Modal
      open
      title="打开台账"
      width={720}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="refresh" onClick={() => listed.reload()}>
          刷新
        </Button>,
        <Button key="cancel" onClick={onCancel}>
          取消
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        浏览器版打开数据文件夹中的台账。数据文件夹：<Typography.Text copyable={!!folder}>{folder}</Typography.Text>
      </Typography.Paragraph>
      {listed.error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={listed.error} /> : null}
      <Table<DataFolderLedger>
        size="small"
        rowKey="fileName"
        loading={listed.loading}
        pagination={false}
        scroll={{ y: 360 }}
        dataSource={ledgers}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <div style={{ maxWidth: 520, margin: '0 auto', textAlign: 'left' }}>
                  <Typography.Paragraph>数据文件夹中还没有台账文件。</Typography.Paragraph>
                  <Typography.Paragraph type="secondary">
                    数据文件夹是 <Typography.Text code>{folder}</Typography.Text>。要打开别处的台账（如同事发来、U盘中的 .zgtz 文件），请先用文件管理器把它复制到这个文件夹，再点“刷新”。
                  </Typography.Paragraph>
                </div>
              }
            />
          ),
        }}
        columns={[
          {
            title: '名称',
            dataIndex: 'name',
            render: (name: string, l) => (
              <span>
                <Typography.Text strong>{name}</Typography.Text>
                {l.current ? <Tag style={{ marginLeft: 8 }}>当前</Tag> : null}
              </span>
            ),
          },
          { title: '大小', dataIndex: 'size', width: 100, align: 'right', render: (n: number) => size(n) },
          { title: '修改时间', dataIndex: 'modifiedAt', width: 160, render: (t: string) => time(t) },
          {
            title: '',
            key: 'open',
            width: 90,
            render: (_: unknown, l) => (
              <Button size="small" type={l.current ? 'default' : 'primary'} disabled={l.current} aria-label={`打开 ${l.name}`} onClick={() => onOpen(l.fileName)}>
                {l.current ? '已打开' : '打开'}
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  );
}
