import path from 'node:path';
import { UsageError, one, type Args } from './args';
import type { CliIo, Command } from './commands';
import { asOfArg, fileArg, openExisting, roundArg, useRound } from './core-commands';
import type { Db } from '../core/db/open';
import { isLedgerError, LedgerError } from '../core/errors';
import { SHEET_EXPORT_KINDS } from './export-sheets';
import { evidenceExportKind } from './evidence-commands';

/** What every export kind receives from `cli export FILE --kind K --out PATH [...]`. */
export interface ExportOptions {
  out: string;
  asOf: string;
  units: string[];
  public: boolean;
  /** --layout, for kinds that offer layouts (ledger: rows | cell). */
  layout?: string;
  /** --json: print the result as JSON. */
  json: boolean;
  /** --force: replace files that already exist (otherwise they are refused and nothing is written). */
  force: boolean;
}

export interface ExportKind {
  /** One line for the usage text, e.g. "ledger：台账总表 .xlsx". */
  summary: string;
  run(db: Db, options: ExportOptions, io: CliIo): Promise<number> | number;
}

/**
 * Export kinds, one module each (ledger, summary, returns, report, evidence). A kind registers itself here
 * with one line.
 */
export const EXPORT_KINDS: Record<string, ExportKind> = {
  ...SHEET_EXPORT_KINDS,
  evidence: evidenceExportKind,
};

export const exportCommand: Command = {
  name: 'export',
  usage: 'export FILE --kind KIND --out PATH [--as-of YYYY-MM-DD] [--unit NAME]... [--round N] [--public] [--layout rows|cell] [--force] [--json]',
  summary: '导出（KIND：ledger 台账总表 | summary 汇总表 | returns 各单位回执模板 | report 进展情况公布 | evidence 佐证材料包 | notices 督办通知）',
  valueKeys: ['kind', 'out', 'as-of', 'unit', 'layout', 'round'],
  flagKeys: ['public', 'json', 'force'],
  async run(args: Args, io: CliIo) {
    const file = fileArg(args, this.usage);
    const kindName = one(args, 'kind');
    const kinds = Object.keys(EXPORT_KINDS);
    if (!kindName) throw new UsageError(`缺少 --kind。可选：${kinds.join('、') || '（无）'}`);
    const kind = EXPORT_KINDS[kindName];
    if (!kind) throw new UsageError(`不支持的导出类型“${kindName}”。可选：${kinds.join('、') || '（无）'}`);
    const out = one(args, 'out');
    if (!out) throw new UsageError('缺少 --out（导出到哪个文件或文件夹）');
    const options: ExportOptions = {
      out: path.resolve(out) + (/[\\/]$/.test(out) ? path.sep : ''),
      asOf: asOfArg(args),
      units: args.values.get('unit') ?? [],
      public: args.flags.has('public'),
      layout: one(args, 'layout'),
      json: args.flags.has('json'),
      force: args.flags.has('force'),
    };
    const db = openExisting(file);
    try {
      const round = roundArg(db, args);
      if (round != null) useRound(db, round);
      return await kind.run(db, options, io);
    } catch (e) {
      if (isLedgerError(e) && e.code === 'FILE_EXISTS') throw new LedgerError(e.code, `${e.message.replace(/。[^。]*。$/, '。')}为防止覆盖，未导出任何文件；如确要替换它，请加 --force。`, e.detail);
      throw e;
    } finally {
      db.close();
    }
  },
};
