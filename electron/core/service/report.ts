import type { Handlers } from './registry';
import { LedgerError } from '../errors';
import { now } from '../clock';
import { todayIso } from '../../../shared/domain/dates';
import { previewReportImport } from '../report/import';
import { importReportFile } from '../report/import-file';
import { renderReport, reportDocxFile, reportFileName, reportLint, reportTextFile } from '../report/render';
import { requireRound } from './ledger';
import { backupBeforeImport } from '../backup/session-backups';

function bytesOf(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function optionsOf(req: { asOf?: string; public?: boolean }) {
  return { asOf: req.asOf ?? todayIso(now()), publicOnly: req.public ?? false };
}

export const reportHandlers: Handlers<'report.previewImport' | 'report.commitImport' | 'report.lint' | 'report.render' | 'report.file'> = {
  'report.previewImport': (req, ctx) => previewReportImport(ctx.session.db(), { name: req.name, bytes: bytesOf(req.base64) }),
  'report.commitImport': async (req, ctx) => {
    const db = ctx.session.db();
    // Read again rather than trust a preview sent back by the page: what is written is what the file says.
    const preview = previewReportImport(db, { name: req.name, bytes: bytesOf(req.base64) });
    if (preview.summary.errors.length) {
      throw new LedgerError('REPORT_HAS_ERRORS', `“${req.name}”有 ${preview.summary.errors.length} 处错误，未导入。请按预览中列出的位置改正后重新导入。`, preview.summary.errors);
    }
    // Before every import: a checked backup to go back to (a failed backup stops the import with its reason).
    await backupBeforeImport(ctx.session);
    const result = importReportFile(db, preview, ctx.session.actor);
    return { ...result, counts: preview.counts };
  },
  'report.lint': (req, ctx) => reportLint(ctx.session.db(), requireRound(ctx), optionsOf(req)),
  'report.render': (req, ctx) => renderReport(ctx.session.db(), requireRound(ctx), optionsOf(req)),
  'report.file': async (req, ctx) => {
    const options = optionsOf(req);
    const db = ctx.session.db();
    const roundId = requireRound(ctx);
    // Made as it is written, a page of problems at a time (the preview above builds the whole text; the file need not).
    if (req.format === 'txt') {
      const { bytes, outcome } = reportTextFile(db, roundId, options);
      return { fileName: reportFileName(options, '.txt'), mime: 'text/plain;charset=utf-8', base64: Buffer.from(bytes).toString('base64'), outcome };
    }
    const { bytes, outcome } = await reportDocxFile(db, roundId, options);
    return {
      fileName: reportFileName(options, '.docx'),
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      base64: Buffer.from(bytes).toString('base64'),
      outcome,
    };
  },
};
