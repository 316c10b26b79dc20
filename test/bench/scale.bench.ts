import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { generateLedger } from './generate';
import { floor } from './import.bench';
import { median, runProcess, type ProcessFigures } from './processes';

/**
 * The ledger at scale, each command a process of its own as a person runs it (the bundled command line,
 * dist/…/cli.js): for 10,000 and 100,000 problems (three measures and one progress entry each;
 * BENCH_SCALE=10000,100000 to choose), import of the app's own ledger workbook (rows layout) into an empty
 * ledger, against the unzip+scan floor and the bare-SQL write floor; undo of that batch; stats, list,
 * each export and check; the peak memory of every process; and the command line's start on the sample
 * ledger. Figures go to the console and to test/bench/results/scale.json (the README table is made from it).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SIZES = (process.env.BENCH_SCALE ?? '10000,100000').split(',').map(Number);
/**
 * BENCH_ONLY=stats,check,undo measures only the rows whose names start so (the rows-layout export still runs
 * when the import or undo needs it); they replace the same rows of the results, each with its own date and
 * load, and the other rows stay as measured before.
 */
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()).filter(Boolean) : null;
const wanted = (what: string) => !ONLY || ONLY.some((o) => what.startsWith(o));
const RESULTS = process.env.BENCH_RESULTS ? path.resolve(process.env.BENCH_RESULTS) : path.join(ROOT, 'test/bench/results/scale.json');

interface Row extends ProcessFigures {
  what: string;
  /** When the row was measured alone (BENCH_ONLY). */
  date?: string;
  load?: number[];
  /** Ratios where a floor applies. */
  floors?: Record<string, number>;
}

/** The generated ledger of `count` problems, kept between runs (100,000 take minutes to generate). */
function cachedLedger(count: number): string {
  const cached = path.join(os.tmpdir(), 'ledger-bench-cache', `scale-${count}.zgtz`);
  if (!fs.existsSync(cached)) {
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    const db = openDb(cached + '.tmp', { create: true });
    generateLedger(db, count);
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    fs.renameSync(cached + '.tmp', cached);
  }
  return cached;
}

/**
 * The write floor of importing that ledger: the same rows inserted as bare SQL (INSERT … SELECT from the
 * source ledger) in one recorded action — history rows and the search index included, as every write
 * must have them — committed. What any import of these rows pays, before reading or matching anything.
 */
function writeFloor(source: string, dir: string): number {
  const file = path.join(dir, 'floor.zgtz');
  const db = openDb(file, { create: true });
  try {
    db.raw.prepare('ATTACH DATABASE ? AS src').run(source);
    const t0 = performance.now();
    runAction(db, { source: 'import', label: '基准：同样的写入' }, () => {
      for (const t of ['rounds', 'categories', 'units', 'leaders', 'problems', 'problem_leaders', 'problem_units', 'measures', 'progress']) {
        db.raw.prepare(`INSERT INTO main.${t} SELECT * FROM src.${t}`).run();
      }
    });
    return performance.now() - t0;
  } finally {
    db.close();
  }
}

function line(r: Row): string {
  const floors = r.floors ? '  ' + Object.entries(r.floors).map(([k, v]) => `${v.toFixed(1)}× ${k}`).join(', ') : '';
  return `  ${r.what.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  cpu ${(r.cpuMs / 1000).toFixed(2).padStart(7)} s  peak ${r.peakRssMb.toFixed(0).padStart(5)} MB${floors}`;
}

