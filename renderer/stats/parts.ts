import type { CompletionBar, Kind } from './chartData';

export type BarPart = 'completed' | 'overdue' | 'other';
export const PART_LABEL: Record<BarPart, string> = { completed: '已完成', overdue: '逾期', other: '未完成（未逾期）' };

/** What a click on a chart opens: the problems behind one part of one bar. */
export type ChartDrill =
  | { by: 'category' | 'unit'; bar: CompletionBar; part: BarPart; kind: Kind }
  | { by: 'month'; month: string; part: 'completed' | 'overdue' | 'open'; ids: number[]; kind: Kind }
  | { by: 'undated'; label: string; ids: number[]; kind: Kind };

