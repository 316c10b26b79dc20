import type { KeyboardEvent } from 'react';
import type { Column } from '../columns';
import type { GridRow } from '../rows';
import type { GridActions } from './actions';
import { problemRowsBetween } from './selection';

export type GoTo = (index: number, col: number, how?: 'move' | 'extend' | 'keep') => void;

export interface KeyContext {
  rows: readonly GridRow[];
  columns: readonly Column[];
  activeIndex: number;
  activeRow: GridRow | undefined;
  activeCol: number;
  selection: ReadonlySet<number>;
  setSelection(s: ReadonlySet<number>): void;
  setAnchor(key: string | null): void;
  goTo: GoTo;
  startEdit(initial?: string): boolean;
  /** The problems a command applies to: the selected ones, or the active one. */
  targets(): number[];
  pageRows(): number;
  actions: GridActions;
}

const MOVES_FROM_NOWHERE = ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageDown', 'PageUp', 'Enter', 'F2'];

/**
 * The grid's keys, as a spreadsheet has them: arrows, Tab/Shift+Tab, Home/End, PageUp/PageDown move;
 * Enter/F2 or typing edits; Esc leaves a multi-row selection; Shift+arrows extend it, Ctrl/Shift+Space
 * toggle a row, Ctrl+A takes all; Delete empties the cell; Ctrl+D fills down; Ctrl+Enter opens the detail
 * panel; Insert adds a problem; Ctrl+Delete deletes; Alt+Shift+↑/↓ move a problem or category. On the 编号
 * column ←/→ fold and unfold. Ctrl+Z/Ctrl+Y pass through to the app's undo.
 */
export function onGridKey(e: KeyboardEvent<HTMLElement>, c: KeyContext): void {
  const { rows, columns, activeIndex, activeRow, activeCol, selection, goTo, actions } = c;
  const ctrl = e.ctrlKey || e.metaKey;
  const k = e.key;
  if (ctrl && ['z', 'y', 'Z', 'Y'].includes(k)) return; // the app's undo and redo
  if (rows.length === 0) return;
  const i = activeIndex < 0 ? 0 : activeIndex;
  const handled = () => e.preventDefault();
  if (activeIndex < 0 && MOVES_FROM_NOWHERE.includes(k)) {
    handled();
    goTo(0, 0);
    return;
  }
  const collapsible = activeRow && (activeRow.type === 'category' || activeRow.childCount > 0);
  switch (k) {
    case 'ArrowDown':
    case 'ArrowUp': {
      handled();
      if (e.altKey && e.shiftKey) return actions.move(k === 'ArrowDown' ? 'down' : 'up');
      const to = ctrl ? (k === 'ArrowDown' ? rows.length - 1 : 0) : i + (k === 'ArrowDown' ? 1 : -1);
      return goTo(to, activeCol, e.shiftKey ? 'extend' : 'move');
    }
    case 'PageDown':
    case 'PageUp':
      handled();
      return goTo(i + (k === 'PageDown' ? c.pageRows() : -c.pageRows()), activeCol, e.shiftKey ? 'extend' : 'move');
    case 'ArrowLeft':
      handled();
      if (activeCol === 0 && collapsible && activeRow && !activeRow.collapsed) return actions.toggle(activeRow.key);
      return goTo(i, activeCol - 1, 'keep');
    case 'ArrowRight':
      handled();
      if (activeCol === 0 && collapsible && activeRow?.collapsed) return actions.toggle(activeRow.key);
      return goTo(i, activeCol + 1, 'keep');
    case 'Home':
      handled();
      return ctrl ? goTo(0, 0) : goTo(i, 0, 'keep');
    case 'End':
      handled();
      return ctrl ? goTo(rows.length - 1, columns.length - 1) : goTo(i, columns.length - 1, 'keep');
    case 'Tab': {
      const to = activeCol + (e.shiftKey ? -1 : 1);
      // At either end of a row, Tab leaves the table for the rest of the page.
      if (to < 0 || to >= columns.length) return;
      handled();
      return goTo(i, to, 'keep');
    }
    case 'Enter':
    case 'F2':
      handled();
      if (ctrl || (activeRow?.type === 'problem' && columns[activeCol]?.key === 'code')) {
        if (activeRow?.type === 'problem') actions.openDetail(activeRow.problem.id);
        return;
      }
      c.startEdit();
      return;
    case 'Escape':
      if (selection.size > 1) {
        handled();
        c.setSelection(activeRow?.type === 'problem' ? new Set([activeRow.problem.id]) : new Set());
        c.setAnchor(activeRow?.key ?? null);
      }
      return;
    case ' ':
      if (ctrl || e.shiftKey) {
        handled();
        if (activeRow?.type !== 'problem') return;
        const next = new Set(selection);
        if (next.has(activeRow.problem.id)) next.delete(activeRow.problem.id);
        else next.add(activeRow.problem.id);
        c.setSelection(next);
        c.setAnchor(activeRow.key);
      }
      return;
    case 'Delete':
    case 'Backspace':
      handled();
      if (ctrl) return actions.remove();
      if (activeRow?.type === 'problem' && columns[activeCol]?.clearable) actions.clear(columns[activeCol]!, c.targets());
      return;
    case 'Insert':
      handled();
      return actions.insert();
    default:
      if (ctrl && (k === 'd' || k === 'D')) {
        handled();
        return actions.fillDown();
      }
      if (ctrl && (k === 'a' || k === 'A')) {
        handled();
        c.setSelection(new Set(problemRowsBetween(rows, 0, rows.length - 1)));
        return;
      }
      // Typing starts editing with what was typed (an input method's words arrive at compositionend).
      if (!ctrl && !e.altKey && k.length === 1 && activeRow?.type === 'problem' && columns[activeCol]?.editor) {
        if (k === ' ') return;
        handled();
        c.startEdit(k);
      }
  }
}
