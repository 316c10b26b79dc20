import { chineseDate } from '../../../shared/domain/dates';
import { toChineseNumeral } from '../../../shared/domain/numerals';
import { cellText, type Column } from '../columns';
import type { GridRow } from '../rows';
import type { Folded } from './folded';
import './print.css';

export interface PrintContent {
  title: string;
  asOf: string;
  /** What the view is narrowed to and sorted by, in words (“整改状态：正在推进；按整改时限升序”). */
  conditions: string[];
  columns: Column[];
  rows: GridRow[];
  count: number;
  /** Lines folded on screen and printed folded (their problems left out); null when nothing is. */
  folded: Folded | null;
}

/** Print widths: the screen's proportions, the problem text given the most room. */
function printWidth(c: Column): number {
  return c.key === 'text' ? 300 : c.key === 'latestProgress' ? 200 : c.width;
}

/**
 * The table as printed: the ledger's title, the as-of date and what the view shows, then the rows shown
 * (filters and sort applied) with the header repeated on every page; page numbers come from print.css.
 */
export function PrintView({ content }: { content: PrintContent }) {
  const { columns, rows } = content;
  const total = columns.reduce((n, c) => n + printWidth(c), 0);
  return (
    <div className="print-view">
      <h1 className="print-title">{content.title}</h1>
      <div className="print-meta">
        <span>截至 {chineseDate(content.asOf)}</span>
        <span>{content.conditions.length ? content.conditions.join('；') : '全部问题'}</span>
        <span>
          共 {content.count} 个问题
          {content.folded ? `，其中 ${content.folded.hiddenProblems} 个在折叠的类别或问题下，未打印` : ''}
        </span>
      </div>
      <table className="print-table">
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={{ width: `${((printWidth(c) / total) * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key}>{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) =>
            r.type === 'category' ? (
              <tr key={r.key} className="print-banner">
                <td colSpan={columns.length}>
                  （{toChineseNumeral(r.category.no)}）{r.category.title}（{r.count} 个问题{r.collapsed && r.count > 0 ? '，已折叠，未打印' : ''}）
                </td>
              </tr>
            ) : (
              <tr key={r.key} className={r.problem.kind}>
                {columns.map((c) => (
                  <td key={c.key} className={`print-${c.key}`}>
                    {c.key === 'latestProgress' && r.problem.latestProgress ? `${r.problem.latestProgress.date}：${r.problem.latestProgress.text}` : cellText(r.problem, c.key)}
                    {c.key === 'text' && r.collapsed && r.childCount > 0 ? <div className="print-folded">（下设 {r.childCount} 个具体问题，已折叠，未打印）</div> : null}
                  </td>
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
