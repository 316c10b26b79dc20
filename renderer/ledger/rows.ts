import type { CategoryInfo, ProblemSummary } from '../../shared/domain/types';

/** One line of the table: a category banner, or a problem (general, or specific beneath its general). */
export type GridRow =
  | { type: 'category'; key: string; category: CategoryInfo; count: number; collapsed: boolean }
  | { type: 'problem'; key: string; problem: ProblemSummary; depth: 0 | 1; childCount: number; collapsed: boolean };

export const categoryKey = (id: number) => `c${id}`;
export const problemKey = (id: number) => `p${id}`;

/**
 * The lines of the table for problems already in ledger order. Every category gets its banner when nothing
 * is filtered (so that an empty one can receive problems); with a filter only categories with matches do.
 * A collapsed category hides its problems, a collapsed general problem its specific ones.
 */
export function buildRows(
  problems: readonly ProblemSummary[],
  categories: readonly CategoryInfo[],
  collapsed: ReadonlySet<string>,
  filtering: boolean,
): GridRow[] {
  const byCategory = new Map<number, ProblemSummary[]>();
  for (const p of problems) {
    let list = byCategory.get(p.categoryId);
    if (!list) byCategory.set(p.categoryId, (list = []));
    list.push(p);
  }
  const children = new Map<number, number>();
  for (const p of problems) if (p.parentId != null) children.set(p.parentId, (children.get(p.parentId) ?? 0) + 1);

  const rows: GridRow[] = [];
  const known = new Set(categories.map((c) => c.id));
  const banner = (category: CategoryInfo, list: ProblemSummary[]) => {
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
  // Problems of a category the list does not know yet (a reload in between) still show.
  for (const [id, list] of byCategory) {
    if (known.has(id)) continue;
    const p = list[0]!;
    banner({ id, roundId: p.roundId, no: p.categoryNo, title: p.categoryTitle, sort: Number.MAX_SAFE_INTEGER, problemCount: list.length }, list);
  }
  return rows;
}
