import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError, one, type Args } from './args';
import type { CliIo, Command } from './commands';
import { fileArg, openExisting } from './core-commands';
import { LedgerError } from '../core/errors';
import type { ImportInput } from '../core/excel/import/engine';
import { backupFolder, createBackup } from '../core/backup/backup';
import { defaultDataDir } from '../core/paths';
import type { FileSummary } from '../../shared/api/import';
import type { CellIssue } from '../../shared/domain/issues';
import { KIND_LABELS } from '../../shared/api/import';

/** What a folder given as INPUT contributes: its workbooks and CSV files (not Excel's ~$ lock files). */
const IMPORTABLE = /\.(xlsx|xlsm|xls|et|csv|txt|docx)$/i;

export function expandInputs(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    if (!fs.existsSync(abs)) throw new LedgerError('INPUT_NOT_FOUND', `找不到要导入的文件：${abs}`);
    if (fs.statSync(abs).isDirectory()) {
      const files = fs
        .readdirSync(abs)
        .filter((n) => IMPORTABLE.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
        .sort((a, b) => a.localeCompare(b, 'zh-CN'))
        .map((n) => path.join(abs, n))
        .filter((f) => fs.statSync(f).isFile());
      if (files.length === 0) throw new LedgerError('EMPTY_FOLDER', `文件夹中没有可导入的表格文件（.xlsx/.csv）：${abs}`);
      out.push(...files);
    } else out.push(abs);
  }
  return out;
}

function where(i: CellIssue): string {
  const parts = [i.sheet && `工作表“${i.sheet}”`, i.row != null && `第${i.row}行`, i.column && `${i.column}列`].filter(Boolean);
  return parts.length ? parts.join(' ') + '：' : '';
}

function text(files: FileSummary[], committed: boolean, dryRun: boolean): string[] {
  const lines: string[] = [];
  for (const f of files) {
    lines.push(`${f.path}（${KIND_LABELS[f.kind]}${f.unit ? `，${f.unit}` : ''}${f.reportDate ? `，${f.reportDate}` : ''}）：${f.rows} 行，新增 ${f.added}，更新 ${f.updated}，未变 ${f.unchanged}`);
    if (f.kind === 'report' && f.counts && !f.errors.length) {
      const c = f.counts;
      lines.push(`  读出：类别 ${c.categories} 个，面上问题 ${c.general} 个，具体问题 ${c.specific} 个，整改措施 ${c.measures} 项`);
    }
    for (const x of f.stated ?? []) lines.push(`  报告公布的数字：${x.scope === '问题' ? '' : x.scope}${x.what} ${x.value}（“${x.text}”）`);
    for (const e of f.errors) lines.push(`  错误 ${where(e)}${e.message}`);
    if (f.skipped.length) lines.push(`  跳过有错误的行 ${f.badRows.length} 处（第 ${f.badRows.join('、')} 行起），其余已导入：`);
    for (const e of f.skipped) lines.push(`  跳过 ${where(e)}${e.message}`);
    for (const w of f.warnings) lines.push(`  提示 ${where(w)}${w.message}`);
  }
  const anyError = files.some((f) => f.errors.length);
  lines.push(committed ? '已导入。' : anyError ? '有错误，未导入任何内容，台账未被修改。' : dryRun ? '试运行（--dry-run），未写入台账。' : '未导入。');
  return lines;
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import FILE INPUT... [--dry-run] [--json] [--kind ledger|return] [--accept-similar] [--ignore-column 列名或列号]... [--skip-bad-rows]',
  summary: '导入总台账或回执（.xlsx/.csv；INPUT 可为文件夹）；任一文件有错则全部不导入，退出码 1；--skip-bad-rows 跳过有错误的行、导入其余行',
  valueKeys: ['kind', 'ignore-column'],
  flagKeys: ['dry-run', 'json', 'accept-similar', 'skip-bad-rows'],
  async run(args: Args, io: CliIo) {
    const file = fileArg(args, this.usage);
    const inputs = args.positionals.slice(1);
    if (inputs.length === 0) throw new UsageError(`缺少要导入的文件。用法：${this.usage}`);
    const kind = one(args, 'kind');
    if (kind && kind !== 'ledger' && kind !== 'return') throw new UsageError('--kind 只能是 ledger（总台账）或 return（回执）');
    const paths = expandInputs(inputs);
    const db = openExisting(file);
    try {
      const files: ImportInput[] = paths.map((p) => ({
        path: p,
        name: path.basename(p),
        bytes: fs.readFileSync(p),
        lastModified: fs.statSync(p).mtimeMs,
        kind: kind as ImportInput['kind'],
        ignoreColumns: args.values.get('ignore-column') ?? [],
      }));
      // Loaded here, not at start: the reader and the layouts are only for this command (a CLI that starts at once).
      const { allReadable, executeImport, prepareImport } = await import('../core/excel/import/engine');
      const skipBadRows = args.flags.has('skip-bad-rows');
      const prepared = await prepareImport(db, files);
      const dryRun = args.flags.has('dry-run');
      // As the app does before every import: a checked copy in the ledger's backup folder (LEDGER_DATA_DIR
      // or the user's data folder), so that the state before it can be restored. A failed backup stops here.
      if (!dryRun && allReadable(prepared)) {
        const backup = await createBackup(db, backupFolder(defaultDataDir(), db.path), 'import');
        if (!args.flags.has('json')) io.out(`导入前已备份：${path.join(backupFolder(defaultDataDir(), db.path), backup.name)}`);
      }
      const actor = safeUser();
      if (args.flags.has('accept-similar')) {
        // Matches by similarity are applied only when confirmed: here, all of those a preview finds.
        executeImport(db, prepared, { commit: false, actor }).files.forEach((f, i) => {
          prepared[i]!.input.confirm = f.changes.filter((c) => c.needsConfirmation).map((c) => c.row);
        });
      }
      // A commit with an error anywhere rolls back: nothing is written.
      const result = executeImport(db, prepared, { commit: !dryRun, actor, skipBadRows });
      const out = result.files.map((f) => ({
        path: f.path,
        kind: f.kind,
        unit: f.unit,
        reportDate: f.reportDate,
        rows: f.rows,
        added: f.added,
        updated: f.updated,
        unchanged: f.unchanged,
        errors: f.errors,
        warnings: f.warnings,
        ...(f.kind === 'report' ? { counts: f.counts, stated: f.stated ?? [], unplaced: f.unplaced ?? [] } : {}),
        // With --skip-bad-rows: the rows left out, each error with where and why.
        ...(skipBadRows ? { skippedRows: f.skipped.length ? f.badRows : [], skipped: f.skipped } : {}),
      }));
      if (args.flags.has('json')) io.out(JSON.stringify({ committed: result.committed, files: out }, null, 2));
      else for (const line of text(result.files, result.committed, dryRun)) io.out(line);
      return result.ok ? 0 : 1;
    } finally {
      db.close();
    }
  },
};

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}
