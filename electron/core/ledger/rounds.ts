import type { Db } from '../db/open';
import type { CategoryInfo, RoundInfo, RoundKind } from '../../../shared/domain/types';
import { parseCycleRule } from '../../../shared/domain/cycles';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { getMeta, setMeta } from './meta';

interface RoundRow {
  id: number;
  title: string;
  inspecting_body: string;
  inspected_org: string;
  inspection_start: string | null;
  inspection_end: string | null;
  feedback_date: string | null;
  period_end: string | null;
  period_label: string;
  contact_line: string;
  long_term_counts_completed: number;
  report_texts: string;
  created_at: string;
  kind: RoundKind;
  origin_round_id: number | null;
  cycle_rule: string;
}

export type RoundFields = Partial<Omit<RoundInfo, 'id' | 'createdAt'>>;

const COLUMNS: Record<keyof RoundFields, keyof RoundRow> = {
  title: 'title',
  inspectingBody: 'inspecting_body',
  inspectedOrg: 'inspected_org',
  inspectionStart: 'inspection_start',
  inspectionEnd: 'inspection_end',
  feedbackDate: 'feedback_date',
  periodEnd: 'period_end',
  periodLabel: 'period_label',
  contactLine: 'contact_line',
  longTermCountsCompleted: 'long_term_counts_completed',
  reportTexts: 'report_texts',
  kind: 'kind',
  originRoundId: 'origin_round_id',
  cycleRule: 'cycle_rule',
};

function toInfo(r: RoundRow): RoundInfo {
  return {
    id: r.id,
    title: r.title,
    inspectingBody: r.inspecting_body,
    inspectedOrg: r.inspected_org,
    inspectionStart: r.inspection_start,
    inspectionEnd: r.inspection_end,
    feedbackDate: r.feedback_date,
    periodEnd: r.period_end,
    periodLabel: r.period_label,
    contactLine: r.contact_line,
    longTermCountsCompleted: r.long_term_counts_completed === 1,
    reportTexts: JSON.parse(r.report_texts || '{}') as Record<string, string>,
    createdAt: r.created_at,
    kind: r.kind,
    originRoundId: r.origin_round_id,
    cycleRule: parseCycleRule(r.cycle_rule),
  };
}

function toColumnValue(key: keyof RoundFields, value: unknown): unknown {
  if (key === 'longTermCountsCompleted') return value ? 1 : 0;
  if (key === 'reportTexts') return JSON.stringify(value ?? {});
  if (key === 'cycleRule') return JSON.stringify(value ?? { kind: 'none' });
  return value ?? null;
}

export function listRounds(db: Db): RoundInfo[] {
  return (db.raw.prepare('SELECT * FROM rounds ORDER BY id').all() as RoundRow[]).map(toInfo);
}

export function getRound(db: Db, id: number): RoundInfo {
  const row = db.raw.prepare('SELECT * FROM rounds WHERE id = ?').get(id) as RoundRow | undefined;
  if (!row) throw new LedgerError('ROUND_NOT_FOUND', `找不到巡察轮次（编号 ${id}）。`);
  return toInfo(row);
}

/** Must run inside an action. Becomes the current round. */
export function createRound(db: Db, fields: RoundFields & { title: string }): number {
  const id = Number(db.raw.prepare('INSERT INTO rounds (title, created_at) VALUES (?, ?)').run(fields.title, nowIso()).lastInsertRowid);
  updateRound(db, id, fields);
  setMeta(db, 'current_round_id', String(id));
  return id;
}

export function updateRound(db: Db, id: number, fields: RoundFields): void {
  getRound(db, id);
  for (const [key, column] of Object.entries(COLUMNS) as [keyof RoundFields, keyof RoundRow][]) {
    if (!(key in fields)) continue;
    db.raw.prepare(`UPDATE rounds SET ${column} = ? WHERE id = ?`).run(toColumnValue(key, fields[key]) as never, id);
  }
}

export function currentRoundId(db: Db): number | null {
  const v = getMeta(db, 'current_round_id');
  if (v && db.raw.prepare('SELECT 1 FROM rounds WHERE id = ?').get(Number(v))) return Number(v);
  const first = db.raw.prepare('SELECT id FROM rounds ORDER BY id DESC LIMIT 1').get() as { id: number } | undefined;
  return first?.id ?? null;
}

/** The year used for deadlines written without one (8月底前): the feedback year, else the creation year. */
export function roundYear(round: RoundInfo): number {
  const src = round.feedbackDate ?? round.inspectionEnd ?? round.createdAt;
  return Number(src.slice(0, 4));
}

/**
 * The categories of a round in their order; with `includeDeleted`, deleted ones too (for the recycle bin),
 * each counting the problems that were deleted with it.
 */
export function listCategories(db: Db, roundId: number, options: { includeDeleted?: boolean } = {}): CategoryInfo[] {
  return db.raw
    .prepare(
      `SELECT c.id, c.round_id AS roundId, c.no, c.title, c.sort, c.deleted_at AS deletedAt,
              (SELECT count(*) FROM problems p WHERE p.category_id = c.id
                 AND (CASE WHEN c.deleted_at IS NULL THEN p.deleted_at IS NULL ELSE p.deleted_at = c.deleted_at END)) AS problemCount
       FROM categories c WHERE c.round_id = ? ${options.includeDeleted ? '' : 'AND c.deleted_at IS NULL'} ORDER BY c.sort, c.no`,
    )
    .all(roundId) as CategoryInfo[];
}

/** Must run inside an action. The category number continues after the highest ever used in the round. */
export function createCategory(db: Db, roundId: number, title: string, no?: number): number {
  getRound(db, roundId);
  const clean = title.trim();
  if (!clean) throw new LedgerError('EMPTY_TITLE', '问题类别的标题不能为空。');
  const max = db.raw.prepare('SELECT coalesce(max(no), 0) AS no, coalesce(max(sort), 0) AS sort FROM categories WHERE round_id = ?').get(roundId) as {
    no: number;
    sort: number;
  };
  const chosen = no ?? max.no + 1;
  if (db.raw.prepare('SELECT 1 FROM categories WHERE round_id = ? AND no = ?').get(roundId, chosen)) {
    throw new LedgerError('CATEGORY_NO_TAKEN', `本轮次已有第${chosen}类问题。`);
  }
  return Number(
    db.raw.prepare('INSERT INTO categories (round_id, no, title, sort) VALUES (?, ?, ?, ?)').run(roundId, chosen, clean, max.sort + 1)
      .lastInsertRowid,
  );
}

export function getCategory(db: Db, id: number): { id: number; roundId: number; no: number; title: string; deletedAt: string | null } {
  const row = db.raw.prepare('SELECT id, round_id AS roundId, no, title, deleted_at AS deletedAt FROM categories WHERE id = ?').get(id) as
    | { id: number; roundId: number; no: number; title: string; deletedAt: string | null }
    | undefined;
  if (!row) throw new LedgerError('CATEGORY_NOT_FOUND', `找不到问题类别（编号 ${id}）。`);
  return row;
}
