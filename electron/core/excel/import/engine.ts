import crypto from 'node:crypto';
import type { Db } from '../../db/open';
import type { ColumnView, FileSummary, ImportCommitResult, ImportKind } from '../../../../shared/api/import';
import type { CellIssue } from '../../../../shared/domain/issues';
import { KIND_LABELS } from '../../../../shared/api/import';
import { isIsoDate, todayIso } from '../../../../shared/domain/dates';
import { runAction } from '../../ledger/actions';
import { createRound, currentRoundId, getRound, roundYear } from '../../ledger/rounds';
import { findPerson, nameOf } from '../../ledger/people';
import { now, nowIso } from '../../clock';
import { readSpreadsheets, type ReadOptions, type ReadOutcome, type Reader } from '../read/run';
import { colLetter } from '../read/refs';
import { analyzeWorkbook, type Analysis, type Mapping } from '../layout/analyze';
import { fileNameDate } from '../layout/meta';
import { rememberedMapping, rememberMapping } from './mappings';
import { importLedgerFile } from './ledger';
import { importReturnFile } from './returns';
import { problemIndex, type ProblemIndex } from './match';
import { parseCode } from '../../../../shared/domain/code';
import { problemTextOf } from './record-values';
import { unappliedColumns } from './unapplied';
import { commitReportImport, previewReportImport, type ReportImportPreview } from '../../report/import';
import { isLedgerError } from '../../errors';
import { dryRun } from '../../db/dry-run';
import { withMemoryJournals } from '../../db/memory-journal';
import type { FileContext } from './context';

export interface ImportInput {
  /** As given: a path on the command line, a file name from the page. */
  path: string;
  name: string;
  bytes: Uint8Array;
  lastModified?: number;
  kind?: 'ledger' | 'return';
  mapping?: Mapping;
  confirm?: number[];
  /** Columns (letter or header text) the person says to leave out, so that their loss is no error. */
  ignoreColumns?: string[];
}

export interface PreparedFile {
  input: ImportInput;
  sha256: string;
  kind: ImportKind;
  analysis: Analysis | null;
  /** A progress report (.txt/.docx), read by the report module (issue 6). */
  report: ReportImportPreview | null;
  modified: string | null;
  fileErrors: CellIssue[];
}

const extOf = (name: string) => (name.match(/\.([^.\\/]+)$/)?.[1] ?? '').toLowerCase();

/** Published progress reports go to the report module; everything else is read as a spreadsheet. */
export const REPORT_EXTENSIONS = ['txt', 'docx'];

/**
 * Files already read and understood, by content and the options that shape their reading: a commit right
 * after its preview, or a preview after a mapping change in another file, does not read them again.
 */
export interface PreparedCache {
  get(key: string): Omit<PreparedFile, 'input'> | undefined;
  set(key: string, value: Omit<PreparedFile, 'input'>): void;
}

export function preparedCache(max = 20): PreparedCache {
  const map = new Map<string, Omit<PreparedFile, 'input'>>();
  return {
    get(key) {
      const v = map.get(key);
      if (v) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key, value) {
      map.delete(key);
      map.set(key, value);
      while (map.size > max) map.delete(map.keys().next().value!);
    },
  };
}

// The ledger is part of the key: a remembered column mapping belongs to one ledger.
const cacheKey = (db: Db, input: ImportInput, sha256: string) => JSON.stringify([db.path, sha256, input.name, input.kind ?? null, input.mapping ?? null, input.ignoreColumns ?? null]);

