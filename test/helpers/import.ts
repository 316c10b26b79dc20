import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../electron/core/db/open';
import { executeImport, prepareImport, type ImportInput } from '../../electron/core/excel/import/engine';
import { TRACKED_TABLES } from '../../electron/core/db/migrations';
import { listJson } from '../../electron/cli/core-commands';
import { sharedFixture } from './ledger';
import type { OpName, Req, Res } from '../../shared/api/contract';

export type FileArg = string | { name: string; bytes: Uint8Array };

export function inputOf(f: FileArg, extra: Partial<ImportInput> = {}): ImportInput {
  if (typeof f === 'string') {
    const file = path.isAbsolute(f) ? f : sharedFixture('workbooks', f);
    return { path: file, name: path.basename(file), bytes: fs.readFileSync(file), ...extra };
  }
  return { path: f.name, name: f.name, bytes: f.bytes, ...extra };
}

/** Preview or commit files as the service does (reading in the worker). */
export async function importFiles(db: Db, files: (FileArg | ImportInput)[], options: { commit: boolean } = { commit: true }) {
  const inputs = files.map((f) => (typeof f === 'object' && 'path' in f ? f : inputOf(f)));
  return executeImport(db, await prepareImport(db, inputs), { commit: options.commit, actor: '测试员' });
}

/** Every tracked table, row by row: what "the ledger unchanged" means. */
export function dumpLedger(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of Object.keys(TRACKED_TABLES)) out[t] = db.raw.prepare(`SELECT * FROM ${t} ORDER BY id`).all();
  return out;
}

export const listOf = (db: Db) => JSON.parse(JSON.stringify(listJson(db))) as ReturnType<typeof listJson>;

type Call = <K extends OpName>(name: K, req: Req<K>) => Promise<Res<K>>;

/** A workbook from the shared fixtures as the import page sends it: its name and its bytes in base64. */
export function fixtureUpload(name: string): { name: string; data: string } {
  return { name, data: fs.readFileSync(sharedFixture('workbooks', name)).toString('base64') };
}

/**
 * The master ledger fixture (整改台账-总表.xlsx: 5 categories, 22 general and 41 specific problems, 205
 * measures) imported through the service as the import page does it, preview then commit; then the round's
 * dates of the published report, which the workbook does not hold and a clerk enters once (市委第五巡察组 →
 * 市司法局党组, feedback 2024-07-24, four months).
 */
export async function importMasterLedger(call: Call) {
  const file = fixtureUpload('整改台账-总表.xlsx');
  const preview = await call('import.preview', { files: [file] });
  const commit = await call('import.commit', { files: [file] });
  await call('ledger.rename', { name: '市司法局巡察整改台账' });
  await call('rounds.update', {
    id: commit.roundId!,
    fields: {
      inspectingBody: '市委第五巡察组',
      inspectedOrg: '市司法局党组',
      inspectionStart: '2024-05-07',
      inspectionEnd: '2024-06-07',
      feedbackDate: '2024-07-24',
      periodEnd: '2024-11-24',
      periodLabel: '4个月',
    },
  });
  return { preview: preview.files[0]!, committed: commit.committed };
}
