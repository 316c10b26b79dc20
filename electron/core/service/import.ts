import type { Handlers, ServiceContext } from './registry';
import type { ImportFileInput } from '../../../shared/api/import';
import type { ColumnRole } from '../excel/layout/columns';
import { allReadable, executeImport, prepareImport, preparedCache, type ImportInput } from '../excel/import/engine';
import { listBatches, returnsStatus, undoBatch } from '../excel/import/batches';
import { badRowsWorkbook } from '../excel/import/bad-rows';
import { LedgerError } from '../errors';
import { backupBeforeImport } from '../backup/session-backups';
import { createReader, type Reader } from '../excel/read/run';

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
      ignoreColumns: f.ignoreColumns,
    };
  });
}

/** Read files kept between a preview and its commit (per service; keyed by content and options). */
const caches = new WeakMap<ServiceContext, ReturnType<typeof preparedCache>>();

/**
 * The reader worker of a service, kept warm between calls: starting one costs more than reading a
 * 10,000-row return. It still reads every file under its heap limit and timeout, and one that a file
 * brought down is replaced for the next; idle for five minutes, it ends (memory back to the system).
 */
const readers = new WeakMap<ServiceContext, Reader>();
const READER_IDLE_MS = 5 * 60_000;

function readerOf(ctx: ServiceContext): Reader {
  let reader = readers.get(ctx);
  if (!reader) readers.set(ctx, (reader = createReader({ idleMs: READER_IDLE_MS })));
  return reader;
}

async function run(ctx: ServiceContext, files: ImportFileInput[], commit: boolean, skipBadRows = false) {
  const db = ctx.session.db();
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = preparedCache()));
  const prepared = await prepareImport(db, toInputs(files), { cache, reader: readerOf(ctx) });
  // The point of the backup is being able to go back: a failed one stops the import with its message.
  // Files that cannot even be read will not commit; no backup for them.
  if (commit && allReadable(prepared)) await backupBeforeImport(ctx.session);
  return executeImport(db, prepared, { commit, actor: ctx.session.actor, skipBadRows });
}

export const importHandlers: Handlers<
  'import.warmup' | 'import.preview' | 'import.commit' | 'import.batches' | 'import.undoBatch' | 'import.returnsStatus' | 'import.badRowsWorkbook'
> = {
  'import.warmup': (_req, ctx) => {
    readerOf(ctx).warm();
    return null;
  },
  'import.preview': async (req, ctx) => {
    const { committed: _c, batchIds: _b, ...preview } = await run(ctx, req.files, false);
    return preview;
  },
  'import.commit': (req, ctx) => run(ctx, req.files, true, req.skipBadRows ?? false),
  'import.badRowsWorkbook': async (req, ctx) => {
    const db = ctx.session.db();
    const [input] = toInputs([req.file]);
    const prepared = await prepareImport(db, [input!], { cache: caches.get(ctx), reader: readerOf(ctx) });
    const a = prepared[0]!.analysis;
    if (!a?.grid) throw new LedgerError('NO_TABLE', `“${req.file.name}”中没有可读的表格。`);
    const preview = executeImport(db, prepared, { commit: false });
    const out = await badRowsWorkbook(req.file.name, a, req.rows, preview.files[0]!.errors);
    return { fileName: out.fileName, data: out.data.toString('base64') };
  },
  'import.batches': (req, ctx) => listBatches(ctx.session.db(), req.limit),
  'import.undoBatch': (req, ctx) => undoBatch(ctx.session.db(), req.id, ctx.session.actor),
  'import.returnsStatus': (_req, ctx) => returnsStatus(ctx.session.db()),
};