/** Hash, route and read every file (spreadsheets in the worker), then understand each layout. */
export async function prepareImport(db: Db, inputs: ImportInput[], options: ReadOptions & { reader?: Reader; cache?: PreparedCache } = {}): Promise<PreparedFile[]> {
  const hashes = inputs.map((input) => crypto.createHash('sha256').update(input.bytes).digest('hex'));
  const cached = inputs.map((input, i) => options.cache?.get(cacheKey(db, input, hashes[i]!)));
  const sheets = inputs.filter((f, i) => !cached[i] && !REPORT_EXTENSIONS.includes(extOf(f.name)));
  const files = sheets.map((f) => ({ name: f.name, bytes: f.bytes }));
  const outcomes = sheets.length ? await (options.reader ? options.reader.read(files) : readSpreadsheets(files, options)) : [];
  const byInput = new Map<ImportInput, ReadOutcome>(sheets.map((f, i) => [f, outcomes[i]!]));
  const prepared = inputs.map((input, i): PreparedFile => {
    const hit = cached[i];
    if (hit) return { ...hit, input };
    const prepared = prepareOne(db, input, hashes[i]!, byInput.get(input));
    // Reports are previewed against the ledger as it is now (which round they would fill): not cached.
    if (prepared.kind !== 'report' && options.cache) {
      const { input: _input, ...rest } = prepared;
      options.cache.set(cacheKey(db, input, prepared.sha256), rest);
    }
    return prepared;
  });
  // A file taken for a master ledger only because the ledger is empty and it has codes is a return when
  // the same import brings the structure (a master ledger with categories, or a published report).
  const structure = prepared.find((p) => p.kind === 'report' || (p.kind === 'ledger' && !p.analysis?.kindByCodesOnly));
  const final = prepared.map((p): PreparedFile =>
    structure && structure !== p && p.analysis?.kindByCodesOnly && !p.input.kind
      ? { ...p, kind: 'return', analysis: { ...p.analysis, kind: 'return', kindByCodesOnly: false, kindReason: `同一批导入的“${structure.input.name}”带来问题结构，本文件只有编号，按回执导入` } }
      : p,
  );
  // Columns the import would not apply, for the kind finally taken (a copy: prepared files are cached).
  return final.map((p) => {
    const a = p.analysis;
    if (!a) return p;
    const lost = unappliedColumns(a, p.input.ignoreColumns ?? []);
    return lost.length ? { ...p, analysis: { ...a, errors: [...a.errors, ...lost] } } : p;
  });
}

/**
 * Whether every file was read and understood, so that a commit may go ahead and is worth a backup first.
 * (A file with errors found later, against the ledger, still makes the commit write nothing.)
 */
export function allReadable(prepared: PreparedFile[]): boolean {
  return prepared.every((p) => p.fileErrors.length === 0 && !p.analysis?.errors.length);
}

function prepareOne(db: Db, input: ImportInput, sha256: string, outcome: ReadOutcome | undefined): PreparedFile {
  if (!outcome) {
    try {
      const report = previewReportImport(db, { name: input.name, bytes: input.bytes });
      return { input, sha256, kind: 'report', analysis: null, report, modified: null, fileErrors: [] };
    } catch (e) {
      if (!isLedgerError(e)) throw e;
      return { input, sha256, kind: 'report', analysis: null, report: null, modified: null, fileErrors: [{ sheet: input.name, row: null, column: null, code: e.code, message: e.message }] };
    }
  }
  if (!outcome.ok) {
    return { input, sha256, kind: input.kind ?? 'return', analysis: null, report: null, modified: null, fileErrors: [{ sheet: '', row: null, column: null, code: outcome.error.code, message: outcome.error.message }] };
  }
  const analysis = analyzeWorkbook(outcome.workbook, {
    kind: input.kind,
    mapping: input.mapping,
    remembered: (unit, signature) => rememberedMapping(db, unit, signature),
  });
  if (!input.kind) decideKind(db, analysis);
  else analysis.kindReason = '按您的选择';
  return { input, sha256, kind: analysis.kind, analysis, report: null, modified: outcome.workbook.modified, fileErrors: [] };
}

/**
 * Master ledger or return, by content (issue 10): a file with a structure of its own (category banners
 * or a category column, a 问题类型 or 面上/具体 column, codes) into a round without problems is a master
 * ledger; into a round with problems, it is one when it has categories or kinds, a return otherwise. A
 * return template is always a return. The reason is shown in the preview, where the clerk may switch.
 */
function decideKind(db: Db, a: Analysis): void {
  if (a.template) {
    a.kind = 'return';
    a.kindReason = '文件是本台账下发的回执模板';
    return;
  }
  const roundId = currentRoundId(db);
  const problems = roundId ? (db.raw.prepare('SELECT count(*) AS n FROM problems WHERE round_id = ? AND deleted_at IS NULL').get(roundId) as { n: number }).n : 0;
  const r = a.header?.roles ?? {};
  const signs: string[] = [];
  if (r.category === undefined && a.banners.length) signs.push('类别标题行');
  if (r.category !== undefined) signs.push('问题类别列');
  if (r.kind !== undefined) signs.push('问题类型列');
  if (r.generalText !== undefined && r.specificText !== undefined) signs.push('面上/具体问题两列');
  const coded = a.records.filter((x) => x.fields.code && parseCode(x.fields.code.text)).length;
  const codes = a.records.length > 0 && coded * 2 >= a.records.length;
  if (problems === 0) {
    if (signs.length || codes) {
      a.kind = 'ledger';
      if (!signs.length) a.kindByCodesOnly = true;
      a.kindReason = `台账当前轮次中还没有问题，文件含有完整的问题结构（${[...signs, ...(codes ? ['问题编号'] : [])].join('、')}），按总台账导入`;
    } else {
      a.kind = 'return';
      a.kindReason = '文件既没有类别也没有问题编号，按回执读取';
    }
    return;
  }
  // Into a ledger that has problems, only a file with categories or kinds and measures is a master: a return
  // may well write 面上/具体 in two columns.
  const structural = signs.filter((x) => x !== '面上/具体问题两列');
  if (structural.length && r.measures !== undefined) {
    a.kind = 'ledger';
    a.kindReason = `文件含有${structural.join('、')}和整改措施，按总台账导入（已有编号的问题更新，新的问题新增）`;
  } else {
    a.kind = 'return';
    a.kindReason = '文件只列出问题及其进展、状态，没有类别结构，按回执导入（只更新台账中已有的问题）';
  }
}

