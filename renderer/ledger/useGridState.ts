import { useState } from 'react';

export interface ActiveCell {
  /** The row's key (`p12`, `c3`): it survives reloads and re-sorting, an index would not. */
  key: string;
  col: number;
}

export interface Editing extends ActiveCell {
  initial: string;
}

/** What the table and the panels around it share: the active cell, the selected problems, the open editor. */
export function useGridState() {
  const [active, setActive] = useState<ActiveCell | null>(null);
  const [selection, setSelection] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  /** A row to bring into view once it is shown (a drill-down from the statistics); cleared when done. */
  const [reveal, setReveal] = useState<string | null>(null);
  return { active, setActive, selection, setSelection, anchor, setAnchor, editing, setEditing, reveal, setReveal };
}

export type GridState = ReturnType<typeof useGridState>;
