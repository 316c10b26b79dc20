import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { checkLedger } from '../../electron/core/ledger/check';
import { currentRoundId } from '../../electron/core/ledger/rounds';
import { attachEvidence } from '../../electron/core/evidence/store';
import { exportEvidencePackage } from '../../electron/core/evidence/package';
import { stageRestore, writeCheckedCopy } from '../../electron/core/backup/backup';
import { createSession } from '../../electron/core/session';
import { createService } from '../../electron/core/service';

/**
 * Evidence at the sizes clerks meet (scanned PDFs of tens of MB): attaching, checking every blob, exporting
 * the package (zip and folder), backing up and staging a restore. Prints time, throughput and memory.
 */
const FILES = 6;
const SIZE = 40 * 1024 * 1024;

function mbps(bytes: number, ms: number): string {
  return `${(bytes / 1048576 / (ms / 1000)).toFixed(0)} MB/s`;
}

async function timed<T>(label: string, bytes: number, fn: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await fn();
  const ms = performance.now() - t;
  const rss = (process.memoryUsage().rss / 1048576).toFixed(0);
  process.stdout.write(`${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${bytes ? mbps(bytes, ms).padStart(9) : ''.padStart(9)}  RSS ${rss} MB\n`);
  return r;
}

export default async function evidenceBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-evidence-'));
  try {
    const file = path.join(dir, 'bench.zgtz');
    const db = openDb(file, { create: true });
    createSampleLedger(db);
    const problems = (db.raw.prepare('SELECT id FROM problems').all() as { id: number }[]).map((p) => p.id);
    const data = Array.from({ length: FILES }, () => crypto.randomBytes(SIZE));
    const total = FILES * SIZE;
    process.stdout.write(`${FILES} files of ${SIZE / 1048576} MB (${total / 1048576} MB), on ${os.cpus().length} CPU(s)\n`);
    await timed(`attach ${FILES} files, one action each`, total, () => {
      data.forEach((d, i) => runAction(db, { source: 'edit', label: 'bench' }, () => attachEvidence(db, { problemId: problems[i % problems.length]!, name: `scan-${i}.pdf`, data: d, actor: 'bench' })));
    });
    await timed('attach the same files again (dedup)', total, () => {
      data.forEach((d, i) => runAction(db, { source: 'edit', label: 'bench' }, () => attachEvidence(db, { problemId: problems[(i + 1) % problems.length]!, name: `copy-${i}.pdf`, data: d, actor: 'bench' })));
    });
    const findings = await timed('check (hash every blob)', total, () => checkLedger(db));
    if (findings.length) throw new Error(`check failed: ${JSON.stringify(findings)}`);
    const roundId = currentRoundId(db)!;
    await timed('export package as zip', 2 * total, () => exportEvidencePackage(db, roundId, path.join(dir, 'pkg.zip'), 'zip'));
    await timed('export package to a folder', 2 * total, () => exportEvidencePackage(db, roundId, path.join(dir, 'pkg'), 'folder'));
    const backup = path.join(dir, 'backup.zgtz');
    await timed('backup (backup API + checks)', fs.statSync(file).size, () => writeCheckedCopy(db, backup));
    db.close();
    const staged = await timed('stage a restore (copy, open, check)', fs.statSync(backup).size, () => stageRestore(backup, file));
    fs.rmSync(staged.tmp, { force: true });
    process.stdout.write(`ledger file: ${(fs.statSync(file).size / 1048576).toFixed(0)} MB\n`);

    // The largest upload the web host takes: one 290 MB file as base64 JSON, through the service.
    const session = createSession({ dataDir: path.join(dir, 'data'), ledgerPath: file, actor: 'bench' });
    const service = createService({ session, host: { kind: 'web' } }, () => {});
    // The first change of the day makes the daily backup: done before the timing.
    await service.call('ledger.rename', { name: 'bench' });
    const big = crypto.randomBytes(290 * 1024 * 1024);
    const body = JSON.stringify({ problemId: problems[0], files: [{ name: 'big.pdf', base64: big.toString('base64') }] });
    const r = await timed('upload 290 MB as base64 JSON (service)', big.length, () => service.call('evidence.attach', JSON.parse(body)));
    if (!r.ok) throw new Error(r.error.message);
    session.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
