import type { GridRow } from '../rows';

/** What the clerk folded on screen, as the printed rows show it: folded lines and the problems under them. */
export interface Folded {
  categories: number;
  generals: number;
  /** Problems of the view that the folded lines hide (not printed unless the preview unfolds them). */
  hiddenProblems: number;
}

/** The folds among the table's lines, for `count` problems in the view. */
export function foldedIn(rows: readonly GridRow[], count: number): Folded {
  let categories = 0;
  let generals = 0;
  let lines = 0;
  for (const r of rows) {
    if (r.type === 'category') {
      if (r.collapsed && r.count > 0) categories++;
    } else {
      lines++;
      if (r.collapsed && r.childCount > 0) generals++;
    }
  }
  return { categories, generals, hiddenProblems: count - lines };
}

/** “2 个类别、1 个面上问题”: what is folded, in words. */
export function foldedWords(f: Folded): string {
  const parts: string[] = [];
  if (f.categories) parts.push(`${f.categories} 个类别`);
  if (f.generals) parts.push(`${f.generals} 个面上问题`);
  return parts.join('、');
}
