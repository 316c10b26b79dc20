import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createRound } from '../../electron/core/ledger/rounds';
import { previewReportImport, commitReportImport } from '../../electron/core/report/import';
import type { ReportImportPreview, ReportImportResult } from '../../shared/domain/report';
import { REPO_ROOT, sharedFixture } from './ledger';

/** The published report of ../shared/fixtures/reports. */
export const PUBLISHED_REPORT = sharedFixture('reports', '000_2f0ad5af2777d313.txt');

/** Our own report fixtures (test/fixtures/reports). */
export function reportFixture(name: string): string {
  return path.join(REPO_ROOT, 'test', 'fixtures', 'reports', name);
}

export function readFixture(file: string): { name: string; bytes: Uint8Array } {
  return { name: path.basename(file), bytes: fs.readFileSync(file) };
}

/** A ledger as `cli init` leaves it: one empty round. */
export function initRound(db: Db): number {
  return runAction(db, { source: 'system', label: '新建台账' }, () => createRound(db, { title: '巡察反馈问题整改' }));
}

/** Preview and commit a report as one import action, as the CLI and the service do. */
export function importReport(db: Db, file: { name: string; bytes: Uint8Array }): { preview: ReportImportPreview; result: ReportImportResult } {
  const preview = previewReportImport(db, file);
  const result = runAction(db, { source: 'import', label: `导入${file.name}` }, () => commitReportImport(db, preview, { batchId: null }));
  return { preview, result };
}