export default async function scaleBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-bench-'));
  const bundle = path.join(ROOT, 'dist', `.bench-${process.pid}`, 'node');
  const results: Record<string, unknown> = { date: new Date().toISOString(), cores: os.cpus().length, load: os.loadavg(), node: process.version, sizes: {} };
  // Each size records its own date and load (they may come from different runs).
  const env = { LEDGER_DATA_DIR: path.join(dir, 'data') };
  try {
    const built = spawnSync(process.execPath, [path.join(ROOT, 'build/bundle-electron.mjs'), bundle], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`bundle failed: ${built.stderr}`);
    const cli = (...args: string[]) => runProcess([path.join(bundle, 'cli.js'), ...args], env);

    // Start: `stats` on the sample ledger (63 problems), median of five.
    const sample = path.join(dir, 'sample.zgtz');
    cli('init', sample, '--sample');
    const start = median([0, 1, 2, 3, 4].map(() => cli('stats', sample)), (r) => r.ms);
    process.stdout.write(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores\n`);
    process.stdout.write(line({ what: 'CLI start: stats on the sample ledger', ...start }) + '\n');
    results.cliStart = start;

    for (const count of SIZES) {
      const t0 = performance.now();
      const source = cachedLedger(count);
      process.stdout.write(`\n${count.toLocaleString('en-US')} problems (${(3 * count).toLocaleString('en-US')} measures) — ledger ready in ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${os.loadavg()[0]!.toFixed(2)}\n`);
      const ledger = path.join(dir, `scale-${count}.zgtz`);
      fs.copyFileSync(source, ledger);
      // Bring the copy to the current schema first: the cached ledger may be older, and neither the first
      // command measured nor the write floor (which reads its tables column for column) should pay for that.
      openDb(ledger).close();
      const rows: Row[] = [];
      const run = (what: string, ...args: string[]): Row | null => {
        const needed = what.startsWith('export ledger (rows') && (wanted('import') || wanted('undo'));
        if (!wanted(what) && !needed) return null;
        const r: Row = { what, ...cli(...args), ...(ONLY ? { date: new Date().toISOString(), load: os.loadavg() } : {}) };
        if (wanted(what)) rows.push(r);
        process.stdout.write(line(r) + '\n');
        return r;
      };
      run('stats', 'stats', ledger, '--as-of', '2024-12-01');
      run('list --json', 'list', ledger, '--json');
      run('check', 'check', ledger);
      const rowsXlsx = path.join(dir, `ledger-rows-${count}.xlsx`);
      run('export ledger (rows layout)', 'export', ledger, '--kind', 'ledger', '--out', rowsXlsx, '--as-of', '2024-12-01');
      run('export ledger (cell layout)', 'export', ledger, '--kind', 'ledger', '--layout', 'cell', '--out', path.join(dir, `ledger-cell-${count}.xlsx`), '--as-of', '2024-12-01');
      run('export summary', 'export', ledger, '--kind', 'summary', '--out', path.join(dir, `summary-${count}.xlsx`), '--as-of', '2024-12-01');
      run('export returns (12 units)', 'export', ledger, '--kind', 'returns', '--out', path.join(dir, `returns-${count}`) + path.sep, '--as-of', '2024-12-01');
      // The .docx report of 10,000 problems already takes ~1 GB and most of a minute (docx builds the whole
      // document in memory): at 100,000 it would exhaust a shared machine; it is measured up to 20,000.
      if (count <= 20_000) run('export report (.docx)', 'export', ledger, '--kind', 'report', '--out', path.join(dir, `report-${count}.docx`), '--as-of', '2024-12-01');
      else process.stdout.write('  export report (.docx): not run above 20,000 problems (see 10,000)\n');

      // Import the rows-layout workbook into an empty ledger; then undo that batch.
      if (!wanted('import') && !wanted('undo')) {
        (results.sizes as Record<string, unknown>)[count] = { date: new Date().toISOString(), rows, load: os.loadavg() };
        continue;
      }
      const bytes = fs.readFileSync(rowsXlsx);
      let t = performance.now();
      floor(bytes);
      const readFloorMs = performance.now() - t;
      const writeFloorMs = wanted('import') ? writeFloor(ledger, dir) : 0;
      fs.rmSync(path.join(dir, 'floor.zgtz'), { force: true });
      const target = path.join(dir, `import-${count}.zgtz`);
      cli('init', target);
      const importName = `import own workbook (${(bytes.length / 1024 / 1024).toFixed(1)} MB)`;
      const imported: Row = run(importName, 'import', target, rowsXlsx, '--json') ?? { what: importName, ...cli('import', target, rowsXlsx, '--json') };
      imported.floors = { 'unzip+scan floor': imported.ms / readFloorMs, 'floors together': imported.ms / (readFloorMs + writeFloorMs) };
      process.stdout.write(`    floors: unzip + scan ${(readFloorMs / 1000).toFixed(2)} s; bare-SQL writes (history + search index) ${(writeFloorMs / 1000).toFixed(2)} s → import ${imported.floors['floors together']!.toFixed(2)}× both\n`);
      const undoOut = path.join(dir, 'undo.json');
      t = performance.now();
      const undo = runProcess(['--import', 'tsx', path.join(ROOT, 'test/bench/undo.child.ts'), target], { ...env, BENCH_UNDO_OUT: undoOut });
      const undoMs = (JSON.parse(fs.readFileSync(undoOut, 'utf8')) as { ms: number }).ms;
      const undoRow: Row = { what: 'undo that batch (in-process ms; tsx child)', ...undo, ms: undoMs, ...(ONLY ? { date: new Date().toISOString(), load: os.loadavg() } : {}) };
      if (wanted(undoRow.what)) rows.push(undoRow);
      process.stdout.write(line(undoRow) + '\n');
      (results.sizes as Record<string, unknown>)[count] = {
        date: new Date().toISOString(), rows, load: os.loadavg(), ...(wanted('import') ? { readFloorMs, writeFloorMs } : {}),
      };
      for (const f of fs.readdirSync(dir)) if (f.includes(`-${count}`)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
    }
    // Sizes measured in earlier runs stay (BENCH_SCALE=100000 alone takes a quarter of an hour).
    const earlier = fs.existsSync(RESULTS) ? (JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as { sizes?: Record<string, unknown> }) : {};
    const measured = results.sizes as Record<string, { rows: Row[] } & Record<string, unknown>>;
    const before = (earlier.sizes ?? {}) as Record<string, { rows: Row[] } & Record<string, unknown>>;
    if (ONLY) {
      // Only some rows were measured: they replace their namesakes; the size keeps its earlier date and load.
      for (const [size, now] of Object.entries(measured)) {
        const old = before[size];
        if (!old) continue;
        const fresh = new Map(now.rows.map((r) => [r.what, r]));
        const rows = old.rows.map((r) => fresh.get(r.what) ?? r);
        for (const r of now.rows) if (!old.rows.some((o) => o.what === r.what)) rows.push(r);
        const { rows: _r, date: _d, load: _l, ...rest } = now;
        measured[size] = { ...old, ...rest, rows };
      }
    }
    results.sizes = { ...before, ...measured };
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(`\nresults: ${path.relative(ROOT, RESULTS)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
  }
}
