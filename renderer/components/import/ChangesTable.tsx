import { useState } from 'react';
import { Checkbox, Segmented, Table, Tag, Typography } from 'antd';
import type { RowChange } from '../../../shared/api/import';
import type { CellIssue } from '../../../shared/domain/issues';

const ACTION: Record<RowChange['action'], { text: string; color: string }> = {
  add: { text: '新增', color: 'green' },
  update: { text: '更新', color: 'blue' },
  unchanged: { text: '未变', color: 'default' },
  skip: { text: '待确认', color: 'orange' },
  error: { text: '有错误', color: 'red' },
};

const MATCH: Partial<Record<RowChange['match'], string>> = { template: '按回执模板', code: '按编号', text: '按问题内容', similar: '内容相似' };

type Filter = 'changed' | 'all' | 'unchanged';

/** Row by row: what the file would add or change, field by field against the ledger. */
export function ChangesTable({ changes, errors, confirmed, onConfirm }: { changes: RowChange[]; errors: CellIssue[]; confirmed: number[]; onConfirm(row: number, yes: boolean): void }) {
  const [filter, setFilter] = useState<Filter>('changed');
  const shown = changes.filter((c) => (filter === 'all' ? true : filter === 'unchanged' ? c.action === 'unchanged' : c.action !== 'unchanged'));
  const count = (f: Filter) => changes.filter((c) => (f === 'all' ? true : f === 'unchanged' ? c.action === 'unchanged' : c.action !== 'unchanged')).length;
  return (
    <div data-testid="import-changes">
      <Segmented<Filter>
        size="small"
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'changed', label: `有变化（${count('changed')}）` },
          { value: 'unchanged', label: `未变（${count('unchanged')}）` },
          { value: 'all', label: `全部（${count('all')}）` },
        ]}
      />
      <Table<RowChange>
        size="small"
        rowKey={(c) => `${c.sheet}:${c.row}`}
        style={{ marginTop: 8 }}
        dataSource={shown}
        pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: '行', dataIndex: 'row', width: 56 },
          { title: '编号', dataIndex: 'code', width: 80, render: (v: string | null) => v ?? '—' },
          {
            title: '问题',
            dataIndex: 'text',
            ellipsis: true,
            render: (v: string) => <Typography.Text title={v}>{v}</Typography.Text>,
          },
          {
            title: '结果',
            width: 190,
            render: (_, c) => (
              <span>
                <Tag color={ACTION[c.action].color}>{ACTION[c.action].text}</Tag>
                {MATCH[c.match] ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {MATCH[c.match]}
                    {c.similarity != null ? ` ${Math.round(c.similarity * 100)}%` : ''}
                  </Typography.Text>
                ) : null}
                {c.match === 'similar' ? (
                  <div>
                    <Checkbox checked={confirmed.includes(c.row)} onChange={(e) => onConfirm(c.row, e.target.checked)}>
                      是同一问题
                    </Checkbox>
                  </div>
                ) : null}
              </span>
            ),
          },
          {
            title: '变化',
            render: (_, c) =>
              c.action === 'error' ? (
                <Typography.Text type="danger">
                  {errors
                    .filter((e) => e.row === c.row && e.sheet === c.sheet)
                    .map((e) => e.message)
                    .join('；')}
                </Typography.Text>
              ) : c.changes.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {c.changes.map((f) => (
                    <li key={f.field}>
                      <Typography.Text strong>{f.label}：</Typography.Text>
                      {f.before ? (
                        <>
                          <Typography.Text delete type="secondary">
                            {f.before.length > 60 ? f.before.slice(0, 60) + '…' : f.before}
                          </Typography.Text>{' '}
                          →{' '}
                        </>
                      ) : null}
                      <Typography.Text>{f.after.length > 80 ? f.after.slice(0, 80) + '…' : f.after}</Typography.Text>
                    </li>
                  ))}
                </ul>
              ) : c.detailsLeftOut ? (
                <Typography.Text type="secondary">新增问题较多，只列出前 200 个的明细</Typography.Text>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
