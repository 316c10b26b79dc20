import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import ExcelJS from 'exceljs';
import { runCli } from '../../electron/cli';
import { openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createCategory, currentRoundId } from '../../electron/core/ledger/rounds';
import { createProblem } from '../../electron/core/ledger/problems';
import { REPO_ROOT, tmpDir } from '../helpers/ledger';
import { seededRandom } from '../helpers/crash';

/**
 * Issue 12, finding 3: `export --force` over an existing file, killed with SIGKILL at random points. The
 * file under the name is always a whole workbook, the old one or a new one, never a mix; leftovers of the
 * killed run are removed by the next command on that folder.
 */
const TRIALS = 30;
const PROBLEMS = 400;

/**
 * How long one export takes here, from the writer's "ready" to its first "exported": the kill points are
 * spread over that span, so both outcomes (killed mid-write, killed after a rename) happen on a fast machine
 * and on a busy one alike.
 */
function timeOneExport(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/crash-export-writer.ts'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let started = 0;
    let took = 0;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      if (!started && text.includes('ready')) started = performance.now();
      if (started && !took && text.includes('exported')) {
        took = performance.now() - started;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => (took ? resolve(took) : reject(new Error(`writer ended before one export: ${err}`))));
  });
}

function killAfter(args: string[], delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/crash-export-writer.ts'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

async function problemRows(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let n = 0;
  wb.worksheets[0]!.eachRow((row) => {
    if (/问题\d+-\d+/.test(String(row.values))) n++;
  });
  return n;
}

describe('export --force killed at random points', () => {
  it(`leaves the old file or a complete new one, never a mix (${TRIALS} SIGKILL trials)`, async () => {
    const t = tmpDir();
    try {
      const ledger = path.join(t.dir, 'big.zgtz');
      const out = path.join(t.dir, '总台账.xlsx');
      const quiet = { out: () => {}, err: () => {} };
      expect(await runCli(['init', ledger, '--title', '崩溃测试'], quiet)).toBe(0);
      const db = openDb(ledger);
      runAction(db, { source: 'system', label: 'fill' }, () => {
        const cat = createCategory(db, currentRoundId(db)!, '类别');
        for (let i = 0; i < PROBLEMS; i++) createProblem(db, { categoryId: cat, kind: 'general', text: `问题${i}-${i} ${'整改内容'.repeat(30)}`, leadUnit: `单位${i % 9}`, deadline: { raw: '2024年12月31日前' } });
      });
      db.close();
      fs.writeFileSync(out, 'the master workbook a person imported from');
      const hashes = new Set<string>();
      const hash = () => crypto.createHash('sha256').update(fs.readFileSync(out)).digest('hex');
      let replaced = 0;
      let leftovers = 0;
      const random = seededRandom(12);
      // Timing a first export replaces the file once: start the trials from the original bytes again.
      const span = (await timeOneExport([ledger, out])) * 1.6;
      fs.writeFileSync(out, 'the master workbook a person imported from');
      for (const n of fs.readdirSync(t.dir).filter((x) => x.startsWith('.总台账.xlsx.'))) fs.rmSync(path.join(t.dir, n));
      for (let trial = 0; trial < TRIALS; trial++) {
        const before = hash();
        await killAfter([ledger, out], Math.floor(random() * span));
        const after = hash();
        if (after !== before) {
          // A new file: complete, every problem in it.
          expect(await problemRows(out)).toBe(PROBLEMS);
          replaced++;
        } else if (replaced > 0) {
          // Unchanged since an earlier trial replaced it: still that complete workbook.
          expect(await problemRows(out)).toBe(PROBLEMS);
        } else {
          // No trial has finished a rename yet (a busy machine kills early): still the original bytes.
          expect(fs.readFileSync(out, 'utf8')).toBe('the master workbook a person imported from');
        }
        hashes.add(after);
        leftovers += fs.readdirSync(t.dir).filter((n) => n.startsWith('.总台账.xlsx.')).length;
      }
      // The trials exercised both outcomes: some kills landed mid-write (a temp left), some after a rename.
      expect(replaced).toBeGreaterThan(0);
      expect(leftovers).toBeGreaterThan(0);
      // The next command on that folder removes what the killed runs left.
      expect(await runCli(['export', ledger, '--kind', 'ledger', '--out', out, '--force'], quiet)).toBe(0);
      expect(fs.readdirSync(t.dir).filter((n) => n.startsWith('.'))).toEqual([]);
    } finally {
      t.cleanup();
    }
  }, 600_000);
});
