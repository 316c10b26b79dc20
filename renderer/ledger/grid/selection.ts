import type { GridRow } from '../rows';

/** The ids of the problems on the lines between a and b (either order, both included; banners skipped). */
export function problemRowsBetween(rows: readonly GridRow[], a: number, b: number): number[] {
  const ids: number[] = [];
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) {
    const r = rows[i];
    if (r?.type === 'problem') ids.push(r.problem.id);
  }
  return ids;
}

/** The selection after a click on a line: Shift extends from the anchor, Ctrl toggles, a plain click takes one. */
export function selectionAfterClick(
  rows: readonly GridRow[],
  index: number,
  anchorIndex: number | null,
  selection: ReadonlySet<number>,
  how: { shift: boolean; ctrl: boolean },
): ReadonlySet<number> {
  const row = rows[index];
  if (row?.type !== 'problem') return new Set();
  const id = row.problem.id;
  if (how.shift) return new Set(problemRowsBetween(rows, anchorIndex ?? index, index));
  if (how.ctrl) {
    const next = new Set(selection);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  }
  return new Set([id]);
}
