import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './args';
import type { CliIo } from './commands';
import type { ExportKind, ExportOptions } from './export-command';
import { requireRoundId } from './core-commands';
import type { Db } from '../core/db/open';
import type { ExportOutcome, ExportKind as SheetKind } from '../core/excel/write/exports';
import type { MeasureLayout } from '../core/excel/write/ledger-workbook';

/**
 * `export FILE --kind ledger|summary|returns`: the ledger workbook and the summary sheet go to the file
 * --out names (or into --out when it is a folder); return templates go into the folder --out, one file per
 * lead unit (--unit NAME to choose units).
 */
/** The workbook writers (exceljs) load only when an export runs: other commands start without them. */
const writers = () => import('../core/excel/write/exports');

async function xlsxTarget(db: Db, roundId: number, kind: SheetKind, options: ExportOptions): Promise<string> {
  const out = options.out;
  if ((fs.existsSync(out) && fs.statSync(out).isDirectory()) || /[\\/]$/.test(out)) {
    return path.join(out, (await writers()).defaultFileName(db, roundId, kind, options.asOf));
  }
  const ext = path.extname(out).toLowerCase();
  if (ext === '') return out + '.xlsx';
  if (ext !== '.xlsx') throw new UsageError(`--out 应为 .xlsx 文件（收到“${path.basename(out)}”）`);
  return out;
}

function layoutOf(options: ExportOptions): MeasureLayout {
  const layout = options.layout ?? 'rows';
  if (layout !== 'rows' && layout !== 'cell') throw new UsageError(`--layout 只能是 rows（每项措施一行）或 cell（措施写在同一单元格），收到“${layout}”`);
  return layout;
}

function onlyFor(options: ExportOptions, kind: string): void {
  if (options.units.length && kind !== 'returns') throw new UsageError('--unit 只用于 --kind returns（回执模板）');
  if (options.layout && kind !== 'ledger') throw new UsageError('--layout 只用于 --kind ledger（台账总表）');
  if (options.public && kind === 'returns') throw new UsageError('回执模板发给牵头单位本身，不区分是否公开：--public 只用于 ledger 和 summary');
}

function report(io: CliIo, options: ExportOptions, label: string, outcome: ExportOutcome): number {
  if (options.json) {
    io.out(JSON.stringify({ files: outcome.files.map((f) => ({ path: f.path, size: f.size })), problems: outcome.problems, rows: outcome.rows }, null, 2));
    return 0;
  }
  for (const f of outcome.files) io.out(`已导出${label}：${f.path}（${Math.max(1, Math.round(f.size / 1024))} KB）`);
  io.out(`共 ${outcome.problems} 个问题，${outcome.rows} 行。`);
  return 0;
}

export const SHEET_EXPORT_KINDS: Record<SheetKind, ExportKind> = {
  ledger: {
    summary: 'ledger：台账总表 .xlsx（--layout rows 每项措施一行，cell 措施写在同一单元格）',
    async run(db, options, io) {
      onlyFor(options, 'ledger');
      const roundId = requireRoundId(db);
      const file = await xlsxTarget(db, roundId, 'ledger', options);
      const outcome = await (await writers()).exportLedgerWorkbook(db, roundId, { asOf: options.asOf, layout: layoutOf(options), publicOnly: options.public, overwrite: options.force }, file);
      return report(io, options, '台账总表', outcome);
    },
  },
  summary: {
    summary: 'summary：党组会汇总表 .xlsx（按类别、按牵头单位统计，未完成及逾期问题清单）',
    async run(db, options, io) {
      onlyFor(options, 'summary');
      const roundId = requireRoundId(db);
      const file = await xlsxTarget(db, roundId, 'summary', options);
      const outcome = await (await writers()).exportSummaryWorkbook(db, roundId, { asOf: options.asOf, publicOnly: options.public, overwrite: options.force }, file);
      return report(io, options, '汇总表', outcome);
    },
  },
  returns: {
    summary: 'returns：各牵头单位回执模板，--out 为文件夹，每单位一个 .xlsx（--unit 指定单位，可多次）',
    async run(db, options, io) {
      onlyFor(options, 'returns');
      const roundId = requireRoundId(db);
      if (path.extname(options.out).toLowerCase() === '.xlsx') throw new UsageError('回执模板按单位各存一个文件：--out 应为文件夹，不是 .xlsx 文件');
      const outcome = await (await writers()).exportReturnTemplates(db, roundId, { asOf: options.asOf, units: options.units, overwrite: options.force }, { dir: options.out });
      return report(io, options, '回执模板', outcome);
    },
  },
};
