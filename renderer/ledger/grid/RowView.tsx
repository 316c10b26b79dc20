import { memo } from 'react';
import type { StatsRound } from '../../../shared/domain/stats';
import { urgencyOf } from '../../../shared/domain/urgency';
import { toChineseNumeral } from '../../../shared/domain/numerals';
import type { SearchSource } from '../../../shared/api/table';
import type { Column } from '../columns';
import type { GridRow } from '../rows';
import { MemoCellContent } from '../cells';


export interface RowViewProps {
  row: GridRow;
  columns: Column[];
  totalWidth: number;
  top: number;
  height: number;
  selected: boolean;
  activeCol: number;
  today: string;
  round: StatsRound;
  sources?: SearchSource[];
  /** The searched words, marked in the cells. */
  highlight?: string;
  onToggle(key: string): void;
}

function sameRow(a: GridRow, b: GridRow): boolean {
  if (a === b) return true;
  if (a.type === 'category' && b.type === 'category') return a.category === b.category && a.count === b.count && a.collapsed === b.collapsed;
  if (a.type === 'problem' && b.type === 'problem') return a.problem === b.problem && a.depth === b.depth && a.childCount === b.childCount && a.collapsed === b.collapsed;
  return false;
}

/** Rows are rebuilt on every filter change; a row redraws only when what it shows changed. */
function sameRowProps(a: RowViewProps, b: RowViewProps): boolean {
  return (
    sameRow(a.row, b.row) &&
    a.columns === b.columns &&
    a.totalWidth === b.totalWidth &&
    a.top === b.top &&
    a.height === b.height &&
    a.selected === b.selected &&
    a.activeCol === b.activeCol &&
    a.today === b.today &&
    a.highlight === b.highlight &&
    a.round === b.round &&
    (a.sources ?? []).join() === (b.sources ?? []).join() &&
    a.onToggle === b.onToggle
  );
}

function RowView({ row, columns, totalWidth, top, height, selected, activeCol, today, round, sources, highlight, onToggle }: RowViewProps) {
  if (row.type === 'category') {
    const c = row.category;
    return (
      <div
        role="row"
        className={`grid-row banner${activeCol >= 0 ? ' active-row' : ''}`}
        data-key={row.key}
        aria-expanded={!row.collapsed}
        style={{ transform: `translateY(${top}px)`, height, width: totalWidth }}
      >
        <div role="gridcell" id={activeCol >= 0 ? `cell-${row.key}-0` : undefined} className={`cell banner-cell${activeCol >= 0 ? ' active' : ''}`} data-col={0} aria-colspan={columns.length}>
          {/* The banner row is as wide as the table; its text stays in view when the table scrolls sideways. */}
          <span className="banner-inner">
            <button
              type="button"
              className="expander"
              tabIndex={-1}
              aria-label={row.collapsed ? `展开类别（${c.no}）` : `收起类别（${c.no}）`}
              onMouseDown={(e) => e.stopPropagation()}
              onClick={() => onToggle(row.key)}
            >
              <span className={row.collapsed ? 'caret right' : 'caret down'} />
            </button>
            <span className="banner-title">
              （{toChineseNumeral(c.no)}）{c.title}
            </span>
            <span className="banner-count">{row.count} 个问题</span>
          </span>
        </div>
      </div>
    );
  }
  const p = row.problem;
  const urgency = urgencyOf(p, today, round);
  return (
    <div
      role="row"
      aria-selected={selected}
      className={`grid-row ${p.kind}${selected ? ' selected' : ''}${activeCol >= 0 ? ' active-row' : ''}${urgency ? ` ${urgency}` : ''}`}
      data-key={row.key}
      data-code={p.code}
      style={{ transform: `translateY(${top}px)`, height, width: totalWidth }}
    >
      {columns.map((col, i) => (
        <div
          key={col.key}
          role="gridcell"
          // Only the active cell needs its id (the grid's aria-activedescendant names it).
          id={i === activeCol ? `cell-${row.key}-${i}` : undefined}
          data-col={i}
          data-field={col.key}
          aria-readonly={!col.editor}
          className={`cell${i === activeCol ? ' active' : ''}${i === 0 ? ' sticky' : ''}${col.align ? ` align-${col.align}` : ''}`}
          style={{ width: col.width }}
        >
          <MemoCellContent p={p} column={col} urgency={urgency} today={today} sources={sources} row={row} onToggle={onToggle} highlight={highlight} />
        </div>
      ))}
    </div>
  );
}

export const GridRowView = memo(RowView, sameRowProps);
