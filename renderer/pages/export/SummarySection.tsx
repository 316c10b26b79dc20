import { useState } from 'react';
import { Button, Form, Space, Switch, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { SheetExportRequest } from '../../../shared/api/export';
import { useLedger } from '../../ledger-context';
import { AsOfField } from './AsOfField';
import { usePreview } from './usePreview';
import { useExportRun } from './useExportRun';

/** 汇总表: the figures for the Party-group meeting, and the unfinished and overdue problems. */
export function SummarySection({ asOf, setAsOf }: { asOf: string; setAsOf: (d: string) => void }) {
  const { info } = useLedger();
  const [publicOnly, setPublicOnly] = useState(false);
  const request: SheetExportRequest = { kind: 'summary', asOf, publicOnly };
  const preview = usePreview(request);
  const { run, busy, status } = useExportRun('汇总表');
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">
        党组会用的汇总表：按问题类别、按牵头单位统计面上问题和具体问题（总数、期内应完成、期内已完成、阶段性整改率、期外已完成、期外正在推进、逾期），另附未完成及逾期问题清单。
        数字与“统计”页同一日期的数字完全一致。集中整改期截至 {info?.round?.periodEnd ?? '（未设置，按统计日期计）'}。
      </Typography.Paragraph>
      <AsOfField label="统计截至" value={asOf} onChange={setAsOf} />
      <Form.Item label="仅统计可公开的问题">
        <Switch aria-label="仅统计可公开的问题" checked={publicOnly} onChange={setPublicOnly} />
      </Form.Item>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="export-preview">
          {preview.value ? `共 ${preview.value.problems} 个问题，汇总表与清单共 ${preview.value.rows} 行。文件名：${preview.value.fileName}` : preview.error ?? '…'}
        </Typography.Text>
        <Button type="primary" icon={<DownloadOutlined />} loading={busy} disabled={!preview.value} onClick={() => preview.value && run(request, preview.value)}>
          导出汇总表
        </Button>
        {status}
      </Space>
    </Form>
  );
}
