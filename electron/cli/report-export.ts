import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './args';
import { refuseExisting, writeFileSafely } from '../core/temp-files';
import { EXPORT_KINDS } from './export-command';
import { requireRoundId } from './core-commands';
import type { ReportOutcome } from '../core/report/render';

/** Write next to the target and rename, so that a failed export never leaves half a file. */
function writeAtomically(file: string, data: Uint8Array | string, overwrite: boolean): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileSafely(file, data, { overwrite });
}

/**
 * `export FILE --kind report --out PATH.docx|PATH.txt [--as-of D] [--public]`: the progress report for an
 * as-of date. The lint findings are printed; the report is written anyway (a draft is useful) and the exit
 * code is 1 when there are findings, so that scripts notice.
 */
EXPORT_KINDS.report = {
  summary: 'report：整改进展情况公布 .docx/.txt（--public 为社会公开版）',
  async run(db, options, io) {
    const ext = path.extname(options.out).toLowerCase();
    if (ext !== '.docx' && ext !== '.txt') throw new UsageError(`进展情况公布只能导出为 .docx 或 .txt，收到“${path.basename(options.out)}”`);
    const roundId = requireRoundId(db);
    refuseExisting(options.out, options.force);
    const reportOptions = { asOf: options.asOf, publicOnly: options.public };
    // The report writer (docx) loads only for this export.
    const { reportDocxFile, reportTextFile } = await import('../core/report/render');
    const out = ext === '.docx' ? await reportDocxFile(db, roundId, reportOptions) : reportTextFile(db, roundId, reportOptions);
    writeAtomically(options.out, out.bytes, options.force);
    const render: ReportOutcome = out.outcome;
    if (options.json) {
      io.out(JSON.stringify({ out: options.out, asOf: render.asOf, public: render.public, shown: render.shown, figures: render.figures, lint: render.lint, stated: render.stated }, null, 2));
    } else {
      io.out(`已导出${render.public ? '社会公开版' : '内部版'}进展情况公布（截至 ${render.asOf}）：${options.out}`);
      if (render.shown.withheld) io.out(`按“不公开”标记省略了 ${render.shown.withheld} 个问题，总体情况中的数字只计入公开的问题。`);
      for (const f of render.lint) io.err(`  请核对 ${f.where}：${f.message}`);
      for (const x of render.stated) if (x.computed != null && x.computed !== x.stated) io.err(`  请核对 公布的数字：${x.words}`);
    }
    return render.lint.length ? 1 : 0;
  },
};
