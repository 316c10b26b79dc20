import { useState } from 'react';
import { App, Button, Card, Space, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ReportImportPreview } from '../../../shared/domain/report';
import { call, errorMessage, fileToBase64 } from '../../api';
import { IssueAlert } from '../IssueAlert';
import { ReportUnderstood } from './ReportUnderstood';

interface Chosen {
  name: string;
  base64: string;
  preview: ReportImportPreview;
}

/**
 * 导入整改进展情况公布: choose a .txt/.docx report, see what was understood and every line that was not,
 * then import it as a new round (or into the empty current round).
 */
export function ReportImportSection() {
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (file: File) => {
    setBusy(true);
    try {
      const base64 = await fileToBase64(file);
      const preview = await call('report.previewImport', { name: file.name, base64 });
      setChosen({ name: file.name, base64, preview });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      const r = await call('report.commitImport', { name: chosen.name, base64: chosen.base64 });
      message.success(`已导入“${chosen.name}”：${r.counts.general} 个面上问题、${r.counts.specific} 个具体问题、${r.measures} 项措施`);
      setChosen(null);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const p = chosen?.preview;
  const unit = p?.report.lineUnit ?? '行';
  return (
    <Card title="整改进展情况公布（.txt / .docx）" data-testid="report-import">
      <Typography.Paragraph type="secondary">
        把已发布的整改进展情况公布读入台账：按文中的编号层次（一、（一）1.（1）①，一是…二是…）读出类别、问题和整改措施，有“整改情况：”等标注时也用上；写明了整改结果的照录，没写的记为“未注明”；公布的总体数字保存在轮次中。读不懂的内容会保留并逐行列出。
      </Typography.Paragraph>
      {!p ? (
        <Upload.Dragger
          accept=".txt,.docx"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void choose(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击选择或拖入进展情况公布文件</p>
          <p className="ant-upload-hint">支持 .txt（UTF-8 或 GBK）和 .docx；.doc、.wps、.pdf 请先另存为 .docx</p>
        </Upload.Dragger>
      ) : (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {chosen!.name}
          </Typography.Title>
          <IssueAlert issues={p.summary.errors} type="error" title="有错误，不能导入" place={(i) => (i.row != null ? `第${i.row}${unit}` : '')} testIdPrefix="report" />
          <IssueAlert issues={p.summary.warnings} type="warning" title="请核对" place={(i) => (i.row != null ? `第${i.row}${unit}` : '')} testIdPrefix="report" />
          {p.counts.general + p.counts.specific > 0 || p.report.statedFigures.length > 0 ? <ReportUnderstood preview={p} /> : null}
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" onClick={commit} loading={busy} disabled={p.summary.errors.length > 0}>
              导入
            </Button>
            <Button onClick={() => setChosen(null)} disabled={busy}>
              取消
            </Button>
          </Space>
        </>
      )}
    </Card>
  );
}
