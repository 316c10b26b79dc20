/**
 * Migration 1: the whole ledger schema. Append-only: never edit this file once released; add 0002_….
 *
 * Every tracked table gets history triggers (generated below from the column lists written out here, so
 * that this migration's SQL never changes): each INSERT, UPDATE and DELETE writes rows into `history`
 * under the action named in `current_action`. A write outside an action fails (history.action_id is NOT
 * NULL), so nothing can change the ledger without being recorded.
 */

const TRACKED: Record<string, { cols: string[]; problemRef: string | null }> = {
  ledger_meta: { cols: ['id', 'key', 'value'], problemRef: null },
  rounds: {
    cols: [
      'id', 'title', 'inspecting_body', 'inspected_org', 'inspection_start', 'inspection_end', 'feedback_date',
      'period_end', 'period_label', 'contact_line', 'long_term_counts_completed', 'report_texts', 'created_at',
    ],
    problemRef: null,
  },
  categories: { cols: ['id', 'round_id', 'no', 'title', 'sort', 'deleted_at'], problemRef: null },
  units: { cols: ['id', 'name', 'sort'], problemRef: null },
  unit_aliases: { cols: ['id', 'unit_id', 'alias'], problemRef: null },
  leaders: { cols: ['id', 'name', 'sort'], problemRef: null },
  leader_aliases: { cols: ['id', 'leader_id', 'alias'], problemRef: null },
  problems: {
    cols: [
      'id', 'round_id', 'category_id', 'parent_id', 'kind', 'no', 'code', 'sort', 'text', 'lead_unit_id',
      'responsible_person', 'deadline_raw', 'deadline_kind', 'deadline_date', 'status', 'status_source',
      'status_reason', 'completed_date', 'workflow', 'public', 'notes', 'created_at', 'deleted_at',
    ],
    problemRef: 'id',
  },
  problem_leaders: { cols: ['id', 'problem_id', 'leader_id', 'ord'], problemRef: 'problem_id' },
  problem_units: { cols: ['id', 'problem_id', 'unit_id', 'ord'], problemRef: 'problem_id' },
  measures: {
    cols: [
      'id', 'problem_id', 'no', 'text', 'status', 'deadline_raw', 'deadline_kind', 'deadline_date',
      'completed_date', 'created_at', 'deleted_at',
    ],
    problemRef: 'problem_id',
  },
  progress: {
    cols: ['id', 'problem_id', 'measure_id', 'date', 'text', 'source', 'batch_id', 'created_at', 'deleted_at'],
    problemRef: 'problem_id',
  },
  evidence: {
    cols: [
      'id', 'problem_id', 'measure_id', 'seq', 'title', 'original_name', 'mime', 'size', 'sha256', 'added_by',
      'added_at', 'source', 'batch_id', 'deleted_at',
    ],
    problemRef: 'problem_id',
  },
  signoffs: {
    cols: ['id', 'problem_id', 'step', 'at', 'actor', 'method', 'note', 'reason', 'evidence_ids'],
    problemRef: 'problem_id',
  },
};

function jsonOf(prefix: 'NEW' | 'OLD', cols: string[]): string {
  return `json_object(${cols.map((c) => `'${c}', ${prefix}.${c}`).join(', ')})`;
}

function triggersFor(table: string, cols: string[], problemRef: string | null): string {
  const ref = (p: 'NEW' | 'OLD') => (problemRef ? `${p}.${problemRef}` : 'NULL');
  const insertRow = (field: string, oldV: string, newV: string, p: 'NEW' | 'OLD', where = '') =>
    `  INSERT INTO history (action_id, tbl, row_id, field, old_value, new_value, problem_id)\n` +
    `  SELECT (SELECT action_id FROM current_action WHERE one = 1), '${table}', ${p}.id, '${field}', ${oldV}, ${newV}, ${ref(p)}${where};`;
  const updates = cols
    .filter((c) => c !== 'id')
    .map((c) => insertRow(c, `OLD.${c}`, `NEW.${c}`, 'NEW', ` WHERE OLD.${c} IS NOT NEW.${c}`))
    .join('\n');
  return `
CREATE TRIGGER ${table}_hist_insert AFTER INSERT ON ${table} BEGIN
${insertRow('*', 'NULL', jsonOf('NEW', cols), 'NEW')}
END;
CREATE TRIGGER ${table}_hist_update AFTER UPDATE ON ${table} BEGIN
${updates}
END;
CREATE TRIGGER ${table}_hist_delete AFTER DELETE ON ${table} BEGIN
${insertRow('*', jsonOf('OLD', cols), 'NULL', 'OLD')}
END;`;
}

