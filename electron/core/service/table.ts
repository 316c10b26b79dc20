import type { Handlers } from './registry';
import { searchProblems, sourceList } from '../ledger/search';
import { changedProblemsSince } from '../ledger/changes';
import { ledgerOrderHead, listTableProblems } from '../ledger/summaries';
import { listCategories } from '../ledger/rounds';
import { ledgerVersion } from '../ledger/actions';
import { requireRound } from './ledger';
import { toColumns } from '../../../shared/api/columns';
import { TABLE_PROBLEM_FIELDS, type SearchSource } from '../../../shared/api/table';

export const tableHandlers: Handlers<'problems.search' | 'problems.changes'> = {
  'problems.search': (req, ctx) => {
    const hits = searchProblems(ctx.session.db(), requireRound(ctx, req.roundId), req.query);
    // Each distinct list of sources once; per id the index of its list.
    const lists = new Map<number, number>();
    const sourceLists: SearchSource[][] = [];
    const sourceOf = hits.ids.map((id) => {
      const bits = hits.sources.get(id)!;
      let at = lists.get(bits);
      if (at === undefined) {
        lists.set(bits, (at = sourceLists.length));
        sourceLists.push(sourceList(bits));
      }
      return at;
    });
    return { ids: hits.ids, sourceLists, sourceOf, mode: hits.mode };
  },
  'problems.changes': (req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx, req.roundId);
    const changed = req.since === undefined ? { version: ledgerVersion(db), full: true as const } : changedProblemsSince(db, req.since);
    const categories = listCategories(db, roundId);
    if (req.since === undefined && req.first !== undefined) {
      // The first screen: a few rows in ledger order and the count of all.
      const head = ledgerOrderHead(db, roundId, req.first, categories);
      const problems = toColumns(listTableProblems(db, { roundId, ids: head.ids }), TABLE_PROBLEM_FIELDS);
      return { version: changed.version, roundId, full: true, problems, total: head.total, categories };
    }
    if (changed.full) {
      const problems = toColumns(listTableProblems(db, { roundId }), TABLE_PROBLEM_FIELDS);
      return { version: changed.version, roundId, full: true, problems, total: problems.count, categories };
    }
    const problems = toColumns(listTableProblems(db, { roundId, ids: changed.ids }), TABLE_PROBLEM_FIELDS);
    return { version: changed.version, roundId, full: false, problems, ids: changed.ids, categories };
  },
};
