import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, Typography, type InputRef } from 'antd';
import type { TableProblem, RoundInfo } from '../../shared/domain/types';
import { PROBLEM_STATUSES, normalizeStatus, type ProblemStatus } from '../../shared/domain/status';
import { todayIso } from '../../shared/domain/dates';
import { urgencyOf } from '../../shared/domain/urgency';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { call, errorMessage } from '../api';
import { useLedger } from '../ledger-context';
import { navigate, useRoute } from '../router';
import { idsParam } from '../todo/drill';
import { Welcome } from '../components/Welcome';
import { LEADER_SEPARATOR, cellText, type Column } from '../ledger/columns';
import { buildRows, indexOfKeys, keptLineLists, keptLines, problemKey, type GridRow } from '../ledger/rows';
import { prepareSort, sortProblems, nextSort, type SortOrder } from '../ledger/sort';
import { fitWidth, headerHeightOf, bannerHeightOf, layoutColumns, rowHeightOf, withOrder, withWidth } from '../ledger/layout';
import { useTableLayout } from '../ledger/useTableLayout';
import { FilterChips } from '../ledger/FilterChips';
import { ViewMenu } from '../ledger/ViewMenu';
import { SetUnitDialog } from '../ledger/SetUnitDialog';
import { ReplaceDialog } from '../ledger/ReplaceDialog';
import { PrintPreview } from '../ledger/print/PrintPreview';
import { foldedIn, type Folded } from '../ledger/print/folded';
import { ExportViewButton } from '../ledger/print/ExportViewButton';
import { describeView } from '../ledger/viewWords';
import { planFill } from '../ledger/fill';
import { contextMenuItems, runMenuCommand } from '../ledger/grid/contextMenu';
import type { HeaderControls } from '../ledger/grid/GridHeader';
import type { ColumnKey } from '../ledger/columns';
import { EMPTY_FILTER, filterProblems, isFiltering, type LedgerFilter } from '../ledger/filter';
import { useLedgerTable } from '../ledger/useLedgerTable';
import { useSearch } from '../ledger/useSearch';
import { useGridState } from '../ledger/useGridState';
import { LedgerGrid, type EditorControl, type GridActions } from '../ledger/LedgerGrid';
import { FilterBar } from '../ledger/FilterBar';
import { Toolbar } from '../ledger/Toolbar';
import { MoveDialog, NewCategoryDialog, NewProblemDialog, type NewProblemPlace } from '../ledger/ProblemDialogs';
import { clearCells, commitCell, type CellValue } from '../ledger/commit';
import { parseTsv, formatTsv } from '../ledger/tsv';
import { TextEditor } from '../ledger/editors/TextEditor';
import { ComboEditor } from '../ledger/editors/ComboEditor';
import { DeadlineEditor } from '../ledger/editors/DeadlineEditor';
import type { Move } from '../ledger/editors/types';
import { splitUnits } from '../../shared/domain/names';
import { writeWithAnswers } from '../ledger/answers';
import { useAskers } from '../ledger/useAskers';
import { actionTargets, namedRows, shownIdSet, useVisibleSelection } from '../ledger/selection';

/** The year for deadlines written without one (8月底前): the feedback year, as the core reads them. */
function roundYear(round: RoundInfo): number {
  return Number((round.feedbackDate ?? round.inspectionEnd ?? round.createdAt).slice(0, 4));
}

const DERIVED = '按措施推导';
/** From how many problems the problem texts are sorted ahead, in idle time (below, a click sorts them in a few ms). */
const PREPARED_SORT = 5000;
const NO_FOLDS: Folded = { categories: 0, generals: 0, hiddenProblems: 0 };

/** The printed title: the round's title made into the ledger's name (…整改 → …整改台账; …台账 kept). */
function printTitle(round: string | undefined): string {
  const t = (round ?? '').trim();
  if (!t) return '整改台账';
  if (t.endsWith('台账')) return t;
  return t.endsWith('整改') ? `${t}台账` : `${t}整改台账`;
}

