import path from 'node:path';
import type { Handlers, ServiceContext } from './registry';
import type { Session } from '../session';
import type { ParsedReq } from '../../../shared/api/contract';
import { LedgerError } from '../errors';
import { requireRound } from './ledger';
import { listProblemSummaries } from '../ledger/views';
import {
  exportLedgerWorkbook,
  exportReturnTemplates,
  exportSummaryWorkbook,
  chooseUnits,
  leadUnits,
  previewExport,
  XLSX_MIME,
  type ExportOptions,
  type ExportOutcome,
} from '../excel/write/exports';
import { mayOpenExport } from '../excel/write/open-check';
import { openBook } from '../excel/write/book';
import { writeListSheet } from '../excel/write/list-workbook';
import { fileName } from '../excel/write/safe';
import { writeTarget } from './targets';

/** Files each session wrote, the only ones `export.open` will hand to the system (see open-check.ts). */
const written = new WeakMap<Session, Set<string>>();

function optionsOf(req: ParsedReq<'export.preview'>): ExportOptions {
  return { asOf: req.asOf, layout: req.layout, publicOnly: req.publicOnly, filler: req.filler, units: req.units, problemIds: req.problemIds };
}

/** The extension the file must have: a zip when several templates travel together. */
function withExtension(file: string, ext: string): string {
  return path.extname(file).toLowerCase() === ext ? file : file + ext;
}

async function run(ctx: ServiceContext, req: ParsedReq<'export.run'>): Promise<ExportOutcome> {
  const db = ctx.session.db();
  const roundId = requireRound(ctx);
  const options = optionsOf(req);
  const several = req.kind === 'returns' && chooseUnits(db, roundId, options.units ?? []).length > 1;
  const target = req.path ? writeTarget(ctx, req.path, { what: '导出文件' }, (f) => withExtension(f, several ? '.zip' : '.xlsx')) : null;
  const withTarget = { ...options, overwrite: target?.overwrite ?? false };
  if (req.kind === 'ledger') return exportLedgerWorkbook(db, roundId, withTarget, target?.path);
  if (req.kind === 'summary') return exportSummaryWorkbook(db, roundId, withTarget, target?.path);
  return exportReturnTemplates(db, roundId, withTarget, target ? { file: target.path } : {});
}

function remember(ctx: ServiceContext, file: string): void {
  if (!written.has(ctx.session)) written.set(ctx.session, new Set());
  written.get(ctx.session)!.add(path.resolve(file));
}

export const exportHandlers: Handlers<'export.choices' | 'export.preview' | 'export.run' | 'export.list' | 'export.open'> = {
  'export.list': async (req, ctx) => {
    const started = Date.now();
    // Where it may be written follows the host's path policy, as for every export.
    const target = req.path ? writeTarget(ctx, req.path, { what: '导出文件' }, (f) => withExtension(f, '.xlsx')) : null;
    const file = target?.path;
    const book = openBook({ file, overwrite: target?.overwrite ?? false });
    let rows: number;
    try {
      rows = writeListSheet(book, req);
    } catch (e) {
      book.abort();
      throw e;
    }
    const bytes = await book.finish();
    if (file) remember(ctx, file);
    const name = file ? path.basename(file) : fileName(`${req.title}${req.asOf ? `-${req.asOf.replace(/-/g, '')}` : ''}`, '.xlsx');
    return { fileName: name, path: file ?? null, data: bytes ? bytes.toString('base64') : null, mime: XLSX_MIME, size: bytes ? bytes.length : 0, problems: rows, rows, files: 1, ms: Date.now() - started };
  },
  'export.choices': (_req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx);
    const { units, withoutUnit } = leadUnits(db, roundId);
    const problems = listProblemSummaries(db, { roundId });
    return { units, withoutUnit, problems: problems.length, measures: problems.reduce((a, p) => a + p.measureCount, 0) };
  },
  'export.preview': (req, ctx) => previewExport(ctx.session.db(), requireRound(ctx), req.kind, optionsOf(req)),
  'export.run': async (req, ctx) => {
    const started = Date.now();
    const outcome = await run(ctx, req);
    const file = outcome.files[0]!;
    if (file.path) {
      if (!written.has(ctx.session)) written.set(ctx.session, new Set());
      written.get(ctx.session)!.add(path.resolve(file.path));
    }
    return {
      fileName: file.name,
      path: file.path,
      data: file.bytes ? file.bytes.toString('base64') : null,
      mime: file.name.endsWith('.zip') ? 'application/zip' : XLSX_MIME,
      size: file.size,
      problems: outcome.problems,
      rows: outcome.rows,
      files: outcome.workbooks,
      ms: Date.now() - started,
    };
  },
  'export.open': async (req, ctx) => {
    if (!ctx.host.openExternal) throw new LedgerError('EXPORT_OPEN_UNSUPPORTED', '当前运行方式不能直接打开文件，请到保存位置用 Excel 或 WPS 打开。');
    const check = mayOpenExport(req.path, written.get(ctx.session) ?? new Set());
    if (!check.ok) throw new LedgerError('EXPORT_OPEN_REFUSED', check.message);
    try {
      await ctx.host.openExternal(check.path);
    } catch (e) {
      throw new LedgerError('EXPORT_OPEN_FAILED', `无法打开“${path.basename(check.path)}”：系统中可能没有能打开 .xlsx 文件的程序（Excel 或 WPS）。文件已保存在 ${check.path}。`, String(e));
    }
    return { opened: true };
  },
};
