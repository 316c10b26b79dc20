import { useEffect, useRef } from 'react';
import type { GridState } from './useGridState';

/** Which problems are shown: a Set, the table's map by id, or `shownIdSet`. */
export interface IdSet {
  has(id: number): boolean;
}

/**
 * The ids of `shown`, as a set made the first time one is asked about: a keystroke that shows 100,000
 * rows does not make a set of them unless something is selected or active.
 */
export function shownIdSet(shown: readonly { id: number }[]): IdSet {
  let set: Set<number> | null = null;
  return { has: (id) => (set ??= new Set(shown.map((p) => p.id))).has(id) };
}

/** The selected problems still shown, and how many a search or filter hid. */
export function keepShown(selection: ReadonlySet<number>, shown: IdSet): { kept: Set<number>; hidden: number } {
  const kept = new Set<number>();
  for (const id of selection) if (shown.has(id)) kept.add(id);
  return { kept, hidden: selection.size - kept.size };
}

/** The rows a bulk action may touch: selected and shown, never a hidden one. */
export function actionTargets(selection: ReadonlySet<number>, shown: IdSet): number[] {
  return [...keepShown(selection, shown).kept];
}

/** “1-3、1-3-1、1-4”, or the first few and a count: how a bulk action names its rows. */
export function namedRows(codes: readonly string[], max = 6): string {
  return `${codes.slice(0, max).join('、')}${codes.length > max ? ` 等 ${codes.length} 个` : ''}`;
}

/**
 * Selections that cannot surprise: when the search or a filter hides selected rows, they leave the
 * selection at once and `onDropped` says how many, so that the bar's count and every bulk action only
 * ever mean rows the person can see.
 */
export function useVisibleSelection(grid: Pick<GridState, 'selection' | 'setSelection'>, shown: IdSet, onDropped: (n: number) => void): void {
  const notify = useRef(onDropped);
  notify.current = onDropped;
  const { selection, setSelection } = grid;
  useEffect(() => {
    const { kept, hidden } = keepShown(selection, shown);
    if (hidden === 0) return;
    setSelection(kept);
    notify.current(hidden);
  }, [selection, shown, setSelection]);
}
