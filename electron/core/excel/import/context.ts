import type { Db } from '../../db/open';
import type { RowChange } from '../../../../shared/api/import';
import type { CellIssue } from '../../../../shared/domain/issues';
import type { Analysis } from '../layout/analyze';
import type { FieldCell } from '../layout/records';
import { colLetter } from '../read/refs';
import { cachedStatement } from '../../db/statements';

/** What applying one file needs and collects. */
export interface FileContext {
  db: Db;
  fileName: string;
  analysis: Analysis;
  sheet: string;
  roundId: number;
  roundYear: number | null;
  /** The date progress entries of this file carry. */
  reportDate: string;
  unit: string | null;
  batchId: number;
  /** Rows whose match by similarity the person confirmed. */
  confirm: Set<number>;
  errors: CellIssue[];
  warnings: CellIssue[];
  changes: RowChange[];
}

export function issueAt(ctx: FileContext, at: { row: number; col?: number | null } | FieldCell | null, code: string, message: string): CellIssue {
  return { sheet: ctx.sheet, row: at?.row ?? null, column: at && 'col' in at && at.col ? colLetter(at.col) : null, code, message };
}

/** Issues listed one by one per file; the rest are counted in one closing line (a whole sheet of bad rows stays readable). */
export const MAX_LISTED_ISSUES = 200;

/**
 * New problems whose fields are listed in a master ledger's row changes: the first 200 of a file. Every new
 * problem still has its row (row, code, text, 新增), and the counts are exact; past these, `detailsLeftOut`
 * says the fields were not listed (100,000 new problems' field lists were a large part of an import's memory).
 */
export const MAX_DETAILED_ADDS = MAX_LISTED_ISSUES;

const overflow = new WeakMap<CellIssue[], CellIssue>();
/** Issues only counted, past the cap. */
const unlisted = new WeakMap<CellIssue[], number>();

/**
 * A count that grows with every issue added to a list, listed or only counted past the cap: what "did this
 * row add an error?" compares (the list's length stops growing at the cap).
 */
export function issueCount(list: CellIssue[]): number {
  return list.length + (unlisted.get(list) ?? 0);
}

function addCapped(list: CellIssue[], ctx: FileContext, issue: CellIssue): void {
  if (list.length < MAX_LISTED_ISSUES) {
    list.push(issue);
    return;
  }
  let more = overflow.get(list);
  if (!more) {
    more = { sheet: ctx.sheet, row: null, column: null, code: 'MORE', message: '' };
    overflow.set(list, more);
    list.push(more);
  }
  unlisted.set(list, (unlisted.get(list) ?? 0) + 1);
  const n = Number(/另有 (\d+) 行/.exec(more.message)?.[1] ?? 0) + 1;
  more.message = `另有 ${n} 行同样的问题（只列出前 ${MAX_LISTED_ISSUES} 条）。请先改正上面列出的问题，再重新导入。`;
}

export function addError(ctx: FileContext, at: Parameters<typeof issueAt>[1], code: string, message: string): void {
  addCapped(ctx.errors, ctx, issueAt(ctx, at, code, message));
}

export function addWarning(ctx: FileContext, at: Parameters<typeof issueAt>[1], code: string, message: string): void {
  addCapped(ctx.warnings, ctx, issueAt(ctx, at, code, message));
}

/**
 * Run one record's writes under a savepoint: a row that fails halfway leaves nothing behind, so the preview
 * of the rows after it sees the ledger as a commit would. (Cheap since new rows reach the search index at
 * the end of their action: FTS5 writes out its pending entries at every savepoint, and when rows were
 * indexed as they were written, a savepoint per row cost a quarter of a large import.)
 */
export function inSavepoint<T>(db: Db, fn: () => T): T {
  cachedStatement(db, 'SAVEPOINT import_row').run();
  try {
    const out = fn();
    cachedStatement(db, 'RELEASE import_row').run();
    return out;
  } catch (e) {
    // A full disk or an I/O error rolls back the whole transaction: the savepoint is gone, and the first
    // error is the one to report (not "no such savepoint").
    if (db.raw.inTransaction) {
      try {
        db.raw.prepare('ROLLBACK TO import_row').run();
        db.raw.prepare('RELEASE import_row').run();
      } catch {
        // The transaction ended while rolling back: report the error that ended it.
      }
    }
    throw e;
  }
}