function columnsOf(a: Analysis | null): ColumnView[] {
  return (a?.header?.columns ?? []).map((c) => ({ index: c.col, letter: colLetter(c.col), label: c.label, role: c.role }));
}

function emptySummary(p: PreparedFile): FileSummary {
  const a = p.analysis;
  const r = p.report;
  if (r) {
    return {
      ...blankSummary(p),
      rows: r.summary.rows,
      counts: { categories: r.counts.categories, general: r.counts.general, specific: r.counts.specific, measures: r.counts.measures },
      stated: r.report.statedFigures.map(({ what, value, text, scope }) => ({ what, value, text, scope })),
      unplaced: r.report.unplaced,
      reportDate: r.report.reportDate,
      reportDateSource: r.report.reportDate ? '报告落款' : null,
      errors: [...r.summary.errors],
      warnings: [...r.summary.warnings],
    };
  }
  return blankSummary(p);
}

function blankSummary(p: PreparedFile): FileSummary {
  const a = p.analysis;
  return {
    path: p.input.path,
    name: p.input.name,
    kind: p.kind,
    kindReason: a?.kindReason ?? null,
    sha256: p.sha256,
    unit: null,
    unitSource: null,
    reportDate: null,
    reportDateSource: null,
    sheet: a?.sheet ?? null,
    headerRows: a?.header ? [a.header.top, a.header.bottom] : null,
    columns: columnsOf(a),
    mappingSource: a?.mappingSource ?? 'detected',
    rows: a?.records.length ?? 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    counts: null,
    errors: [...p.fileErrors, ...(a?.errors ?? [])],
    warnings: [...(a?.warnings ?? [])],
    changes: [],
    duplicateOf: null,
    badRows: [],
    skippable: false,
    skipped: [],
  };
}

/** The unit a file speaks for, by its canonical name in the ledger when known. */
function resolveUnit(db: Db, p: PreparedFile, index: ProblemIndex | null): { unit: string | null; source: string | null } {
  const a = p.analysis!;
  const canonical = (name: string) => {
    const id = findPerson(db, 'unit', name);
    return id != null ? nameOf(db, 'unit', id)! : name;
  };
  if (a.template?.unit) return { unit: canonical(a.template.unit), source: '回执模板' };
  if (a.form.unit) return { unit: canonical(a.form.unit), source: a.form.unitFrom === 'title' ? '标题' : '填报行' };
  const names = [
    ...(db.raw.prepare('SELECT name FROM units').all() as { name: string }[]).map((r) => r.name),
    ...(db.raw.prepare('SELECT alias AS name FROM unit_aliases').all() as { name: string }[]).map((r) => r.name),
  ].sort((x, y) => y.length - x.length);
  const inName = names.find((n) => p.input.name.includes(n));
  if (inName) return { unit: canonical(inName), source: '文件名' };
  if (index) {
    // Last resort: the lead unit most of the matched rows share.
    const tally = new Map<string, number>();
    for (const r of a.records) {
      const m = index.match(r.fields.code?.text, problemTextOf(r)?.text);
      if ((m.by === 'code' || m.by === 'text') && m.problem.leadUnit) tally.set(m.problem.leadUnit, (tally.get(m.problem.leadUnit) ?? 0) + 1);
    }
    const top = [...tally.entries()].sort((x, y) => y[1] - x[1])[0];
    if (top) return { unit: top[0], source: '牵头单位（推断）' };
  }
  return { unit: null, source: null };
}

