import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { openDb, type Db } from '../../electron/core/db/open';
import { listEntries, readEntry } from '../../electron/core/excel/read/zip';
import { xmlStream } from '../../electron/core/excel/read/xml';
import { createReader, readSpreadsheets, WORKER_BUNDLE } from '../../electron/core/excel/read/run';
import { parseSpreadsheet } from '../../electron/core/excel/read/parse';
import { executeImport, prepareImport, type PreparedFile } from '../../electron/core/excel/import/engine';
import { undoBatch } from '../../electron/core/excel/import/batches';
import { runAction } from '../../electron/core/ledger/actions';
import { dryRun } from '../../electron/core/db/dry-run';
import { createBackup } from '../../electron/core/backup/backup';
import { buildLargeLedger, largeReturn, progressText } from '../fixtures/import/large';

/**
 * Importing a 10,000-row return end to end, against, in the same run:
 * - the floor: merely unzipping the workbook and scanning its XML with the reader's tokenizer (no cells kept;
 *   saxes, which it replaced, took ~1.45× as long for this floor on the 100,000-problem workbook);
 * - exceljs `readFile` (the whole workbook into exceljs' model);
 * - the write floor: the rows this import writes, as bare SQL statements in one recorded action (history
 *   and search index kept, as every write must), committed: what any import of this file must pay.
 * The reader runs as shipped (the bundled worker, build/bundle-electron.mjs). Commits and undos run on
 * fresh copies of the same ledger, each after its preview on the same connection (as the app does it).
 * Medians of a few runs; figures printed, not asserted.
 */
const RUNS = 5;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

/** The process's peak resident memory so far (VmHWM; Linux), in MB. */
function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024;
}

/** Unzip every part and scan every XML part with the reader's tokenizer, handlers counting events: what any reader must do. */
export function floor(bytes: Uint8Array): number {
  let events = 0;
  for (const e of listEntries(bytes).values()) {
    if (!e.name.endsWith('.xml') && !e.name.endsWith('.rels')) continue;
    const xml = new TextDecoder().decode(readEntry(bytes, e));
    const p = xmlStream(e.name, { open: () => events++, text: () => events++ });
    p.write(xml);
    p.close();
  }
  return events;
}

/** Time `fn` on a fresh copy of the ledger each run (a commit changes it; the same file cannot go twice). */
async function onCopies(base: string, dir: string, fn: (db: Db) => unknown | Promise<unknown>, before: (db: Db) => unknown = () => {}): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const file = path.join(dir, `run-${i}.zgtz`);
    fs.copyFileSync(base, file);
    const db = openDb(file);
    try {
      await before(db);
      const t0 = performance.now();
      await fn(db);
      out.push(performance.now() - t0);
    } finally {
      db.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
  }
  return median(out);
}

/** The writes of this import, bare: progress for every row; rows said 已完成 complete their measure and problem. */
function bareWrites(db: Db, codes: string[]): void {
  runAction(db, { source: 'import', label: '基准：同样的写入' }, () => {
    const ids = db.raw.prepare('SELECT id, code FROM problems').all() as { id: number; code: string }[];
    const byCode = new Map(ids.map((r) => [r.code, r.id]));
    const progress = db.raw.prepare("INSERT INTO progress (problem_id, date, text, source, created_at) VALUES (?, '2024-11-30', ?, 'import', '2024-11-30T02:00:00Z')");
    const measure = db.raw.prepare("UPDATE measures SET status = '已完成', completed_date = '2024-11-30' WHERE problem_id = ?");
    const problem = db.raw.prepare("UPDATE problems SET status = '已完成', completed_date = '2024-11-30' WHERE id = ?");
    codes.forEach((code, i) => {
      const id = byCode.get(code)!;
      progress.run(id, progressText(i));
      if (i % 3 === 0) {
        measure.run(id);
        problem.run(id);
      }
    });
  });
}

