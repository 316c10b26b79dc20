import { z } from 'zod';
import { op, id } from './define';
import type { CategoryInfo, TableProblem } from '../domain/types';
import type { Columns, Complete } from './columns';

/** Where a search term matched a problem. */
export type SearchSource = 'problem' | 'measure' | 'progress' | 'code';

export interface SearchResult {
  /** Matching problem ids (every term matched), ascending. */
  ids: number[];
  /**
   * Where each problem matched, compactly: the distinct lists of sources, and for each id (same place in
   * `ids`) the index of its list. A one-character query matches every problem: 100,000 lists of words
   * were 3.4 MB of JSON, most of the answer; read one with `sourcesOf`.
   */
  sourceLists: SearchSource[][];
  sourceOf: number[];
  /** 'fts': the trigram index answered; 'substring': a term of one or two characters needed a scan. */
  mode: 'fts' | 'substring';
}

/** Where problem `id` matched, in a search's answer (undefined: not among its ids). Ids are ascending: a binary search. */
export function sourcesOf(result: Pick<SearchResult, 'ids' | 'sourceLists' | 'sourceOf'>, id: number): SearchSource[] | undefined {
  const { ids } = result;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = ids[mid]!;
    if (at === id) return result.sourceLists[result.sourceOf[mid]!];
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** The fields of a table row, in the order they are sent. */
export const TABLE_PROBLEM_FIELDS = [
  'id',
  'categoryId',
  'parentId',
  'kind',
  'code',
  'sort',
  'text',
  'leaders',
  'leadUnit',
  'deadline',
  'status',
  'statusSource',
  'statusReason',
  'completedDate',
  'measureCount',
  'measuresCompleted',
  'latestProgress',
  'evidenceCount',
  'lastChangeAt',
] as const satisfies readonly (keyof TableProblem)[];
// A field added to TableProblem and not listed above would not be sent: make that a type error.
export type TableProblemFieldsComplete = Complete<Exclude<keyof TableProblem, (typeof TABLE_PROBLEM_FIELDS)[number]>>;

/**
 * The table's rows at one ledger version. The round's categories come with them, read in the same moment,
 * so that every row's category is among them.
 */
export type ProblemChanges =
  | {
      version: number;
      roundId: number;
      full: true;
      /** Every row in ledger order, or (asked with `first`) the first rows only. */
      problems: Columns<TableProblem>;
      /** How many rows the round has: more than `problems.count` when only the first were asked for. */
      total: number;
      categories: CategoryInfo[];
    }
  | {
      version: number;
      /** The round the rows are of. */
      roundId: number;
      full: false;
      /** The live problems among those that changed, as the table shows them. */
      problems: Columns<TableProblem>;
      /** Every problem that changed: those missing from `problems` were deleted (or removed by an undo). */
      ids: number[];
      categories: CategoryInfo[];
    };

/** Operations of the ledger table (issue 4): finding problems and reloading only what changed. */
export const tableOps = {
  /** Problems whose text, measures or progress contain every term of the query (or whose code it is). */
  'problems.search': op<SearchResult>()(z.object({ query: z.string().max(500), roundId: id.optional() })),
  /**
   * What changed since ledger version `since` (the last answer's version): the changed rows, or all rows
   * (in ledger order) when a change touched many of them. Without `since`: all rows, with the version they
   * were read at. With `first` (and no `since`): only the first rows in ledger order and the count of all,
   * what the first screen draws while the rest is on its way (issue 16).
   */
  'problems.changes': op<ProblemChanges>()(
    z.object({ since: z.number().int().min(0).optional(), roundId: id.optional(), first: z.number().int().min(1).max(2000).optional() }),
  ),
};
