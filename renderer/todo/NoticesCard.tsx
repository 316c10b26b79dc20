import { useState } from 'react';
import { App as AntApp, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import type { NoticeSummary } from '../../shared/api/reminders';
import { call, errorMessage } from '../api';
import { useLedger } from '../ledger-context';
import { useAsync } from '../components/useAsync';
import { saveFile } from './saveFile';

/**
 * 督办通知 / 提醒函: the units the to-do view names, each with what its notice will list; generate for the
 * chosen units or all at once (one .docx and .txt per unit, zipped). Below, the notices already sent.
 */
export function NoticesCard({ asOf }: { asOf: string }) {
  const { info, version } = useLedger();
  const { message } = AntApp.useApp();
  const preview = useAsync(() => call('notices.preview', { asOf }), [asOf, version]);
  const sent = useAsync(() => call('notices.sent', {}), [version]);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const rows = preview.value ?? [];

  const generate = async (units: string[]) => {
    setBusy(true);
    try {
      const name = units.length === 1 ? `督办通知-${units[0]}-${asOf}.zip` : `督办通知-${units.length || rows.length}个单位-${asOf}.zip`;
      const result = await saveFile(info, { title: '保存督办通知', name, ext: 'zip' }, (path) => call('notices.generate', { asOf, units: units.length ? units : undefined, path }));
      if (result) message.success(`已生成 ${result.notices.length} 个单位的督办通知/提醒函：${result.path ?? result.fileName}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title="督办通知 / 提醒函"
      data-testid="notices-card"
      extra={
        <Space>
          <Button icon={<FileWordOutlined />} disabled={!selected.length} loading={busy} onClick={() => generate(selected)}>
            为所选单位生成（{selected.length}）
          </Button>
          <Button type="primary" icon={<FileWordOutlined />} disabled={!rows.length} loading={busy} onClick={() => generate([])}>
            为全部 {rows.length} 个单位生成
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        每个单位一份通知（.docx 公文格式和 .txt），列出其牵头的逾期、即将到期问题及未报回执，落款和回复期限取自“设置 → 提醒与督办”。生成后记入该单位的“已发督办通知”。
      </Typography.Paragraph>
      <Table<NoticeSummary>
        size="small"
        rowKey="unit"
        pagination={false}
        dataSource={rows}
        loading={preview.loading && !preview.value}
        locale={{ emptyText: '没有需要督办的单位' }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        columns={[
          { title: '单位', dataIndex: 'unit', width: 160 },
          { title: '文种', dataIndex: 'title', width: 90, render: (t: string) => <Tag color={t === '督办通知' ? 'red' : 'orange'}>{t}</Tag> },
          { title: '逾期问题', key: 'overdue', render: (_, n) => n.overdue.join('、') || '—' },
          { title: '即将到期', key: 'soon', render: (_, n) => n.dueSoon.join('、') || '—' },
          { title: '回执', key: 'ret', width: 150, render: (_, n) => (n.lateReturn ? <Tag color="red">{n.lateReturn}逾期未报</Tag> : '—') },
          {
            title: '',
            key: 'one',
            width: 90,
            render: (_, n) => (
              <Button size="small" aria-label={`生成${n.unit}的${n.title}`} onClick={() => generate([n.unit])} loading={busy}>
                生成
              </Button>
            ),
          },
        ]}
      />
      {sent.value?.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            已发督办通知
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            data-testid="notices-sent"
            pagination={sent.value.length > 8 ? { pageSize: 8, size: 'small' } : false}
            dataSource={sent.value}
            columns={[
              { title: '单位', dataIndex: 'unit', width: 160 },
              { title: '截至', dataIndex: 'asOf', width: 110 },
              { title: '要求回复', dataIndex: 'returnBy', width: 110 },
              { title: '所列问题', key: 'codes', render: (_, s) => s.codes.join('、') || '（回执）' },
              { title: '文件', dataIndex: 'fileName', ellipsis: true },
              { title: '生成时间', key: 'at', width: 150, render: (_, s) => s.createdAt.slice(0, 16).replace('T', ' ') },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
