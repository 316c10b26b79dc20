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
}
