import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { TRACKED_TABLES } from '../../electron/core/db/migrations/0001_init';
import { generateLedger } from './generate';

/**
 * What the import commit pays beyond the bare rows, and what the alternatives of issue 16 would save:
 * the rows of a generated ledger (BENCH_PROBLEMS, default 10,000 problems, 30,000 measures, 10,000
 * progress entries) inserted by INSERT … SELECT in one recorded action, committed, on a fresh ledger per
 * variant:
 * - as shipped: history rows with the whole row as JSON for every insert; search index (FTS5 trigram,
 *   detail=full) brought up to date at the end of the action from its history (search-index.ts);
 * - compact history for inserts: the insert recorded by the row id alone (no JSON of the row);
 * - FTS5 detail=none, and contentless-delete tables (content='', contentless_delete=1);
 * - no history and no index at all: the rows alone (the bare floor, which no import may reach).
 * Medians of three runs; figures printed, not asserted.
 */
const COUNT = Number(process.env.BENCH_PROBLEMS ?? 10_000);
const RUNS = 3;
const TABLES = ['rounds', 'categories', 'units', 'leaders', 'problems', 'problem_leaders', 'problem_units', 'measures', 'progress'];

type Variant = { name: string; prepare(db: Db): void; index: boolean };

const compactInserts = (db: Db) => {
  for (const table of Object.keys(TRACKED_TABLES)) {
    const def = TRACKED_TABLES[table as keyof typeof TRACKED_TABLES] as { problemRef: string | null };
    db.raw.exec(`DROP TRIGGER ${table}_hist_insert;
CREATE TRIGGER ${table}_hist_insert AFTER INSERT ON ${table} BEGIN
  INSERT INTO history (action_id, tbl, row_id, field, old_value, new_value, problem_id)
  VALUES ((SELECT action_id FROM current_action WHERE one = 1), '${table}', NEW.id, '*', NULL, 1, ${def.problemRef ? `NEW.${def.problemRef}` : 'NULL'});
END;`);
  }
};
const searchTable = (options: string) => (db: Db) =>
  db.raw.exec(`DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5(text, problem_id UNINDEXED, src UNINDEXED, src_id UNINDEXED, tokenize = 'trigram'${options});`);
const noHistory = (db: Db) => {
  for (const table of Object.keys(TRACKED_TABLES)) db.raw.exec(`DROP TRIGGER ${table}_hist_insert;`);
};

const VARIANTS: Variant[] = [
  { name: 'as shipped (JSON history, trigram detail=full)', prepare: () => {}, index: true },
  { name: 'compact history for inserts', prepare: compactInserts, index: true },
  { name: 'FTS5 detail=none', prepare: searchTable(', detail = none'), index: true },
  { name: 'FTS5 contentless-delete', prepare: searchTable(", content = '', contentless_delete = 1"), index: true },
  { name: 'compact history + detail=none', prepare: (db) => (compactInserts(db), searchTable(', detail = none')(db)), index: true },
  { name: 'history, no search index', prepare: () => {}, index: false },
  { name: 'rows alone (no history, no index)', prepare: noHistory, index: false },
];

export default async function writePathBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-path-bench-'));
  try {
    const cached = path.join(os.tmpdir(), 'ledger-bench-cache', `scale-${COUNT}.zgtz`);
    if (!fs.existsSync(cached)) {
      fs.mkdirSync(path.dirname(cached), { recursive: true });
      const db = openDb(cached + '.tmp', { create: true });
      generateLedger(db, COUNT);
      db.close();
      fs.renameSync(cached + '.tmp', cached);
    }
    process.stdout.write(`${COUNT} problems, ${3 * COUNT} measures, ${COUNT} progress entries; load ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores\n`);
    let shipped = 0;
    for (const v of VARIANTS) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const file = path.join(dir, `v-${i}.zgtz`);
        const db = openDb(file, { create: true });
        try {
          v.prepare(db);
          db.raw.prepare('ATTACH DATABASE ? AS src').run(cached);
          if (!v.index) db.raw.exec('DROP TABLE search_index; CREATE TABLE search_index (rowid INTEGER PRIMARY KEY, text, problem_id, src, src_id);');
          const t0 = performance.now();
          runAction(db, { source: 'import', label: '基准' }, () => {
            for (const t of TABLES) db.raw.prepare(`INSERT INTO main.${t} SELECT * FROM src.${t}`).run();
          });
          times.push(performance.now() - t0);
        } finally {
          db.close();
          for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true });
        }
      }
      const ms = times.sort((a, b) => a - b)[1]!;
      if (!shipped) shipped = ms;
      process.stdout.write(`  ${v.name.padEnd(50)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / shipped).toFixed(2)}× shipped\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
