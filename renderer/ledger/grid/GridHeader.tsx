import { memo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { Popover } from 'antd';
import { FilterFilled, FilterOutlined } from '@ant-design/icons';
import type { TableProblem } from '../../../shared/domain/types';
import type { Column, ColumnKey } from '../columns';
import type { ColumnCondition, ColumnConditions } from '../columnFilter';
import type { SortOrder } from '../sort';
import { ColumnFilterPanel } from './ColumnFilterPanel';

/** What the header row can do besides showing titles: sort, filter, resize, fit and reorder columns. */
export interface HeaderControls {
  sort: SortOrder;
  onSort(key: ColumnKey): void;
  conditions: ColumnConditions;
  onCondition(key: ColumnKey, condition: ColumnCondition | undefined): void;
  /** The problems a column's value list counts. */
  problems: readonly TableProblem[];
  onResize(key: ColumnKey, width: number): void;
  onFit(key: ColumnKey): void;
  onReorder(key: ColumnKey, before: ColumnKey | null): void;
}

const SORT_WORDS = { asc: '升序', desc: '降序' } as const;
const NO_MOTION = { motionName: '' };

/** Drawn again only when its columns or controls change (not on every keystroke in the search box). */
export const GridHeader = memo(function GridHeader({ columns, totalWidth, height, controls }: { columns: Column[]; totalWidth: number; height: number; controls?: HeaderControls }) {
  const [openFilter, setOpenFilter] = useState<ColumnKey | null>(null);
  // The last opened filter's panel stays mounted, hidden, with the problems it was opened on, until another
  // is opened (made anew each time, `seq`): unmounting it as it closed cost antd's style bookkeeping
  // (findStyles) in the same moment as the filtered table's draw (100–400 ms at 10,000 rows), and a hidden
  // panel that followed the rows would count every value again after each edit (it follows them while open).
  const [panel, setPanel] = useState<{ key: ColumnKey; seq: number; problems: readonly TableProblem[] } | null>(null);
  const [dropAt, setDropAt] = useState<ColumnKey | null>(null);
  const dragging = useRef<ColumnKey | null>(null);

  const startResize = (e: ReactPointerEvent<HTMLDivElement>, column: Column) => {
    if (!controls) return;
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startWidth = column.width;
    const move = (ev: PointerEvent) => controls.onResize(column.key, startWidth + ev.clientX - startX);
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <div role="row" className="grid-header" style={{ width: totalWidth, height }}>
      {columns.map((c, i) => {
        const sorted = controls?.sort?.key === c.key ? controls.sort.dir : null;
        const condition = controls?.conditions[c.key];
        return (
          <div
            key={c.key}
            role="columnheader"
            aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
            data-field={c.key}
            className={`cell${i === 0 ? ' sticky' : ''}${c.align ? ` align-${c.align}` : ''}${dropAt === c.key ? ' drop-before' : ''}${condition ? ' filtered' : ''}`}
            style={{ width: c.width }}
            draggable={!!controls}
            // Pressed, a header takes the focus itself: the grid would hand it to its text field (the catcher),
            // and Chromium starts no drag once a text field has the focus (the reorder would never begin).
            tabIndex={controls ? -1 : undefined}
            onDragStart={(e) => {
              dragging.current = c.key;
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', c.key);
            }}
            onDragOver={(e) => {
              if (!dragging.current || dragging.current === c.key) return;
              e.preventDefault();
              setDropAt(c.key);
            }}
            onDragLeave={() => setDropAt((k) => (k === c.key ? null : k))}
            onDrop={(e) => {
              e.preventDefault();
              const from = dragging.current;
              dragging.current = null;
              setDropAt(null);
              if (from && from !== c.key) controls?.onReorder(from, c.key);
            }}
            onDragEnd={() => {
              dragging.current = null;
              setDropAt(null);
            }}
          >
            {controls ? (
              <>
                <button
                  type="button"
                  className="header-sort"
                  tabIndex={-1}
                  title={`单击按“${c.title}”排序（升序 → 降序 → 原顺序）`}
                  onClick={() => controls.onSort(c.key)}
                >
                  {c.title}
                  {sorted ? <span className={`sort-mark ${sorted}`} aria-label={SORT_WORDS[sorted]} /> : null}
                </button>
                <Popover
                  open={openFilter === c.key}
                  onOpenChange={(open) => {
                    if (open) setPanel((p) => ({ key: c.key, seq: (p?.seq ?? 0) + 1, problems: controls.problems }));
                    setOpenFilter(open ? c.key : null);
                  }}
                  trigger="click"
                  placement="bottomLeft"
                  // Opens and closes at once, as WPS's 筛选 does: the closing zoom ran in the same moment as the
                  // filtered table's draw, and each of its frames cost the page (and, without a GPU, the
                  // compositor) as much again: 100,000 rows filtered in 145–230 ms with it, 47–90 ms without.
                  motion={NO_MOTION}
                  content={
                    // Never empty: antd opens no popover without content (the click would not reach onOpenChange).
                    panel?.key !== c.key ? (
                      <span />
                    ) : (
                      <ColumnFilterPanel
                        key={panel.seq}
                        column={c}
                        problems={openFilter === c.key ? controls.problems : panel.problems}
                        condition={condition}
                        onClose={() => setOpenFilter(null)}
                        onApply={(cond) => {
                          setOpenFilter(null);
                          controls.onCondition(c.key, cond);
                        }}
                      />
                    )
                  }
                >
                  <button type="button" className={`header-filter${condition ? ' on' : ''}`} tabIndex={-1} aria-label={`筛选“${c.title}”`} title={`筛选“${c.title}”`}>
                    {condition ? <FilterFilled /> : <FilterOutlined />}
                  </button>
                </Popover>
                <div
                  className="col-resizer"
                  role="separator"
                  aria-orientation="vertical"
                  aria-label={`调整“${c.title}”列宽（双击适合内容）`}
                  onPointerDown={(e) => startResize(e, c)}
                  onDoubleClick={(e) => {
                    e.stopPropagation();
                    controls.onFit(c.key);
                  }}
                  onMouseDown={(e) => e.preventDefault()}
                  onDragStart={(e) => e.preventDefault()}
                />
              </>
            ) : (
              c.title
            )}
          </div>
        );
      })}
    </div>
  );
});
