import type { TableProblem } from '../../shared/domain/types';
import { LEADER_SEPARATOR, type ColumnKey } from './columns';

/** Columns whose words a replace may change as text. */
export const REPLACEABLE: readonly { key: ColumnKey; title: string }[] = [
  { key: 'text', title: '问题' },
  { key: 'deadline', title: '整改时限' },
];

/**
 * Units and leaders are records (renamed or merged for every problem at once, with their aliases), not
 * words in a cell: a replace there would make a new unit per spelling.
 */
export const RECORD_COLUMNS: readonly { key: ColumnKey; title: string }[] = [
  { key: 'leadUnit', title: '牵头单位' },
  { key: 'leaders', title: '责任领导' },
];

export interface ReplaceRequest {
  find: string;
  replace: string;
  /** The columns searched. */
  columns: readonly ColumnKey[];
  /** The whole cell must equal `find` (trimmed), or `find` may be part of it. */
  wholeCell: boolean;
}

export interface ReplaceChange {
  id: number;
  code: string;
  column: ColumnKey;
  title: string;
  before: string;
  after: string;
}

/** A cell's text as a replace reads and writes it: the deadline as typed, leaders as one line. */
function cellValue(p: TableProblem, key: ColumnKey): string {
  switch (key) {
    case 'text':
      return p.text;
    case 'deadline':
      return p.deadline.raw;
    case 'leadUnit':
      return p.leadUnit ?? '';
    case 'leaders':
      return p.leaders.join(LEADER_SEPARATOR);
    default:
      return '';
  }
}

const TITLES = new Map([...REPLACEABLE, ...RECORD_COLUMNS].map((c) => [c.key, c.title]));

/** Every change a replace would make, in the order given (code order for the ledger's order). */
export function planReplace(problems: readonly TableProblem[], req: ReplaceRequest): ReplaceChange[] {
  const find = req.find;
  if (!find) return [];
  const out: ReplaceChange[] = [];
  for (const p of problems) {
    for (const key of req.columns) {
      const before = cellValue(p, key);
      let after: string;
      if (req.wholeCell) after = before.trim() === find.trim() ? req.replace : before;
      else after = before.split(find).join(req.replace);
      if (after !== before) out.push({ id: p.id, code: p.code, column: key, title: TITLES.get(key) ?? key, before, after });
    }
  }
  return out;
}

/** How many cells of the record columns hold what is looked for (to say where to rename them instead). */
export function recordHits(problems: readonly TableProblem[], req: Omit<ReplaceRequest, 'columns' | 'replace'>): { title: string; count: number }[] {
  return RECORD_COLUMNS.map((c) => ({
    title: c.title,
    count: planReplace(problems, { ...req, replace: `\u0000${req.find}`, columns: [c.key] }).length,
  })).filter((h) => h.count > 0);
}
