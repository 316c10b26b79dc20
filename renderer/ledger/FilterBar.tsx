import { memo, useMemo, type Ref } from 'react';
import type { InputRef } from 'antd';
import { Checkbox, Input, InputNumber, Select, Space, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { CategoryInfo, LeaderInfo, UnitInfo } from '../../shared/domain/types';
import { PROBLEM_STATUSES } from '../../shared/domain/status';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { DUE_SOON_DAYS } from '../../shared/domain/urgency';
import { NO_LEAD_UNIT, type LedgerFilter } from './filter';

const toChineseNo = toChineseNumeral;
const STATUS_OPTIONS = PROBLEM_STATUSES.map((s) => ({ value: s, label: s }));

type Conditions = Omit<LedgerFilter, 'query'>;

/**
 * The filters beside the search box. Drawn again only when a condition or a list changes, not on every
 * keystroke in the search box (antd's selects are the costliest part of a keystroke's redraw).
 */
const Conditions = memo(function Conditions({
  conditions,
  onPatch,
  categories,
  units,
  leaders,
}: {
  conditions: Conditions;
  onPatch(patch: Partial<LedgerFilter>): void;
  categories: CategoryInfo[];
  units: UnitInfo[];
  leaders: LeaderInfo[];
}) {
  const unitOptions = useMemo(
    () => [...units.filter((u) => u.problemCount > 0).map((u) => ({ value: u.name, label: `${u.name}（${u.problemCount}）` })), { value: NO_LEAD_UNIT, label: NO_LEAD_UNIT }],
    [units],
  );
  const leaderOptions = useMemo(() => leaders.filter((l) => l.problemCount > 0).map((l) => ({ value: l.name, label: l.name })), [leaders]);
  const categoryOptions = useMemo(() => categories.map((c) => ({ value: c.id, label: `（${toChineseNo(c.no)}）${c.title}` })), [categories]);
  const f = conditions;
  return (
    <>
      <Select
        mode="multiple"
        allowClear
        aria-label="按状态筛选"
        placeholder="整改状态"
        value={f.statuses}
        onChange={(statuses) => onPatch({ statuses })}
        options={STATUS_OPTIONS}
        style={{ width: 124 }}
        maxTagCount="responsive"
      />
      <Select
        allowClear
        showSearch
        aria-label="按牵头单位筛选"
        placeholder="牵头单位"
        value={f.leadUnit ?? undefined}
        onChange={(v) => onPatch({ leadUnit: v ?? null })}
        options={unitOptions}
        style={{ width: 132 }}
        popupMatchSelectWidth={false}
        optionFilterProp="value"
      />
      <Select
        allowClear
        showSearch
        aria-label="按责任领导筛选"
        placeholder="责任领导"
        value={f.leader ?? undefined}
        onChange={(v) => onPatch({ leader: v ?? null })}
        options={leaderOptions}
        style={{ width: 132 }}
        optionFilterProp="value"
        popupMatchSelectWidth={false}
      />
      <Select
        allowClear
        aria-label="按类别筛选"
        placeholder="问题类别"
        value={f.categoryId ?? undefined}
        onChange={(v) => onPatch({ categoryId: v ?? null })}
        options={categoryOptions}
        style={{ width: 132 }}
        popupMatchSelectWidth={false}
      />
      <Checkbox checked={f.overdue} onChange={(e) => onPatch({ overdue: e.target.checked })}>
        逾期
      </Checkbox>
      <Space size={4}>
        <Checkbox
          checked={f.dueWithinDays != null}
          onChange={(e) => onPatch({ dueWithinDays: e.target.checked ? DUE_SOON_DAYS : null })}
          aria-label="只看即将到期"
        >
          到期于
        </Checkbox>
        <InputNumber
          size="small"
          min={0}
          max={365}
          aria-label="到期天数"
          value={f.dueWithinDays ?? DUE_SOON_DAYS}
          onChange={(v) => onPatch({ dueWithinDays: typeof v === 'number' ? v : DUE_SOON_DAYS })}
          style={{ width: 60 }}
        />
        <span>天内</span>
      </Space>
    </>
  );
});

/**
 * The search box and the filters above the table. The count of what is shown is always visible (the
 * clerk reads it out at meetings: “政治部牵头的 8 个问题里……”). `onPatch` changes some conditions of the
 * current filter; it should be one function for the life of the page.
 */
export function FilterBar({
  filter,
  onPatch,
  categories,
  units,
  leaders,
  shown,
  total,
  loadingRest,
  filtering,
  searchMode,
  searchError,
  searchRef,
}: {
  /** The search box, focused by Ctrl+F. */
  searchRef?: Ref<InputRef>;
  filter: LedgerFilter;
  onPatch(patch: Partial<LedgerFilter>): void;
  categories: CategoryInfo[];
  units: UnitInfo[];
  leaders: LeaderInfo[];
  shown: number;
  total: number;
  /** Only the first screen's rows are here: the count says the rest is loading. */
  loadingRest?: boolean;
  /** Whether `shown` is a filtered count (the filter the table shows, which may lag the box by a moment). */
  filtering: boolean;
  searchMode: string | null;
  searchError: string | null;
}) {
  const { query, ...rest } = filter;
  // One object while the conditions stay the same, so that the memoised selects are not drawn again.
  const conditions = useMemo<Conditions>(
    () => rest,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rest.statuses, rest.leadUnit, rest.leader, rest.categoryId, rest.overdue, rest.dueWithinDays],
  );
  return (
    <div className="filter-bar" role="search" aria-label="查找和筛选问题">
      <Input
        ref={searchRef}
        allowClear
        prefix={<SearchOutlined />}
        placeholder="搜索问题、措施、进展的文字或编号（Ctrl+F）"
        aria-label="搜索"
        value={query}
        onChange={(e) => onPatch({ query: e.target.value })}
        style={{ width: 230 }}
      />
      <Conditions conditions={conditions} onPatch={onPatch} categories={categories} units={units} leaders={leaders} />
      <Typography.Text className="filter-count" data-testid="filtered-count" aria-live="polite" strong>
        {loadingRest ? `正在载入全部 ${total} 个问题…` : filtering ? `显示 ${shown} / 共 ${total} 个问题` : `共 ${total} 个问题`}
      </Typography.Text>
      {searchError ? <Typography.Text type="danger">{searchError}</Typography.Text> : null}
      {searchMode === 'substring' ? <Typography.Text type="secondary">（一两个字按逐字查找）</Typography.Text> : null}
    </div>
  );
}
