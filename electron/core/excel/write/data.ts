import type { Db } from '../../db/open';
import type { ProblemDetail, RoundInfo } from '../../../../shared/domain/types';
import { toChineseNumeral } from '../../../../shared/domain/numerals';
import { getRound, listCategories } from '../../ledger/rounds';
import { listProblemDetails } from '../../ledger/views';

export interface CategoryBlock {
  no: number;
  title: string;
  problems: ProblemDetail[];
}

export interface LedgerData {
  round: RoundInfo;
  categories: CategoryBlock[];
  problemCount: number;
  measureCount: number;
}

/**
 * The round's live problems with measures and progress, grouped by category in ledger order.
 * `publicOnly` leaves out the items withheld from the public (不公开).
 */
export function loadLedgerData(db: Db, roundId: number, options: { publicOnly?: boolean; problemFilter?: (p: ProblemDetail) => boolean } = {}): LedgerData {
  const round = getRound(db, roundId);
  const blocks = new Map<number, CategoryBlock>();
  for (const c of listCategories(db, roundId)) blocks.set(c.id, { no: c.no, title: c.title, problems: [] });
  let problemCount = 0;
  let measureCount = 0;
  for (const p of listProblemDetails(db, roundId)) {
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
