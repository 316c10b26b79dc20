import type { Styles } from './styles';
import type { SheetWriter } from './sheet';
import { heightFor } from './measure';
import { SIZES } from './styles';

export interface Column<K extends string = string> {
  key: K;
  label: string;
  /** Width in Excel character units. */
  width: number;
  /** A heading over several neighbouring columns (整改情况 over 整改措施|责任领导|…). */
  group?: string;
}

/**
 * A one- or two-row table header: columns of a group get their heading in the upper row (merged across
 * them) and their own label below; columns without a group span both rows. Returns the next free row.
 */
export function writeHeader(out: SheetWriter, styles: Styles, row: number, columns: readonly Column[]): number {
  const twoRows = columns.some((c) => c.group);
  const bottom = twoRows ? row + 1 : row;
  let c = 0;
  while (c < columns.length) {
    const col = columns[c]!;
    if (col.group) {
      let end = c;
      while (end + 1 < columns.length && columns[end + 1]!.group === col.group) end++;
      out.put(row, c + 1, col.group, styles.header);
      out.merge(row, c + 1, row, end + 1);
      for (let i = c; i <= end; i++) out.put(bottom, i + 1, columns[i]!.label, styles.header);
      c = end + 1;
    } else {
      out.put(row, c + 1, col.label, styles.header);
      if (twoRows) {
        out.put(bottom, c + 1, null, styles.header);
        out.merge(row, c + 1, bottom, c + 1);
      }
      c++;
    }
  }
  // Labels wrap in narrow columns (问题\n类型): the rows must be tall enough for the longest.
  const labelHeight = Math.max(...columns.map((col) => heightFor(col.label, col.width, SIZES.header, 22)));
  if (twoRows) {
    out.height(row, 22);
    out.height(bottom, labelHeight);
  } else out.height(row, labelHeight);
  return bottom + 1;
}

export function totalWidth(columns: readonly Column[]): number {
  return columns.reduce((a, c) => a + c.width, 0);
}
