import type { Args } from './args';

/** One command of `npm run cli -- <command>`; each lives in its own module and registers here. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  valueKeys?: readonly string[];
  flagKeys?: readonly string[];
  /** Returns the exit code. Throw UsageError (exit 2) for bad arguments, LedgerError (exit 2) for a bad file. */
  run(args: Args, io: CliIo): Promise<number> | number;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Resolves when what was written so far has been taken by the reader (a pipe to jq or head takes it
   * slower than a ledger is read: without waiting, `list --json` of 100,000 problems piled up ~1 GB).
   */
  drain?(): Promise<void>;
}