const TABLES = `
CREATE TABLE ledger_meta (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE rounds (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  inspecting_body TEXT NOT NULL DEFAULT '',
  inspected_org TEXT NOT NULL DEFAULT '',
  inspection_start TEXT,
  inspection_end TEXT,
  feedback_date TEXT,
  period_end TEXT,
  period_label TEXT NOT NULL DEFAULT '',
  contact_line TEXT NOT NULL DEFAULT '',
  long_term_counts_completed INTEGER NOT NULL DEFAULT 0 CHECK (long_term_counts_completed IN (0, 1)),
  report_texts TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id),
  no INTEGER NOT NULL,
  title TEXT NOT NULL,
  sort REAL NOT NULL,
  deleted_at TEXT,
  UNIQUE (round_id, no)
) STRICT;

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sort REAL NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE unit_aliases (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  alias TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE leaders (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sort REAL NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE leader_aliases (
  id INTEGER PRIMARY KEY,
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  alias TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE problems (
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
  deadline_kind TEXT NOT NULL DEFAULT 'none'
    CHECK (deadline_kind IN ('none', 'date', 'immediate', 'long-term', 'date+long-term', 'conditional', 'text')),
  deadline_date TEXT,
  status TEXT NOT NULL DEFAULT '未启动'
    CHECK (status IN ('未启动', '正在推进', '已完成', '长期坚持', '申请延期', '待销号', '已销号')),
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
) STRICT;
CREATE INDEX problems_round ON problems (round_id, sort);
CREATE INDEX problems_parent ON problems (parent_id);

CREATE TABLE problem_leaders (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  leader_id INTEGER NOT NULL REFERENCES leaders(id),
  ord INTEGER NOT NULL,
  UNIQUE (problem_id, leader_id)
) STRICT;

CREATE TABLE problem_units (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  ord INTEGER NOT NULL,
  UNIQUE (problem_id, unit_id)
) STRICT;

CREATE TABLE measures (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  no INTEGER NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT '未启动' CHECK (status IN ('未启动', '正在推进', '已完成', '长期坚持')),
  deadline_raw TEXT NOT NULL DEFAULT '',
  deadline_kind TEXT NOT NULL DEFAULT 'none'
    CHECK (deadline_kind IN ('none', 'date', 'immediate', 'long-term', 'date+long-term', 'conditional', 'text')),
  deadline_date TEXT,
  completed_date TEXT,
  created_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX measures_problem ON measures (problem_id, no);

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  unit TEXT NOT NULL DEFAULT '',
  report_date TEXT,
  counts TEXT NOT NULL DEFAULT '{}',
  action_id INTEGER,
  undone_at TEXT
) STRICT;
CREATE INDEX import_batches_sha ON import_batches (sha256);

CREATE TABLE column_mappings (
  id INTEGER PRIMARY KEY,
  unit TEXT NOT NULL,
  signature TEXT NOT NULL,
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (unit, signature)
) STRICT;

CREATE TABLE progress (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  measure_id INTEGER REFERENCES measures(id),
  date TEXT NOT NULL,
  text TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT 'manual',
  batch_id INTEGER REFERENCES import_batches(id),
  created_at TEXT NOT NULL,
  deleted_at TEXT
) STRICT;
CREATE INDEX progress_problem ON progress (problem_id, date);

-- Evidence files live inside the ledger, addressed by SHA-256 and stored once. An evidence row without
-- sha256 is one a return listed whose file has not been received yet.
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  measure_id INTEGER REFERENCES measures(id),
  seq INTEGER NOT NULL,
  title TEXT NOT NULL,
  original_name TEXT NOT NULL DEFAULT '',
  mime TEXT NOT NULL DEFAULT '',
  size INTEGER,
  sha256 TEXT REFERENCES blobs(sha256),
  added_by TEXT NOT NULL DEFAULT '',
  added_at TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT 'manual',
  batch_id INTEGER REFERENCES import_batches(id),
  deleted_at TEXT
) STRICT;
CREATE INDEX evidence_problem ON evidence (problem_id, seq);

CREATE TABLE signoffs (
  id INTEGER PRIMARY KEY,
  problem_id INTEGER NOT NULL REFERENCES problems(id),
  step TEXT NOT NULL CHECK (step IN ('apply', 'approve', 'reject', 'reopen')),
  at TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  evidence_ids TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX signoffs_problem ON signoffs (problem_id, id);

-- Actions group the writes of one user action, one import batch, one undo or redo.
CREATE TABLE actions (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('edit', 'import', 'undo', 'redo', 'system', 'restore')),
  label TEXT NOT NULL,
  batch_id INTEGER,
  target_action_id INTEGER REFERENCES actions(id),
  round_id INTEGER,
  undone INTEGER NOT NULL DEFAULT 0,
  redoable INTEGER NOT NULL DEFAULT 0,
  applied_seq INTEGER NOT NULL DEFAULT 0,
  undone_seq INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES actions(id),
  tbl TEXT NOT NULL,
  row_id INTEGER NOT NULL,
  field TEXT NOT NULL,
  old_value ANY,
  new_value ANY,
  problem_id INTEGER
) STRICT;
CREATE INDEX history_action ON history (action_id);
CREATE INDEX history_problem ON history (problem_id, action_id);
CREATE INDEX history_row ON history (tbl, row_id);

CREATE TABLE current_action (
  one INTEGER PRIMARY KEY CHECK (one = 1),
  action_id INTEGER NOT NULL
) STRICT;

-- Full-text search over problem, measure and progress text (trigram: works for Chinese without a segmenter).
CREATE VIRTUAL TABLE search_index USING fts5(text, problem_id UNINDEXED, src UNINDEXED, src_id UNINDEXED, tokenize = 'trigram');
CREATE TRIGGER problems_fts_insert AFTER INSERT ON problems BEGIN
  INSERT INTO search_index (text, problem_id, src, src_id) VALUES (NEW.text, NEW.id, 'problem', NEW.id);
END;
CREATE TRIGGER problems_fts_update AFTER UPDATE OF text ON problems BEGIN
  DELETE FROM search_index WHERE src = 'problem' AND src_id = OLD.id;
  INSERT INTO search_index (text, problem_id, src, src_id) VALUES (NEW.text, NEW.id, 'problem', NEW.id);
END;
CREATE TRIGGER problems_fts_delete AFTER DELETE ON problems BEGIN
  DELETE FROM search_index WHERE src = 'problem' AND src_id = OLD.id;
END;
CREATE TRIGGER measures_fts_insert AFTER INSERT ON measures BEGIN
  INSERT INTO search_index (text, problem_id, src, src_id) VALUES (NEW.text, NEW.problem_id, 'measure', NEW.id);
END;
CREATE TRIGGER measures_fts_update AFTER UPDATE OF text, problem_id ON measures BEGIN
  DELETE FROM search_index WHERE src = 'measure' AND src_id = OLD.id;
  INSERT INTO search_index (text, problem_id, src, src_id) VALUES (NEW.text, NEW.problem_id, 'measure', NEW.id);
END;
CREATE TRIGGER measures_fts_delete AFTER DELETE ON measures BEGIN
  DELETE FROM search_index WHERE src = 'measure' AND src_id = OLD.id;
END;
CREATE TRIGGER progress_fts_insert AFTER INSERT ON progress BEGIN
  INSERT INTO search_index (text, problem_id, src, src_id) VALUES (NEW.text, NEW.problem_id, 'progress', NEW.id);
END;
CREATE TRIGGER progress_fts_update AFTER UPDATE OF text ON progress BEGIN
  DELETE FROM search_index WHERE src = 'progress' AND src_id = OLD.id;
  INSERT INTO search_index (text, problem_id, src, src_id) VALUES (NEW.text, NEW.problem_id, 'progress', NEW.id);
END;
CREATE TRIGGER progress_fts_delete AFTER DELETE ON progress BEGIN
  DELETE FROM search_index WHERE src = 'progress' AND src_id = OLD.id;
END;
`;

export const TRACKED_TABLES = TRACKED;

export default {
  version: 1,
  name: 'init',
  sql: TABLES + Object.entries(TRACKED).map(([t, d]) => triggersFor(t, d.cols, d.problemRef)).join('\n'),
};
