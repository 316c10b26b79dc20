import { parentPort } from 'node:worker_threads';
import { parseSpreadsheet } from './parse';
import { toFailure } from './errors';

/**
 * Worker entry: parses one file per message. Runs under a V8 heap limit and a wall-clock timeout set by
 * run.ts, so that a hostile file can only ever end this thread, never the app.
 */
interface Request {
  id: number;
  name: string;
  bytes: Uint8Array;
}

parentPort?.on('message', (req: Request) => {
  try {
    const workbook = parseSpreadsheet(req.name, req.bytes);
    parentPort!.postMessage({ id: req.id, ok: true, workbook });
  } catch (e) {
    parentPort!.postMessage({ id: req.id, ok: false, error: toFailure(e) });
  }
});
