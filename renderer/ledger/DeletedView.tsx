import { useState } from 'react';
import { Alert, App as AntApp, Button, List, Space, Table, Typography } from 'antd';
import type { CategoryInfo, ProblemSummary } from '../../shared/domain/types';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { call, errorMessage } from '../api';
import { useAsync } from '../components/useAsync';
import { shortTime } from './columns';

const categoryName = (c: { no: number; title: string }) => `（${toChineseNumeral(c.no)}）${c.title}`;

/**
 * 回收站: deleted categories (with or without problems) and deleted problems, restorable with their codes.
 * A deleted category comes back with the problems deleted with it.
 */
export function DeletedView({ version }: { version: number }) {
  const { message } = AntApp.useApp();
  const deleted = useAsync(
    () => Promise.all([call('problems.list', { onlyDeleted: true }), call('categories.list', { includeDeleted: true })]),
    [version],
  );
  const [selected, setSelected] = useState<number[]>([]);
  const [problems, categories] = deleted.value ?? [[], []];
  const deletedCategories = categories.filter((c) => c.deletedAt != null);
  const categoryById = new Map(categories.map((c) => [c.id, c]));

  const restore = async (ids: number[]) => {
    try {
      const r = await call('problems.restore', { ids });
      message.success(`已恢复 ${r.count} 个问题`);
      setSelected([]);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const restoreCategory = async (c: CategoryInfo) => {
    try {
      await call('categories.restore', { id: c.id });
      message.success(c.problemCount ? `已恢复类别“${c.title}”及与它一同删除的 ${c.problemCount} 个问题` : `已恢复类别“${c.title}”`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div className="deleted-view">
      <Typography.Paragraph type="secondary">
        删除的类别和问题保留在这里，编号不变；恢复后回到原来的位置。类别恢复时，与它一同删除的问题一并恢复；面上问题恢复时，与它一同删除的具体问题一并恢复。
      </Typography.Paragraph>
      {deleted.error ? <Alert type="error" showIcon title={deleted.error} /> : null}
      {deletedCategories.length > 0 ? (
        <List
          size="small"
          bordered
          style={{ marginBottom: 12 }}
          header={<Typography.Text strong>已删除的类别（{deletedCategories.length}）</Typography.Text>}
          dataSource={deletedCategories}
          data-testid="deleted-categories"
          renderItem={(c) => (
            <List.Item
              actions={[
                <Button key="restore" size="small" onClick={() => restoreCategory(c)} aria-label={`恢复类别${categoryName(c)}`}>
                  恢复
                </Button>,
              ]}
            >
              <Space size={16} wrap>
                <Typography.Text>{categoryName(c)}</Typography.Text>
                <Typography.Text type="secondary">{c.problemCount ? `与它一同删除的问题 ${c.problemCount} 个` : '类别下没有问题'}</Typography.Text>
                <Typography.Text type="secondary">删除于 {shortTime(c.deletedAt)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : null}
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" disabled={selected.length === 0} onClick={() => restore(selected)}>
          恢复所选问题（{selected.length}）
        </Button>
      </Space>
      <Table<ProblemSummary>
        size="small"
        rowKey="id"
        loading={deleted.loading}
        pagination={false}
        dataSource={problems}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        locale={{ emptyText: deletedCategories.length ? '没有单独删除的问题' : '回收站是空的' }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 90 },
          { title: '问题', dataIndex: 'text' },
          {
            title: '类别',
            key: 'cat',
            width: 220,
            render: (_, p) => `${categoryName({ no: p.categoryNo, title: p.categoryTitle })}${categoryById.get(p.categoryId)?.deletedAt ? '（已删除）' : ''}`,
          },
          { title: '删除时间', key: 'at', width: 130, render: (_, p) => shortTime(p.deletedAt) },
          {
            title: '',
            key: 'restore',
            width: 80,
            render: (_, p) => (
              <Button size="small" onClick={() => restore([p.id])} aria-label={`恢复 ${p.code}`}>
                恢复
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
