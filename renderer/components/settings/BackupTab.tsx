import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, HistoryOutlined } from '@ant-design/icons';
import type { BackupInfo } from '../../../shared/api/evidence';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';
import { formatSize, formatTime } from '../evidence/format';

/**
 * 备份: the checked backups of the open ledger (daily, before imports, by hand, before a restore), and
 * restoring one. The current ledger is backed up before it is replaced; a backup that fails its check is
 * refused and nothing changes.
 */
export function BackupTab() {
  const { message, modal } = AntApp.useApp();
  const { version, info } = useLedger();
  const [refresh, setRefresh] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useAsync(() => call('backup.list', {}), [version, refresh, info?.path]);

  const backupNow = async () => {
    setBusy('new');
    try {
      const b = await call('backup.create', {});
      message.success(`已备份（${formatTime(b.at)}，${b.problems ?? 0} 个问题，${b.evidence ?? 0} 个佐证材料文件，检查通过）`);
      setRefresh((n) => n + 1);
    } catch (e) {
      message.error(errorMessage(e), 8);
    } finally {
      setBusy(null);
    }
  };

  const restore = async (b: BackupInfo) => {
    setBusy(b.name);
    try {
      await call('backup.restore', { name: b.name });
      modal.success({ title: '已从备份恢复', content: `台账已恢复到 ${formatTime(b.at)} 的状态。恢复前的台账已自动备份，列在备份列表最上面，需要时可以再恢复回去。` });
    } catch (e) {
      modal.error({ title: '未恢复', content: errorMessage(e) });
    } finally {
      setBusy(null);
      setRefresh((n) => n + 1);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="backup-tab">
      <Card size="small">
        <Typography.Paragraph>
          每天第一次使用时、每次导入前，程序都会为当前台账做一份完整的备份副本，并检查副本能否正常打开。{list.value?.policy}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          备份文件夹：<Typography.Text copyable>{list.value?.dir}</Typography.Text>
        </Typography.Paragraph>
        <Button type="primary" icon={<CloudUploadOutlined />} loading={busy === 'new'} onClick={backupNow}>
          立即备份
        </Button>
      </Card>
      {list.error ? <Alert type="error" title={list.error} /> : null}
      <Table
        size="small"
        rowKey="name"
        loading={list.loading && !list.value}
        dataSource={list.value?.backups ?? []}
        pagination={false}
        locale={{ emptyText: '还没有备份' }}
        columns={[
          { title: '备份时间', dataIndex: 'at', key: 'at', width: 150, render: (at: string) => formatTime(at) },
          { title: '类型', dataIndex: 'reasonLabel', key: 'reason', width: 130 },
          { title: '大小', dataIndex: 'size', key: 'size', width: 90, align: 'right' as const, render: (s: number) => formatSize(s) },
          {
            title: '内容',
            key: 'content',
            render: (_: unknown, b: BackupInfo) => (b.problems == null ? '—' : `${b.problems} 个问题，${b.evidence ?? 0} 个佐证材料文件`),
          },
          {
            title: '检查',
            key: 'check',
            width: 130,
            render: (_: unknown, b: BackupInfo) =>
              !b.checked ? <Tag>未记录检查结果</Tag> : b.findings ? <Tag color="warning">台账有 {b.findings} 处问题</Tag> : <Tag color="success">检查通过</Tag>,
          },
          {
            title: '',
            key: 'restore',
            width: 100,
            render: (_: unknown, b: BackupInfo) => (
              <Popconfirm
                title={`恢复到 ${formatTime(b.at)} 的备份？`}
                description={<div style={{ maxWidth: 320 }}>当前台账会先自动备份，然后被这份备份替换。恢复前会再次检查备份，损坏的备份不会被恢复。</div>}
                okText="恢复"
                cancelText="取消"
                onConfirm={() => restore(b)}
              >
                <Button size="small" icon={<HistoryOutlined />} loading={busy === b.name} aria-label={`恢复 ${formatTime(b.at)} 的备份`}>
                  恢复
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
