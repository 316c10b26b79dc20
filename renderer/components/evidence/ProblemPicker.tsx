import { useMemo, useState } from 'react';
import { Alert, Badge, Input, List, Segmented, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { ProblemSummary } from '../../../shared/domain/types';
import { StatusTag } from '../StatusTag';

type Filter = 'all' | 'missing' | '待销号' | '已销号';

/**
 * The problems of the round, to pick one: searched by code or text, filtered to the completed ones that
 * lack evidence (what an inspection office asks about first) or to the sign-off states.
 */
export function ProblemPicker({
  problems,
  missingIds,
  selectedId,
  onSelect,
}: {
  problems: ProblemSummary[];
  missingIds: Set<number>;
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return problems.filter((p) => {
      if (filter === 'missing' && !missingIds.has(p.id)) return false;
      if ((filter === '待销号' || filter === '已销号') && p.workflow !== filter) return false;
      return !q || p.code.startsWith(q) || p.text.toLowerCase().includes(q);
    });
  }, [problems, missingIds, query, filter]);
  const count = (w: string) => problems.filter((p) => p.workflow === w).length;

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 8 }}>
      {missingIds.size > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="missing-evidence-summary"
          message={
            <span>
              有 <b>{missingIds.size}</b> 个已完成的问题还没有佐证材料文件。
              <Typography.Link onClick={() => setFilter('missing')}>只看这些</Typography.Link>
            </span>
          }
        />
      ) : null}
      <Input.Search allowClear placeholder="按编号或问题内容查找" aria-label="查找问题" value={query} onChange={(e) => setQuery(e.target.value)} />
      <Segmented<Filter>
        block
        size="small"
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: `全部 ${problems.length}` },
          { value: 'missing', label: `缺材料 ${missingIds.size}` },
          { value: '待销号', label: `待销号 ${count('待销号')}` },
          { value: '已销号', label: `已销号 ${count('已销号')}` },
        ]}
      />
      <div style={{ flex: 1, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 4 }}>
        <List
          size="small"
          dataSource={shown}
          locale={{ emptyText: '没有符合条件的问题' }}
          renderItem={(p) => (
            <List.Item
              key={p.id}
              onClick={() => onSelect(p.id)}
              aria-selected={p.id === selectedId}
              data-code={p.code}
              style={{ cursor: 'pointer', background: p.id === selectedId ? '#e6f0ff' : undefined, paddingInline: 10, alignItems: 'flex-start' }}
            >
              <div style={{ width: '100%' }}>
                <div style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
                  <Typography.Text strong style={{ minWidth: 44 }}>
                    {p.code}
                  </Typography.Text>
                  <StatusTag status={p.status} />
                  <span style={{ marginInlineStart: 'auto', color: missingIds.has(p.id) ? '#cf1322' : '#8c8c8c', whiteSpace: 'nowrap' }} title="佐证材料数">
                    <PaperClipOutlined /> <Badge count={p.evidenceCount} showZero color={missingIds.has(p.id) ? '#cf1322' : '#bfbfbf'} size="small" />
                  </span>
                </div>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13, paddingInlineStart: p.kind === 'specific' ? 12 : 0 }}>
                  {p.text}
                </Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      </div>
    </div>
  );
}
