import { navigate } from '../router';

/** Open the ledger table showing only these problems (#/ledger?ids=…&label=…). */
export function showInLedger(ids: readonly number[], label: string): void {
  navigate('ledger', { ids: [...new Set(ids)].join(','), label });
}

/** The problem ids a drill-down address names, or null when it names none. */
export function idsParam(params: URLSearchParams): Set<number> | null {
  const v = params.get('ids');
  if (v == null) return null;
  return new Set(v.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0));
}
