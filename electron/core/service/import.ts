import type { Handlers, ServiceContext } from './registry';
import type { ImportFileInput } from '../../../shared/api/import';
import type { ColumnRole } from '../excel/layout/columns';
import { executeImport, prepareImport, preparedCache, type ImportInput } from '../excel/import/engine';
import { listBatches, returnsStatus, undoBatch } from '../excel/import/batches';
import { LedgerError } from '../errors';
import { backupBeforeImport } from '../backup/session-backups';

/** Files from the page arrive as base64; the page never hands over a path. */
function toInputs(files: ImportFileInput[]): ImportInput[] {
  return files.map((f) => {
    const bytes = Buffer.from(f.data, 'base64');
    if (bytes.length === 0 && f.data.replace(/\s/g, '').length > 0) throw new LedgerError('BAD_FILE_DATA', `文件“${f.name}”的数据无法解码。`);
    const mapping: Record<number, ColumnRole | null> | undefined = f.mapping
      ? Object.fromEntries(Object.entries(f.mapping).map(([col, role]) => [Number(col), role ?? null]))
      : undefined;
    return {
      path: f.name,
      name: f.name.replace(/^.*[\\/]/, ''),
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      lastModified: f.lastModified,
      kind: f.kind,
      mapping,
      confirm: f.confirm,
    };
  });
}

/** Read files kept between a preview and its commit (per service; keyed by content and options). */
const caches = new WeakMap<ServiceContext, ReturnType<typeof preparedCache>>();

async function run(ctx: ServiceContext, files: ImportFileInput[], commit: boolean) {
  const db = ctx.session.db();
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = preparedCache()));
  const prepared = await prepareImport(db, toInputs(files), { cache });
  // The point of the backup is being able to go back: a failed one stops the import with its message.
  // Files that cannot even be read will not commit; no backup for them.
  if (commit && prepared.every((p) => p.fileErrors.length === 0 && !p.analysis?.errors.length)) await backupBeforeImport(ctx.session);
  return executeImport(db, prepared, { commit, actor: ctx.session.actor });
}

export const importHandlers: Handlers<'import.preview' | 'import.commit' | 'import.batches' | 'import.undoBatch' | 'import.returnsStatus'> = {
  'import.preview': async (req, ctx) => {
    const { committed: _c, batchIds: _b, ...preview } = await run(ctx, req.files, false);
    return preview;
  },
  'import.commit': (req, ctx) => run(ctx, req.files, true),
  'import.batches': (req, ctx) => listBatches(ctx.session.db(), req.limit),
  'import.undoBatch': (req, ctx) => undoBatch(ctx.session.db(), req.id, ctx.session.actor),
  'import.returnsStatus': (_req, ctx) => returnsStatus(ctx.session.db()),
};
