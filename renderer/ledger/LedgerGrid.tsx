import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type RefObject, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Dropdown } from 'antd';
import type { StatsRound } from '../../shared/domain/stats';
import type { SearchSource } from '../../shared/api/table';
import type { Column } from './columns';
import { cellText } from './columns';
import { indexOfKeys, type GridRow } from './rows';
import type { GridState } from './useGridState';
import { GridRowView } from './grid/RowView';
import { GridHeader, type HeaderControls } from './grid/GridHeader';
import { useEditSession, type EditorControl } from './grid/editSession';
import type { GridActions } from './grid/actions';
import { onGridKey } from './grid/keyboard';
import { problemRowsBetween, selectionAfterClick } from './grid/selection';
import './ledger.css';

export type { EditorControl } from './grid/editSession';
export type { GridActions } from './grid/actions';

interface Props {
  rows: GridRow[];
  columns: Column[];
  state: GridState;
  today: string;
  round: StatsRound;
  /** Where a problem matched the search (undefined: no search, or not a match). */
  sources(id: number): SearchSource[] | undefined;
  actions: GridActions;
  /** Label of the grid for assistive technology (the ledger and what is shown). */
  label: string;
  /** Heights of a problem row, a category banner and the header, at the zoom shown. */
  heights: { row: number; banner: number; header: number };
  /** Percent. */
  zoom: number;
  /** 自动换行 (text up to 3 lines) or 固定行高 (one line). */
  wrap: boolean;
  header?: HeaderControls;
  /** Words to mark in the cells (the search box's). */
  highlight?: string;
}

function isEditable(row: GridRow | undefined, column: Column | undefined): boolean {
  if (!row || !column) return false;
  if (row.type === 'category') return true;
  return !!column.editor;
}

/**
 * The ledger as a spreadsheet: one focusable grid whose active cell moves with the keyboard, edited in
 * place, virtualised so that only the visible rows exist in the page. Keys:
 * arrows, Tab/Shift+Tab, Home/End, PageUp/PageDown move; Enter/F2 or typing edits; Esc leaves a multi-row
 * selection; Shift+arrows extend it, Ctrl/Shift+Space toggle a row, Ctrl+A takes all; Delete empties the
 * cell; Ctrl+C/Ctrl+V copy and paste blocks; Ctrl+Enter opens the detail panel; Insert adds a problem;
 * Ctrl+Delete deletes; Alt+Shift+↑/↓ move a problem or category. On the 编号 column ←/→ fold and unfold.
 * Ctrl+Z/Ctrl+Y pass through to the app's undo.
 */
