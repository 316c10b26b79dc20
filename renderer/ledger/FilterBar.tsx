import { useMemo } from 'react';
import { Button, Checkbox, Input, InputNumber, Select, Space, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { CategoryInfo, LeaderInfo, UnitInfo } from '../../shared/domain/types';
import { PROBLEM_STATUSES } from '../../shared/domain/status';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { DUE_SOON_DAYS } from '../../shared/domain/urgency';
import { EMPTY_FILTER, isFiltering, NO_LEAD_UNIT, type LedgerFilter } from './filter';

const toChineseNo = toChineseNumeral;
const STATUS_OPTIONS = PROBLEM_STATUSES.map((s) => ({ value: s, label: s }));

/**
 * The search box and the filters above the table. The count of what is shown is always visible (the
 * clerk reads it out at meetings: “政治部牵头的 8 个问题里……”).
 */
export function FilterBar({
  filter,
  onChange,
  categories,
  units,
  leaders,
  shown,
  total,
  filtering,
  searchMode,
  searchError,
}: {
  filter: LedgerFilter;
  onChange(f: LedgerFilter): void;
  categories: CategoryInfo[];
  units: UnitInfo[];
  leaders: LeaderInfo[];
  shown: number;
  total: number;
  /** Whether `shown` is a filtered count (the filter the table shows, which may lag the box by a moment). */
  filtering: boolean;
  searchMode: string | null;
  searchError: string | null;
}) {
  const set = (patch: Partial<LedgerFilter>) => onChange({ ...filter, ...patch });
  const unitOptions = useMemo(
    () => [...units.filter((u) => u.problemCount > 0).map((u) => ({ value: u.name, label: `${u.name}（${u.problemCount}）` })), { value: NO_LEAD_UNIT, label: NO_LEAD_UNIT }],
    [units],
  );
  const leaderOptions = useMemo(() => leaders.filter((l) => l.problemCount > 0).map((l) => ({ value: l.name, label: l.name })), [leaders]);
  const categoryOptions = useMemo(() => categories.map((c) => ({ value: c.id, label: `（${toChineseNo(c.no)}）${c.title}` })), [categories]);
  return (
    <div className="filter-bar" role="search" aria-label="查找和筛选问题">
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder="搜索问题、措施、进展的文字或编号"
        aria-label="搜索"
        value={filter.query}
        onChange={(e) => set({ query: e.target.value })}
        style={{ width: 280 }}
      />
      <Select
        mode="multiple"
        allowClear
        aria-label="按状态筛选"
        placeholder="整改状态"
        value={filter.statuses}
        onChange={(statuses) => set({ statuses })}
        options={STATUS_OPTIONS}
        style={{ minWidth: 150 }}
        maxTagCount="responsive"
      />
      <Select
        allowClear
        showSearch
        aria-label="按牵头单位筛选"
        placeholder="牵头单位"
        value={filter.leadUnit ?? undefined}
        onChange={(v) => set({ leadUnit: v ?? null })}
        options={unitOptions}
        style={{ width: 170 }}
        optionFilterProp="value"
      />
      <Select
        allowClear
        showSearch
        aria-label="按责任领导筛选"
        placeholder="责任领导"
        value={filter.leader ?? undefined}
        onChange={(v) => set({ leader: v ?? null })}
        options={leaderOptions}
        style={{ width: 190 }}
        optionFilterProp="value"
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        aria-label="按类别筛选"
        placeholder="问题类别"
        value={filter.categoryId ?? undefined}
        onChange={(v) => set({ categoryId: v ?? null })}
        options={categoryOptions}
        style={{ width: 170 }}
        popupMatchSelectWidth={false}
      />
      <Checkbox checked={filter.overdue} onChange={(e) => set({ overdue: e.target.checked })}>
        逾期
      </Checkbox>
      <Space size={4}>
        <Checkbox
          checked={filter.dueWithinDays != null}
          onChange={(e) => set({ dueWithinDays: e.target.checked ? DUE_SOON_DAYS : null })}
          aria-label="只看即将到期"
        >
          到期于
        </Checkbox>
        <InputNumber
          size="small"
          min={0}
          max={365}
          aria-label="到期天数"
          value={filter.dueWithinDays ?? DUE_SOON_DAYS}
          onChange={(v) => set({ dueWithinDays: typeof v === 'number' ? v : DUE_SOON_DAYS })}
          style={{ width: 60 }}
        />
        <span>天内</span>
      </Space>
      {isFiltering(filter) ? (
        <Button size="small" onClick={() => onChange(EMPTY_FILTER)}>
          清除筛选
        </Button>
      ) : null}
      <Typography.Text className="filter-count" data-testid="filtered-count" aria-live="polite" strong>
        {filtering ? `显示 ${shown} / 共 ${total} 个问题` : `共 ${total} 个问题`}
      </Typography.Text>
      {searchError ? <Typography.Text type="danger">{searchError}</Typography.Text> : null}
      {searchMode === 'substring' ? <Typography.Text type="secondary">（一两个字按逐字查找）</Typography.Text> : null}
    </div>
  );
}
