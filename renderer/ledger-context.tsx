import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { LedgerInfo } from '../shared/api/ledger';
import { call, errorMessage, onLedgerChanged } from './api';
import { takeEarlyInfo } from './earlyRequests';

interface LedgerState {
  info: LedgerInfo | null;
  error: string | null;
  /** Bumped after every change to the ledger: pages reload when it changes. */
  version: number;
  refresh(): Promise<void>;
}

const Ctx = createContext<LedgerState>({ info: null, error: null, version: 0, refresh: async () => {} });

export function LedgerProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<LedgerInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(async (early: Promise<LedgerInfo> | null) => {
    try {
      const next = await (early ?? call('ledger.info', {}));
      setInfo(next);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  const refresh = useCallback(() => load(null), [load]);

  useEffect(() => {
    // The answer asked for as the page started (earlyRequests.ts), when there is one.
    void load(takeEarlyInfo());
    return onLedgerChanged(() => {
      setVersion((v) => v + 1);
      void refresh();
    });
  }, [load, refresh]);

  return <Ctx.Provider value={{ info, error, version, refresh }}>{children}</Ctx.Provider>;
}

export function useLedger(): LedgerState {
  return useContext(Ctx);
}
