import type { CellIssue } from '../../../../shared/domain/issues';
import type { Analysis } from '../layout/analyze';
import { roleOf, ROLE_LABELS, type ColumnRole } from '../layout/columns';
import { normalizeLabel } from '../layout/columns';
import { colLetter } from '../read/refs';

/** Roles whose loss changes the figures: a status, progress, date or evidence column left out. */
const WEIGHTY: ReadonlySet<ColumnRole> = new Set(['status', 'measureStatus', 'progress', 'completedDate', 'evidence']);

/** Roles a master ledger import does not apply (it builds the structure; returns bring these). */
const NOT_IN_LEDGER: ReadonlySet<ColumnRole> = new Set(['completedDate', 'evidence']);

/** Whether a column was named to be left out: by its letter (F) or its header text. */
function ignored(col: number, label: string, ignore: string[]): boolean {
  const letter = colLetter(col);
  const n = normalizeLabel(label);
  return ignore.some((x) => x.trim().toUpperCase() === letter || (n && normalizeLabel(x) === n) || (n && n.split('/').includes(normalizeLabel(x))));
}

/**
 * Nothing silently lost (issue 10): a column whose header or content says status, progress, date or
 * evidence and that this import does not apply is an error, unless the person names it to be ignored
 * (--ignore-column, or 不导入 chosen for it in the preview's mapping).
 */
export function unappliedColumns(a: Analysis, ignore: string[]): CellIssue[] {
  const header = a.header;
  if (!header || !a.grid) return [];
  const out: CellIssue[] = [];
  for (const c of header.columns) {
    if (ignored(c.col, c.label, ignore)) continue;
    const label = c.label || colLetter(c.col);
    const lastLabel = label.split('/').at(-1)!;
    let why: string | null = null;
    if (!c.role) {
      const byHeader = roleOf(lastLabel);
      if (byHeader && WEIGHTY.has(byHeader)) why = `表头是“${ROLE_LABELS[byHeader]}”，但已有另一列作“${ROLE_LABELS[byHeader]}”，这一列没有导入`;
      else if (c.content === 'status') why = '这一列的内容是完成状态，但没有指定它的含义';
      else if (c.content === 'date') why = '这一列的内容是日期，但没有指定它的含义';
    } else if (a.kind === 'ledger' && NOT_IN_LEDGER.has(c.role)) {
      why = `总台账导入不读取“${ROLE_LABELS[c.role]}”（它由回执导入）`;
    }
    if (!why) continue;
    out.push({
      sheet: a.sheet ?? '',
      row: header.bottom,
      column: colLetter(c.col),
      code: 'COLUMN_NOT_APPLIED',
      message: `${lastLabel}列未导入：${why}。导入后统计会不准。请在预览的“列的含义”中为它选择含义，或明确选择“（不导入）”；命令行可用 --ignore-column "${lastLabel}" 明确忽略。`,
    });
  }
  return out;
}
