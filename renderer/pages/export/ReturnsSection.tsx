import { useState } from 'react';
import { Alert, Button, Form, Select, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { SheetExportRequest } from '../../../shared/api/export';
import { call } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../../components/useAsync';
import { usePreview } from './usePreview';
import { useExportRun } from './useExportRun';

/** 回执模板: one workbook per lead unit for it to fill in and send back. */
export function ReturnsSection({ asOf }: { asOf: string }) {
  const { version } = useLedger();
  const [units, setUnits] = useState<string[]>([]);
  const choices = useAsync(() => call('export.choices', {}), [version]);
  const request: SheetExportRequest = { kind: 'returns', asOf, units };
  const preview = usePreview(request);
  const { run, busy, status } = useExportRun('回执模板');
  const all = choices.value?.units ?? [];
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">
        为每个牵头单位生成一个回执模板，只含该单位牵头的问题。编号、问题、整改措施、整改时限已锁定；完成状态（下拉选择）、完成日期、整改进展、佐证材料、备注由单位填写。
        单位报回后在“导入”页导入：按模板中隐藏的标识逐行对应，模板下发后台账中又改过的问题会提示核对。
      </Typography.Paragraph>
      <Form.Item label="牵头单位（不选则为全部单位）">
        <Select
          mode="multiple"
          aria-label="牵头单位"
          allowClear
          placeholder={`全部 ${all.length} 个牵头单位`}
          value={units}
          onChange={setUnits}
          options={all.map((u) => ({ value: u.unit, label: `${u.unit}（${u.problems}）` }))}
          optionFilterProp="value"
        />
      </Form.Item>
      {choices.value && choices.value.withoutUnit > 0 ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={`有 ${choices.value.withoutUnit} 个问题没有指定牵头单位，不会出现在任何回执模板中。`} />
      ) : null}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text data-testid="export-preview">
          {preview.value
            ? `${preview.value.files} 个单位、${preview.value.problems} 个问题。${preview.value.files > 1 ? '多个单位的模板打包为一个 .zip 文件。' : ''}文件名：${preview.value.fileName}`
            : preview.error ?? '…'}
        </Typography.Text>
        <Button type="primary" icon={<DownloadOutlined />} loading={busy} disabled={!preview.value} onClick={() => preview.value && run(request, preview.value)}>
          导出回执模板
        </Button>
        {status}
      </Space>
    </Form>
  );
}
