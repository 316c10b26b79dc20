import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../electron/core/db/open';
import { executeImport, prepareImport, type ImportInput } from '../../electron/core/excel/import/engine';
import { TRACKED_TABLES } from '../../electron/core/db/migrations/0001_init';
import { listJson } from '../../electron/cli/core-commands';
import { sharedFixture } from './ledger';

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