export default async function importBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-bench-'));
  const bundle = path.join(ROOT, 'dist', `.bench-${process.pid}`, 'node');
  try {
    const built = spawnSync(process.execPath, [path.join(ROOT, 'build/bundle-electron.mjs'), bundle], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`bundle failed: ${built.stderr}`);
    process.env.ZGTZ_XLSX_WORKER = path.join(bundle, WORKER_BUNDLE);

    const base = path.join(dir, 'bench.zgtz');
    const db0 = openDb(base, { create: true });
    const t0 = performance.now();
    const codes = buildLargeLedger(db0);
    const buildMs = performance.now() - t0;
    db0.raw.pragma('wal_checkpoint(TRUNCATE)');
    db0.close();
    const bytes = largeReturn(codes);
    const file = path.join(dir, '回执-10000行.xlsx');
    fs.writeFileSync(file, bytes);
    const input = () => [{ path: file, name: path.basename(file), bytes }];
    const files = [{ name: path.basename(file), bytes }];

    const floorMs = await time(RUNS, () => floor(bytes));
    const exceljsMs = await time(RUNS, async () => new ExcelJS.Workbook().xlsx.readFile(file));
    const inThreadMs = await time(RUNS, () => parseSpreadsheet('回执.xlsx', bytes));
    // The command line reads with a worker of its own; the app keeps one warm (started as the page opens).
    const coldWorkerMs = await time(RUNS, () => readSpreadsheets(files));
    const reader = createReader();
    reader.warm();
    await reader.read(files);
    const warmWorkerMs = await time(RUNS, () => reader.read(files));

    fs.copyFileSync(base, path.join(dir, 'preview.zgtz'));
    const live = openDb(path.join(dir, 'preview.zgtz'));
    const warmReadMs = await time(RUNS, () => prepareImport(live, input(), { reader }));
    const coldReadMs = await time(RUNS, () => prepareImport(live, input()));
    const prepared: PreparedFile[] = await prepareImport(live, input(), { reader });
    await reader.close();
    const previewMs = await time(RUNS, () => executeImport(live, prepared, { commit: false }));
    const backupMs = await time(RUNS, () => createBackup(live, path.join(dir, 'backups'), 'import'));
    live.close();

    // As in the app, the commit follows its preview on the same connection; the write floor gets the same warm-up.
    const commitMs = await onCopies(
      base,
      dir,
      (copy) => {
        const r = executeImport(copy, prepared, { commit: true });
        if (!r.committed || r.files[0]!.updated !== codes.length) throw new Error('bench import did not commit every row');
      },
      (copy) => executeImport(copy, prepared, { commit: false }),
    );
    const writeFloorMs = await onCopies(
      base,
      dir,
      (copy) => bareWrites(copy, codes),
      (copy) => dryRun(copy, () => bareWrites(copy, codes)),
    );
    let batchId = 0;
    const undoMs = await onCopies(
      base,
      dir,
      (copy) => undoBatch(copy, batchId),
      (copy) => (batchId = executeImport(copy, prepared, { commit: true }).batchIds[0]!),
    );

    const mb = (bytes.length / 1024 / 1024).toFixed(2);
    const row = (label: string, ms: number) => `  ${label.padEnd(50)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / floorMs).toFixed(2).padStart(6)}× floor`;
    process.stdout.write(
      [
        `10,000-row return (${mb} MB .xlsx, Chinese text incl. astral characters); ledger of ${codes.length} problems built in ${(buildMs / 1000).toFixed(1)} s`,
        `median of ${RUNS} runs on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}); reader worker as bundled`,
        row('floor: unzip + XML scan of every XML part', floorMs),
        row('exceljs Workbook.xlsx.readFile', exceljsMs),
        row('our reader, in-thread (parse to sparse cells)', inThreadMs),
        row('read in a fresh worker (as the command line)', coldWorkerMs),
        row('read in the kept worker (as the app)', warmWorkerMs),
        row('read + understand layout, fresh worker', coldReadMs),
        row('read + understand layout, kept worker', warmReadMs),
        row('preview: match + diff all rows (dry run)', previewMs),
        row('write floor: same writes as bare SQL, recorded', writeFloorMs),
        row('commit: write 10,000 rows with history + search', commitMs),
        row('backup before import (checked copy)', backupMs),
        row('end to end, app: kept worker + commit', warmReadMs + commitMs),
        row('end to end, command line: fresh worker + commit', coldReadMs + commitMs),
        row('undo the 10,000-row batch', undoMs),
        `  end to end (app) ÷ (read in the kept worker + write floor): ${((warmReadMs + commitMs) / (warmWorkerMs + writeFloorMs)).toFixed(2)}× (target ≤ 1.3×); load ${os.loadavg()[0]!.toFixed(2)}; peak RSS of this process ${peakRssMb().toFixed(0)} MB`,
        '',
      ].join('\n'),
    );
  } finally {
    delete process.env.ZGTZ_XLSX_WORKER;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
  }
}
