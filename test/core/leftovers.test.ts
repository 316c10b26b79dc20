import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../electron/cli';
import { backupFolder } from '../../electron/core/backup/backup';
import { defaultDataDir } from '../../electron/core/paths';
import { openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createCategory, currentRoundId } from '../../electron/core/ledger/rounds';
import { createProblem } from '../../electron/core/ledger/problems';
import { removeLeftoverTemps, tempBeside } from '../../electron/core/temp-files';
import { createSession } from '../../electron/core/session';
import { tmpDir } from '../helpers/ledger';
import { seededRandom } from '../helpers/crash';
import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../helpers/ledger';

/**
 * Issue 12, finding 9: what a killed backup or restore leaves (hidden .partial/.restoring copies) is removed
 * at the start of the next command on that ledger, however recent; a file another live process is
 * writing is never touched.
 */
const quiet = { out: () => {}, err: () => {} };
const hidden = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith('.')) : []);

function killAfter(args: string[], delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/crash-backup-writer.ts'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${err}`))));
  });
}

async function bigLedger(dir: string): Promise<string> {
  const ledger = path.join(dir, '台账.zgtz');
  expect(await runCli(['init', ledger], quiet)).toBe(0);
  const db = openDb(ledger);
  runAction(db, { source: 'system', label: 'fill' }, () => {
    const cat = createCategory(db, currentRoundId(db)!, '类别');
    for (let i = 0; i < 3000; i++) createProblem(db, { categoryId: cat, kind: 'general', text: `问题 ${i} ${'内容'.repeat(200)}`, deadline: { raw: '2024年12月31日前' } });
  });
  db.close();
  return ledger;
}

describe('leftovers of killed runs', () => {
  it('a killed backup’s .partial is removed by the next command on that ledger', async () => {
    const t = tmpDir();
    try {
      const ledger = await bigLedger(t.dir);
      const folder = backupFolder(defaultDataDir(), ledger);
      const random = seededRandom(3);
      for (let trial = 0; trial < 20 && hidden(folder).length === 0; trial++) await killAfter([ledger, 'backup'], 50 + Math.floor(random() * 400));
      expect(hidden(folder).some((n) => /\.partial$/.test(n))).toBe(true);
      expect(await runCli(['stats', ledger], quiet)).toBe(0);
      expect(hidden(folder)).toEqual([]);
    } finally {
      t.cleanup();
    }
  }, 300_000);

  it('a killed restore’s .restoring is removed by the next command on that ledger; so is it when the app opens it', async () => {
    const t = tmpDir();
    try {
      const ledger = await bigLedger(t.dir);
      const backup = path.join(t.dir, 'backup.zgtz');
      expect(await runCli(['backup', ledger, backup], quiet)).toBe(0);
      const random = seededRandom(4);
      const restoring = () => hidden(t.dir).filter((n) => /\.restoring/.test(n));
      for (let trial = 0; trial < 20 && restoring().length === 0; trial++) await killAfter([ledger, 'restore', backup], 50 + Math.floor(random() * 400));
      expect(restoring().length).toBeGreaterThan(0);
      expect(await runCli(['list', ledger], quiet)).toBe(0);
      expect(hidden(t.dir)).toEqual([]);

      // The app (a session) opening the ledger does the same for the ledger's folder and its backup folder.
      const leftover = tempBeside(ledger, 'restoring').replace(`.${process.pid}-`, '.999999-');
      fs.writeFileSync(leftover, 'x');
      const inBackups = path.join(backupFolder(t.dir, ledger), '.20250101-000000-000-daily.zgtz.999999-0badc0de.partial');
      fs.mkdirSync(path.dirname(inBackups), { recursive: true });
      fs.writeFileSync(inBackups, 'x');
      const session = createSession({ dataDir: t.dir, ledgerPath: ledger });
      session.close();
      expect(fs.existsSync(leftover)).toBe(false);
      expect(fs.existsSync(inBackups)).toBe(false);
    } finally {
      t.cleanup();
    }
  }, 300_000);

  it('never removes a temporary file of a process that is still running', () => {
    const t = tmpDir();
    try {
      const mine = tempBeside(path.join(t.dir, 'x.xlsx'), 'tmp');
      fs.writeFileSync(mine, 'being written');
      const dead = path.join(t.dir, '.x.xlsx.999999-00c0ffee.tmp');
      fs.writeFileSync(dead, 'left behind');
      const alive = new Set([process.pid]);
      expect(removeLeftoverTemps(t.dir, { alive: (pid) => alive.has(pid) })).toEqual([path.basename(dead)]);
      expect(fs.existsSync(mine)).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});
