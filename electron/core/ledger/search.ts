import type { Db } from '../db/open';
import { parseCode } from '../../../shared/domain/code';
import type { SearchSource } from '../../../shared/api/table';
import { SOURCE_BIT, scanTexts } from './textScan';

export interface SearchHits {
  /** Problem ids that match every term, ascending. */
  ids: number[];
  /** Where each problem matched (its own text, a measure, a progress entry, its code): bits of SOURCE_BITS. */
  sources: Map<number, number>;
  /** 'fts' when every text term was answered by the trigram index, 'substring' when a scan was needed. */
  mode: 'fts' | 'substring';
}

/**
 * Where a problem matched, as bits: a one-character query matches every problem, and a set per problem was
 * most of its time at 100,000 problems. `sourceList` gives the words, always in this order.
 */
export const SOURCE_BITS: readonly SearchSource[] = ['problem', 'measure', 'progress', 'code'];
const BIT = SOURCE_BIT;

export function sourceList(bits: number): SearchSource[] {
  return SOURCE_BITS.filter((s) => bits & BIT[s]);
}

/** Trigram FTS needs at least three characters; shorter terms are matched by a substring scan. */
const TRIGRAM = 3;

/** A term as one FTS5 phrase: quotes doubled, so that nothing in it is read as query syntax. */
function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

// Soft-deleted measures and progress stay in the index (its triggers follow hard deletes only), so every
// hit is checked against the live row.
const LIVE = `(s.src = 'problem'
  OR (s.src = 'measure' AND EXISTS (SELECT 1 FROM measures m WHERE m.id = s.src_id AND m.deleted_at IS NULL))
  OR (s.src = 'progress' AND EXISTS (SELECT 1 FROM progress g WHERE g.id = s.src_id AND g.deleted_at IS NULL)))`;

function termHits(db: Db, roundId: number, term: string): { hits: Map<number, number>; scanned: boolean } {
  const scanned = [...term].length < TRIGRAM;
  const hits = scanned ? scanTexts(db, roundId, term) : new Map<number, number>();
  const add = (id: number, src: SearchSource) => hits.set(id, (hits.get(id) ?? 0) | BIT[src]);
  if (!scanned) {
    const rows = db.raw
      .prepare(
        `SELECT s.problem_id, s.src FROM search_index s JOIN problems p ON p.id = s.problem_id
         WHERE search_index MATCH ? AND p.round_id = ? AND ${LIVE}`,
      )
      .all(ftsPhrase(term), roundId) as { problem_id: number; src: SearchSource }[];
    for (const r of rows) add(r.problem_id, r.src);
  }
  // A term written as a code (2-3, 二-3-(2), 2.3.2) also finds that problem and the problems beneath it.
  const code = parseCode(term);
  if (code) {
    const byCode = db.raw
      .prepare("SELECT id FROM problems WHERE round_id = ? AND (code = ? OR code LIKE ? || '-%')")
      .all(roundId, code, code) as { id: number }[];
    for (const r of byCode) add(r.id, 'code');
  }
  return { hits, scanned };
}

/**
 * Find problems of a round by their text, their measures' text and their progress entries (DOMAIN: people
 * search for words they remember from any of these). Terms separated by spaces must all match, each
 * anywhere. Deleted problems are found too; callers show what they list.
 */
export function searchProblems(db: Db, roundId: number, query: string): SearchHits {
  const terms = [...new Set(query.normalize('NFKC').trim().split(/\s+/).filter(Boolean))];
  if (terms.length === 0) return { ids: [], sources: new Map(), mode: 'fts' };
  let result: Map<number, number> | null = null;
  let mode: SearchHits['mode'] = 'fts';
  for (const term of terms) {
    const { hits, scanned } = termHits(db, roundId, term);
    if (scanned) mode = 'substring';
    if (result === null) result = hits;
    else {
      const next = new Map<number, number>();
      for (const [id, srcs] of result) {
        const more = hits.get(id);
        if (more) next.set(id, srcs | more);
      }
      result = next;
    }
    if (result.size === 0) break;
  }
  const sources = result ?? new Map<number, number>();
  return { ids: [...sources.keys()].sort((a, b) => a - b), sources, mode };
}
