import { Button, Card, Collapse, Descriptions, Select, Space, Tag, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { KIND_LABELS, type ColumnRole, type FileSummary } from '../../../shared/api/import';
import { IssueAlert } from '../IssueAlert';
import { MappingTable } from './MappingTable';
import { ChangesTable } from './ChangesTable';

export interface FilePreviewProps {
  summary: FileSummary;
  confirmed: number[];
  onKind(kind: 'ledger' | 'return'): void;
  onMapping(col: number, role: ColumnRole | null): void;
  onConfirm(row: number, yes: boolean): void;
  onRemove(): void;
  /** Save the rows with errors as a workbook to send back to the unit. */
  onSaveBadRows?(): void;
}

function Counts({ s }: { s: FileSummary }) {
  return (
    <Space size={4} wrap>
      {s.kind === 'ledger' && s.counts ? (
        <Tag>{`${s.counts.categories} 类 · 面上 ${s.counts.general} · 具体 ${s.counts.specific} · 措施 ${s.counts.measures}`}</Tag>
      ) : null}
      <Tag color="green">新增 {s.added}</Tag>
      <Tag color="blue">更新 {s.updated}</Tag>
      <Tag>未变 {s.unchanged}</Tag>
      {s.errors.length ? <Tag color="red">错误 {s.errors.length}</Tag> : null}
      {s.warnings.length ? <Tag color="orange">提示 {s.warnings.length}</Tag> : null}
    </Space>
  );
}

/** One file of an import: what was detected, its errors and warnings, the mapping, the row changes. */
export function FilePreview({ summary: s, confirmed, onKind, onMapping, onConfirm, onRemove, onSaveBadRows }: FilePreviewProps) {
  const sheetFile = s.kind !== 'report';
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="import-file"
      title={
        <Space wrap>
          <Typography.Text strong>{s.name}</Typography.Text>
          {sheetFile && s.sheet ? (
            <Select
              size="small"
              aria-label="文件类型"
              value={s.kind === 'ledger' ? 'ledger' : 'return'}
              style={{ width: 104 }}
              options={[
                { value: 'ledger', label: KIND_LABELS.ledger },
                { value: 'return', label: KIND_LABELS.return },
              ]}
              onChange={onKind}
            />
          ) : (
            <Tag>{KIND_LABELS[s.kind]}</Tag>
          )}
          <Counts s={s} />
        </Space>
      }
      extra={<Button type="text" size="small" icon={<CloseOutlined />} aria-label={`移除 ${s.name}`} onClick={onRemove} />}
    >
      {s.sheet || s.unit || s.reportDate ? (
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginBottom: 12 }}>
          {s.sheet ? <Descriptions.Item label="工作表">{s.sheet}</Descriptions.Item> : null}
          {s.headerRows ? <Descriptions.Item label="表头">{s.headerRows[0] === s.headerRows[1] ? `第${s.headerRows[0]}行` : `第${s.headerRows[0]}–${s.headerRows[1]}行`}</Descriptions.Item> : null}
          <Descriptions.Item label="填报单位">{s.unit ? `${s.unit}${s.unitSource ? `（取自${s.unitSource}）` : ''}` : '未识别'}</Descriptions.Item>
          <Descriptions.Item label="填报日期">{s.reportDate ? `${s.reportDate}${s.reportDateSource ? `（取自${s.reportDateSource}）` : ''}` : '—'}</Descriptions.Item>
          {s.kindReason ? (
            <Descriptions.Item label={`为何按${KIND_LABELS[s.kind]}导入`} span={4}>
              {s.kindReason}（不对时，请在上方“文件类型”中改选）
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
      <IssueAlert issues={s.errors} type="error" title="有错误，不能导入" />
      {s.badRows.length && s.skippable ? (
        <Space style={{ marginBottom: 12 }} wrap>
          <Typography.Text type="secondary">
            有错误的行：第 {s.badRows.join('、')} 行起的 {s.badRows.length} 个问题（可跳过它们，导入其余 {s.rows - s.badRows.length} 行）
          </Typography.Text>
          {onSaveBadRows ? (
            <Button size="small" onClick={onSaveBadRows}>
              将有错误的行另存为工作簿
            </Button>
          ) : null}
        </Space>
      ) : null}
      <IssueAlert issues={s.warnings} type="warning" title="请核对" />
      {s.columns.length ? (
        <Collapse
          size="small"
          style={{ marginBottom: 12 }}
          defaultActiveKey={s.errors.some((e) => e.code === 'NO_KEY_COLUMNS') || s.mappingSource !== 'detected' ? ['mapping'] : []}
          items={[{ key: 'mapping', label: `列的含义（${s.columns.filter((c) => c.role).length}/${s.columns.length} 列导入）`, children: <MappingTable summary={s} onChange={onMapping} /> }]}
        />
      ) : null}
      {s.changes.length ? <ChangesTable changes={s.changes} errors={s.errors} confirmed={confirmed} onConfirm={onConfirm} /> : null}
    </Card>
  );
}
