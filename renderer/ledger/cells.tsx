import { memo, type ReactNode } from 'react';
import type { TableProblem } from '../../shared/domain/types';
import type { Urgency } from '../../shared/domain/urgency';
import { daysBetween } from '../../shared/domain/dates';
import { isUnparsedDeadline, UNPARSED_DEADLINE_NOTE } from '../../shared/domain/deadline';
import type { SearchSource } from '../../shared/api/table';
import { cellText, type Column } from './columns';
import type { GridRow } from './rows';

/** Text with every occurrence of the searched words marked (Ctrl+F shows where the hits are). */
export function Highlighted({ text, words }: { text: string; words?: string }) {
  const w = words?.trim();
  if (!w) return <>{text}</>;
  const lower = text.toLowerCase();
  const needle = w.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at} className="hit">{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  if (parts.length === 0) return <>{text}</>;
  parts.push(text.slice(from));
  return <>{parts}</>;
}

const SOURCE_LABEL: Record<SearchSource, string> = { problem: '问题', measure: '措施', progress: '进展', code: '编号' };

function MeasuresCell({ p }: { p: TableProblem }) {
  if (!p.measureCount) return <span className="muted">无措施</span>;
  const pct = Math.round((p.measuresCompleted / p.measureCount) * 100);
  return (
    <div className="measures-cell" title={`${p.measureCount} 项措施，已完成 ${p.measuresCompleted} 项`}>
      <span>
        {p.measuresCompleted}/{p.measureCount} 项
      </span>
      <div className="bar" aria-hidden>
        <div style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/**
 * Cells draw with plain elements and CSS classes, not antd components: a screen holds a few hundred cells
 * and they redraw on every keystroke in the search box.
 */
function StatusCell({ p, urgency, today }: { p: TableProblem; urgency: Urgency; today: string }) {
  const note = p.statusSource === 'derived' ? '按措施推导' : `${p.statusSource === 'import' ? '回执填报' : '手动设置'}${p.statusReason ? `：${p.statusReason}` : ''}`;
  const days = urgency === 'dueSoon' && p.deadline.date ? daysBetween(today, p.deadline.date) : null;
  return (
    <span className="status-cell" title={`${p.status}（${note}）`}>
      <span className={`badge status-${p.status}`}>
        {p.status}
        {p.statusSource !== 'derived' ? <sup className="status-pin" aria-label={note}>*</sup> : null}
      </span>
      {urgency === 'overdue' ? <span className="badge overdue">逾期</span> : null}
      {days != null ? <span className="badge due-soon">{days === 0 ? '今天到期' : `${days}天后到期`}</span> : null}
    </span>
  );
}

export function CellContent({
  p,
  column,
  urgency,
  today,
  sources,
  row,
  onToggle,
  highlight,
}: {
  highlight?: string;
  p: TableProblem;
  column: Column;
  urgency: Urgency;
  today: string;
  sources?: SearchSource[];
  row: Extract<GridRow, { type: 'problem' }>;
  onToggle(key: string): void;
}) {
  switch (column.key) {
    case 'code':
      return (
        <span className="code-cell" style={{ paddingInlineStart: row.depth * 14 }}>
          {row.childCount > 0 ? (
            <button
              type="button"
              className="expander"
              tabIndex={-1}
              aria-label={row.collapsed ? `展开 ${p.code} 的具体问题` : `收起 ${p.code} 的具体问题`}
              aria-expanded={!row.collapsed}
              onMouseDown={(e) => e.stopPropagation()}
              onClick={() => onToggle(row.key)}
            >
              <span className={row.collapsed ? 'caret right' : 'caret down'} />
            </button>
          ) : (
            <span className="expander-space" />
          )}
          <Highlighted text={p.code} words={highlight} />
        </span>
      );
    case 'text':
      return (
        <span className="clamp" title={p.text}>
          {p.kind === 'general' ? <span className="kind-mark">面上</span> : null}
          <Highlighted text={p.text} words={highlight} />
          {sources && sources.some((s) => s !== 'problem') ? (
            <span className="match-note">（匹配：{sources.map((s) => SOURCE_LABEL[s]).join('、')}）</span>
          ) : null}
        </span>
      );
    case 'measures':
      return <MeasuresCell p={p} />;
    case 'status':
      return <StatusCell p={p} urgency={urgency} today={today} />;
    case 'deadline':
      // Text the deadline rule could not read: kept, but marked, since it counts in no deadline figure.
      return isUnparsedDeadline(p.deadline) ? (
        <span className="clamp deadline-unparsed" title={`${p.deadline.raw}：${UNPARSED_DEADLINE_NOTE}`}>
          <span className="unparsed-mark" aria-label={UNPARSED_DEADLINE_NOTE}>
            !
          </span>
          {cellText(p, 'deadline')}
        </span>
      ) : (
        <span className={`clamp deadline-${urgency ?? 'none'}`} title={p.deadline.raw || undefined}>
          <Highlighted text={cellText(p, 'deadline')} words={highlight} />
        </span>
      );
    case 'latestProgress':
      return p.latestProgress ? (
        <span className="clamp" title={`${p.latestProgress.date}：${p.latestProgress.text}`}>
          <span className="muted">{p.latestProgress.date.slice(5)} </span>
          <Highlighted text={p.latestProgress.text} words={highlight} />
        </span>
      ) : (
        <span className="muted">—</span>
      );
    case 'evidenceCount':
      return p.evidenceCount ? <span>{p.evidenceCount}</span> : <span className="muted">0</span>;
    default:
      return (
        <span className="clamp">
          <Highlighted text={cellText(p, column.key)} words={highlight} />
        </span>
      );
  }
}

export const MemoCellContent = memo(CellContent);