// What the table does not need to draw loads when first opened: the detail panel (with its tabs, evidence
// and sign-off forms), the recycle bin's table and the bar for many selected rows.
const DetailPanel = lazy(() => import('../ledger/detail/DetailPanel').then((m) => ({ default: m.DetailPanel })));
const DeletedView = lazy(() => import('../ledger/DeletedView').then((m) => ({ default: m.DeletedView })));
const BulkBar = lazy(() => import('../ledger/BulkBar').then((m) => ({ default: m.BulkBar })));

export function LedgerPage() {
  const { info, version } = useLedger();
  const { message, modal } = AntApp.useApp();
  const route = useRoute();
  const roundId = info?.roundId ?? null;
  const scope = info ? `${info.path}|${roundId}` : null;
  const data = useLedgerTable(scope, roundId, version);
  const [filter, setFilter] = useState<LedgerFilter>(EMPTY_FILTER);
  const patchFilter = useCallback((patch: Partial<LedgerFilter>) => setFilter((f) => ({ ...f, ...patch })), []);
  const clearFilter = useCallback(() => setFilter(EMPTY_FILTER), []);
  const search = useSearch(filter.query, version, scope);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const grid = useGridState();
  const [detailOpen, setDetailOpen] = useState(false);
  const [deletedView, setDeletedView] = useState(false);
  const [newProblem, setNewProblem] = useState<NewProblemPlace | null>(null);
  const [newCategory, setNewCategory] = useState(false);
  const [moving, setMoving] = useState<TableProblem | null>(null);
  const [detailTab, setDetailTab] = useState('measures');
  const [unitFor, setUnitFor] = useState<number[] | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [printing, setPrinting] = useState(false);
  // The print shows what the screen shows, folds included, unless the preview is told to unfold them.
  const [printUnfolded, setPrintUnfolded] = useState(false);
  const searchRef = useRef<InputRef>(null);
  const { layout, update: updateLayout, reset: resetLayout } = useTableLayout(info?.path ?? null);
  // The sort is kept with the layout: per ledger on this computer, there again after a reload.
  const sort = layout.sort;
  const setSort = useCallback((change: (s: SortOrder) => SortOrder) => updateLayout((l) => ({ ...l, sort: change(l.sort) })), [updateLayout]);
  const columns = useMemo(() => layoutColumns(layout), [layout]);
  const heights = useMemo(() => ({ row: rowHeightOf(layout), banner: bannerHeightOf(layout), header: headerHeightOf(layout) }), [layout]);

  // A round whose categories were all deleted shows the welcome page; it offers the recycle bin when
  // there is something to restore (every deleted problem of such a round belongs to a deleted category).
  const emptyRound = !!info?.roundId && !data.loading && !data.error && data.problems.length === 0 && data.categories.length === 0;
  const [restorable, setRestorable] = useState(false);
  useEffect(() => {
    if (!emptyRound) return;
    let current = true;
    call('categories.list', { includeDeleted: true }).then(
      (all) => current && setRestorable(all.some((c) => c.deletedAt != null)),
      () => current && setRestorable(false),
    );
    return () => {
      current = false;
    };
  }, [emptyRound, version]);

  const today = todayIso();
  const round = useMemo(
    () => ({ periodEnd: info?.round?.periodEnd ?? null, longTermCountsCompleted: !!info?.round?.longTermCountsCompleted }),
    [info?.round?.periodEnd, info?.round?.longTermCountsCompleted],
  );
  const year = info?.round ? roundYear(info.round) : null;
  // The table follows the query the ledger has answered, not the one being typed: a keystroke redraws the
  // table once, when its answer arrives (see test/bench/table.bench.ts).
  const applied = useMemo<LedgerFilter>(
    () => ({ ...filter, query: search.query }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filter.statuses, filter.leadUnit, filter.leader, filter.categoryId, filter.overdue, filter.dueWithinDays, filter.columns, search.query],
  );
  // #/ledger?ids=…&label=… (a drill-down from the to-do view or the comparison): only those problems.
  const pinned = useMemo(() => idsParam(route.params), [route.params]);
  const pinnedLabel = route.params.get('label');
  const filtering = isFiltering(applied) || pinned != null;
  // Sorted once per click or change of the rows, not on every keystroke: filtering keeps the order it is given.
  const sorted = useMemo(() => sortProblems(data.problems, sort), [data.problems, sort]);
  // The problem texts in Chinese order, made while the page is idle: the first click on 问题 only ranks by them.
  useEffect(() => (data.complete && data.problems.length >= PREPARED_SORT ? prepareSort(data.problems, 'text') : undefined), [data.problems, data.complete]);
  const filtered = useMemo(() => filterProblems(sorted, applied, search.ids, today, round), [sorted, applied, search.ids, today, round]);
  const visible = useMemo(() => (pinned ? filtered.filter((p) => pinned.has(p.id)) : filtered), [filtered, pinned]);
  const lineLists = useMemo(() => keptLineLists(keptLines(), 3, keptLines()), []);
  const flat = !!sort;
  const rows = useMemo(
    () => lineLists({ all: data.problems, problems: visible, categories: data.categories, collapsed, filtering, partial: !data.complete, flat }),
    [lineLists, data.problems, visible, data.categories, collapsed, filtering, data.complete, flat],
  );
  const printFolds = useMemo(() => (printing ? foldedIn(rows, visible.length) : NO_FOLDS), [printing, rows, visible.length]);
  // What a double-click on a border fits to, read when it happens: the header does not redraw per keystroke.
  const shownRef = useRef({ columns, visible });
  shownRef.current = { columns, visible };
  const header = useMemo<HeaderControls>(
    () => ({
      sort,
      onSort: (key) => setSort((s) => nextSort(s, key)),
      conditions: filter.columns,
      onCondition: (key, cond) =>
        setFilter((f) => {
          const next = { ...f.columns };
          if (cond) next[key] = cond;
          else delete next[key];
          return { ...f, columns: next };
        }),
      problems: data.problems,
      onResize: (key, width) => updateLayout((l) => withWidth(l, key, width)),
      onFit: (key) => {
        const column = shownRef.current.columns.find((c) => c.key === key);
        if (column) updateLayout((l) => ({ ...l, widths: { ...l.widths, [key]: fitWidth(column, shownRef.current.visible) } }));
      },
      onReorder: (key, before) => updateLayout((l) => withOrder(l, key, before)),
    }),
    [sort, setSort, filter.columns, data.problems, updateLayout],
  );
  const removeCondition = useCallback((key: ColumnKey) => header.onCondition(key, undefined), [header]);
  const rowIndex = indexOfKeys(rows);

  const activeIndex = grid.active ? (rowIndex.get(grid.active.key) ?? -1) : -1;
  const activeRow: GridRow | undefined = activeIndex >= 0 ? rows[activeIndex] : undefined;
  const activeProblem = activeRow?.type === 'problem' ? activeRow.problem : grid.active ? (data.byId.get(Number(grid.active.key.slice(1))) ?? null) : null;
  const activeCol = grid.active?.col ?? 0;
  // Every row shown: the table's own map answers; otherwise a set made when first asked.
  const shownIds = useMemo(() => (visible === data.problems ? data.byId : shownIdSet(visible)), [visible, data.problems, data.byId]);
  useVisibleSelection(grid, shownIds, (n) => message.info(`搜索或筛选隐藏了 ${n} 个已选的问题，已取消选择它们`));
  // Never a hidden row, even in the moment before the selection above is pruned.
  const selectedShown = actionTargets(grid.selection, shownIds);
  const targetIds = selectedShown.length > 0 ? selectedShown : activeProblem && shownIds.has(activeProblem.id) ? [activeProblem.id] : [];

  // Ctrl+F finds (the search box, hits marked in the cells), Ctrl+H replaces, wherever the focus is on this page.
  const pageKeys = useRef<(e: KeyboardEvent) => void>(() => {});
  pageKeys.current = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || deletedView) return;
    const k = e.key.toLowerCase();
    if (k === 'f') {
      e.preventDefault();
      searchRef.current?.focus({ cursor: 'all' });
    } else if (k === 'h') {
      e.preventDefault();
      setReplacing(true);
    } else if (k === 'p') {
      // The current view, not the page as it is on screen.
      e.preventDefault();
      setPrinting(true);
    }
  };
  useEffect(() => {
    const on = (e: KeyboardEvent) => pageKeys.current(e);
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, []);

  // #/ledger?problem=ID (from the statistics page): show that problem with its details.
  const wanted = route.params.get('problem');
  const shownWanted = useRef<string | null>(null);
  useEffect(() => {
    if (!wanted || shownWanted.current === wanted) return;
    const p = data.byId.get(Number(wanted));
    if (!p) return;
    shownWanted.current = wanted;
    setFilter(EMPTY_FILTER);
    setDeletedView(false);
    setCollapsed((c) => {
      const next = new Set(c);
      next.delete(`c${p.categoryId}`);
      if (p.parentId) next.delete(problemKey(p.parentId));
      return next;
    });
    grid.setActive({ key: problemKey(p.id), col: 1 });
    grid.setSelection(new Set([p.id]));
    grid.setAnchor(problemKey(p.id));
    grid.setReveal(problemKey(p.id));
    setDetailOpen(true);
  }, [wanted, data.byId, grid]);

  const { askers, dialog: askDialog } = useAskers(data.units);

  const run = async (control: EditorControl, move: Move, write: () => Promise<unknown>) => {
    if (!control.begin()) return;
    try {
      // null: the person cancelled a question the write raised (a new unit name); the editor stays open.
      if ((await write()) === null) return control.fail();
      control.done(move);
    } catch (e) {
      message.error(errorMessage(e));
      control.fail();
    }
  };

  const renderEditor = (row: GridRow, column: Column, initial: string, control: EditorControl) => {
    if (row.type === 'category') {
      const c = row.category;
      return (
        <ComboEditor
          initial={initial}
          options={[]}
          label="类别标题"
          onCancel={control.cancel}
          onCommit={(title, move) =>
            run(control, move, async () => {
              if (title.trim() && title.trim() !== c.title) await call('categories.rename', { id: c.id, title: title.trim() });
            })
          }
        />
      );
    }
    const p = row.problem;
    const write = (value: CellValue, move: Move) =>
      run(control, move, async () => {
        const written = await writeWithAnswers(askers, (a) => commitCell(p, column.key, value, a));
        const parts = column.key === 'leadUnit' && 'text' in value ? splitUnits(value.text) : [];
        if (written && parts.length > 1) message.success(`${p.code}：牵头单位“${parts[0]}”，配合单位“${parts.slice(1).join('、')}”`);
        return written;
      });
    switch (column.editor) {
      case 'text':
        return <TextEditor initial={initial} label="问题内容" onCancel={control.cancel} onCommit={(text, move) => write({ text }, move)} />;
      case 'progress':
        return (
          <TextEditor
            initial={initial}
            label="新的整改进展"
            rows={3}
            placeholder="输入今天的新进展，Enter 保存；以前的进展保留在详情中"
            onCancel={control.cancel}
            onCommit={(text, move) => write({ text }, move)}
          />
        );
      case 'leaders':
        return (
          <ComboEditor
            initial={initial}
            label="责任领导"
            separator={LEADER_SEPARATOR}
            placeholder="多位领导用“；”分隔"
            options={data.leaders.map((l) => ({ value: l.name, keywords: l.aliases }))}
            onCancel={control.cancel}
            onCommit={(text, move) => write({ text }, move)}
          />
        );
      case 'unit':
        return (
          <ComboEditor
            initial={initial}
            label="牵头单位"
            options={data.units.map((u) => ({ value: u.name, keywords: u.aliases }))}
            onCancel={control.cancel}
            onCommit={(text, move) => write({ text }, move)}
          />
        );
      case 'deadline':
        return <DeadlineEditor initial={initial} year={year} onCancel={control.cancel} onCommit={(deadline, move) => write({ deadline }, move)} />;
      case 'status': {
        const typed = initial !== cellText(p, 'status');
        return (
          <ComboEditor
            initial={typed ? initial : ''}
            label="整改状态"
            placeholder={p.status}
            showAllInitially
            highlightInitial={typed ? undefined : p.statusSource === 'derived' ? DERIVED : p.status}
            options={[{ value: DERIVED, label: `${DERIVED}（按各项措施的状态）` }, ...PROBLEM_STATUSES.map((s) => ({ value: s }))]}
            onCancel={control.cancel}
            onCommit={(text, move) => {
              const t = text.trim();
              if (!t) return control.cancel();
              const status = t === DERIVED ? null : normalizeStatus(t);
              if (status === null && t !== DERIVED) {
                message.error(`“${t}”不是可识别的状态。可选：${PROBLEM_STATUSES.join('、')}，或“${DERIVED}”。`);
                return;
              }
              void write({ status }, move);
            }}
          />
        );
      }
      default:
        return null;
    }
  };

  const latest = useRef<{ insert(): void; remove(): void; move(d: 'up' | 'down'): Promise<void>; setMoving(): void }>({
    insert: () => {},
    remove: () => {},
    move: async () => {},
    setMoving: () => {},
  });
  const toolbarHandlers = useMemo(
    () => ({
      onAddProblem: () => latest.current.insert(),
      onAddCategory: () => setNewCategory(true),
      onMove: (d: 'up' | 'down') => void latest.current.move(d),
      onMoveTo: () => void latest.current.setMoving(),
      onDelete: () => latest.current.remove(),
      onToggleDetail: () => setDetailOpen((o) => !o),
      onToggleDeleted: () => setDeletedView((v) => !v),
      onReplace: () => setReplacing(true),
      onPrint: () => setPrinting(true),
    }),
    [],
  );

  // Stable, so that rows (memoised) do not redraw for it.
  const toggle = useCallback(
    (key: string) =>
      setCollapsed((c) => {
        const next = new Set(c);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );

  const problemsOf = (ids: number[]) => ids.map((id) => data.byId.get(id)).filter((p): p is TableProblem => !!p);

  const remove = () => {
    if (activeRow?.type === 'category' && grid.selection.size === 0) {
      const c = activeRow.category;
      modal.confirm({
        title: `删除类别（${toChineseNumeral(c.no)}）“${c.title}”？`,
        content: `其下 ${c.problemCount} 个问题一并删除。删除后可在“回收站”恢复，也可撤销（Ctrl+Z）。类别编号不会被再次使用。`,
        okText: '删除',
        okButtonProps: { danger: true },
        cancelText: '取消',
        onOk: () => call('categories.delete', { id: c.id }).then(() => message.success('已删除类别'), (e) => message.error(errorMessage(e))),
      });
      return;
    }
    const list = problemsOf(targetIds);
    if (list.length === 0) return;
    const chosen = new Set(list.map((p) => p.id));
    const children = data.problems.filter((q) => q.parentId != null && chosen.has(q.parentId) && !chosen.has(q.id)).length;
    const withChildren = children > 0;
    modal.confirm({
      title: list.length === 1 ? `删除问题 ${list[0]!.code}？` : `删除所选的 ${list.length} 个问题？`,
      content: `${list.length > 1 ? `将删除：${namedRows(list.map((p) => p.code))}。` : ''}${withChildren ? `其下的 ${children} 个具体问题一并删除。` : ''}删除后可在“回收站”恢复，编号保留；也可撤销（Ctrl+Z）。`,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        call('problems.delete', { ids: list.map((p) => p.id) }).then(
          (r) => {
            message.success(`已删除 ${r.count} 个问题${withChildren ? `（连同其下 ${children} 个具体问题）` : ''}，可在回收站恢复`);
            grid.setSelection(new Set());
          },
          (e) => message.error(errorMessage(e)),
        ),
    });
  };

  const insert = () => {
    const p = activeProblem;
    if (activeRow?.type === 'category') setNewProblem({ categoryId: activeRow.category.id, kind: 'general', parentId: null, afterId: null });
    else if (p) setNewProblem({ categoryId: p.categoryId, kind: p.kind, parentId: p.parentId, afterId: p.id });
    else if (data.categories[0]) setNewProblem({ categoryId: data.categories[0].id, kind: 'general', parentId: null, afterId: null });
    else setNewCategory(true);
  };

  const move = async (direction: 'up' | 'down') => {
    try {
      if (activeRow?.type === 'category') {
        const i = data.categories.findIndex((c) => c.id === activeRow.category.id);
        const position = i + 1 + (direction === 'up' ? -1 : 1);
        if (i < 0 || position < 1 || position > data.categories.length) return;
        await call('categories.move', { id: activeRow.category.id, position });
        return;
      }
      const p = activeProblem;
      if (!p) return;
      const siblings = data.problems.filter((q) => (p.parentId == null ? q.parentId == null && q.categoryId === p.categoryId : q.parentId === p.parentId));
      const i = siblings.findIndex((q) => q.id === p.id);
      if (direction === 'up' && i > 0) await call('problems.move', { id: p.id, afterId: i >= 2 ? siblings[i - 2]!.id : null });
      else if (direction === 'down' && i >= 0 && i < siblings.length - 1) await call('problems.move', { id: p.id, afterId: siblings[i + 1]!.id });
      else message.info(direction === 'up' ? '已经在最前面' : '已经在最后面');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const paste = async (text: string) => {
    const block = parseTsv(text);
    if (block.length === 0 || !activeRow) return;
    const column = columns[activeCol]!;
    let cells: { id: number; field: string; value: string }[] = [];
    if (block.length === 1 && block[0]!.length === 1 && grid.selection.size > 1) {
      // One value onto many selected rows fills them all, as in a spreadsheet.
      cells = actionTargets(grid.selection, shownIds).map((id) => ({ id, field: column.key, value: block[0]![0]! }));
    } else {
      const targets: TableProblem[] = [];
      for (let i = activeIndex; i < rows.length && targets.length < block.length; i++) {
        const r = rows[i]!;
        if (r.type === 'problem') targets.push(r.problem);
      }
      const width = Math.max(...block.map((r) => r.length));
      if (targets.length < block.length) {
        modal.warning({ title: '粘贴未执行', content: `复制的内容有 ${block.length} 行，但从当前行往下只有 ${targets.length} 个问题。请从更靠上的行开始粘贴，或先新增问题。` });
        return;
      }
      if (activeCol + width > columns.length) {
        modal.warning({ title: '粘贴未执行', content: `复制的内容有 ${width} 列，从“${column.title}”列往右只有 ${columns.length - activeCol} 列。` });
        return;
      }
      block.forEach((r, ri) => r.forEach((value, ci) => cells.push({ id: targets[ri]!.id, field: columns[activeCol + ci]!.key, value })));
    }
    try {
      const r = await writeWithAnswers(askers, (a) => call('problems.paste', { cells, names: a.names, acceptUnparsedDeadlines: a.acceptUnparsed }));
      if (r) message.success(`已粘贴 ${r.count} 个单元格（Ctrl+Z 可撤销）`);
      else message.info('粘贴已取消，台账没有改动');
    } catch (e) {
      modal.error({ title: '粘贴未执行，台账没有改动', content: errorMessage(e), width: 560 });
    }
  };

  const copyText = () => {
    if (grid.selection.size > 1) {
      const picked = visible.filter((p) => grid.selection.has(p.id));
      return formatTsv(picked.map((p) => columns.map((c) => cellText(p, c.key))));
    }
    if (activeRow?.type === 'category') return activeRow.category.title;
    if (activeRow?.type === 'problem') return cellText(activeRow.problem, columns[activeCol]!.key);
    return '';
  };

  const fillDown = async (untilIndex?: number) => {
    const column = columns[activeCol];
    if (!column || activeIndex < 0) return;
    const plan = planFill(rows, activeIndex, grid.selection, column, untilIndex);
    if ('refused' in plan) {
      modal.warning({ title: '向下填充未执行', content: plan.refused });
      return;
    }
    try {
      const r = await call('problems.paste', { cells: plan.cells, purpose: 'fill' });
      message.success(`已将 ${plan.source.code} 的“${column.title}”向下填充到 ${r.count} 个问题（Ctrl+Z 可撤销）`);
    } catch (e) {
      modal.error({ title: '向下填充未执行，台账没有改动', content: errorMessage(e), width: 560 });
    }
  };

  const menuCommands = {
    copy: () => {
      const text = copyText();
      if (text) navigator.clipboard?.writeText(text).then(() => message.success('已复制'), () => message.info('请按 Ctrl+C 复制'));
    },
    paste: () => {
      const read = navigator.clipboard?.readText?.();
      if (!read) return void message.info('请按 Ctrl+V 粘贴');
      read.then((text) => void paste(text), () => message.info('浏览器不允许读取剪贴板，请按 Ctrl+V 粘贴'));
    },
    clear: () => {
      const column = columns[activeCol];
      if (column?.clearable) actions.clear(column, targetIds);
    },
    insert,
    remove,
    setStatus: (status: ProblemStatus | null) =>
      call('problems.setStatus', { ids: targetIds, status }).then(
        () => message.success(`已设置 ${targetIds.length} 个问题的状态为“${status ?? DERIVED}”（Ctrl+Z 可撤销）`),
        (e) => message.error(errorMessage(e)),
      ),
    setLeadUnit: () => targetIds.length && setUnitFor(targetIds),
    fillDown: () => void fillDown(),
    openDetail: () => {
      setDetailTab('measures');
      setDetailOpen(true);
    },
    openHistory: () => {
      setDetailTab('history');
      setDetailOpen(true);
    },
  };

  const actions: GridActions = {
    fillDown: (until) => void fillDown(until),
    menuItems: () =>
      contextMenuItems({ onProblem: activeRow?.type === 'problem', selected: targetIds.length, clearable: !!columns[activeCol]?.clearable }),
    onMenu: (key) => runMenuCommand(key, menuCommands),
    renderEditor,
    toggle,
    openDetail: (id) => {
      grid.setActive({ key: problemKey(id), col: grid.active?.col ?? 0 });
      setDetailOpen(true);
    },
    clear: (column, ids) => {
      clearCells(problemsOf(ids), column.key).then(
        (changed) => changed && message.success(`已清空 ${ids.length} 个问题的${column.title}（Ctrl+Z 可撤销）`),
        (e) => message.error(errorMessage(e)),
      );
    },
    paste: (text) => void paste(text),
    copyText,
    remove,
    insert,
    move: (d) => void move(d),
  };

  // The toolbar's handlers stay the same functions (so that it does not redraw on every keystroke) and
  // call the latest closures, which see the current active row and selection.
  latest.current = { insert, remove, move, setMoving: () => activeProblem && setMoving(activeProblem) };

  if (info && !info.roundId) return <Welcome />;
  if (emptyRound && !deletedView) return <Welcome onOpenRecycleBin={restorable ? () => setDeletedView(true) : undefined} />;

  const gridLabel = `${info?.round?.title ?? '台账'}：${filtering ? `筛选后 ${visible.length} 个问题` : `共 ${data.total} 个问题`}`;
  const overdueActive = activeProblem ? urgencyOf(activeProblem, today, round) === 'overdue' : false;

  return (
    <div className="ledger-page">
      <div className="ledger-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {deletedView ? '回收站' : '台账'}
        </Typography.Title>
        <Toolbar
          canAddProblem={!!activeRow || data.categories.length > 0}
          canMove={!!activeRow}
          canDelete={targetIds.length > 0 || activeRow?.type === 'category'}
          detailOpen={detailOpen}
          deletedView={deletedView}
          {...toolbarHandlers}
        />
        {deletedView ? null : <ViewMenu layout={layout} onChange={updateLayout} onReset={resetLayout} />}
      </div>
      {deletedView ? (
        <Suspense fallback={null}>
          <DeletedView version={version} />
        </Suspense>
      ) : (
        <>
          <FilterBar
            filter={filter}
            onPatch={patchFilter}
            categories={data.categories}
            units={data.units}
            leaders={data.leaders}
            shown={visible.length}
            total={data.total}
            loadingRest={!data.complete}
            filtering={filtering}
            searchMode={filter.query.trim() ? search.mode : null}
            searchError={search.error}
            searchRef={searchRef}
          />
          <FilterChips conditions={filter.columns} sort={sort} onRemove={removeCondition} onUnsort={() => setSort(() => null)} onClearFilters={isFiltering(filter) ? clearFilter : null} />
          {selectedShown.length > 1 ? (
            <Suspense fallback={null}>
              <BulkBar
                ids={selectedShown}
                codes={selectedShown.map((id) => data.byId.get(id)?.code ?? '')}
                askers={askers}
                units={data.units}
                leaders={data.leaders}
                year={year}
                onClear={() => grid.setSelection(activeProblem ? new Set([activeProblem.id]) : new Set())}
                onDelete={remove}
              />
            </Suspense>
          ) : null}
          {data.error ? <Alert type="error" showIcon title={data.error} /> : null}
          {pinned ? (
            <Alert
              type="info"
              showIcon
              data-testid="ledger-pinned"
              style={{ marginBottom: 8 }}
              title={`${pinnedLabel ?? '指定的问题'}：显示 ${visible.length} 个问题`}
              action={
                <a role="button" onClick={() => navigate('ledger')}>
                  显示全部
                </a>
              }
            />
          ) : null}
          <div className="ledger-main">
            <LedgerGrid
              rows={rows}
              columns={columns}
              state={grid}
              today={today}
              round={round}
              sources={search.sources}
              actions={actions}
              label={gridLabel}
              heights={heights}
              zoom={layout.zoom}
              wrap={layout.wrap}
              header={header}
              highlight={search.query}
            />
            {detailOpen ? (
              <Suspense fallback={<div className="detail-panel" aria-busy="true" />}>
                <DetailPanel
                  problemId={activeProblem?.id ?? null}
                  version={version}
                  units={data.units}
                  leaders={data.leaders}
                  categories={data.categories}
                  byId={data.byId}
                  overdue={overdueActive}
                  onClose={() => setDetailOpen(false)}
                  tab={detailTab}
                  onTabChange={setDetailTab}
                />
              </Suspense>
            ) : null}
          </div>
          <Typography.Text type="secondary" className="ledger-keys">
            Enter 或单击当前格编辑 · Tab/方向键移动 · Esc 取消 · Shift+方向键多选 · Ctrl+C/Ctrl+V 复制粘贴 · Delete 清空 · Ctrl+D 向下填充 · 右键更多操作 · Ctrl+Enter 详情 · Ctrl+Z/Ctrl+Y 撤销/重做
          </Typography.Text>
        </>
      )}
      <NewProblemDialog
        place={newProblem}
        categories={data.categories}
        problems={data.problems}
        onClose={() => setNewProblem(null)}
        onCreated={(p) => {
          setNewProblem(null);
          grid.setActive({ key: problemKey(p.id), col: 1 });
          grid.setSelection(new Set([p.id]));
        }}
      />
      <NewCategoryDialog open={newCategory} onClose={() => setNewCategory(false)} onCreated={(c) => {
        setNewCategory(false);
        grid.setActive({ key: `c${c.id}`, col: 0 });
      }} />
      {printing && !deletedView ? (
        <PrintPreview
          content={{
            title: printTitle(info?.round?.title),
            asOf: today,
            conditions: describeView(applied, sort, data.categories),
            columns,
            rows: sort || !printUnfolded ? rows : buildRows(visible, data.categories, new Set(), filtering),
            count: visible.length,
            folded: sort || printUnfolded || printFolds.hiddenProblems === 0 ? null : printFolds,
          }}
          folds={{ onScreen: sort || printFolds.hiddenProblems === 0 ? null : printFolds, unfold: printUnfolded, onUnfold: setPrintUnfolded }}
          onClose={() => {
            setPrinting(false);
            setPrintUnfolded(false);
          }}
          exportButton={<ExportViewButton ids={() => visible.map((p) => p.id)} asOf={today} filtered={filtering} />}
        />
      ) : null}
      {replacing ? (
        <ReplaceDialog open initialFind={filter.query.trim()} problems={data.problems} selected={grid.selection} onClose={() => setReplacing(false)} />
      ) : null}
      <SetUnitDialog ids={unitFor} units={data.units} onClose={() => setUnitFor(null)} />
      {askDialog}
      <MoveDialog problem={moving} categories={data.categories} problems={data.problems} onClose={() => setMoving(null)} />
    </div>
  );
}
