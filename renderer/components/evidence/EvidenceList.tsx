import { useRef, useState } from 'react';
import { App as AntApp, Button, Input, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, ExportOutlined, EyeOutlined, PlusOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import type { EvidenceView } from '../../../shared/api/evidence';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';
import { UploadZone, reportUpload } from './UploadZone';
import { useUpload } from './useUpload';
import { useFileActions } from './useFileActions';
import { formatSize, formatTime } from './format';

export interface EvidenceListProps {
  problemId: number;
  /** The item shown in a preview pane beside the list (the 佐证材料 page); the list works without one. */
  selectedId?: number | null;
  onSelect?: (item: EvidenceView | null) => void;
}

/**
 * The evidence of one problem: numbered items with their titles (renamed in place), type, size, who added
 * them and when; items a return listed whose file has not arrived are highlighted and can be filled;
 * removal is recorded and undoable. Files are added by drop or the file chooser. Embeddable (the ledger
 * table's detail panel): it needs only `problemId`.
 */
export function EvidenceList({ problemId, selectedId, onSelect }: EvidenceListProps) {
  const { message } = AntApp.useApp();
  const { version } = useLedger();
  const [showDeleted, setShowDeleted] = useState(false);
  const [newTitle, setNewTitle] = useState('');
  const list = useAsync(() => call('evidence.list', { problemId, includeDeleted: showDeleted }), [problemId, version, showDeleted]);
  const detail = useAsync(() => call('problems.get', { id: problemId }), [problemId, version]);
  const actions = useFileActions();
  const { upload } = useUpload(problemId);
  const fillInput = useRef<HTMLInputElement>(null);
  const [fillId, setFillId] = useState<number | null>(null);

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    try {
      await fn();
      if (done) message.success(done);
    } catch (e) {
      message.error(errorMessage(e), 8);
    }
  };

  const items = list.value ?? [];
  const missing = items.filter((e) => !e.received && !e.deletedAt).length;

  const columns = [
    { title: '编号', dataIndex: 'number', key: 'number', width: 84, render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    {
      title: '材料名称',
      key: 'title',
      render: (_: unknown, e: EvidenceView) => (
        <div>
          <Typography.Text
            delete={!!e.deletedAt}
            editable={
              e.deletedAt
                ? false
                : {
                    tooltip: '修改名称',
                    triggerType: ['icon'],
                    onChange: (title) => {
                      if (title.trim() && title.trim() !== e.title) void act(() => call('evidence.rename', { id: e.id, title: title.trim() }));
                    },
                  }
            }
          >
            {e.title}
          </Typography.Text>
          {e.measureNo ? <Tag style={{ marginInlineStart: 6 }}>第{e.measureNo}项措施</Tag> : null}
          <div>
            {e.received ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.displayName} · {e.typeLabel} · {formatSize(e.size)}
              </Typography.Text>
            ) : (
              <Tag color="error" style={{ marginTop: 2 }}>
                已登记，未收到文件
              </Tag>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {e.received ? '上传' : '登记'}：{e.addedBy || '—'} {formatTime(e.addedAt)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_: unknown, e: EvidenceView) =>
        e.deletedAt ? (
          <Button size="small" icon={<RollbackOutlined />} onClick={() => act(() => call('evidence.restore', { id: e.id }), `已恢复 ${e.number}`)}>
            恢复
          </Button>
        ) : (
          <Space size={2} onClick={(ev) => ev.stopPropagation()}>
            {!e.received ? (
              <Tooltip title="收到文件后在这里上传，编号和名称保持不变">
                <Button
                  size="small"
                  type="primary"
                  ghost
                  icon={<UploadOutlined />}
                  aria-label={`为 ${e.number} 上传文件`}
                  onClick={() => {
                    setFillId(e.id);
                    fillInput.current?.click();
                  }}
                >
                  补交
                </Button>
              </Tooltip>
            ) : onSelect && e.preview ? (
              <Tooltip title="预览">
                <Button size="small" type="text" icon={<EyeOutlined />} aria-label={`预览 ${e.number}`} onClick={() => onSelect(e)} />
              </Tooltip>
            ) : null}
            {e.received && actions.desktop ? (
              <Tooltip title={e.canOpen ? '用本机程序打开' : e.openBlockedReason}>
                <Button size="small" type="text" icon={<ExportOutlined />} aria-label={`打开 ${e.number}`} disabled={!e.canOpen} onClick={() => actions.open(e)} />
              </Tooltip>
            ) : null}
            {e.received ? (
              <Tooltip title={actions.canSaveWithDialog ? '另存为…' : '下载'}>
                <Button
                  size="small"
                  type="text"
                  icon={<DownloadOutlined />}
                  aria-label={`下载 ${e.number}`}
                  onClick={() => (actions.canSaveWithDialog ? actions.saveAs(e) : actions.download(e))}
                />
              </Tooltip>
            ) : null}
            <Popconfirm
              title={`删除 ${e.number}“${e.title}”？`}
              description="删除会记入变更记录，可以撤销；编号不会再给别的材料。"
              okText="删除"
              cancelText="取消"
              onConfirm={() => act(() => call('evidence.remove', { id: e.id }), `已删除 ${e.number}，可按 Ctrl+Z 撤销`)}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除 ${e.number}`} />
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <UploadZone problemId={problemId} measures={detail.value?.measures}>
      <input
        ref={fillInput}
        type="file"
        hidden
        aria-label="补交文件"
        onChange={async (ev) => {
          const file = ev.target.files?.[0];
          ev.target.value = '';
          if (file && fillId != null) reportUpload(message, await upload([file], { fillId }));
          setFillId(null);
        }}
      />
      {missing > 0 ? (
        <Typography.Paragraph type="danger" style={{ marginBottom: 8 }}>
          有 {missing} 项材料只登记了名称、还没有收到文件。
        </Typography.Paragraph>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        data-testid="evidence-list"
        loading={list.loading && !list.value}
        dataSource={items}
        columns={columns}
        pagination={false}
        locale={{ emptyText: '还没有佐证材料。可点击“上传文件”或把文件拖到这里。' }}
        rowClassName={(e) => (e.id === selectedId ? 'ant-table-row-selected' : '')}
        onRow={(e) => ({
          onClick: () => onSelect?.(e),
          style: { cursor: onSelect ? 'pointer' : undefined, background: !e.received && !e.deletedAt ? '#fff2f0' : undefined, opacity: e.deletedAt ? 0.55 : 1 },
        })}
      />
      {list.error ? <Typography.Text type="danger">{list.error}</Typography.Text> : null}
      <Space wrap style={{ marginTop: 8, width: '100%', justifyContent: 'space-between' }}>
        <Space.Compact>
          <Input
            aria-label="待收材料名称"
            placeholder="登记待收的材料名称，如：党组会议纪要"
            style={{ width: 280 }}
            value={newTitle}
            maxLength={200}
            onChange={(e) => setNewTitle(e.target.value)}
            onPressEnter={() => newTitle.trim() && act(() => call('evidence.register', { problemId, title: newTitle.trim() }).then(() => setNewTitle('')))}
          />
          <Button icon={<PlusOutlined />} disabled={!newTitle.trim()} onClick={() => act(() => call('evidence.register', { problemId, title: newTitle.trim() }).then(() => setNewTitle('')))}>
            登记待收材料
          </Button>
        </Space.Compact>
        <Space>
          <Typography.Text type="secondary">显示已删除</Typography.Text>
          <Switch size="small" checked={showDeleted} onChange={setShowDeleted} aria-label="显示已删除的材料" />
        </Space>
      </Space>
    </UploadZone>
  );
}
