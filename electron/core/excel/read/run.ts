import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LIMITS } from './limits';
import type { ReadFailure } from './errors';
import type { CellBatch, WorkbookData } from './types';
import { assembleWorkbook, collectSheet, type SheetCollector } from './collect';
import type { StreamedWorkbook } from './xlsx';

export type ReadOutcome = { ok: true; workbook: WorkbookData } | { ok: false; error: ReadFailure };

export interface ReadOptions {
  timeoutMs?: number;
  heapMb?: number;
  /** A reader kept by a host ends its idle worker after this long (memory back); it starts again on demand. */
  idleMs?: number;
  /** Called when a file is done (for progress). */
  onFile?(index: number, outcome: ReadOutcome): void;
}

/** The file name of the bundled worker (build/bundle-electron.mjs writes it). */
export const WORKER_BUNDLE = 'xlsx-worker.cjs';

export interface WorkerSpec {
  filename: string | URL;
  eval: boolean;
}

/**
 * Where the worker code is. From source (tsx, vitest) this module ends in .ts: the worker registers tsx
 * itself and imports worker.ts (Node 20 ignores `--import tsx` in a worker's execArgv for its entry file).
 * Bundled (esbuild → dist/node/), the worker is `xlsx-worker.cjs` beside the bundle: one self-contained
 * CommonJS file (its libraries inside), so that it runs wherever it lies, unpacked beside app.asar with
 * no node_modules or package.json around it. ZGTZ_XLSX_WORKER overrides both.
 */
export function workerPath(here: string = import.meta.url): WorkerSpec {
  const override = process.env.ZGTZ_XLSX_WORKER;
  if (override) return { filename: override, eval: false };
  if (/\.ts$/.test(new URL(here).pathname)) {
    // The ESM entry of tsx's API, as its package exports map it (resolving 'tsx/esm/api' from here would
    // give the CommonJS one, which cannot register from an ESM import()).
    const tsxDir = path.dirname(createRequire(here).resolve('tsx/package.json'));
    const tsxApi = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
    const entry = new URL('./worker.ts', here).href;
    return {
      filename: `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`,
      eval: true,
    };
  }
  const candidates = [new URL(`./${WORKER_BUNDLE}`, here), new URL(`../${WORKER_BUNDLE}`, here)].map((u) => fileURLToPath(u));
  // Packaged, a worker script unpacked beside app.asar (asarUnpack) is preferred to one inside it.
  const unpacked = candidates.map((f) => f.replace(/\.asar([\\/])/, '.asar.unpacked$1'));
  const found = [...unpacked, ...candidates].find((f) => fs.existsSync(f));
  return { filename: found ?? candidates[0]!, eval: false };
}

interface Pending {
  resolve(o: ReadOutcome): void;
  timer: NodeJS.Timeout;
  /** The worker this file was sent to: events of an earlier, terminated worker must not settle it. */
  worker: Worker;
  id: number;
  /** Cells of each sheet as the worker hands them on. */
  sheets: SheetCollector[];
}

type WorkerMessage =
  | { id: number; sheet: number; cells: CellBatch }
  | { id: number; ok: true; workbook?: WorkbookData; streamed?: StreamedWorkbook }
  | { id: number; ok: false; error: ReadFailure };

export interface Reader {
  /** Parse files one after another; outcomes in input order. Calls made while one runs wait their turn. */
  read(files: { name: string; bytes: Uint8Array }[], onFile?: ReadOptions['onFile']): Promise<ReadOutcome[]>;
  /** Start the worker now (the import page asks as it opens), so the first file does not wait for it. */
  warm(): void;
  /** Whether a worker is running now. */
  alive(): boolean;
  close(): Promise<void>;
}

/**
 * A reader that parses in a worker thread with a heap limit and a per-file timeout. A file that crashes,
 * exhausts memory or overruns the clock ends its worker with a clean error; the next file gets a fresh
 * worker. The worker is kept between calls until `close()`, or until it has been idle for `idleMs`.
 * An idle worker does not keep the process alive (a pending read does, through its timeout).
 */
