import type { CategoryInfo } from '../../shared/domain/types';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { COLUMNS } from './columns';
import { conditionLabel, type ColumnCondition } from './columnFilter';
import type { LedgerFilter } from './filter';
import type { SortOrder } from './sort';

/** What the table shows, in words, for the printed page's heading line. */
export function describeView(f: LedgerFilter, sort: SortOrder, categories: readonly CategoryInfo[]): string[] {
  const out: string[] = [];
  if (f.query.trim()) out.push(`搜索“${f.query.trim()}”`);
  if (f.statuses.length) out.push(`整改状态：${f.statuses.join('、')}`);
  if (f.leadUnit) out.push(`牵头单位：${f.leadUnit}`);
  if (f.leader) out.push(`责任领导：${f.leader}`);
  if (f.categoryId != null) {
    const c = categories.find((x) => x.id === f.categoryId);
    if (c) out.push(`类别（${toChineseNumeral(c.no)}）`);
  }
  if (f.overdue) out.push('逾期');
  if (f.dueWithinDays != null) out.push(`${f.dueWithinDays} 天内到期`);
  for (const [key, cond] of Object.entries(f.columns) as [string, ColumnCondition][]) {
    out.push(conditionLabel(COLUMNS.find((c) => c.key === key)?.title ?? key, cond));
  }
  if (sort) out.push(`按“${COLUMNS.find((c) => c.key === sort.key)?.title}”${sort.dir === 'asc' ? '升序' : '降序'}`);
  return out;
}
