import type { Db } from '../../db/open';
import type { ProblemKind, RoundInfo } from '../../../../shared/domain/types';
import type { MeasureStatus, ProblemStatus } from '../../../../shared/domain/status';
import { toChineseNumeral } from '../../../../shared/domain/numerals';
import { getRound, listCategories } from '../../ledger/rounds';
import { ledgerOrderIds } from '../../ledger/summaries';

/** What the sheets show of a measure. */
export interface ExportMeasure {
  no: number;
  text: string;
  status: MeasureStatus;
  deadline: { raw: string };
}

/** What the sheets show of a problem (a ProblemDetail has all of it, so either may be passed). */
export interface ExportProblem {
  id: number;
  categoryId: number;
  parentId: number | null;
  kind: ProblemKind;
  code: string;
  text: string;
  leaders: string[];
  leadUnit: string | null;
  units: string[];
  deadline: { raw: string; date: string | null };
  status: ProblemStatus;
  completedDate: string | null;
  public: boolean;
  notes: string;
  measures: ExportMeasure[];
  latestProgress: { date: string; text: string } | null;
  evidenceCount: number;
}

export interface CategoryBlock {
  no: number;
  title: string;
  /** The category's problems in ledger order, read from the ledger in batches while they are iterated. */
  problems: Iterable<ExportProblem>;
}

export interface LedgerData {
  round: RoundInfo;
  categories: CategoryBlock[];
  problemCount: number;
  measureCount: number;
  /** Rows of the ledger sheet's body in the rows layout: one per measure, at least one per problem. */
  measureRows: number;
}

/** What a problem is chosen by, before anything else of it is read. */
export interface ProblemKey {
  id: number;
  categoryId: number;
  public: boolean;
  leadUnit: string | null;
  measures: number;
}

type Row = [number, number, number | null, ProblemKind, string, string, string, string | null, ProblemStatus, string | null, number, string, string | null];

/** Problems read per batch: enough for few queries, few enough that a batch is small beside the sheet. */
const BATCH = 500;

function byProblem<T>(db: Db, sql: string, ids: string, value: (r: unknown[]) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of db.raw.prepare(sql).raw(true).iterate(ids) as IterableIterator<unknown[]>) {
    const id = r[0] as number;
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push(value(r));
  }
  return out;
}

const IDS = 'SELECT value FROM json_each(?)';

/** The problems of `ids`, in that order, with what the sheets show: a few flat queries for the whole batch. */
function exportProblemsOf(db: Db, batch: readonly number[]): ExportProblem[] {
  const ids = JSON.stringify(batch);
  const rows = new Map(
    (
      db.raw
        .prepare(
          `SELECT p.id, p.category_id, p.parent_id, p.kind, p.code, p.text, p.deadline_raw, p.deadline_date, p.status, p.completed_date,
                  p.public, p.notes, u.name
           FROM problems p LEFT JOIN units u ON u.id = p.lead_unit_id WHERE p.id IN (${IDS})`,
        )
        .raw(true)
        .all(ids) as Row[]
    ).map((r) => [r[0], r]),
  );
  const names = (table: string, ref: string, people: string) =>
    byProblem(db, `SELECT x.problem_id, n.name FROM ${table} x JOIN ${people} n ON n.id = x.${ref} WHERE x.problem_id IN (${IDS}) ORDER BY x.problem_id, x.ord`, ids, (r) => r[1] as string);
  const leaders = names('problem_leaders', 'leader_id', 'leaders');
  const units = names('problem_units', 'unit_id', 'units');
  const measures = byProblem(
    db,
    `SELECT m.problem_id, m.no, m.text, m.status, m.deadline_raw FROM measures m
     WHERE m.problem_id IN (${IDS}) AND m.deleted_at IS NULL ORDER BY m.problem_id, m.no, m.id`,
    ids,
    (r): ExportMeasure => ({ no: r[1] as number, text: r[2] as string, status: r[3] as MeasureStatus, deadline: { raw: r[4] as string } }),
  );
  const latest = new Map<number, { date: string; text: string }>();
  for (const r of db.raw
    .prepare(`SELECT g.problem_id, g.date, g.text FROM progress g WHERE g.problem_id IN (${IDS}) AND g.deleted_at IS NULL ORDER BY g.problem_id, g.date, g.id`)
    .raw(true)
    .iterate(ids) as IterableIterator<[number, string, string]>) {
    latest.set(r[0], { date: r[1], text: r[2] });
  }
  const evidence = new Map(
    db.raw
      .prepare(`SELECT e.problem_id, count(*) FROM evidence e WHERE e.problem_id IN (${IDS}) AND e.deleted_at IS NULL GROUP BY e.problem_id`)
      .raw(true)
      .all(ids) as [number, number][],
  );
  return batch.flatMap((id): ExportProblem[] => {
    const r = rows.get(id);
    if (!r) return [];
    return [
      {
        id,
        categoryId: r[1],
        parentId: r[2],
        kind: r[3],
        code: r[4],
        text: r[5],
        leaders: leaders.get(id) ?? [],
        leadUnit: r[12],
        units: units.get(id) ?? [],
        deadline: { raw: r[6], date: r[7] },
        status: r[8],
        completedDate: r[9],
        public: r[10] === 1,
        notes: r[11],
        measures: measures.get(id) ?? [],
        latestProgress: latest.get(id) ?? null,
        evidenceCount: evidence.get(id) ?? 0,
      },
    ];
  });
}

