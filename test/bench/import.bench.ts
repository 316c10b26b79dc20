import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import ExcelJS from 'exceljs';
import { openDb } from '../../electron/core/db/open';
import { listEntries, readEntry } from '../../electron/core/excel/read/zip';
import { createReader } from '../../electron/core/excel/read/run';
import { parseSpreadsheet } from '../../electron/core/excel/read/parse';
import { executeImport, prepareImport } from '../../electron/core/excel/import/engine';
import { buildLargeLedger, largeReturn } from '../fixtures/import/large';

/**
 * Importing a 10,000-row return end to end, against, in the same run:
 * - the floor: merely unzipping the workbook and scanning its XML with saxes (no cells kept);
 * - exceljs `readFile` (the whole workbook into exceljs' model).
 * Medians of a few runs; figures printed, not asserted.
 */
const RUNS = 5;

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

/** Unzip every part and run saxes over every XML part with empty handlers: what any reader must do. */
function floor(bytes: Uint8Array): number {
  let events = 0;
  for (const e of listEntries(bytes).values()) {
    if (!e.name.endsWith('.xml') && !e.name.endsWith('.rels')) continue;
    const xml = new TextDecoder().decode(readEntry(bytes, e));
    const p = new SaxesParser({ position: false });
    p.on('opentag', () => events++);
    p.on('text', () => events++);
    p.write(xml).close();
  }
  return events;
}

export default async function importBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-bench-'));
  try {
    const ledgerFile = path.join(dir, 'bench.zgtz');
    const db = openDb(ledgerFile, { create: true });
    const t0 = performance.now();
    const codes = buildLargeLedger(db);
    const buildMs = performance.now() - t0;
    const bytes = largeReturn(codes);
    const file = path.join(dir, '回执-10000行.xlsx');
    fs.writeFileSync(file, bytes);

    const floorMs = await time(RUNS, () => floor(bytes));
    const inThreadMs = await time(RUNS, () => parseSpreadsheet('回执.xlsx', bytes));
    const exceljsMs = await time(RUNS, async () => new ExcelJS.Workbook().xlsx.readFile(file));

    // As the app does it: a fresh worker per import (cold), then a kept one (warm).
    const input = () => [{ path: file, name: path.basename(file), bytes }];
    const coldReadMs = await time(RUNS, () => prepareImport(db, input()));
    const reader = createReader();
    await prepareImport(db, input(), { reader });
    const warmReadMs = await time(RUNS, () => prepareImport(db, input(), { reader }));
    const prepared = await prepareImport(db, input(), { reader });
    await reader.close();
    const previewMs = await time(RUNS, () => executeImport(db, prepared, { commit: false }));
    let commitMs = 0;
    {
      const t1 = performance.now();
      const r = executeImport(db, prepared, { commit: true });
      commitMs = performance.now() - t1;
      if (!r.committed || r.files[0]!.updated !== codes.length) throw new Error('bench import did not commit every row');
    }
    db.close();

    const mb = (bytes.length / 1024 / 1024).toFixed(2);
    const row = (label: string, ms: number) => `  ${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / floorMs).toFixed(2).padStart(5)}× floor`;
    process.stdout.write(
      [
        `10,000-row return (${mb} MB .xlsx, Chinese text incl. astral characters); ledger of ${codes.length} problems built in ${(buildMs / 1000).toFixed(1)} s`,
        `median of ${RUNS} runs on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''})`,
        row('floor: unzip + saxes scan of every XML part', floorMs),
        row('exceljs Workbook.xlsx.readFile', exceljsMs),
        row('our reader, in-thread (parse to sparse cells)', inThreadMs),
        row('read in worker + understand layout (cold)', coldReadMs),
        row('read in worker + understand layout (warm)', warmReadMs),
        row('preview: match + diff all rows (rolled back)', previewMs),
        row('commit: write 10,000 rows with history', commitMs),
        row('end to end: cold read + commit', coldReadMs + commitMs),
        '',
      ].join('\n'),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
