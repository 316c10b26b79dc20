/**
 * Hard limits of the reader. A clerk's workbook is a few hundred KB to a few MB, the app's own export of a
 * 100,000-problem ledger 25 MB; these leave a wide margin while keeping a hostile file (zip bomb, millions
 * of merged ranges, a cell at XFD1048576) from exhausting memory. Parts are read as streams, so there is no
 * cap on a part's size: the worker's own memory limit and timeout are the line behind these.
 */
export const LIMITS = {
  /** The file as received. */
  maxFileBytes: 64 * 1024 * 1024,
  maxZipEntries: 10_000,
  /** Deflate can reach ~1032:1; real XML parts stay well below 200:1. Checked for parts above 1 MB. */
  maxRatio: 400,
  ratioCheckAbove: 1024 * 1024,
  maxSheets: 255,
  /**
   * Cells that hold a value plus merged ranges, in one workbook: what the reader hands on and the layout
   * keeps (a cell ~100 bytes, a range ~60 bytes once read; a range is never expanded to the cells it
   * covers). The app's own 100,000-problem ledger workbook in the rows layout is 1.3 million cells and
   * 1 million ranges.
   */
  maxEntries: 4_000_000,
  maxSharedStrings: 2_000_000,
  /**
   * One tag (with its attributes), entity or XML declaration that is still unfinished: what the XML
   * tokenizer carries from one piece of a part to the next (xml-scan.ts). Text, comments and CDATA are
   * handed on as they come and never carried. A real tag is under a few KB (a long `sqref` tens of KB).
   */
  maxMarkupChars: 4 * 1024 * 1024,
  /** Excel's own limit for the text of one cell. */
  maxCellChars: 32_767,
  maxRow: 1_048_576,
  maxCol: 16_384,
  /** Worker: V8 old generation, and wall clock per file (at least)… */
  workerHeapMb: 768,
  workerTimeoutMs: 60_000,
  /** …and more for a large file: this much per MB of the file as received (64 MB: about 6 minutes). */
  workerMsPerMb: 6_000,
} as const;

export type Limits = typeof LIMITS;
