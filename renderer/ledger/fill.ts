import type { TableProblem } from '../../shared/domain/types';
import { LEADER_SEPARATOR, type Column, type ColumnKey } from './columns';
import type { GridRow } from './rows';

/** Columns a value can be filled down in; the others say why not. */
const NOT_FILLABLE: Partial<Record<ColumnKey, string>> = {
  code: '编号由台账分配，不能填充',
  measures: '整改措施请在详情中逐项编辑',
  latestProgress: '进展按日期逐条记录，请逐个填写',
  evidenceCount: '佐证材料请在详情中上传',
  lastChangeAt: '最后修改时间由台账记录',
};

/** The value of a cell as it is written again by a fill (the deadline as typed, not as shown). */
export function fillValue(p: TableProblem, key: ColumnKey): string {
  switch (key) {
    case 'text':
      return p.text;
    case 'leaders':
      return p.leaders.join(LEADER_SEPARATOR);
    case 'leadUnit':
      return p.leadUnit ?? '';
    case 'deadline':
      return p.deadline.raw;
    case 'status':
      return p.status;
    default:
      return '';
  }
}

export type FillPlan = { source: TableProblem; targets: TableProblem[]; cells: { id: number; field: string; value: string }[] } | { refused: string };

/**
 * What Ctrl+D writes: with several rows selected, the first selected row's cell (in the order shown) into
 * the others; with one, the cell of the problem above into the active one. `untilIndex` (the fill handle)
 * fills from the active row down to that line instead.
 */
export function planFill(rows: readonly GridRow[], activeIndex: number, selection: ReadonlySet<number>, column: Column, untilIndex?: number): FillPlan {
  const why = NOT_FILLABLE[column.key];
  if (why) return { refused: `“${column.title}”列不能向下填充：${why}。` };
  const problemAt = (i: number) => {
    const r = rows[i];
    return r?.type === 'problem' ? r.problem : null;
  };
  let source: TableProblem | null = null;
  const targets: TableProblem[] = [];
  if (untilIndex != null) {
    source = problemAt(activeIndex);
    for (let i = activeIndex + 1; i <= untilIndex; i++) {
      const p = problemAt(i);
      if (p) targets.push(p);
    }
  } else if (selection.size > 1) {
    for (const r of rows) {
      if (r.type !== 'problem' || !selection.has(r.problem.id)) continue;
      if (!source) source = r.problem;
      else targets.push(r.problem);
    }
  } else {
    for (let i = activeIndex - 1; i >= 0 && !source; i--) source = problemAt(i);
    const here = problemAt(activeIndex);
    if (here) targets.push(here);
  }
  if (!source) return { refused: '上面没有可以填充的问题：请选中要填充的几行（第一行是要复制的值），再按 Ctrl+D。' };
  if (targets.length === 0) return { refused: '请向下多选几行（Shift+↓），第一行的值将填入其余各行。' };
  const value = fillValue(source, column.key);
  return { source, targets, cells: targets.map((p) => ({ id: p.id, field: column.key, value })) };
}
