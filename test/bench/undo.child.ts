import fs from 'node:fs';
import { openDb } from '../../electron/core/db/open';
import { undoBatch } from '../../electron/core/excel/import/batches';

/** Undo the last import batch of a ledger, in a process of its own (scale.bench.ts measures its memory). */
const db = openDb(process.argv[2]!);
const { id } = db.raw.prepare('SELECT max(id) AS id FROM import_batches').get() as { id: number };
const t0 = performance.now();
undoBatch(db, id);
const ms = performance.now() - t0;
db.close();
fs.writeFileSync(process.env.BENCH_UNDO_OUT!, JSON.stringify({ ms }));
