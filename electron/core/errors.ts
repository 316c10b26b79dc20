/**
 * Expected failures carry a Chinese message for the person and a detail for us (STYLE habit 6).
 * Thrown inside the core, turned into `{ ok: false, error }` at the service boundary.
 */
export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export function isLedgerError(e: unknown): e is LedgerError {
  return e instanceof LedgerError;
}