/**
 * The problems of `ids` in that order, read in batches each time they are iterated: a 100,000-problem
 * ledger's problems with their measures are some 300 MB as objects, and an export needs one at a time.
 */
export function exportProblems(db: Db, ids: readonly number[]): Iterable<ExportProblem> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < ids.length; i += BATCH) yield* exportProblemsOf(db, ids.slice(i, i + BATCH));
    },
  };
}

/** The round's live problems (of live categories) in ledger order, as the keys they are chosen by. */
export function problemKeys(db: Db, roundId: number): ProblemKey[] {
  const keys = new Map<number, ProblemKey>();
  for (const [id, categoryId, isPublic, leadUnit, measures] of db.raw
    .prepare(
      `SELECT p.id, p.category_id, p.public, u.name,
              (SELECT count(*) FROM measures m WHERE m.problem_id = p.id AND m.deleted_at IS NULL)
       FROM problems p JOIN categories c ON c.id = p.category_id LEFT JOIN units u ON u.id = p.lead_unit_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL`,
    )
    .raw(true)
    .iterate(roundId) as IterableIterator<[number, number, number, string | null, number]>) {
    keys.set(id, { id, categoryId, public: isPublic === 1, leadUnit, measures });
  }
  return ledgerOrderIds(db, roundId).flatMap((id) => keys.get(id) ?? []);
}

/** The round's live problems with what the sheets show, in ledger order (views.ledgerOrder). */
export function loadExportProblems(db: Db, roundId: number): ExportProblem[] {
  return [...exportProblems(db, problemKeys(db, roundId).map((k) => k.id))];
}

/**
 * The round's live problems grouped by category in ledger order. `publicOnly` leaves out the items
 * withheld from the public (不公开); `problemFilter` keeps only some (a unit's, for its template). Only
 * the keys are held; the problems are read as the categories' lists are iterated.
 */
export function loadLedgerData(db: Db, roundId: number, options: { publicOnly?: boolean; problemFilter?: (p: ProblemKey) => boolean } = {}): LedgerData {
  const round = getRound(db, roundId);
  const ids = new Map<number, number[]>();
  const categories = listCategories(db, roundId).map((c): CategoryBlock => {
    const list: number[] = [];
    ids.set(c.id, list);
    return { no: c.no, title: c.title, problems: exportProblems(db, list) };
  });
  let problemCount = 0;
  let measureCount = 0;
  let measureRows = 0;
  for (const k of problemKeys(db, roundId)) {
    if (options.publicOnly && !k.public) continue;
    if (options.problemFilter && !options.problemFilter(k)) continue;
    const list = ids.get(k.categoryId);
    if (!list) continue;
    list.push(k.id);
    problemCount++;
    measureCount += k.measures;
    measureRows += Math.max(1, k.measures);
  }
  return { round, categories, problemCount, measureCount, measureRows };
}

/** （一）统筹协调…: how ledgers head a category. */
export function categoryHeading(no: number, title: string): string {
  return `（${toChineseNumeral(no)}）${title}`;
}

/** The document title: 市司法局党组巡察反馈问题整改台账, from the inspected organisation or the round's title. */
export function documentTitle(round: RoundInfo, suffix: string): string {
  const base = round.inspectedOrg ? `${round.inspectedOrg}巡察反馈问题整改` : round.title.replace(/台账$/, '');
  return base.endsWith(suffix) ? base : base + suffix;
}

export const KIND_LABEL = { general: '面上问题', specific: '具体问题' } as const;
