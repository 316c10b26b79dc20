import { useEffect, useRef, useState } from 'react';
import { sourcesOf, type SearchResult, type SearchSource } from '../../shared/api/table';
import { call, errorMessage } from '../api';

export interface SearchState {
  /** The query these ids answer (the box may already hold a newer one). */
  query: string;
  /** Matching problem ids, or null when there is no query. */
  ids: Set<number> | null;
  /** Where a problem matched (undefined: not a match, or no query). */
  sources(id: number): SearchSource[] | undefined;
  mode: SearchResult['mode'] | null;
  error: string | null;
}

const noSources = () => undefined;
const NONE: SearchState = { query: '', ids: null, sources: noSources, mode: null, error: null };

/** How many answers are kept for going back (⌫) to a query answered a moment ago. */
const KEPT = 4;

/**
 * Ask the ledger for the problems matching `query` on every keystroke (a local query takes milliseconds);
 * answers that arrive after a newer query was sent are dropped. Re-asked after every change to the ledger.
 * The last few answers are kept for the ledger version they answered: ⌫ back to a query asked before the
 * ledger changed again shows its answer at once (at 100,000 problems a one-character query's answer is
 * 100,000 ids: asking again cost the ledger 25–80 ms and the page a set of them).
 */
export function useSearch(query: string, version: number, scope: string | null): SearchState {
  const [state, setState] = useState<SearchState>(NONE);
  const seq = useRef(0);
  // Answers of one ledger version (of one ledger and round): another version empties it.
  const kept = useRef<{ scope: string | null; version: number; answers: Map<string, SearchState> }>({ scope, version, answers: new Map() });
  const q = query.trim();
  useEffect(() => {
    const my = ++seq.current;
    if (!q) {
      setState(NONE);
      return;
    }
    if (kept.current.scope !== scope || kept.current.version !== version) kept.current = { scope, version, answers: new Map() };
    const answers = kept.current.answers;
    const answered = answers.get(q);
    if (answered) {
      setState(answered);
      return;
    }
    call('problems.search', { query: q }).then(
      (r) => {
        const found: SearchState = { query: q, ids: new Set(r.ids), sources: (id) => sourcesOf(r, id), mode: r.mode, error: null };
        answers.set(q, found);
        if (answers.size > KEPT) answers.delete(answers.keys().next().value!);
        if (my === seq.current) setState(found);
      },
      (e) => {
        if (my === seq.current) setState({ query: q, ids: new Set(), sources: noSources, mode: null, error: errorMessage(e) });
      },
    );
  }, [q, version, scope]);
  // While the first answer for a new query is on its way, keep showing the previous one (no flash).
  return state;
}
