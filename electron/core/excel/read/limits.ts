/**
 * Hard limits of the reader. A clerk's workbook is a few hundred KB to a few MB; these leave a wide margin
 * while keeping a hostile file (zip bomb, a million merged ranges, a cell at XFD1048576) from exhausting
 * memory. The worker's own memory limit and timeout are the last line behind them.
 */
export const LIMITS = {
  /** The file as received. */
  maxFileBytes: 64 * 1024 * 1024,
  maxZipEntries: 10_000,
  /** Declared uncompressed size of any one part we read. */
  maxPartBytes: 160 * 1024 * 1024,
  /** Sum of the declared uncompressed sizes of the parts we read. */
  maxTotalBytes: 320 * 1024 * 1024,
  /** Deflate can reach ~1032:1; real XML parts stay well below 200:1. Checked for parts above 1 MB. */
  maxRatio: 400,
  ratioCheckAbove: 1024 * 1024,
  maxSheets: 255,
  maxCells: 2_000_000,
  maxMerges: 200_000,
  maxSharedStrings: 2_000_000,
  /** Excel's own limit for the text of one cell. */
  maxCellChars: 32_767,
  maxRow: 1_048_576,
  maxCol: 16_384,
  /** Worker: V8 old generation and wall clock per file. */
  workerHeapMb: 768,
  workerTimeoutMs: 60_000,
} as const;

export type Limits = typeof LIMITS;
