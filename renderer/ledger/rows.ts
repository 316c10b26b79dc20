import type { CategoryInfo, TableProblem } from '../../shared/domain/types';

/** One line of the table: a category banner, or a problem (general, or specific beneath its general). */
export type GridRow =
  | { type: 'category'; key: string; category: CategoryInfo; count: number; collapsed: boolean }
  | { type: 'problem'; key: string; problem: TableProblem; depth: 0 | 1; childCount: number; collapsed: boolean };

export const categoryKey = (id: number) => `c${id}`;
export const problemKey = (id: number) => `p${id}`;

/**
 * The lines of the table for problems already in ledger order. Every category gets its banner when nothing
 * is filtered (so that an empty one can receive problems); with a filter only categories with matches do.
 * A collapsed category hides its problems, a collapsed general problem its specific ones.
 */
export function buildRows(
  problems: readonly TableProblem[],
  categories: readonly CategoryInfo[],
  collapsed: ReadonlySet<string>,
  filtering: boolean,
): GridRow[] {
  const byCategory = new Map<number, TableProblem[]>();
  for (const p of problems) {
    let list = byCategory.get(p.categoryId);
    if (!list) byCategory.set(p.categoryId, (list = []));
    list.push(p);
  }
  const children = new Map<number, number>();
  for (const p of problems) if (p.parentId != null) children.set(p.parentId, (children.get(p.parentId) ?? 0) + 1);

  const rows: GridRow[] = [];
  const banner = (category: CategoryInfo, list: TableProblem[]) => {
    const key = categoryKey(category.id);
    const isCollapsed = collapsed.has(key);
    rows.push({ type: 'category', key, category, count: list.length, collapsed: isCollapsed });
    if (isCollapsed) return;
    for (const p of list) {
      if (p.parentId != null && collapsed.has(problemKey(p.parentId))) continue;
      const key = problemKey(p.id);
      rows.push({
        type: 'problem',
        key,
        problem: p,
        depth: p.parentId == null ? 0 : 1,
        childCount: children.get(p.id) ?? 0,
        collapsed: collapsed.has(key),
      });
    }
  };
  for (const c of categories) {
    const list = byCategory.get(c.id) ?? [];
    if (filtering && list.length === 0) continue;
    banner(c, list);
  }
  return rows;
}
