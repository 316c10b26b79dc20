import { parentPort } from 'node:worker_threads';
import { streamSpreadsheet } from './parse';
import { toFailure } from './errors';

/**
 * Worker entry: parses one file per message. Runs under a V8 heap limit and a wall-clock timeout set by
 * run.ts, so that a hostile file can only ever end this thread, never the app. An .xlsx is read as a
 * stream and its cells are posted in batches as they are read (`{id, sheet, cells}`), so the worker holds
 * only the shared strings and the current batch; the last message says the rest of the workbook, its
 * merged ranges transferred as packed buffers.
 */
interface Request {
  id: number;
  name: string;
  bytes: Uint8Array;
}

parentPort?.on('message', (req: Request) => {
  try {
    const out = streamSpreadsheet(req.name, req.bytes, (sheet, cells) => parentPort!.postMessage({ id: req.id, sheet, cells }, [cells.rows.buffer as ArrayBuffer, cells.cols.buffer as ArrayBuffer]));
    if ('streamed' in out) {
      parentPort!.postMessage({ id: req.id, ok: true, streamed: out.streamed }, out.streamed.sheets.map((s) => s.merges.buffer as ArrayBuffer));
    } else {
      parentPort!.postMessage({ id: req.id, ok: true, workbook: out.workbook });
    }
  } catch (e) {
    parentPort!.postMessage({ id: req.id, ok: false, error: toFailure(e) });
  }
});
