import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { openDb, type Db } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { attachEvidence } from '../../electron/core/evidence/store';
import { writeCheckedCopy } from '../../electron/core/backup/backup';
import { runCli } from '../../electron/cli';
import { runCliProcess } from '../helpers/cli';
import { killWriterAfter, seededRandom } from '../helpers/crash';
import { REPO_ROOT, tmpDir } from '../helpers/ledger';

const TRIALS = 30;
const PER_LEDGER = 6;
const IMPORT_PROBLEMS = 25;
const IMPORT_FILES = 5;

/** `cli check FILE`, run in this process through the command's own code. */
async function cliCheck(file: string): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await runCli(['check', file], { out: () => {}, err: (t) => err.push(t) });
  return { code, err: err.join('\n') };
}

function counts(db: Db) {
  return db.raw
    .prepare(
      `SELECT (SELECT count(*) FROM blobs) AS blobs,
              (SELECT count(*) FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.sha256 = b.sha256)) AS orphans,
              (SELECT count(*) FROM evidence WHERE source = 'attach') AS attached,
              (SELECT count(*) FROM import_batches) AS batches,
              (SELECT count(*) FROM actions WHERE source = 'import') AS importActions`,
    )
    .get() as { blobs: number; orphans: number; attached: number; batches: number; importActions: number };
}

/** Every import batch whose action committed holds exactly its whole content. */
function importBatches(db: Db) {
  return db.raw
    .prepare(
      `SELECT a.batch_id AS batch,
              (SELECT count(DISTINCT g.problem_id) FROM progress g WHERE g.batch_id = a.batch_id) AS problems,
              (SELECT count(*) FROM measures m WHERE m.problem_id IN (SELECT g.problem_id FROM progress g WHERE g.batch_id = a.batch_id)) AS measures,
              (SELECT count(*) FROM evidence e WHERE e.batch_id = a.batch_id AND e.sha256 IS NULL) AS listed,
              (SELECT count(*) FROM evidence e WHERE e.batch_id = a.batch_id AND e.sha256 IS NOT NULL) AS files,
              (SELECT count(*) FROM progress g WHERE g.batch_id = a.batch_id) AS progress
       FROM actions a WHERE a.source = 'import'`,
    )
    .all() as { batch: number; problems: number; measures: number; listed: number; files: number; progress: number }[];
}

function freshLedger(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const db = openDb(file, { create: true });
  createSampleLedger(db);
  db.close();
}

