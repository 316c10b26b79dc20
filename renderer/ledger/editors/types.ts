/** Where the active cell goes after an editor closes with a value (Enter: down, Tab: right, …). */
export type Move = 'down' | 'up' | 'right' | 'left' | null;

export interface EditorProps<V> {
  /** The text the editor starts with (the cell's value, or the character that started the edit). */
  initial: string;
  /** Hand back a value and where to go next; the grid writes it and closes the editor when it succeeds. */
  onCommit(value: V, move: Move): void;
  onCancel(): void;
}

/** Keys that commit and move in every editor (a spreadsheet's habits). */
export function moveOfKey(e: { key: string; shiftKey: boolean; altKey: boolean }): Move | undefined {
  if (e.key === 'Tab') return e.shiftKey ? 'left' : 'right';
  if (e.key === 'Enter' && !e.shiftKey && !e.altKey) return 'down';
  return undefined;
}

/**
 * Blur handler for an editor's outer element: when focus leaves the editor (a click elsewhere in the
 * table or the page), the value is kept, as a spreadsheet does. Moving within the editor (its list, its
 * date field) and the window losing focus (switching programs) keep it open.
 */
export function keepOnLeave(commit: () => void) {
  return (e: { currentTarget: HTMLElement; relatedTarget: EventTarget | null }) => {
    const next = e.relatedTarget as Node | null;
    if (next && e.currentTarget.contains(next)) return;
    if (!document.hasFocus()) return;
    commit();
  };
}
