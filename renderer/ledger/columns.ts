import type { TableProblem } from '../../shared/domain/types';
import { deadlineLabel } from '../../shared/domain/deadline';

export type ColumnKey =
  | 'code'
  | 'text'
  | 'measures'
  | 'leaders'
  | 'leadUnit'
  | 'deadline'
  | 'status'
  | 'latestProgress'
  | 'evidenceCount'
  | 'lastChangeAt';

export type EditorKind = 'text' | 'leaders' | 'unit' | 'deadline' | 'status' | 'progress';

export interface Column {
  key: ColumnKey;
  title: string;
  width: number;
  /** How the cell is edited in place; none: read-only (edited in the detail panel). */
  editor?: EditorKind;
  /** Delete/Backspace empties it (one recorded change, undoable). */
  clearable?: boolean;
  align?: 'left' | 'center' | 'right';
  /** The column grows to fill the width the others leave. */
  flex?: boolean;
}

/**
 * The columns and their default widths, chosen so that at 1366×768 (the common office screen, 148 px of
 * menu beside the table) every column but 最后修改 shows without scrolling sideways.
 */
export const COLUMNS: readonly Column[] = [
  { key: 'code', title: '编号', width: 84 },
  { key: 'text', title: '问题', width: 240, editor: 'text', flex: true },
  { key: 'measures', title: '整改措施', width: 92 },
  { key: 'leaders', title: '责任领导', width: 108, editor: 'leaders', clearable: true },
  { key: 'leadUnit', title: '牵头单位', width: 104, editor: 'unit', clearable: true },
  { key: 'deadline', title: '整改时限', width: 124, editor: 'deadline', clearable: true },
  { key: 'status', title: '整改状态', width: 116, editor: 'status', clearable: true },
  { key: 'latestProgress', title: '最新进展', width: 156, editor: 'progress' },
  { key: 'evidenceCount', title: '佐证', width: 62, align: 'center' },
  { key: 'lastChangeAt', title: '最后修改', width: 96 },
];

/** Leaders as one cell shows and takes them. */
export const LEADER_SEPARATOR = '；';

/** “2025-03-01T02:03:04Z” → “03-01 10:03” in local time (the year only when it is not this year's). */
export function shortTime(iso: string | null, now = new Date()): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  const year = d.getFullYear() === now.getFullYear() ? '' : `${d.getFullYear()}-`;
  return `${year}${day} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The text of a cell as it is copied to the clipboard and as an editor starts from. */
export function cellText(p: TableProblem, key: ColumnKey): string {
  switch (key) {
    case 'code':
      return p.code;
    case 'text':
      return p.text;
    case 'measures':
      return p.measureCount ? `${p.measuresCompleted}/${p.measureCount}` : '';
    case 'leaders':
      return p.leaders.join(LEADER_SEPARATOR);
    case 'leadUnit':
      return p.leadUnit ?? '';
    case 'deadline':
      return deadlineLabel(p.deadline);
    case 'status':
      return p.status;
    case 'latestProgress':
      return p.latestProgress ? p.latestProgress.text : '';
    case 'evidenceCount':
      return String(p.evidenceCount);
    case 'lastChangeAt':
      return shortTime(p.lastChangeAt);
  }
}
