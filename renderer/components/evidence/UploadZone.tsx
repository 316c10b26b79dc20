import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { App as AntApp, Button, Progress, Select, Space, Typography } from 'antd';
import { InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { MeasureView } from '../../../shared/domain/types';
import { useUpload, type UploadOutcome } from './useUpload';

/** Tell the person what happened to each file, in one message. */
export function reportUpload(message: ReturnType<typeof AntApp.useApp>['message'], outcome: UploadOutcome): void {
  const added = outcome.results.filter((r) => r.status === 'added');
  const filled = outcome.results.filter((r) => r.status === 'filled');
  const dups = outcome.results.filter((r) => r.status === 'duplicate');
  const parts: string[] = [];
  if (added.length) parts.push(`已添加 ${added.map((r) => `${r.number}“${r.title}”`).join('、')}`);
  if (filled.length) parts.push(`已补交 ${filled.map((r) => `${r.number}“${r.title}”的文件`).join('、')}`);
  if (dups.length) parts.push(`${dups.map((r) => `“${r.name}”与 ${r.number} 内容相同`).join('、')}，未重复添加`);
  if (parts.length && (added.length || filled.length)) message.success(parts.join('；'), 5);
  else if (parts.length) message.info(parts.join('；'), 5);
  for (const e of outcome.errors) message.error(e, 8);
}

/**
 * Where files are dropped or chosen. The whole zone takes drops; the button opens the file chooser.
 * A measure can be chosen so that the files belong to it.
 */
export function UploadZone({ problemId, measures, children }: { problemId: number; measures?: MeasureView[]; children?: ReactNode }) {
  const { message } = AntApp.useApp();
  const { upload, progress } = useUpload(problemId);
  const [over, setOver] = useState(false);
  const [measureId, setMeasureId] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const send = async (files: File[]) => {
    if (files.length === 0) return;
    reportUpload(message, await upload(files, { measureId }));
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (progress) return;
    void send([...e.dataTransfer.files]);
  };

  return (
    <div
      data-testid="evidence-dropzone"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{ position: 'relative', outline: over ? '2px dashed #1d5bb8' : 'none', outlineOffset: 2, borderRadius: 4 }}
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Button type="primary" icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={!!progress}>
          上传文件…
        </Button>
        {measures && measures.length > 0 ? (
          <Select
            aria-label="对应措施"
            style={{ width: 280 }}
            value={measureId ?? 0}
            onChange={(v) => setMeasureId(v === 0 ? null : v)}
            options={[{ value: 0, label: '对应整个问题' }, ...measures.map((m) => ({ value: m.id, label: `第${m.no}项：${m.text}` }))]}
            popupMatchSelectWidth={false}
          />
        ) : null}
        <Typography.Text type="secondary">
          <InboxOutlined /> 也可以把文件直接拖到这里；相同的文件只保存一份。
        </Typography.Text>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label="选择佐证材料文件"
          data-testid="evidence-file-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void send(files);
          }}
        />
      </Space>
      {progress ? (
        <div style={{ marginBottom: 8 }} role="status">
          <Typography.Text>
            正在上传 {progress.done + 1}/{progress.total}：{progress.current}
          </Typography.Text>
          <Progress percent={progress.percent} size="small" status="active" />
        </div>
      ) : null}
      {children}
      {over ? (
        <div
          style={{ position: 'absolute', inset: 0, background: 'rgba(29,91,184,0.08)', display: 'flex', alignItems: 'center', justifyContent: 'center', pointerEvents: 'none', fontSize: 18, color: '#1d5bb8' }}
        >
          松开鼠标即可上传
        </div>
      ) : null}
    </div>
  );
}
