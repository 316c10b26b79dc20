import { useState } from 'react';
import { Button, Form, Input, Radio, Space, Switch, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { SheetExportRequest } from '../../../shared/api/export';
import { AsOfField } from './AsOfField';
import { usePreview } from './usePreview';
import { useExportRun } from './useExportRun';

const FILLER_KEY = 'export.filler';

/** 台账总表: the whole ledger in the office layout, for printing and sending up. */
export function LedgerSection({ asOf, setAsOf }: { asOf: string; setAsOf: (d: string) => void }) {
  const [layout, setLayout] = useState<'rows' | 'cell'>('rows');
  const [publicOnly, setPublicOnly] = useState(false);
  const [filler, setFiller] = useState(() => localStorage.getItem(FILLER_KEY) ?? '');
  const request: SheetExportRequest = { kind: 'ledger', asOf, layout, publicOnly, filler: filler.trim() || undefined };
  const preview = usePreview({ kind: 'ledger', asOf, layout, publicOnly });
  const { run, busy, status } = useExportRun('台账总表');
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">
        按常用台账格式导出全部问题：标题、填报单位与时间、两行表头，类别标题行，编号、问题、整改措施、责任领导、牵头与配合单位、整改时限、完成状态、最新进展、材料份数。A4
        横向打印，每页重复表头并带页码。
      </Typography.Paragraph>
      <AsOfField label="填报时间" value={asOf} onChange={setAsOf} />
      <Form.Item label="填报单位（可不填，打印后手写）">
        <Input
          aria-label="填报单位"
          value={filler}
          maxLength={100}
          placeholder="例如：局办公室（巡察整改工作领导小组办公室）"
          onChange={(e) => {
            setFiller(e.target.value);
            localStorage.setItem(FILLER_KEY, e.target.value);
          }}
        />
      </Form.Item>
      <Form.Item label="整改措施的排列">
        <Radio.Group value={layout} onChange={(e) => setLayout(e.target.value as 'rows' | 'cell')}>
          <Space orientation="vertical">
            <Radio value="rows">每项措施一行，问题各栏向下合并（常见的总台账样式）</Radio>
            <Radio value="cell">全部措施写在同一单元格（1.… 2.…），每个问题一行</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item label="仅导出可公开的问题">
        <Switch aria-label="仅导出可公开的问题" checked={publicOnly} onChange={setPublicOnly} />
      </Form.Item>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="export-preview">
          {preview.value ? `共 ${preview.value.problems} 个问题、${preview.value.measures} 项措施，${preview.value.rows} 行。文件名：${preview.value.fileName}` : preview.error ?? '…'}
        </Typography.Text>
        <Button type="primary" icon={<DownloadOutlined />} loading={busy} disabled={!preview.value} onClick={() => preview.value && run(request, preview.value)}>
          导出台账总表
        </Button>
        {status}
      </Space>
    </Form>
  );
}
