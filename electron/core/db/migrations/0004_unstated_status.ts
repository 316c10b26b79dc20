/**
 * Migration: the status 未注明 (DOMAIN §3) for problems and measures read from a document that states no
 * result for them. The statuses are CHECK constraints, which SQLite cannot alter: both tables are rebuilt
 * (create, copy, drop, rename; migrate() runs migrations with foreign keys off and checks them before
 * committing), their indexes recreated, and their history triggers recreated as 0001 (INSERT, DELETE) and
 * 0003 (UPDATE) make them. What the triggers record is unchanged.
 *
 * Append-only: never edit this file once released.
 */
import { TRACKED_TABLES } from './0001_init';

const DEADLINE_KINDS = "('none', 'date', 'immediate', 'long-term', 'date+long-term', 'conditional', 'text')";

const PROBLEMS = `
CREATE TABLE problems_new (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id),
  category_id INTEGER NOT NULL REFERENCES categories(id),
  parent_id INTEGER REFERENCES problems(id),
  kind TEXT NOT NULL CHECK (kind IN ('general', 'specific')),
  no INTEGER NOT NULL,
  code TEXT NOT NULL,
  sort REAL NOT NULL,
  text TEXT NOT NULL,
  lead_unit_id INTEGER REFERENCES units(id),
  responsible_person TEXT NOT NULL DEFAULT '',
  deadline_raw TEXT NOT NULL DEFAULT '',
  deadline_kind TEXT NOT NULL DEFAULT 'none' CHECK (deadline_kind IN ${DEADLINE_KINDS}),
  deadline_date TEXT,
  status TEXT NOT NULL DEFAULT '未启动'
    CHECK (status IN ('未启动', '正在推进', '已完成', '长期坚持', '未注明', '申请延期', '待销号', '已销号')),
  status_source TEXT NOT NULL DEFAULT 'derived' CHECK (status_source IN ('derived', 'manual', 'import')),
  status_reason TEXT NOT NULL DEFAULT '',
  completed_date TEXT,
  workflow TEXT NOT NULL DEFAULT '' CHECK (workflow IN ('', '申请延期', '待销号', '已销号')),
  public INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  deleted_at TEXT,
  UNIQUE (round_id, code),
  CHECK ((kind = 'general') = (parent_id IS NULL))
) STRICT;`;

const MEASURES = `
CREATE TABLE measures_new (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  no INTEGER NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT '未启动' CHECK (status IN ('未启动', '正在推进', '已完成', '长期坚持', '未注明')),
  deadline_raw TEXT NOT NULL DEFAULT '',
  deadline_kind TEXT NOT NULL DEFAULT 'none' CHECK (deadline_kind IN ${DEADLINE_KINDS}),
  deadline_date TEXT,
  completed_date TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;`;

function jsonOf(prefix: 'NEW' | 'OLD', cols: string[]): string {
  return `json_object(${cols.map((c) => `'${c}', ${prefix}.${c}`).join(', ')})`;
}

/** The three history triggers of a table: INSERT and DELETE as 0001 writes them, UPDATE as 0003 does. */
function historyTriggers(table: string): string {
  const { cols, problemRef } = TRACKED_TABLES[table]!;
  const ref = (p: 'NEW' | 'OLD') => (problemRef ? `${p}.${problemRef}` : 'NULL');
  const insertRow = (oldV: string, newV: string, p: 'NEW' | 'OLD') =>
    `  INSERT INTO history (action_id, tbl, row_id, field, old_value, new_value, problem_id)\n` +
    `  SELECT (SELECT action_id FROM current_action WHERE one = 1), '${table}', ${p}.id, '*', ${oldV}, ${newV}, ${ref(p)};`;
  const changed = cols
    .filter((c) => c !== 'id')
    .map((c) => `SELECT '${c}' AS field, OLD.${c} AS old_value, NEW.${c} AS new_value`)
    .join('\n    UNION ALL ');
  return `
CREATE TRIGGER ${table}_hist_insert AFTER INSERT ON ${table} BEGIN
${insertRow('NULL', jsonOf('NEW', cols), 'NEW')}
END;
CREATE TRIGGER ${table}_hist_update AFTER UPDATE ON ${table} BEGIN
  INSERT INTO history (action_id, tbl, row_id, field, old_value, new_value, problem_id)
  SELECT (SELECT action_id FROM current_action WHERE one = 1), '${table}', NEW.id, field, old_value, new_value, ${ref('NEW')}
  FROM (${changed})
  WHERE old_value IS NOT new_value;
END;
CREATE TRIGGER ${table}_hist_delete AFTER DELETE ON ${table} BEGIN
${insertRow(jsonOf('OLD', cols), 'NULL', 'OLD')}
END;`;
}

function rebuild(table: 'problems' | 'measures', create: string, indexes: string): string {
  const cols = TRACKED_TABLES[table]!.cols.join(', ');
  return `${create}
INSERT INTO ${table}_new (${cols}) SELECT ${cols} FROM ${table};
DROP TABLE ${table};
ALTER TABLE ${table}_new RENAME TO ${table};
${indexes}
${historyTriggers(table)}`;
}

const SQL = `
${rebuild(
  'problems',
  PROBLEMS,
  `CREATE INDEX problems_round ON problems (round_id, sort);
CREATE INDEX problems_parent ON problems (parent_id);
CREATE INDEX problems_category ON problems (category_id, parent_id, sort);`,
)}
${rebuild('measures', MEASURES, 'CREATE INDEX measures_problem ON measures (problem_id, no);')}
`;

export default {
  version: 4,
  name: 'unstated_status',
  sql: SQL,
  foreignKeysOff: true,
};
