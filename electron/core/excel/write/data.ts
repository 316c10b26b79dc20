import type { Db } from '../../db/open';
import type { ProblemKind, RoundInfo } from '../../../../shared/domain/types';
import type { MeasureStatus, ProblemStatus } from '../../../../shared/domain/status';
import { toChineseNumeral } from '../../../../shared/domain/numerals';
import { getRound, listCategories } from '../../ledger/rounds';
import { ledgerOrder } from '../../ledger/views';

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
  problems: ExportProblem[];
}

export interface LedgerData {
  round: RoundInfo;
  categories: CategoryBlock[];
  problemCount: number;
  measureCount: number;
}

type Row = [number, number, number | null, ProblemKind, string, string, string, string | null, ProblemStatus, string | null, number, string, number, string | null, number | null, number];

function byProblem<T>(db: Db, sql: string, roundId: number, value: (r: unknown[]) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of db.raw.prepare(sql).raw(true).all(roundId) as unknown[][]) {
    const id = r[0] as number;
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    list.push(value(r));
  }
  return out;
}

/**
 * The round's live problems with what the sheets show, in ledger order (the order of the ledger table,
 * views.ledgerOrder). Read with a few flat queries: a 10,000-problem ledger loads in a fraction of a
 * second, which matters because an export runs while the person waits.
 */
export function loadExportProblems(db: Db, roundId: number): ExportProblem[] {
  const rows = db.raw
    .prepare(
      `SELECT p.id, p.category_id, p.parent_id, p.kind, p.code, p.text, p.deadline_raw, p.deadline_date, p.status, p.completed_date,
              p.public, p.notes, p.sort, u.name, g.sort, c.sort
       FROM problems p JOIN categories c ON c.id = p.category_id LEFT JOIN units u ON u.id = p.lead_unit_id
       LEFT JOIN problems g ON g.id = p.parent_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL AND c.deleted_at IS NULL`,
    )
    .raw(true)
    .all(roundId) as Row[];
  const names = (table: string, ref: string, people: string) =>
    byProblem(
      db,
      `SELECT x.problem_id, n.name FROM ${table} x JOIN ${people} n ON n.id = x.${ref} JOIN problems p ON p.id = x.problem_id
       WHERE p.round_id = ? ORDER BY x.problem_id, x.ord`,
      roundId,
      (r) => r[1] as string,
    );
  const leaders = names('problem_leaders', 'leader_id', 'leaders');
  const units = names('problem_units', 'unit_id', 'units');
  const measures = byProblem(
    db,
    `SELECT m.problem_id, m.no, m.text, m.status, m.deadline_raw FROM measures m JOIN problems p ON p.id = m.problem_id
     WHERE p.round_id = ? AND m.deleted_at IS NULL ORDER BY m.problem_id, m.no, m.id`,
    roundId,
    (r): ExportMeasure => ({ no: r[1] as number, text: r[2] as string, status: r[3] as MeasureStatus, deadline: { raw: r[4] as string } }),
  );
  const latest = new Map<number, { date: string; text: string }>();
  for (const r of db.raw
    .prepare(
      `SELECT g.problem_id, g.date, g.text FROM progress g JOIN problems p ON p.id = g.problem_id
       WHERE p.round_id = ? AND g.deleted_at IS NULL ORDER BY g.problem_id, g.date, g.id`,
    )
    .raw(true)
    .all(roundId) as [number, string, string][]) {
    latest.set(r[0], { date: r[1], text: r[2] });
  }
  const evidence = new Map(
    db.raw
      .prepare(
        `SELECT e.problem_id, count(*) FROM evidence e JOIN problems p ON p.id = e.problem_id
         WHERE p.round_id = ? AND e.deleted_at IS NULL GROUP BY e.problem_id`,
      )
      .raw(true)
      .all(roundId) as [number, number][],
  );
  const keys = new Map<number, { categorySort: number; sort: number; parentSort: number | null }>();
  const problems = rows.map((r): ExportProblem => {
    keys.set(r[0], { sort: r[12], parentSort: r[14], categorySort: r[15] });
    return {
      id: r[0],
      categoryId: r[1],
      parentId: r[2],
      kind: r[3],
      code: r[4],
      text: r[5],
      leaders: leaders.get(r[0]) ?? [],
      leadUnit: r[13],
      units: units.get(r[0]) ?? [],
      deadline: { raw: r[6], date: r[7] },
      status: r[8],
      completedDate: r[9],
      public: r[10] === 1,
      notes: r[11],
      measures: measures.get(r[0]) ?? [],
      latestProgress: latest.get(r[0]) ?? null,
      evidenceCount: evidence.get(r[0]) ?? 0,
    };
  });
  return ledgerOrder(problems, (p) => keys.get(p.id)!);
}

/**
 * The round's live problems grouped by category in ledger order. `publicOnly` leaves out the items
 * withheld from the public (不公开); `problemFilter` keeps only some (a unit's, for its template).
 */
export function loadLedgerData(db: Db, roundId: number, options: { publicOnly?: boolean; problemFilter?: (p: ExportProblem) => boolean } = {}): LedgerData {
  const round = getRound(db, roundId);
  const blocks = new Map<number, CategoryBlock>();
  for (const c of listCategories(db, roundId)) blocks.set(c.id, { no: c.no, title: c.title, problems: [] });
  let problemCount = 0;
  let measureCount = 0;
  for (const p of loadExportProblems(db, roundId)) {
    if (options.publicOnly && !p.public) continue;
    if (options.problemFilter && !options.problemFilter(p)) continue;
    const block = blocks.get(p.categoryId);
    if (!block) continue;
    block.problems.push(p);
    problemCount++;
    measureCount += p.measures.length;
  }
  return { round, categories: [...blocks.values()], problemCount, measureCount };
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
