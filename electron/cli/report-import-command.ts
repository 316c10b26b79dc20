import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './args';
import type { Command } from './commands';
import { fileArg, openExisting } from './core-commands';
import { LedgerError } from '../core/errors';
import { previewReportImport } from '../core/report/import';
import { importReportFile } from '../core/report/import-file';
import type { CellIssue } from '../../shared/domain/issues';
import type { ReportImportPreview } from '../../shared/domain/report';

function where(issue: CellIssue, unit: string): string {
  return issue.row == null ? issue.sheet : `${issue.sheet} 第${issue.row}${unit}`;
}

function describe(p: ReportImportPreview): string[] {
  const c = p.counts;
  const out = [
    c.general + c.specific === 0
      ? `${p.fileName}：`
      : `${p.fileName}：整改进展情况公布，${c.categories} 个类别、${c.general} 个面上问题（${c.generalCompleted} 个已完成）、${c.specific} 个具体问题（${c.specificCompleted} 个已完成）、${c.measures} 项措施`,
  ];
  const unit = p.report.lineUnit;
  for (const e of p.summary.errors) out.push(`  错误 ${where(e, unit)}：${e.message}`);
  for (const w of p.summary.warnings) out.push(`  提示 ${where(w, unit)}：${w.message}`);
  return out;
}

/**
 * `import FILE INPUT... [--dry-run] [--json]` for progress reports (.txt, .docx). Every input is previewed
 * first; any error in any file and nothing is written (exit 1). Each report becomes its own round and
 * import batch, all in one transaction. Stands in for the Excel import's `import` command until that one
 * is on main; then that command takes reports through `previewReportImport`/`commitReportImport`.
 */
export const reportImportCommand: Command = {
  name: 'import',
  usage: 'import FILE INPUT... [--dry-run] [--json]',
  summary: '导入文件（整改进展情况公布 .txt/.docx）；有错误时不写入，退出码为 1',
  flagKeys: ['dry-run', 'json'],
  run(args, io) {
    const file = fileArg(args, this.usage);
    const inputs = args.positionals.slice(1).map((p) => path.resolve(p));
    if (inputs.length === 0) throw new UsageError(`缺少要导入的文件。用法：${this.usage}`);
    for (const input of inputs) {
      if (!fs.existsSync(input) || !fs.statSync(input).isFile()) throw new LedgerError('INPUT_NOT_FOUND', `找不到要导入的文件：${input}`);
    }
    const db = openExisting(file);
    try {
      const previews = inputs.map((input) => ({ ...previewReportImport(db, { name: path.basename(input), bytes: fs.readFileSync(input) }), input }));
      const failed = previews.some((p) => p.summary.errors.length > 0);
      const commit = !failed && !args.flags.has('dry-run');
      if (commit) db.tx(() => previews.forEach((p) => importReportFile(db, p)));
      if (args.flags.has('json')) {
        io.out(JSON.stringify({ committed: commit, files: previews.map((p) => ({ ...p.summary, path: p.input })) }, null, 2));
      } else {
        for (const p of previews) for (const line of describe(p)) io.out(line);
        io.out(commit ? '已导入。' : failed ? '有错误，未导入任何文件。' : '试运行（--dry-run），未写入台账。');
      }
      return failed ? 1 : 0;
    } finally {
      db.close();
    }
  },
};