export function LedgerGrid({ rows, columns: baseColumns, state, today, round, sources, actions, label, heights, zoom, wrap, header, highlight }: Props) {
  const { row: rowHeight, banner: bannerHeight, header: headerHeight } = heights;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { active, setActive, selection, setSelection, anchor, setAnchor, editing, setEditing } = state;
  const width = useWidth(scrollRef);
  // The problem text takes the width the other columns leave (never less than its own).
  const columns = useMemo(() => {
    const fixed = baseColumns.reduce((sum, c) => sum + (c.flex ? 0 : c.width), 0);
    return baseColumns.map((c) => (c.flex ? { ...c, width: Math.max(c.width, width - fixed - 2) } : c));
  }, [baseColumns, width]);

  const lefts = useMemo(() => {
    const out: number[] = [];
    let x = 0;
    for (const c of columns) {
      out.push(x);
      x += c.width;
    }
    return out;
  }, [columns]);
  const totalWidth = lefts.at(-1)! + columns.at(-1)!.width;

  const indexOf = indexOfKeys(rows);
  const lastIndex = useRef(0);
  let activeIndex = active ? (indexOf.get(active.key) ?? -1) : -1;
  if (active && activeIndex < 0 && rows.length) activeIndex = Math.min(lastIndex.current, rows.length - 1);
  if (activeIndex >= 0) lastIndex.current = activeIndex;
  const activeRow = activeIndex >= 0 ? rows[activeIndex] : undefined;
  const activeCol = active?.col ?? 0;

  // A row that disappeared (deleted, undone, filtered out) leaves the active cell on the row now at its
  // place (lastIndex), until the person moves; a row about to appear (just created) keeps its key.

  // The virtualizer of the last draw: whether it is scrolling decides how many rows this draw adds.
  const scrollingRef = useRef<{ isScrolling: boolean } | null>(null);
  // The virtualizer places every line again (100,000 at the largest ledgers) whenever its key function
  // changes: made once per list of lines and heights, not on every draw (each frame of scrolling draws).
  // Sizes are known from the line's type, never measured, so a new list of lines or heights is all it needs.
  const estimateSize = useCallback((i: number) => (rows[i]?.type === 'category' ? bannerHeight : rowHeight), [rows, bannerHeight, rowHeight]);
  const getItemKey = useCallback((i: number) => rows[i]!.key, [rows, bannerHeight, rowHeight]); // eslint-disable-line react-hooks/exhaustive-deps
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    // Rows drawn beyond the visible ones. While the table scrolls, one: at 25 rows a frame every drawn row
    // is new on every frame, and each costs about 1.3 ms of the page's CPU (10 → 1: 31 rows drawn → 14,
    // 26 → 18 ms a frame, load 15); scrolling draws in the scroll event itself, so one row beyond each
    // edge leaves no gap. At rest, ten (what the keyboard and the find bar reach without a redraw).
    overscan: scrollingRef.current?.isScrolling ? 1 : 10,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    initialRect: { width: 1200, height: 800 },
  });
  scrollingRef.current = virtualizer;
  // A row asked to be revealed (statistics drill-down) scrolls into view once the rows hold it.
  const { reveal, setReveal } = state;
  useEffect(() => {
    if (!reveal) return;
    const i = indexOfKeys(rows).get(reveal);
    if (i == null) return;
    virtualizer.scrollToIndex(i, { align: 'center' });
    setReveal(null);
  }, [reveal, rows, virtualizer, setReveal]);

  // Keyboard focus sits in a small text field over the active cell (the “catcher”), not on the grid
  // itself: an input method (拼音, 五笔) only works in a text field, so a clerk can start typing Chinese on
  // a cell and the composed words open its editor (as in Excel). Navigation keys are handled as before.
  const catcherRef = useRef<HTMLTextAreaElement>(null);
  const [composing, setComposing] = useState(false);
  const focusGrid = useCallback(() => catcherRef.current?.focus({ preventScroll: true }), []);

  const scrollColumnIntoView = (col: number) => {
    const el = scrollRef.current;
    if (!el || col <= 0) return;
    const left = lefts[col]! - columns[0]!.width;
    const right = lefts[col]! + columns[col]!.width;
    if (left < el.scrollLeft) el.scrollLeft = left;
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
  };

  const goTo = (index: number, col: number, how: 'move' | 'extend' | 'keep' = 'move') => {
    if (rows.length === 0) return;
    const i = Math.max(0, Math.min(rows.length - 1, index));
    const c = Math.max(0, Math.min(columns.length - 1, col));
    const row = rows[i]!;
    setActive({ key: row.key, col: c });
    if (how === 'extend') {
      const from = anchor ? (indexOf.get(anchor) ?? i) : activeIndex >= 0 ? activeIndex : i;
      if (!anchor) setAnchor(rows[from]!.key);
      setSelection(new Set(problemRowsBetween(rows, from, i)));
    } else if (how === 'move' && selection.size <= 1) {
      setSelection(row.type === 'problem' ? new Set([row.problem.id]) : new Set());
      setAnchor(row.key);
    }
    virtualizer.scrollToIndex(i, { align: 'auto' });
    scrollColumnIntoView(c);
  };

  const startEdit = (initial?: string) => {
    if (!activeRow || !isEditable(activeRow, columns[activeCol])) return false;
    const value =
      initial ??
      (activeRow.type === 'category'
        ? activeRow.category.title
        : columns[activeCol]!.key === 'latestProgress'
          ? ''
          : cellText(activeRow.problem, columns[activeCol]!.key));
    setEditing({ key: activeRow.key, col: activeRow.type === 'category' ? 0 : activeCol, initial: value });
    return true;
  };

  const targets = (): number[] => {
    if (selection.size > 0) return [...selection];
    return activeRow?.type === 'problem' ? [activeRow.problem.id] : [];
  };

  const pageRows = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1);

  const fromGrid = (target: EventTarget) => target === scrollRef.current || target === catcherRef.current;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!fromGrid(e.target) || editing) return;
    // While an input method composes, its keys (Enter, arrows, Space) are its own.
    if (e.nativeEvent.isComposing || composing || e.key === 'Process') return;
    onGridKey(e, { rows, columns, activeIndex, activeRow, activeCol, selection, setSelection, setAnchor, goTo, startEdit, targets, pageRows, actions });
  };

  const onMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    const cell = (e.target as HTMLElement).closest('[role="gridcell"]') as HTMLElement | null;
    const rowEl = cell?.closest('[role="row"]') as HTMLElement | null;
    if (!cell || !rowEl?.dataset.key) return;
    const key = rowEl.dataset.key;
    const index = indexOf.get(key);
    if (index == null) return;
    const row = rows[index]!;
    const col = Number(cell.dataset.col ?? 0);
    const wasActive = active?.key === key && active.col === col && !editing;
    // A right-click is the context menu's (onContextMenu): it keeps the selection it falls in.
    if (e.button === 2) return;
    e.preventDefault();
    // Focus moves to the grid: an open editor keeps its value on blur (nothing typed is lost).
    focusGrid();
    setActive({ key, col });
    if (row.type !== 'problem') {
      setSelection(new Set());
      setAnchor(key);
      return;
    }
    const anchorIndex = e.shiftKey && anchor ? (indexOf.get(anchor) ?? index) : null;
    setSelection(selectionAfterClick(rows, index, anchorIndex, selection, { shift: e.shiftKey, ctrl: e.ctrlKey || e.metaKey }));
    if (e.shiftKey) return;
    setAnchor(key);
    // A click on the cell that is already active edits it.
    if (!(e.ctrlKey || e.metaKey) && wasActive && columns[col]?.editor && e.detail === 1) setTimeout(() => startEditAt(key, col), 0);
  };

  const startEditAt = (key: string, col: number) => {
    const index = indexOf.get(key);
    const row = index != null ? rows[index] : undefined;
    if (!row || row.type !== 'problem' || !columns[col]?.editor) return;
    setEditing({ key, col, initial: columns[col]!.key === 'latestProgress' ? '' : cellText(row.problem, columns[col]!.key) });
  };

  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const cell = (e.target as HTMLElement).closest('[role="gridcell"]') as HTMLElement | null;
    const key = (cell?.closest('[role="row"]') as HTMLElement | null)?.dataset.key;
    if (!cell || !key) return;
    const row = rows[indexOf.get(key) ?? -1];
    const col = Number(cell.dataset.col ?? 0);
    if (row?.type === 'category') setEditing({ key, col: 0, initial: row.category.title });
    else if (row?.type === 'problem') {
      if (columns[col]?.key === 'code' || !columns[col]?.editor) actions.openDetail(row.problem.id);
      else startEditAt(key, col);
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (!fromGrid(e.target) || editing) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    actions.paste(text);
  };
  const onCopy = (e: ClipboardEvent<HTMLDivElement>) => {
    if (!fromGrid(e.target) || editing) return;
    const text = actions.copyText();
    if (!text) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', text);
  };

  // Right-click: the cell becomes active; a row outside the selection becomes the selection (as in Excel).
  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    const cell = (e.target as HTMLElement).closest('[role="gridcell"]') as HTMLElement | null;
    const key = (cell?.closest('[role="row"]') as HTMLElement | null)?.dataset.key;
    const index = key ? indexOf.get(key) : undefined;
    if (!cell || !key || index == null) return;
    const row = rows[index]!;
    focusGrid();
    setActive({ key, col: row.type === 'category' ? 0 : Number(cell.dataset.col ?? 0) });
    if (row.type === 'problem' && !selection.has(row.problem.id)) {
      setSelection(new Set([row.problem.id]));
      setAnchor(key);
    }
  };

  // The fill handle: dragged down from the active cell, it fills the lines it passes (one action).
  const [fillTo, setFillTo] = useState<number | null>(null);
  const startFill = (e: MouseEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const from = activeIndex;
    let to = from;
    const move = (ev: globalThis.MouseEvent) => {
      const rowEl = document.elementFromPoint(ev.clientX, ev.clientY)?.closest('[role="row"][data-key]') as HTMLElement | null;
      const i = rowEl ? indexOf.get(rowEl.dataset.key!) : undefined;
      if (i != null && i >= from) setFillTo((to = i));
    };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      setFillTo(null);
      if (to > from) actions.fillDown(to);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };

  const editingIndex = editing ? (indexOf.get(editing.key) ?? -1) : -1;
  const editingRow = editingIndex >= 0 ? rows[editingIndex] : undefined;
  const items = virtualizer.getVirtualItems();
  // Rows are keyed by their slot on the screen, not by problem: a row scrolled out gives its elements to
  // the row scrolled in (React updates their text and classes), instead of 20 rows of elements being
  // removed and 20 made on every frame of fast scrolling. Slots outnumber the rows drawn, so keys stay unique.
  const slots = slotCount(items.length);
  const editorTop = editingIndex >= 0 ? (virtualizer.measurementsCache[editingIndex]?.start ?? 0) : 0;

  const control: EditorControl = useEditSession(editing, (move) => {
    setEditing(null);
    focusGrid();
    if (move === 'cancel' || !move || activeIndex < 0) return;
    if (move === 'down' || move === 'up') {
      // Enter goes to the next problem below (over banners), as a clerk fills a column downwards.
      let j = activeIndex + (move === 'down' ? 1 : -1);
      while (rows[j] && rows[j]!.type !== 'problem') j += move === 'down' ? 1 : -1;
      if (rows[j]) goTo(j, activeCol, selection.size > 1 ? 'keep' : 'move');
    } else goTo(activeIndex, activeCol + (move === 'right' ? 1 : -1), 'keep');
  });

  const activeId = activeRow ? `cell-${activeRow.key}-${activeRow.type === 'category' ? 0 : activeCol}` : undefined;

  const activeTop = activeIndex >= 0 ? (virtualizer.measurementsCache[activeIndex]?.start ?? headerHeight) - headerHeight : 0;
  const fillEnd = fillTo != null ? virtualizer.measurementsCache[fillTo] : undefined;

  return (
    <Dropdown trigger={['contextMenu']} menu={{ items: actions.menuItems(), onClick: ({ key }) => actions.onMenu(key), triggerSubMenuAction: 'click' }}>
    <div
      ref={scrollRef}
      className={`ledger-grid ${wrap ? 'wrap' : 'one-line'}`}
      style={{ fontSize: (13 * zoom) / 100 }}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-multiselectable
      tabIndex={-1}
      data-virtual-scroll
      onKeyDown={onKeyDown}
      onMouseDown={onMouseDown}
      onDoubleClick={onDoubleClick}
      onPaste={onPaste}
      onCopy={onCopy}
      onContextMenu={onContextMenu}
      onFocus={(e) => {
        if (e.target === e.currentTarget) focusGrid();
      }}
    >
      <GridHeader columns={columns} totalWidth={totalWidth} height={headerHeight} controls={header} />
      <div className="grid-body" style={{ height: virtualizer.getTotalSize() - headerHeight, width: totalWidth }}>
        {items.map((v) => {
          const row = rows[v.index]!;
          return (
            <GridRowView
              key={v.index % slots}
              row={row}
              columns={columns}
              totalWidth={totalWidth}
              top={v.start - headerHeight}
              height={row.type === 'category' ? bannerHeight : rowHeight}
              selected={row.type === 'problem' && selection.has(row.problem.id)}
              activeCol={v.index === activeIndex ? (row.type === 'category' ? 0 : activeCol) : -1}
              today={today}
              round={round}
              sources={row.type === 'problem' ? sources(row.problem.id) : undefined}
              onToggle={actions.toggle}
              highlight={highlight}
            />
          );
        })}
        <textarea
          ref={catcherRef}
          className={`grid-catcher${composing ? ' composing' : ''}`}
          aria-label={label}
          aria-roledescription="表格"
          data-undo-keys="ledger"
          aria-activedescendant={editing ? undefined : activeId}
          tabIndex={0}
          spellCheck={false}
          style={{
            top: (activeIndex >= 0 ? (virtualizer.measurementsCache[activeIndex]?.start ?? headerHeight) : headerHeight) - headerHeight,
            // Never past the table's right edge (it would make the table scroll sideways).
            left: activeRow?.type === 'category' ? 24 : Math.max(0, Math.min(lefts[activeCol]!, totalWidth - 160)),
            width: activeRow?.type === 'category' ? Math.min(400, totalWidth - 24) : Math.max(160, columns[activeCol]?.width ?? 160),
            height: activeRow?.type === 'category' ? bannerHeight : rowHeight,
          }}
          onFocus={() => {
            if (!active && rows.length) goTo(0, 0);
          }}
          onCompositionStart={() => setComposing(true)}
          onCompositionEnd={(e) => {
            setComposing(false);
            const text = e.data || e.currentTarget.value;
            e.currentTarget.value = '';
            if (text && activeRow?.type === 'problem' && columns[activeCol]?.editor) startEdit(text);
          }}
          onChange={(e) => {
            // Only an input method writes here; anything else typed is handled as a key.
            if (!composing) e.currentTarget.value = '';
          }}
        />
        {activeRow?.type === 'problem' && !editing ? (
          <div
            className="fill-handle"
            role="presentation"
            title="向下拖动填充（Ctrl+D）"
            style={{ top: activeTop + rowHeight - 5, left: Math.min(totalWidth - 8, lefts[activeCol]! + (columns[activeCol]?.width ?? 0) - 5) }}
            onMouseDown={startFill}
          />
        ) : null}
        {fillEnd && fillTo! > activeIndex ? (
          <div
            className="fill-preview"
            style={{ top: activeTop, left: lefts[activeCol], width: columns[activeCol]?.width, height: fillEnd.end - headerHeight - activeTop }}
          />
        ) : null}
        {editing && editingRow ? (
          <div
            className={`cell-editor editor-${editingRow.type === 'category' ? 'banner' : (columns[editing.col]?.editor ?? 'text')}`}
            style={{
              top: editorTop - headerHeight,
              left: editingRow.type === 'category' ? 24 : lefts[editing.col],
              minWidth: editingRow.type === 'category' ? 560 : columns[editing.col]!.width,
            }}
          >
            {actions.renderEditor(editingRow, columns[editing.col]!, editing.initial, control)}
          </div>
        ) : null}
      </div>
      {rows.length === 0 ? <div className="grid-empty">没有符合条件的问题</div> : null}
    </div>
    </Dropdown>
  );
}

/** Slots for `drawn` rows: a power of two (at least 64), so that a few rows more or less keep every key. */
function slotCount(drawn: number): number {
  let n = 64;
  while (n < drawn) n *= 2;
  return n;
}

/** The width of an element, followed as the window or the panels beside it change. */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(1200);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => el.clientWidth > 0 && setWidth(el.clientWidth);
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
