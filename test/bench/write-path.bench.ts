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
    // A copy brought to the current schema (the cached ledger may be older, and is never written to).
    const source = path.join(os.tmpdir(), `write-path-source-${process.pid}.zgtz`);
    fs.copyFileSync(cached, source);
    openDb(source).close();
    process.stdout.write(`${COUNT} problems, ${3 * COUNT} measures, ${COUNT} progress entries; load ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores\n`);
    let shipped = 0;
    for (const v of VARIANTS) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const file = path.join(dir, `v-${i}.zgtz`);
        const db = openDb(file, { create: true });
        try {
          v.prepare(db);
          db.raw.prepare('ATTACH DATABASE ? AS src').run(source);
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
    statementsPerRow(dir, source);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const f of fs.readdirSync(os.tmpdir())) if (f.startsWith(`write-path-source-${process.pid}.zgtz`)) fs.rmSync(path.join(os.tmpdir(), f), { force: true });
  }
}

/**
 * What an import pays per statement rather than per row: the source's measures (history trigger and all)
 * written one INSERT per row, as the import did, and a hundred rows to an INSERT, as its writer now does
 * (new-problems.ts). Most of a row's cost one by one was the trigger's set-up per statement.
 */
function statementsPerRow(dir: string, source: string): void {
  const src = openDb(source, { readonly: true });
  const rows = src.raw.prepare('SELECT id, problem_id, no, text, status, deadline_raw, deadline_kind, deadline_date, completed_date, created_at FROM measures ORDER BY id').raw(true).all() as unknown[][];
  src.close();
  const columns = 'id, problem_id, no, text, status, deadline_raw, deadline_kind, deadline_date, completed_date, created_at';
  const one = `(${Array(10).fill('?').join(', ')})`;
  let perRow = 0;
  for (const per of [1, 10, 100]) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const file = path.join(dir, `s-${i}.zgtz`);
      const db = openDb(file, { create: true });
      try {
        db.raw.pragma('foreign_keys = OFF'); // measures alone, without their problems
        const full = db.raw.prepare(`INSERT INTO measures (${columns}) VALUES ${Array(per).fill(one).join(', ')}`);
        const t0 = performance.now();
        runAction(db, { source: 'import', label: '基准' }, () => {
          let at = 0;
          for (; at + per <= rows.length; at += per) full.run(...rows.slice(at, at + per).flat());
          for (; at < rows.length; at++) db.raw.prepare(`INSERT INTO measures (${columns}) VALUES ${one}`).run(...rows[at]!);
        });
        times.push(performance.now() - t0);
      } finally {
        db.close();
        for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true });
      }
    }
    const ms = times.sort((a, b) => a - b)[1]!;
    if (per === 1) perRow = ms;
    process.stdout.write(`  ${`${rows.length} measures, ${per} a statement`.padEnd(50)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / perRow).toFixed(2)}× one per row\n`);
  }
}