export function createReader(options: ReadOptions = {}): Reader {
  // A large file gets time in proportion (the app's own 100,000-problem workbook is 25 MB and takes tens of
  // seconds to read on a busy machine); a time given explicitly is used as is.
  const timeoutFor = (bytes: number) => options.timeoutMs ?? Math.max(LIMITS.workerTimeoutMs, (bytes / 1024 / 1024) * LIMITS.workerMsPerMb);
  // Below a few tens of MB, V8 can run out while the worker itself starts (compiling its code), and that
  // failure aborts the whole process in Node 20 instead of ending the worker: never go that low.
  const heapMb = Math.max(64, options.heapMb ?? LIMITS.workerHeapMb);
  const spec = workerPath();
  let worker: Worker | null = null;
  let pending: Pending | null = null;
  let nextId = 1;

  const settle = (from: Worker, outcome: ReadOutcome) => {
    const p = pending;
    if (!p || p.worker !== from) return;
    pending = null;
    clearTimeout(p.timer);
    p.resolve(outcome);
  };

  let idle: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const start = (): Worker => {
    // A young generation of 16 MB (V8's default in a worker is 48): reading makes short-lived garbage
    // (parser events, text pieces) in a steady stream, and a smaller nursery keeps it ~30 MB lower at
    // peak for the same processor time (the 1,048,576-row return, the 10,000-problem workbook).
    const w = new Worker(spec.filename, {
      eval: spec.eval,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    w.unref();
    w.on('message', (m: WorkerMessage) => {
      const p = pending;
      if (!p || p.worker !== w || p.id !== m.id) return;
      if ('cells' in m) {
        (p.sheets[m.sheet] ??= collectSheet()).add(m.cells);
        return;
      }
      if (!m.ok) settle(w, { ok: false, error: m.error });
      else settle(w, { ok: true, workbook: m.workbook ?? assembleWorkbook(m.streamed!, p.sheets) });
    });
    w.on('error', (e: NodeJS.ErrnoException) => {
      if (worker === w) worker = null;
      settle(w, {
        ok: false,
        error: e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { code: 'OUT_OF_MEMORY', message: `读取该文件时超出内存上限（${heapMb} MB），文件可能过大或被恶意构造，已停止读取。台账未被修改。`, detail: e.message }
          : { code: 'READ_CRASHED', message: '读取该文件时出错，已停止读取。文件可能已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。', detail: String(e) },
      });
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      settle(w, {
        ok: false,
        error: { code: 'READ_CRASHED', message: '读取该文件时读取程序意外退出。文件可能已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。', detail: `exit ${code}` },
      });
    });
    return w;
  };

  const readOne = (file: { name: string; bytes: Uint8Array }): Promise<ReadOutcome> =>
    new Promise((resolve) => {
      worker ??= start();
      const w = worker;
      const timeoutMs = timeoutFor(file.bytes.length);
      const timer = setTimeout(() => {
        settle(w, {
          ok: false,
          error: { code: 'READ_TIMEOUT', message: `读取该文件超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成，文件可能过大或结构异常，已停止读取。台账未被修改。` },
        });
        if (worker === w) worker = null;
        void w.terminate();
      }, timeoutMs);
      const id = nextId++;
      pending = { resolve, timer, worker: w, id, sheets: [] };
      w.postMessage({ id, name: file.name, bytes: file.bytes });
    });

  const stopIdle = () => {
    if (idle) clearTimeout(idle);
    idle = null;
  };
  const close = async () => {
    stopIdle();
    const w = worker as Worker | null;
    worker = null;
    if (w) await w.terminate();
  };

  const readAll = async (files: { name: string; bytes: Uint8Array }[], onFile: ReadOptions['onFile']) => {
    stopIdle();
    const out: ReadOutcome[] = [];
    try {
      for (const [i, file] of files.entries()) {
        const outcome = await readOne(file);
        out.push(outcome);
        onFile?.(i, outcome);
      }
    } finally {
      if (options.idleMs != null) {
        idle = setTimeout(() => void close(), options.idleMs);
        idle.unref();
      }
    }
    return out;
  };

  return {
    read(files, onFile = options.onFile) {
      // One file at a time per worker: a call made while another reads waits for it.
      const run = queue.then(() => readAll(files, onFile));
      queue = run.catch(() => undefined);
      return run;
    },
    warm() {
      worker ??= start();
    },
    alive: () => worker !== null,
    close,
  };
}

/** Parse files in a worker of their own (see createReader). */
export async function readSpreadsheets(files: { name: string; bytes: Uint8Array }[], options: ReadOptions = {}): Promise<ReadOutcome[]> {
  const reader = createReader(options);
  try {
    return await reader.read(files);
  } finally {
    await reader.close();
  }
}
