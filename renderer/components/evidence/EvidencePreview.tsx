import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Empty, Space, Spin, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined, SaveOutlined } from '@ant-design/icons';
import type { EvidenceView } from '../../../shared/api/evidence';
import { call, errorMessage } from '../../api';
import { formatSize, formatTime } from './format';
import { useFileActions } from './useFileActions';

/** Previews load by themselves up to this size; larger files wait for a click. */
const AUTO_PREVIEW_BYTES = 30 * 1024 * 1024;

function base64ToBlob(base64: string, mime: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/**
 * The preview pane: images and PDFs shown inside the app from a blob: URL (allowed by the CSP for img and
 * frame), with the type sniffed from the bytes, never from the name. Other types show what the file is and
 * how to get it out.
 */
export function EvidencePreview({ item, height = 520 }: { item: EvidenceView | null; height?: number }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [wanted, setWanted] = useState(false);
  const actions = useFileActions();
  const previewable = !!item?.preview && item.received;
  const auto = previewable && (item!.size ?? 0) <= AUTO_PREVIEW_BYTES;

  useEffect(() => {
    setWanted(false);
  }, [item?.id]);

  useEffect(() => {
    if (!item || !previewable || !(auto || wanted)) return;
    let live = true;
    let made: string | null = null;
    setLoading(true);
    setError(null);
    call('evidence.content', { id: item.id }).then(
      (c) => {
        if (!live) return;
        made = URL.createObjectURL(base64ToBlob(c.base64, item.preview === 'pdf' ? 'application/pdf' : c.mime));
        setUrl(made);
        setLoading(false);
      },
      (e) => {
        if (!live) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [item, previewable, auto, wanted]);

  if (!item) return <Empty description="选择一项佐证材料，在这里预览" style={{ paddingTop: 80 }} />;

  const buttons = item.received ? (
    <Space wrap>
      {actions.desktop ? (
        <Button icon={<ExportOutlined />} disabled={!item.canOpen} loading={actions.busy === item.id} onClick={() => actions.open(item)}>
          用本机程序打开
        </Button>
      ) : null}
      {actions.canSaveWithDialog ? (
        <Button icon={<SaveOutlined />} onClick={() => actions.saveAs(item)}>
          另存为…
        </Button>
      ) : (
        <Button icon={<DownloadOutlined />} onClick={() => actions.download(item)}>
          下载
        </Button>
      )}
    </Space>
  ) : null;

  return (
    <div data-testid="evidence-preview">
      <Typography.Title level={5} style={{ marginTop: 0 }} ellipsis>
        {item.number}　{item.title}
      </Typography.Title>
      <Descriptions size="small" column={2} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="原文件名">
          <Typography.Text ellipsis style={{ maxWidth: 260 }}>
            {item.displayName || '—'}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="类型">{item.typeLabel || '—'}</Descriptions.Item>
        <Descriptions.Item label="大小">{formatSize(item.size) || '—'}</Descriptions.Item>
        <Descriptions.Item label="添加">
          {item.addedBy} {formatTime(item.addedAt)}
        </Descriptions.Item>
        {item.sha256 ? (
          <Descriptions.Item label="校验码" span={2}>
            <Typography.Text code copyable style={{ fontSize: 11 }}>
              {item.sha256}
            </Typography.Text>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {buttons}
      {item.received && !item.canOpen && actions.desktop ? (
        <Alert style={{ marginTop: 8 }} type="warning" showIcon title="不能直接打开" description={item.openBlockedReason} />
      ) : null}
      <div style={{ marginTop: 12, height, border: '1px solid #f0f0f0', borderRadius: 4, background: '#fafafa', display: 'flex', alignItems: 'center', justifyContent: 'center', overflow: 'hidden' }}>
        {!item.received ? (
          <Empty description="只登记了名称，还没有收到文件" />
        ) : !previewable ? (
          <Empty description={`“${item.typeLabel}”不能在程序内预览${actions.desktop ? '' : '，请下载后查看'}`} />
        ) : error ? (
          <Alert type="error" showIcon title={error} />
        ) : !auto && !wanted ? (
          <Button onClick={() => setWanted(true)}>文件较大（{formatSize(item.size)}），点击加载预览</Button>
        ) : loading || !url ? (
          <Spin tip="正在加载预览…">
            <div style={{ width: 200, height: 80 }} />
          </Spin>
        ) : item.preview === 'image' ? (
          <img src={url} alt={`${item.number} ${item.title}`} style={{ maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' }} />
        ) : typeof navigator !== 'undefined' && navigator.pdfViewerEnabled === false ? (
          <Empty description="本机浏览器不能内嵌显示 PDF，请打开或下载后查看" />
        ) : (
          <iframe title={`${item.number} ${item.title}`} src={url} style={{ width: '100%', height: '100%', border: 0 }} />
        )}
      </div>
    </div>
  );
}
