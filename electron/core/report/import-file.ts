import type { Db } from '../db/open';
import { nowIso } from '../clock';
import { runAction } from '../ledger/actions';
import type { ReportImportPreview, ReportImportResult } from '../../../shared/domain/report';
import { commitReportImport } from './import';

/**
 * Commit one previewed report as its own import batch: the batch row (file name, sha256, counts) and one
 * action of source 'import' that `revertActions` can undo as a whole. Joins the caller's transaction.
 */
export function importReportFile(db: Db, preview: ReportImportPreview, actor = ''): ReportImportResult & { batchId: number } {
  return db.tx(() => {
    const batchId = Number(
      db.raw
        .prepare('INSERT INTO import_batches (at, file_name, sha256, kind, counts) VALUES (?, ?, ?, ?, ?)')
        .run(nowIso(), preview.fileName, preview.sha256, 'report', JSON.stringify(preview.counts)).lastInsertRowid,
    );
    let actionId = 0;
    const result = runAction(db, { source: 'import', label: `导入进展情况公布“${preview.fileName}”`, actor, batchId }, (id) => {
      actionId = id;
      return commitReportImport(db, preview, { batchId });
    });
    db.raw.prepare('UPDATE import_batches SET action_id = ? WHERE id = ?').run(actionId, batchId);
    return { ...result, batchId };
  });
}
