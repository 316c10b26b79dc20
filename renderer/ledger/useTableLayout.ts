import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_LAYOUT, parseLayout, storageKey, type TableLayout } from './layout';

function read(ledger: string | null): TableLayout {
  if (!ledger) return DEFAULT_LAYOUT;
  try {
    return parseLayout(localStorage.getItem(storageKey(ledger)));
  } catch {
    return DEFAULT_LAYOUT;
  }
}

/** The table's layout for a ledger, remembered on this computer (the browser's storage, keyed by the ledger's file). */
export function useTableLayout(ledger: string | null) {
  const [state, setState] = useState<{ ledger: string | null; layout: TableLayout }>(() => ({ ledger, layout: read(ledger) }));
  // Another ledger opened: its own layout.
  const layout = state.ledger === ledger ? state.layout : read(ledger);
  useEffect(() => {
    if (state.ledger !== ledger) setState({ ledger, layout: read(ledger) });
  }, [ledger, state.ledger]);
  const update = useCallback(
    (change: (l: TableLayout) => TableLayout) =>
      setState((s) => {
        const next = change(s.ledger === ledger ? s.layout : read(ledger));
        if (ledger) {
          try {
            localStorage.setItem(storageKey(ledger), JSON.stringify(next));
          } catch {
            // A full or refused storage only loses the remembered layout, never the table.
          }
        }
        return { ledger, layout: next };
      }),
    [ledger],
  );
  const reset = useCallback(() => update(() => DEFAULT_LAYOUT), [update]);
  return { layout, update, reset };
}