function resolveDate(p: PreparedFile, year: number): { date: string; source: string } {
  const a = p.analysis!;
  if (a.form.date && isIsoDate(a.form.date)) return { date: a.form.date, source: '填报日期' };
  const fromName = fileNameDate(p.input.name, year);
  if (fromName) return { date: fromName, source: '文件名' };
  if (p.modified && isIsoDate(p.modified)) return { date: p.modified, source: '文件保存日期' };
  if (p.input.lastModified) {
    const d = todayIso(new Date(p.input.lastModified));
    if (isIsoDate(d)) return { date: d, source: '文件修改日期' };
  }
  return { date: todayIso(now()), source: '导入当天' };
}

const ROLLBACK = Symbol('rollback');

/**
 * Apply every file in one transaction, each file as its own recorded action and import batch, collecting
 * a field-by-field diff as it goes. A preview is the same run as a dry run (db/dry-run.ts), so it shows
 * exactly what a commit would do, including returns that match problems a master ledger in the same batch
 * creates. A commit with any error anywhere writes nothing.
 */
export function executeImport(db: Db, prepared: PreparedFile[], options: { commit: boolean; actor?: string; skipBadRows?: boolean }): ImportCommitResult {
  const order = { ledger: 0, report: 1, return: 2 } as const;
  const sorted = prepared.map((p, i) => ({ p, i })).sort((a, b) => order[a.p.kind] - order[b.p.kind] || a.i - b.i);
  const summaries: FileSummary[] = prepared.map(emptySummary);
  const batchIds: number[] = [];
  let roundIdOut: number | null = currentRoundId(db);

  const run = () => {
    const seenSha = new Map<string, string>();
    for (const { p, i } of sorted) {
      const s = summaries[i]!;
      const earlier = db.raw
        .prepare('SELECT id, at, file_name FROM import_batches WHERE sha256 = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1')
        .get(p.sha256) as { id: number; at: string; file_name: string } | undefined;
      if (p.kind === 'report') {
        // A report makes a round of its own; importing it again is allowed (its preview says it was done).
      } else if (earlier && !batchIds.includes(earlier.id)) {
        s.duplicateOf = { batchId: earlier.id, at: earlier.at, fileName: earlier.file_name };
        s.errors.push({ sheet: '', row: null, column: null, code: 'DUPLICATE_FILE', message: `该文件已于 ${earlier.at.slice(0, 16).replace('T', ' ')} 导入过（“${earlier.file_name}”，批次 ${earlier.id}），不重复导入。如需重新导入，请先在导入记录中撤销该批次。` });
      } else if (seenSha.has(p.sha256)) {
        s.errors.push({ sheet: '', row: null, column: null, code: 'DUPLICATE_FILE', message: `与本次选择的“${seenSha.get(p.sha256)}”是同一个文件，不重复导入。` });
      }
      seenSha.set(p.sha256, p.input.name);
      if (s.errors.length) continue;
      if (p.report) {
        const report = p.report;
        const batchId = Number(
          db.raw
            .prepare('INSERT INTO import_batches (at, file_name, sha256, kind, report_date, counts) VALUES (?, ?, ?, ?, ?, ?)')
            .run(nowIso(), p.input.name, p.sha256, 'report', report.report.reportDate, JSON.stringify(report.counts)).lastInsertRowid,
        );
        let actionId = 0;
        const result = runAction(db, { source: 'import', label: `导入${KIND_LABELS.report}“${p.input.name}”`, actor: options.actor, batchId }, (aid) => {
          actionId = aid;
          return commitReportImport(db, report, { batchId });
        });
        db.raw.prepare('UPDATE actions SET round_id = ? WHERE id = ?').run(result.roundId, actionId);
        db.raw.prepare('UPDATE import_batches SET action_id = ? WHERE id = ?').run(actionId, batchId);
        s.added = result.problems;
        roundIdOut = result.roundId;
        batchIds.push(batchId);
        continue;
      }
      if (!p.analysis) continue;

      let roundId = currentRoundId(db);
      if (!roundId && p.kind === 'return') {
        s.errors.push({ sheet: '', row: null, column: null, code: 'NO_ROUND', message: '台账中还没有巡察轮次和问题，回执无处可对。请先导入总台账。' });
        continue;
      }
      const year = roundId ? roundYear(getRound(db, roundId)) : now().getFullYear();
      // The round's problems as they are before this file, for matching its rows (an earlier file may have added some).
      const index = p.kind === 'return' && roundId ? problemIndex(db, roundId) : null;
      const unit = resolveUnit(db, p, index);
      const date = resolveDate(p, year);
      Object.assign(s, { unit: unit.unit, unitSource: unit.source, reportDate: date.date, reportDateSource: date.source });
      const batchId = Number(
        db.raw
          .prepare('INSERT INTO import_batches (at, file_name, sha256, kind, unit, report_date) VALUES (?, ?, ?, ?, ?, ?)')
          .run(nowIso(), p.input.name, p.sha256, p.kind, unit.unit ?? '', date.date).lastInsertRowid,
      );
      const label = `导入${KIND_LABELS[p.kind]}“${p.input.name}”`;
      const actionId = runAction(db, { source: 'import', label, actor: options.actor, batchId, roundId }, (aid) => {
        if (!roundId) {
          roundId = createRound(db, { title: p.analysis!.form.title?.replace(/台账$/, '') || '巡察反馈问题整改' });
          db.raw.prepare('UPDATE actions SET round_id = ? WHERE id = ?').run(roundId, aid);
        }
        const ctx: FileContext = {
          db,
          fileName: p.input.name,
          analysis: p.analysis!,
          sheet: p.analysis!.sheet ?? '',
          roundId,
          roundYear: roundYear(getRound(db, roundId)),
          reportDate: date.date,
          unit: unit.unit,
          batchId,
          confirm: new Set(p.input.confirm ?? []),
          errors: s.errors,
          warnings: s.warnings,
          changes: s.changes,
        };
        if (p.kind === 'ledger') {
          const r = importLedgerFile(ctx);
          Object.assign(s, { added: r.added, updated: r.updated, unchanged: r.unchanged, counts: r.counts });
        } else {
          Object.assign(s, importReturnFile(ctx, index ?? undefined));
        }
        return aid;
      });
      roundIdOut = roundId;
      const counts = { rows: s.rows, added: s.added, updated: s.updated, unchanged: s.unchanged, ...(s.counts ?? {}) };
      db.raw.prepare('UPDATE import_batches SET action_id = ?, counts = ? WHERE id = ?').run(actionId, JSON.stringify(counts), batchId);
      batchIds.push(batchId);
      if (options.commit && p.input.mapping && Object.keys(p.input.mapping).length && p.analysis.header) {
        rememberMapping(db, unit.unit, p.analysis.header.signature, p.input.mapping);
      }
    }
    prepared.forEach((p, i) => markBadRows(p, summaries[i]!, !!options.skipBadRows));
    if (options.commit && !summaries.every((x) => x.errors.length === 0)) throw ROLLBACK;
  };

  let committed = false;
  withMemoryJournals(db, () => {
    if (!options.commit) dryRun(db, run);
    else {
      try {
        db.tx(run);
        committed = true;
      } catch (e) {
        if (e !== ROLLBACK) throw e;
      }
    }
  });
  for (const s of summaries) {
    s.errors.sort(byPlace);
    s.warnings.sort(byPlace);
    s.skipped.sort(byPlace);
  }
  const ok = summaries.every((x) => x.errors.length === 0);
  return { files: summaries, ok, roundId: committed ? roundIdOut : currentRoundId(db), committed, batchIds: committed ? batchIds : [] };
}

