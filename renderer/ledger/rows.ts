import type { CategoryInfo, TableProblem } from '../../shared/domain/types';

/** One line of the table: a category banner, or a problem (general, or specific beneath its general). */
export type GridRow =
  | { type: 'category'; key: string; category: CategoryInfo; count: number; collapsed: boolean }
  | { type: 'problem'; key: string; problem: TableProblem; depth: 0 | 1; childCount: number; collapsed: boolean };

export const categoryKey = (id: number) => `c${id}`;
export const problemKey = (id: number) => `p${id}`;

type ProblemLine = Extract<GridRow, { type: 'problem' }>;
export type ProblemLineOf = (problem: TableProblem, depth: 0 | 1, childCount: number, collapsed: boolean) => ProblemLine;

const newLine: ProblemLineOf = (problem, depth, childCount, collapsed) => ({ type: 'problem', key: problemKey(problem.id), problem, depth, childCount, collapsed });

/**
 * Lines kept per problem object: while a problem and how it is shown stay the same, each filtering gives the
 * same line object back, so that 10,000 lines are not made again on every keystroke in the search box and
 * the table's memoised rows compare by identity.
 */
export function keptLines(): ProblemLineOf {
  const kept = new WeakMap<TableProblem, ProblemLine>();
  return (problem, depth, childCount, collapsed) => {
    const line = kept.get(problem);
    if (line && line.depth === depth && line.childCount === childCount && line.collapsed === collapsed) return line;
    const made = newLine(problem, depth, childCount, collapsed);
    kept.set(problem, made);
    return made;
  };
}

/** Where a line is, by key. */
export interface KeyIndex {
  get(key: string): number | undefined;
}

const indexes = new WeakMap<readonly GridRow[], KeyIndex>();

/**
 * Where each line is, by key; one index per list of lines, whoever asks. Each filtering or sorting makes
 * a new list, and a table asks where a few lines are (the active cell's, the one being edited): those are
 * found by a scan (1 ms at 100,000 lines) and remembered; a map of every key (30 ms at 100,000, on every
 * keystroke) is made only for a list asked about many keys.
 */
export function indexOfKeys(rows: readonly GridRow[]): KeyIndex {
  let index = indexes.get(rows);
  if (!index) indexes.set(rows, (index = lazyIndex(rows)));
  return index;
}

function lazyIndex(rows: readonly GridRow[]): KeyIndex {
  let all: Map<string, number> | null = null;
  const found = new Map<string, number | undefined>();
  return {
    get(key) {
      if (all) return all.get(key);
      if (found.has(key)) return found.get(key);
      if (found.size >= 8) {
        all = new Map(rows.map((r, i) => [r.key, i]));
        return all.get(key);
      }
      let at: number | undefined;
      for (let i = 0; i < rows.length; i++) {
        if (rows[i]!.key === key) {
          at = i;
          break;
        }
      }
      found.set(key, at);
      return at;
    },
  };
}

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
  lineOf: ProblemLineOf = newLine,
  /** Only the first rows are here (the rest is loading): banners only above them, counting all of theirs. */
  partial = false,
): GridRow[] {
  const byCategory = new Map<number, TableProblem[]>();
  const children = new Map<number, number>();
  for (const p of problems) {
    let list = byCategory.get(p.categoryId);
    if (!list) byCategory.set(p.categoryId, (list = []));
    list.push(p);
    if (p.parentId != null) children.set(p.parentId, (children.get(p.parentId) ?? 0) + 1);
  }
  // The folded problems by id (a few): no key is made per line to look them up (at 100,000 lines that
  // was most of a filter's time).
  const folded = new Set<number>();
  for (const key of collapsed) if (key.startsWith('p')) folded.add(Number(key.slice(1)));

  const rows: GridRow[] = [];
  const banner = (category: CategoryInfo, list: TableProblem[]) => {
    const key = categoryKey(category.id);
    const isCollapsed = collapsed.has(key);
    rows.push({ type: 'category', key, category, count: partial && !filtering ? category.problemCount : list.length, collapsed: isCollapsed });
    if (isCollapsed) return;
    const anyFolded = folded.size > 0;
    for (const p of list) {
      if (anyFolded && p.parentId != null && folded.has(p.parentId)) continue;
      rows.push(lineOf(p, p.parentId == null ? 0 : 1, children.get(p.id) ?? 0, anyFolded && folded.has(p.id)));
    }
  };
  for (const c of categories) {
    const list = byCategory.get(c.id) ?? [];
    if ((filtering || partial) && list.length === 0) continue;
    banner(c, list);
  }
  return rows;
}

/**
 * The lines of a sorted table: problems only, no banners, none folded (the hierarchy is flattened while
 * sorted; the page says so, and each line keeps its code and its 面上 mark).
 */
export function buildFlatRows(problems: readonly TableProblem[], lineOf: ProblemLineOf = newLine): GridRow[] {
  return problems.map((p) => lineOf(p, 0, 0, false));
}

/** What a list of lines was made of. */
interface LinesOf {
  problems: readonly TableProblem[];
  categories: readonly CategoryInfo[];
  collapsed: ReadonlySet<string>;
  filtering: boolean;
  partial: boolean;
  flat: boolean;
}

export type LineLists = (ask: LinesOf & { all: readonly TableProblem[] }) => GridRow[];

/**
 * The table's lines, kept for the last few lists of problems shown: a keystroke back to a query answered a
 * moment ago (⌫ from “12” to “1”: every problem again) or 清除筛选 gives back the lines made then instead of
 * making 100,000 again (and the virtual list placing them again). Kept only while the rows are the same
 * (`all`, the table's list): a reload drops them, so no earlier rows are held. Lines of a sorted table
 * (every problem at the top level) can be kept apart (`flatLineOf`): made with the same `lineOf`, a sort
 * and its undoing would each make most lines anew (100,000 objects at a click, then their collection).
 */
export function keptLineLists(lineOf: ProblemLineOf, size = 3, flatLineOf: ProblemLineOf = lineOf): LineLists {
  let all: readonly TableProblem[] | null = null;
  let kept: (LinesOf & { rows: GridRow[] })[] = [];
  return (ask) => {
    if (ask.all !== all) {
      all = ask.all;
      kept = [];
    }
    const at = kept.findIndex(
      (k) => k.problems === ask.problems && k.categories === ask.categories && k.collapsed === ask.collapsed && k.filtering === ask.filtering && k.partial === ask.partial && k.flat === ask.flat,
    );
    if (at >= 0) {
      const [k] = kept.splice(at, 1);
      kept.unshift(k!);
      return k!.rows;
    }
    const rows = ask.flat ? buildFlatRows(ask.problems, flatLineOf) : buildRows(ask.problems, ask.categories, ask.collapsed, ask.filtering, lineOf, ask.partial);
    const { problems, categories, collapsed, filtering, partial, flat } = ask;
    kept.unshift({ problems, categories, collapsed, filtering, partial, flat, rows });
    kept.length = Math.min(kept.length, size);
    return rows;
  };
}
