/**
 * A child process for the evidence crash test: writes to a ledger as fast as it can until it is killed,
 * alternating two kinds of action:
 * - attach: two large files (1–6 MB of fresh random bytes each) to one problem, as `cli attach` does;
 * - import: one import batch (source 'import') of 25 problems with measures, progress, an evidence item
 *   listed by name for each, and files for 5 of them. The Excel import pipeline is not on main yet, so this
 *   is the same shape of write (a large multi-problem action carrying evidence) made through the core.
 * Every action is one transaction, so a complete ledger always holds whole actions only (the test checks).
 */
import crypto from 'node:crypto';
import { openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createCategory, currentRoundId } from '../../electron/core/ledger/rounds';
import { createProblem } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress } from '../../electron/core/ledger/measures';
import { attachEvidence, registerListedEvidence } from '../../electron/core/evidence/store';
import { nowIso } from '../../electron/core/clock';

const IMPORT_PROBLEMS = 25;
const IMPORT_FILES = 5;

const file = process.argv[2]!;
const db = openDb(file);
const roundId = currentRoundId(db)!;
process.stdout.write('ready\n');

const problems = () => (db.raw.prepare('SELECT id FROM problems WHERE deleted_at IS NULL').all() as { id: number }[]).map((p) => p.id);
const bytes = (min: number, max: number) => crypto.randomBytes(min + Math.floor(Math.random() * (max - min)));

for (let n = 0; ; n++) {
  if (n % 3 !== 2) {
    const ids = problems();
    const problemId = ids[Math.floor(Math.random() * ids.length)]!;
    runAction(db, { source: 'edit', label: `attach ${n}`, actor: 'crash' }, () => {
      for (const k of [0, 1]) {
        attachEvidence(db, { problemId, name: `scan-${n}-${k}.pdf`, data: bytes(1 << 20, 6 << 20), actor: 'crash', source: 'attach' });
      }
    });
  } else {
    const batchId = Number(
      db.raw.prepare("INSERT INTO import_batches (at, file_name, sha256, kind) VALUES (?, ?, ?, 'return')").run(nowIso(), `回执-${n}.xlsx`, crypto.randomUUID()).lastInsertRowid,
    );
    runAction(db, { source: 'import', label: `import ${n}`, batchId }, () => {
      const cat = createCategory(db, roundId, `导入类别 ${n}`);
      for (let i = 0; i < IMPORT_PROBLEMS; i++) {
        const p = createProblem(db, { categoryId: cat, kind: 'general', text: `导入问题 ${n}-${i}`, leadUnit: `单位${i % 5}`, deadline: { raw: '2024年11月20日前' } });
        addMeasure(db, p, { text: '一是…', status: '已完成', completedDate: '2024-10-01' });
        addMeasure(db, p, { text: '二是…', status: '正在推进' });
        addProgress(db, p, { date: '2024-11-01', text: '进展', source: 'import', batchId });
        registerListedEvidence(db, { problemId: p, title: `会议纪要 ${i}`, actor: '', source: 'import', batchId });
        if (i < IMPORT_FILES) attachEvidence(db, { problemId: p, name: `照片-${i}.jpg`, data: bytes(256 << 10, 1 << 20), actor: '', source: 'import', batchId });
      }
    });
  }
}
