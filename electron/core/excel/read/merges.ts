import type { MergeRange } from './types';

/**
 * Merged ranges as they are read: four 32-bit integers each (top, left, bottom, right), in one growing
 * buffer, so that the 600,000 merges of a large ledger workbook cost 10 MB and cross the worker boundary
 * as one transferred buffer. Ranges stay ranges: nothing is ever expanded to cells.
 */
export class MergeList {
  private data = new Int32Array(64);
  length = 0;

  push(top: number, left: number, bottom: number, right: number): void {
    if ((this.length + 1) * 4 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const o = this.length * 4;
    this.data[o] = top;
    this.data[o + 1] = left;
    this.data[o + 2] = bottom;
    this.data[o + 3] = right;
    this.length++;
  }

  /** The ranges, trimmed to their number: a buffer to transfer. */
  packed(): Int32Array {
    return this.data.slice(0, this.length * 4);
  }
}

/** The ranges of a packed buffer (MergeList.packed), as the layout code takes them. */
export function unpackMerges(packed: Int32Array): MergeRange[] {
  const out: MergeRange[] = new Array(packed.length / 4);
  for (let i = 0, o = 0; o < packed.length; i++, o += 4) out[i] = [packed[o]!, packed[o + 1]!, packed[o + 2]!, packed[o + 3]!];
  return out;
}

/** Ranges packed as MergeList.packed gives them (a sheet built by hand, a CSV's none). */
export function packMerges(ranges: readonly MergeRange[]): Int32Array {
  const out = new Int32Array(ranges.length * 4);
  ranges.forEach((m, i) => out.set(m, i * 4));
  return out;
}
