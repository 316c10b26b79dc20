import { useState } from 'react';
import { Alert, App as AntApp, Button, Space, Table, Typography } from 'antd';
import type { CategoryInfo, ProblemSummary } from '../../shared/domain/types';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { call, errorMessage } from '../api';
import { useAsync } from '../components/useAsync';
import { shortTime } from './columns';

/** 回收站: deleted problems (and the categories deleted with them), restorable with their codes. */
export function DeletedView({ version, categories }: { version: number; categories: CategoryInfo[] }) {
  const { message } = AntApp.useApp();
  const deleted = useAsync(() => call('problems.list', { onlyDeleted: true }), [version]);
  const [selected, setSelected] = useState<number[]>([]);
  const live = new Set(categories.map((c) => c.id));
  const lostCategories = new Map<number, ProblemSummary>();
  for (const p of deleted.value ?? []) if (!live.has(p.categoryId) && !lostCategories.has(p.categoryId)) lostCategories.set(p.categoryId, p);

  const restore = async (ids: number[]) => {
    try {
      const r = await call('problems.restore', { ids });
      message.success(`已恢复 ${r.count} 个问题`);
      setSelected([]);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const restoreCategory = async (id: number, title: string) => {
    try {
      await call('categories.restore', { id });
      message.success(`已恢复类别“${title}”及与它一同删除的问题`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div className="deleted-view">
      <Typography.Paragraph type="secondary">
        删除的问题保留在这里，编号不变；恢复后回到原来的位置。面上问题恢复时，与它一同删除的具体问题一并恢复。
      </Typography.Paragraph>
      {deleted.error ? <Alert type="error" showIcon message={deleted.error} /> : null}
      {[...lostCategories.values()].map((p) => (
        <Alert
          key={p.categoryId}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={`类别（${toChineseNumeral(p.categoryNo)}）${p.categoryTitle} 已被删除`}
          action={
            <Button size="small" onClick={() => restoreCategory(p.categoryId, p.categoryTitle)}>
              恢复该类别
            </Button>
          }
        />
      ))}
      <Space style={{ marginBottom: 8 }}>
        <Button type="primary" disabled={selected.length === 0} onClick={() => restore(selected)}>
          恢复所选（{selected.length}）
        </Button>
      </Space>
      <Table<ProblemSummary>
        size="small"
        rowKey="id"
        loading={deleted.loading}
        pagination={false}
        dataSource={deleted.value ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        locale={{ emptyText: '回收站是空的' }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 90 },
          { title: '问题', dataIndex: 'text' },
          { title: '类别', key: 'cat', width: 200, render: (_, p) => `（${toChineseNumeral(p.categoryNo)}）${p.categoryTitle}` },
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
