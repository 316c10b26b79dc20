import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Db } from '../../db/open';
import type { ExportProblem } from './data';
import { LedgerError } from '../../errors';
import { nowIso } from '../../clock';
import { getMeta } from '../../ledger/meta';
import { ledgerVersion } from '../../ledger/actions';
import { findPerson, nameOf } from '../../ledger/people';
import { getRound } from '../../ledger/rounds';
import { statsFor } from '../../stats';
import { openBook, writeFileAtomic, type Book } from './book';
import { refuseExisting } from '../../temp-files';
import { documentTitle, exportProblems, loadLedgerData, problemKeys, type LedgerData } from './data';
import { writeLedgerSheet, type MeasureLayout } from './ledger-workbook';
import { writeExtrasSheet } from './extras-sheet';
import { writeSummary } from './summary-workbook';
import { writeReturnTemplate } from './return-template';
import { fileName } from './safe';

/**
 * The three exports of issue 5, each written straight to a file (command line, desktop) or kept in memory
 * (the browser downloads the bytes). One entry point per kind, shared by the service and the command line.
 */
export type ExportKind = 'ledger' | 'summary' | 'returns';

export interface ExportOptions {
  asOf: string;
  /** Ledger workbook: one row per measure (default) or all measures in one cell. */
  layout?: MeasureLayout;
  /** Ledger workbook and summary: leave out the items withheld from the public. */
  publicOnly?: boolean;
  /** Ledger workbook: 填报单位. */
  filler?: string;
  /** Return templates: the lead units to make templates for (names or aliases); empty: every lead unit. */
  units?: string[];
  /** Ledger workbook: only these problems (the table's view); absent: all. */
  problemIds?: number[];
  /** Replace files that already exist (the desktop's save dialog asked; `--force`); otherwise refuse them. */
  overwrite?: boolean;
}

export interface ExportedFile {
  name: string;
  /** Where it was written; null when kept in memory. */
  path: string | null;
  bytes: Buffer | null;
  size: number;
}

