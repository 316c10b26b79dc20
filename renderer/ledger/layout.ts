import type { TableProblem } from '../../shared/domain/types';
import { COLUMNS, cellText, type Column, type ColumnKey } from './columns';
import type { SortOrder } from './sort';

/** How the clerk arranged the table: kept per ledger on this computer. */
export interface TableLayout {
  order: ColumnKey[];
  hidden: ColumnKey[];
  /** Widths at 100 % set by dragging or fitting; columns not named keep their default. */
  widths: Partial<Record<ColumnKey, number>>;
  /** 自动换行 (up to 3 lines a row) or 固定行高 (one line). */
  wrap: boolean;
  /** Percent, 80–150. */
  zoom: number;
  /** The column the table is sorted by (a header click), kept like the widths; null: the ledger's order. */
  sort: SortOrder;
}

export const ZOOMS = [80, 90, 100, 110, 125, 150] as const;
export const MIN_WIDTH = 40;
export const MAX_WIDTH = 800;
const KEYS = COLUMNS.map((c) => c.key);

export const DEFAULT_LAYOUT: TableLayout = { order: KEYS, hidden: ['lastChangeAt'], widths: {}, wrap: true, zoom: 100, sort: null };

/** Line height of cell text at 100 %, and the rows' padding. */
const LINE = 20;
const PAD = 8;

export function rowHeightOf(layout: Pick<TableLayout, 'wrap' | 'zoom'>): number {
  return Math.round(((layout.wrap ? 3 : 1) * LINE + PAD) * (layout.zoom / 100));
}
export const bannerHeightOf = (layout: Pick<TableLayout, 'zoom'>) => Math.round(36 * (layout.zoom / 100));
export const headerHeightOf = (layout: Pick<TableLayout, 'zoom'>) => Math.round(36 * (layout.zoom / 100));

const clampWidth = (w: number) => Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, Math.round(w)));

/** The columns shown, in the clerk's order, at the zoom's size. 编号 always stays first (it does not scroll away). */
export function layoutColumns(layout: TableLayout): Column[] {
  const byKey = new Map(COLUMNS.map((c) => [c.key, c]));
  const hidden = new Set(layout.hidden);
  const scale = layout.zoom / 100;
  return layout.order
    .filter((k) => k === 'code' || !hidden.has(k))
    .map((k) => {
      const c = byKey.get(k)!;
      return { ...c, width: Math.round((layout.widths[k] ?? c.width) * scale) };
    });
}

/** A layout read back from storage: anything unknown dropped, columns added since put at the end. */
export function parseLayout(text: string | null): TableLayout {
  if (!text) return DEFAULT_LAYOUT;
  try {
    const raw = JSON.parse(text) as Partial<TableLayout>;
    const known = new Set<string>(KEYS);
    const order = Array.isArray(raw.order) ? raw.order.filter((k): k is ColumnKey => known.has(k)) : [];
    const seen = new Set(order);
    const fullOrder = ['code' as ColumnKey, ...order.filter((k) => k !== 'code'), ...KEYS.filter((k) => !seen.has(k) && k !== 'code')];
    const widths: Partial<Record<ColumnKey, number>> = {};
    for (const [k, w] of Object.entries(raw.widths ?? {})) if (known.has(k) && typeof w === 'number' && Number.isFinite(w)) widths[k as ColumnKey] = clampWidth(w);
    const zoom = typeof raw.zoom === 'number' ? Math.max(80, Math.min(150, Math.round(raw.zoom))) : 100;
    return {
      order: fullOrder,
      hidden: Array.isArray(raw.hidden) ? raw.hidden.filter((k): k is ColumnKey => known.has(k) && k !== 'code') : DEFAULT_LAYOUT.hidden,
      widths,
      wrap: typeof raw.wrap === 'boolean' ? raw.wrap : true,
      zoom,
      sort: parseSort(raw.sort, known),
    };
  } catch {
    return DEFAULT_LAYOUT;
  }
}

function parseSort(raw: unknown, known: ReadonlySet<string>): SortOrder {
  if (!raw || typeof raw !== 'object') return null;
  const { key, dir } = raw as { key?: unknown; dir?: unknown };
  return typeof key === 'string' && known.has(key) && (dir === 'asc' || dir === 'desc') ? { key: key as ColumnKey, dir } : null;
}

export const storageKey = (ledger: string) => `ledger-layout:${ledger}`;

/** Width set by a drag: stored at 100 %, whatever the zoom. */
export function withWidth(layout: TableLayout, key: ColumnKey, shownWidth: number): TableLayout {
  return { ...layout, widths: { ...layout.widths, [key]: clampWidth(shownWidth / (layout.zoom / 100)) } };
}

/** Move a column before another (null: to the end); 编号 stays first. */
export function withOrder(layout: TableLayout, key: ColumnKey, before: ColumnKey | null): TableLayout {
  if (key === 'code' || before === 'code') return layout;
  const order = layout.order.filter((k) => k !== key);
  const at = before ? order.indexOf(before) : order.length;
  order.splice(at < 0 ? order.length : at, 0, key);
  return { ...layout, order };
}

export function withHidden(layout: TableLayout, key: ColumnKey, hidden: boolean): TableLayout {
  if (key === 'code') return layout;
  const set = new Set(layout.hidden);
  if (hidden) set.add(key);
  else set.delete(key);
  return { ...layout, hidden: KEYS.filter((k) => set.has(k)) };
}

/** A CJK character is about a font size wide, a Latin one a little over half. */
function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? fontSize : fontSize * 0.58;
  return w;
}

/**
 * The width (at 100 %) that fits a column's title and its longest value among the rows (double-click on
 * the border). Long text (problems, progress) is capped, since it wraps.
 */
export function fitWidth(column: Column, problems: readonly TableProblem[]): number {
  let widest = textWidth(column.title, 13) + 44;
  const cap = column.key === 'text' || column.key === 'latestProgress' ? 480 : MAX_WIDTH;
  for (let i = 0; i < problems.length && i < 2000; i++) {
    const line = cellText(problems[i]!, column.key).split('\n').reduce((a, b) => (b.length > a.length ? b : a), '');
    widest = Math.max(widest, textWidth(line, 13) + (column.key === 'code' ? 48 : column.key === 'status' ? 60 : 20));
    if (widest >= cap) break;
  }
  return clampWidth(Math.min(cap, widest));
}
