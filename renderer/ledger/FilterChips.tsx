import { Button, Tag } from 'antd';
import { COLUMNS, type ColumnKey } from './columns';
import { conditionLabel, type ColumnConditions } from './columnFilter';
import type { SortOrder } from './sort';

const titleOf = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)?.title ?? key;

/**
 * The conditions set from column headers, each removable, the sort (with the hierarchy note), and 清除筛选
 * while anything filters (on this line, not the filter bar's: there it pushed the count onto a line of its
 * own at 1366×768).
 */
export function FilterChips({
  conditions,
  sort,
  onRemove,
  onUnsort,
  onClearFilters,
}: {
  conditions: ColumnConditions;
  sort: SortOrder;
  onRemove(key: ColumnKey): void;
  onUnsort(): void;
  /** Clears every filter (not the sort); null when nothing filters. */
  onClearFilters: (() => void) | null;
}) {
  const entries = Object.entries(conditions) as [ColumnKey, NonNullable<ColumnConditions[ColumnKey]>][];
  if (entries.length === 0 && !sort && !onClearFilters) return null;
  return (
    <div className="filter-chips" aria-label="生效的筛选和排序">
      {sort ? (
        <Tag color="blue" closable onClose={onUnsort} closeIcon={<span aria-label="恢复原顺序">×</span>}>
          按“{titleOf(sort.key)}”{sort.dir === 'asc' ? '升序' : '降序'}：层级已平铺显示，编号不变
        </Tag>
      ) : null}
      {entries.map(([key, cond]) => (
        <Tag key={key} closable onClose={() => onRemove(key)} closeIcon={<span aria-label={`取消“${titleOf(key)}”的筛选`}>×</span>}>
          {conditionLabel(titleOf(key), cond)}
        </Tag>
      ))}
      {onClearFilters ? (
        <Button size="small" onClick={onClearFilters}>
          清除筛选
        </Button>
      ) : null}
    </div>
  );
}