export interface ExportOutcome {
  files: ExportedFile[];
  /** Workbooks made (return templates: one per unit, even when delivered as one zip). */
  workbooks: number;
  problems: number;
  /** Rows written below the headers (all files together). */
  rows: number;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function compactDate(iso: string): string {
  return iso.replace(/-/g, '');
}

export function defaultFileName(db: Db, roundId: number, kind: ExportKind, asOf: string, units: string[] = []): string {
  const round = getRound(db, roundId);
  if (kind === 'ledger') return fileName(`${documentTitle(round, '台账')}-${compactDate(asOf)}`, '.xlsx');
  if (kind === 'summary') return fileName(`${documentTitle(round, '情况汇总表')}-${compactDate(asOf)}`, '.xlsx');
  return units.length === 1 ? templateFileName(units[0]!) : fileName(`整改进展回执模板-${compactDate(asOf)}`, '.zip');
}

function templateFileName(unit: string): string {
  return fileName(`整改进展回执-${unit}`, '.xlsx');
}

function sizeOf(file: string | null, bytes: Buffer | null): number {
  return bytes ? bytes.length : file ? fs.statSync(file).size : 0;
}

/**
 * One workbook, to `file` or in memory: written by `write` (which returns its row count), abandoned (no
 * half-written file left) if it throws.
 */
async function writeBook(name: string, file: string | undefined, write: (book: Book) => number | Promise<number>, overwrite = false): Promise<{ file: ExportedFile; rows: number }> {
  const book = openBook({ file, overwrite });
  let rows: number;
  try {
    rows = await write(book);
  } catch (e) {
    book.abort();
    throw e;
  }
  const bytes = await book.finish();
  return { file: { name: file ? path.basename(file) : name, path: file ?? null, bytes, size: sizeOf(file ?? null, bytes) }, rows };
}

async function oneWorkbook(name: string, file: string | undefined, problems: number, write: (book: Book) => number | Promise<number>, overwrite = false): Promise<ExportOutcome> {
  const out = await writeBook(name, file, write, overwrite);
  return { files: [out.file], problems, rows: out.rows, workbooks: 1 };
}

export async function exportLedgerWorkbook(db: Db, roundId: number, options: ExportOptions, file?: string): Promise<ExportOutcome> {
  const only = options.problemIds ? new Set(options.problemIds) : null;
  const data = loadLedgerData(db, roundId, { publicOnly: options.publicOnly, problemFilter: only ? (p) => only.has(p.id) : undefined });
  return oneWorkbook(
    defaultFileName(db, roundId, 'ledger', options.asOf),
    file,
    data.problemCount,
    async (book) => {
      const rows = await writeLedgerSheet(book, data, { date: options.asOf, layout: options.layout ?? 'rows', filler: options.filler});
      writeExtrasSheet(book, db, roundId, data);
      return rows;
    },
    options.overwrite,
  );
}

/** Every category's problems one after another, read again each time it is iterated. */
function allProblems(data: LedgerData): Iterable<ExportProblem> {
  return {
    *[Symbol.iterator]() {
      for (const c of data.categories) yield* c.problems;
    },
  };
}

export async function exportSummaryWorkbook(db: Db, roundId: number, options: ExportOptions, file?: string): Promise<ExportOutcome> {
  const data = loadLedgerData(db, roundId, { publicOnly: options.publicOnly });
  const stats = statsFor(db, roundId, options.asOf, { publicOnly: options.publicOnly });
  return oneWorkbook(defaultFileName(db, roundId, 'summary', options.asOf), file, data.problemCount, (book) =>
    writeSummary(book, { round: data.round, stats, problems: allProblems(data) }).then((r) => r.rows),
    options.overwrite,
  );
}

export interface UnitChoice {
  unit: string;
  problems: number;
}

/** Lead units of the round's live problems, with how many problems each leads, by name. */
export function leadUnits(db: Db, roundId: number): { units: UnitChoice[]; withoutUnit: number } {
  const rows = db.raw
    .prepare(
      `SELECT u.name AS unit, count(*) AS problems FROM problems p JOIN categories c ON c.id = p.category_id
       LEFT JOIN units u ON u.id = p.lead_unit_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL GROUP BY u.name`,
    )
    .all(roundId) as { unit: string | null; problems: number }[];
  const units = rows.filter((r): r is UnitChoice => r.unit != null).sort((a, b) => a.unit.localeCompare(b.unit, 'zh-Hans-CN'));
  return { units, withoutUnit: rows.find((r) => r.unit == null)?.problems ?? 0 };
}

/** The canonical names of the units asked for (aliases resolved); every lead unit when none are named. */
export function chooseUnits(db: Db, roundId: number, wanted: string[]): string[] {
  const { units } = leadUnits(db, roundId);
  if (wanted.length === 0) {
    if (units.length === 0) throw new LedgerError('EXPORT_NO_UNITS', '当前轮次的问题都没有指定牵头单位，无法生成回执模板。请先在台账中填写牵头单位。');
    return units.map((u) => u.unit);
  }
  const leading = new Set(units.map((u) => u.unit));
  const out: string[] = [];
  for (const name of wanted) {
    const id = findPerson(db, 'unit', name);
    const canonical = id != null ? nameOf(db, 'unit', id) : null;
    if (!canonical || !leading.has(canonical)) {
      throw new LedgerError(
        'EXPORT_UNKNOWN_UNIT',
        `单位“${name}”没有牵头的问题，无法生成回执模板。可选的牵头单位：${units.map((u) => u.unit).join('、') || '（无）'}。`,
      );
    }
    if (!out.includes(canonical)) out.push(canonical);
  }
  return out;
}

export type TemplateTarget = { dir: string } | { file: string } | Record<string, never>;

/**
 * One template per unit. `{dir}`: write `整改进展回执-单位.xlsx` files into that folder (the command line).
 * Otherwise one unit's workbook is the file itself and several are zipped together, written to `{file}`
 * or returned as bytes (a browser cannot save a folder).
 */
export async function exportReturnTemplates(db: Db, roundId: number, options: ExportOptions, target: TemplateTarget = {}): Promise<ExportOutcome> {
  const units = chooseUnits(db, roundId, options.units ?? []);
  const wanted = new Set(units);
  const round = getRound(db, roundId);
  // Each unit's problems as ids in ledger order; a template reads its problems while it is written.
  const byUnit = new Map<string, number[]>(units.map((u) => [u, []]));
  for (const k of problemKeys(db, roundId)) if (k.leadUnit != null && wanted.has(k.leadUnit)) byUnit.get(k.leadUnit)!.push(k.id);
  const ids = { ledgerId: getMeta(db, 'ledger_id') ?? '', roundId, ledgerVersion: ledgerVersion(db), issuedAt: nowIso() };
  const dir = 'dir' in target ? target.dir : null;
  const single = 'file' in target && units.length === 1 ? target.file : null;
  if (dir) {
    if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new LedgerError('EXPORT_NOT_A_FOLDER', `“${dir}”是一个文件。回执模板按单位各存一个文件，请指定一个文件夹。`);
    fs.mkdirSync(dir, { recursive: true });
  }
  const files: ExportedFile[] = [];
  let rows = 0;
  const used = new Set<string>();
  const named = units.map((unit) => {
    let name = templateFileName(unit);
    // Two unit names can clean up to the same file name (甲/乙科, 甲_乙科).
    for (let n = 2; used.has(name.toLowerCase()); n++) name = templateFileName(`${unit}(${n})`);
    used.add(name.toLowerCase());
    return { unit, name, file: dir ? path.join(dir, name) : (single ?? undefined) };
  });
  // Every target checked before the first is written: a refusal leaves the folder as it was.
  for (const n of named) if (n.file) refuseExisting(n.file, options.overwrite ?? false);
  if (!dir && !single && 'file' in target) refuseExisting(target.file, options.overwrite ?? false);
  for (const { unit, name, file } of named) {
    const out = await writeBook(name, file, (book) => writeReturnTemplate(book, { round, unit, problems: exportProblems(db, byUnit.get(unit)!), ids }), options.overwrite);
    rows += out.rows;
    files.push(out.file);
  }
  const problems = [...byUnit.values()].reduce((a, ps) => a + ps.length, 0);
  if (dir || files.length === 1) return { files, problems, rows, workbooks: files.length };
  const zipped = Buffer.from(zipSync(Object.fromEntries(files.map((f) => [f.name, [new Uint8Array(f.bytes!), { level: 0 }]]))));
  if ('file' in target) {
    writeFileAtomic(target.file, zipped, { overwrite: options.overwrite });
    return { files: [{ name: path.basename(target.file), path: target.file, bytes: null, size: zipped.length }], problems, rows, workbooks: files.length };
  }
  const name = defaultFileName(db, roundId, 'returns', options.asOf, units);
  return { files: [{ name, path: null, bytes: zipped, size: zipped.length }], problems, rows, workbooks: files.length };
}

export interface PreviewCounts {
  problems: number;
  measures: number;
  rows: number;
  files: number;
  fileName: string;
}

/** What an export will hold, before it is written (the page shows it while the file is made). */
export function previewExport(db: Db, roundId: number, kind: ExportKind, options: ExportOptions): PreviewCounts {
  if (kind === 'returns') {
    const units = chooseUnits(db, roundId, options.units ?? []);
    const wanted = new Set(units);
    const data = loadLedgerData(db, roundId, { problemFilter: (p) => p.leadUnit != null && wanted.has(p.leadUnit) });
    return { problems: data.problemCount, measures: data.measureCount, rows: data.problemCount, files: units.length, fileName: defaultFileName(db, roundId, kind, options.asOf, units) };
  }
  const data = loadLedgerData(db, roundId, { publicOnly: options.publicOnly });
  let rows: number;
  if (kind === 'ledger') {
    rows = data.categories.length + (options.layout === 'cell' ? data.problemCount : data.measureRows);
  } else {
    const stats = statsFor(db, roundId, options.asOf, { publicOnly: options.publicOnly });
    const unfinished = stats.general.total - stats.general.completed + stats.specific.total - stats.specific.completed;
    rows = stats.byCategory.length + stats.byUnit.length + unfinished;
  }
  return { problems: data.problemCount, measures: data.measureCount, rows, files: 1, fileName: defaultFileName(db, roundId, kind, options.asOf) };
}
