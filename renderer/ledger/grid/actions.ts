import type { ReactNode } from 'react';
import type { MenuProps } from 'antd';
import type { Column } from '../columns';
import type { GridRow } from '../rows';
import type { EditorControl } from './editSession';

/** What the grid asks of the page around it: editors, and the commands that change the ledger. */
export interface GridActions {
  renderEditor(row: GridRow, column: Column, initial: string, control: EditorControl): ReactNode;
  toggle(key: string): void;
  openDetail(problemId: number): void;
  clear(column: Column, problemIds: number[]): void;
  paste(text: string): void;
  copyText(): string;
  remove(): void;
  insert(): void;
  move(direction: 'up' | 'down'): void;
  /** Ctrl+D, or the fill handle dragged down to the line `untilIndex`. */
  fillDown(untilIndex?: number): void;
  /** The right-click menu for the active cell and selection, and what a choice does. */
  menuItems(): MenuProps['items'];
  onMenu(key: string): void;
}