describe('crash safety of evidence and imports', () => {
  it(`a writer attaching large files and importing, killed with SIGKILL at random points (${TRIALS} trials), leaves whole actions only`, async () => {
    const t = tmpDir('ledger-crash-');
    const file = path.join(t.dir, 'crash.zgtz');
    const random = seededRandom(11);
    let totalAttached = 0;
    let totalBatches = 0;
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        // A fresh ledger every few trials keeps the file (and the hashing of every blob by check) small.
        if (trial % PER_LEDGER === 0) freshLedger(file);
        const before = (() => {
          const db = openDb(file);
          try {
            return counts(db);
          } finally {
            db.close();
          }
        })();
        await killWriterAfter('test/helpers/crash-evidence-writer.ts', file, 50 + Math.floor(random() * 900));
        const check = await cliCheck(file);
        expect(check, `trial ${trial}`).toEqual({ code: 0, err: '' });
        const db = openDb(file);
        try {
          const c = counts(db);
          // No blob without its evidence row: both are written in one transaction.
          expect(c.orphans, `trial ${trial}`).toBe(0);
          // Attach actions add their two files together or not at all.
          expect(c.attached % 2, `trial ${trial}`).toBe(0);
          expect(c.attached).toBeGreaterThanOrEqual(before.attached);
          for (const b of importBatches(db)) {
            expect(b, `trial ${trial}`).toEqual({ batch: b.batch, problems: IMPORT_PROBLEMS, measures: 2 * IMPORT_PROBLEMS, listed: IMPORT_PROBLEMS, files: IMPORT_FILES, progress: IMPORT_PROBLEMS });
          }
          totalAttached += c.attached - before.attached;
          totalBatches += c.importActions - before.importActions;
        } finally {
          db.close();
        }
        expect(fs.readdirSync(t.dir).filter((f) => !/^crash\.zgtz(-wal|-shm)?$/.test(f))).toEqual([]);
      }
      // The trials exercised real writes of both kinds.
      expect(totalAttached).toBeGreaterThan(10);
      expect(totalBatches).toBeGreaterThan(0);
      // And the command line itself, as a separate process, agrees on the last state.
      expect(runCliProcess(['check', file]).code).toBe(0);
    } finally {
      t.cleanup();
    }
  }, 600_000);

  it('a restore killed with SIGKILL at random points leaves the ledger either as it was or fully restored', async () => {
    const t = tmpDir('ledger-crash-');
    const file = path.join(t.dir, '台账.zgtz');
    const backup = path.join(t.dir, '备份.zgtz');
    const env = { ...process.env, LEDGER_DATA_DIR: path.join(t.dir, 'data') };
    const random = seededRandom(5);
    try {
      freshLedger(file);
      let db = openDb(file);
      runAction(db, { source: 'edit', label: 'big files' }, () => {
        const [p] = db.raw.prepare('SELECT id FROM problems LIMIT 1').all() as { id: number }[];
        for (let i = 0; i < 6; i++) attachEvidence(db, { problemId: p!.id, name: `big-${i}.pdf`, data: crypto.randomBytes(8 << 20), actor: 't' });
      });
      await writeCheckedCopy(db, backup);
      db.close();
      const evidenceOf = (f: string) => {
        const d = openDb(f);
        try {
          return (d.raw.prepare('SELECT count(*) AS n FROM evidence').get() as { n: number }).n;
        } finally {
          d.close();
        }
      };
      const restoredCount = evidenceOf(backup);
      const restore = (killAfter: number | null) =>
        new Promise<number>((resolve) => {
          const started = Date.now();
          const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'electron/cli.ts'), 'restore', backup, file], { cwd: REPO_ROOT, env, stdio: 'ignore' });
          const timer = killAfter == null ? null : setTimeout(() => child.kill('SIGKILL'), killAfter);
          child.on('exit', () => {
            if (timer) clearTimeout(timer);
            resolve(Date.now() - started);
          });
        });
      // How long a whole restore takes here (start-up included): kills are spread over that time.
      const full = await restore(null);
      expect(evidenceOf(file)).toBe(restoredCount);
      for (let trial = 0; trial < 8; trial++) {
        // Make the ledger differ from the backup again.
        db = openDb(file);
        runAction(db, { source: 'edit', label: 'diverge' }, () => {
          const [p] = db.raw.prepare('SELECT id FROM problems LIMIT 1').all() as { id: number }[];
          attachEvidence(db, { problemId: p!.id, name: `x-${trial}.pdf`, data: crypto.randomBytes(1 << 20), actor: 't' });
        });
        const divergedCount = evidenceOf(file);
        db.close();
        await restore(Math.floor(full * (0.4 + 0.6 * random())));
        expect((await cliCheck(file)).code, `trial ${trial}`).toBe(0);
        const n = evidenceOf(file);
        expect([divergedCount, restoredCount], `trial ${trial}`).toContain(n);
        // What a kill can leave is a hidden temporary copy (removed by a later restore once stale), never a
        // partial ledger under its own name.
        const others = fs.readdirSync(t.dir).filter((f) => !['台账.zgtz', '台账.zgtz-wal', '台账.zgtz-shm', '备份.zgtz', 'data'].includes(f));
        for (const f of others) expect(f).toMatch(/^\.台账\.zgtz\.[0-9a-f]{8}\.restoring(-wal|-shm|-journal)?$/);
        if (process.env.CRASH_DEBUG) process.stderr.write(`restore trial ${trial}: ${n === restoredCount ? 'restored' : 'untouched'}\n`);
      }
    } finally {
      t.cleanup();
    }
  }, 600_000);
});
