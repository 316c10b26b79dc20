import type { Db } from '../../db/open';
import type { ImportIssue, RowChange } from '../../../../shared/api/import';
import type { Analysis } from '../layout/analyze';
import type { FieldCell } from '../layout/records';
import { colLetter } from '../read/refs';
import { isLedgerError } from '../../errors';

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
  errors: ImportIssue[];
  warnings: ImportIssue[];
  changes: RowChange[];
}

export function issueAt(ctx: FileContext, at: { row: number; col?: number | null } | FieldCell | null, code: string, message: string): ImportIssue {
  return { sheet: ctx.sheet, row: at?.row ?? null, column: at && 'col' in at && at.col ? colLetter(at.col) : null, code, message };
}

export function addError(ctx: FileContext, at: Parameters<typeof issueAt>[1], code: string, message: string): void {
  ctx.errors.push(issueAt(ctx, at, code, message));
}

export function addWarning(ctx: FileContext, at: Parameters<typeof issueAt>[1], code: string, message: string): void {
  ctx.warnings.push(issueAt(ctx, at, code, message));
}

/** Runs one record's writes: either directly, or under a savepoint of its own. */
export type RowGuard = <T>(fn: () => T) => T;

/**
 * Run one record's writes under a savepoint: a row that fails halfway leaves nothing behind, so the preview
 * of the rows after it sees the ledger as a commit would.
 */
export function inSavepoint<T>(db: Db, fn: () => T): T {
  db.raw.prepare('SAVEPOINT import_row').run();
  try {
    const out = fn();
    db.raw.prepare('RELEASE import_row').run();
    return out;
  } catch (e) {
    db.raw.prepare('ROLLBACK TO import_row').run();
    db.raw.prepare('RELEASE import_row').run();
    throw e;
  }
}

const RETRY = Symbol('retry with a savepoint per row');

/**
 * Apply a file's records so that each failing record leaves nothing behind (see inSavepoint), cheaply.
 * A savepoint per record is costly: SQLite's full-text index (FTS5) writes out its pending entries at every
 * savepoint, so 10,000 records made 10,000 tiny index segments to merge (a quarter of a large import).
 * `run` is therefore first given a guard that runs each record directly, under one savepoint for the file;
 * a record that throws rolls the whole file back, and `run` goes again, from the start, with a savepoint
 * per record: the outcome is the same as that of the careful way, which only files with a failing record
 * pay for. `run` must keep its state in locals and in ctx's lists (which are cut back for the second go).
 */
export function applyRecords<T>(ctx: FileContext, run: (guard: RowGuard) => T): T {
  const db = ctx.db;
  const mark = { errors: ctx.errors.length, warnings: ctx.warnings.length, changes: ctx.changes.length };
  db.raw.prepare('SAVEPOINT import_file').run();
  try {
    const out = run((fn) => {
      try {
        return fn();
      } catch (e) {
        throw isLedgerError(e) ? RETRY : e;
      }
    });
    db.raw.prepare('RELEASE import_file').run();
    return out;
  } catch (e) {
    db.raw.prepare('ROLLBACK TO import_file').run();
    db.raw.prepare('RELEASE import_file').run();
    if (e !== RETRY) throw e;
  }
  ctx.errors.length = mark.errors;
  ctx.warnings.length = mark.warnings;
  ctx.changes.length = mark.changes;
  return run((fn) => inSavepoint(db, fn));
}
