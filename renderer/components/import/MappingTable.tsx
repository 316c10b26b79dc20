import { Select, Table, Tag, Typography } from 'antd';
import { COLUMN_ROLES, ROLE_LABELS, type ColumnRole, type ColumnView, type FileSummary } from '../../../shared/api/import';

const SOURCE_LABEL: Record<FileSummary['mappingSource'], { text: string; color: string }> = {
  detected: { text: '按表头和内容识别', color: 'default' },
  remembered: { text: '已按此前对同样表头的更正', color: 'blue' },
  edited: { text: '已按您的更正', color: 'gold' },
};

const OPTIONS = [{ value: '', label: '（不导入）' }, ...COLUMN_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))];

/** What each column of the sheet was taken to mean; the person may correct any of them. */
export function MappingTable({ summary, onChange }: { summary: FileSummary; onChange(col: number, role: ColumnRole | null): void }) {
  const source = SOURCE_LABEL[summary.mappingSource];
  return (
    <div data-testid="import-mapping">
      <Typography.Text type="secondary">
        列的含义 <Tag color={source.color}>{source.text}</Tag>
      </Typography.Text>
      <Table<ColumnView>
        size="small"
        rowKey="index"
        pagination={false}
        style={{ marginTop: 8, maxWidth: 640 }}
        dataSource={summary.columns}
        columns={[
          { title: '列', dataIndex: 'letter', width: 56 },
          { title: '表头', dataIndex: 'label', render: (v: string) => v || <Typography.Text type="secondary">（空）</Typography.Text> },
          {
            title: '导入为',
            dataIndex: 'role',
            width: 180,
            render: (role: ColumnRole | null, c) => (
              <Select
                size="small"
                style={{ width: 160 }}
                aria-label={`${c.letter}列导入为`}
                virtual={false}
                value={role ?? ''}
                options={OPTIONS}
                onChange={(v: string) => onChange(c.index, (v || null) as ColumnRole | null)}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