/**
 * The rows of a file that have errors, by the problem (record) they belong to, and whether every error is
 * such a row's (so that the other rows can be imported on request, issue 10). With `skip`, those errors
 * become the list of skipped rows, and the rest of the file goes in; rows that were applied before their
 * error was found were rolled back with their row (inSavepoint), so a skipped row leaves nothing behind.
 */
function markBadRows(p: PreparedFile, s: FileSummary, skip: boolean): void {
  const a = p.analysis;
  // Without errors there are no bad rows (and no map of a 300,000-row sheet's rows to build).
  if (!a || p.kind === 'report' || s.errors.length === 0) return;
  const recordOf = new Map<number, number>();
  for (const r of a.records) for (const x of r.rows) recordOf.set(x.row, r.row);
  const bad = new Set<number>();
  let skippable = s.errors.length > 0;
  for (const e of s.errors) {
    const rec = e.row != null && e.sheet === (a.sheet ?? '') ? recordOf.get(e.row) : undefined;
    if (rec === undefined) skippable = false;
    else bad.add(rec);
  }
  s.badRows = [...bad].sort((x, y) => x - y);
  s.skippable = skippable;
  if (skip && skippable) {
    s.skipped = s.errors;
    s.errors = [];
    for (const c of s.changes) if (bad.has(c.row) && c.action !== 'error') c.action = 'skip';
  }
}

/** Issues in sheet order: file-level first, then by row and column. */
function byPlace(a: CellIssue, b: CellIssue): number {
  // The closing "另有 N 行…" line of a capped list stays last.
  if (a.code === 'MORE' || b.code === 'MORE') return (a.code === 'MORE' ? 1 : 0) - (b.code === 'MORE' ? 1 : 0);
  return (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? '');
}
