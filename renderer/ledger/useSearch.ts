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

/**
 * Ask the ledger for the problems matching `query` on every keystroke (a local query takes milliseconds);
 * answers that arrive after a newer query was sent are dropped. Re-asked after every change to the ledger.
 */
export function useSearch(query: string, version: number, scope: string | null): SearchState {
  const [state, setState] = useState<SearchState>(NONE);
  const seq = useRef(0);
  const q = query.trim();
  useEffect(() => {
    const my = ++seq.current;
    if (!q) {
      setState(NONE);
      return;
    }
    call('problems.search', { query: q }).then(
      (r) => {
        if (my === seq.current) setState({ query: q, ids: new Set(r.ids), sources: (id) => sourcesOf(r, id), mode: r.mode, error: null });
      },
      (e) => {
        if (my === seq.current) setState({ query: q, ids: new Set(), sources: noSources, mode: null, error: errorMessage(e) });
      },
    );
  }, [q, version, scope]);
  // While the first answer for a new query is on its way, keep showing the previous one (no flash).
  return state;
}
