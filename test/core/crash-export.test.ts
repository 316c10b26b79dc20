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
      for (let trial = 0; trial < TRIALS; trial++) {
        const before = hash();
        await killAfter([ledger, out], Math.floor(random() * 900));
        const after = hash();
        if (after !== before) {
          // A new file: complete, every problem in it.
          expect(await problemRows(out)).toBe(PROBLEMS);
          replaced++;
        } else if (trial > 0) {
          expect(await problemRows(out)).toBe(PROBLEMS);
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
