import type { NameChoices } from '../../shared/api/problems';
import { ApiCallError } from '../api';

/**
 * What a person answered to the ledger's questions about one write: which unknown unit names are new
 * units and which are another name of an existing one (NEW_UNITS), and whether deadline text that cannot
 * be read is kept as text (UNPARSED_DEADLINE for one field, UNPARSED_DEADLINES for a pasted block).
 */
export interface WriteAnswers {
  names: NonNullable<NameChoices>;
  acceptUnparsed: boolean;
}

export interface Askers {
  /** Resolves with the answers for these names, or null when the person cancels. */
  names(names: string[]): Promise<NonNullable<NameChoices> | null>;
  /** Resolves true when the person keeps the unreadable deadline text as it is. */
  unparsed(message: string): Promise<boolean>;
}

function detailList(e: ApiCallError, key: string): unknown[] {
  const d = e.error.detail as Record<string, unknown> | undefined;
  return Array.isArray(d?.[key]) ? (d![key] as unknown[]) : [];
}

/**
 * Run a write; when the ledger asks (a new unit name, an unreadable deadline), ask the person once and
 * write again with the answers. Resolves null when the person cancels: nothing was written.
 */
export async function writeWithAnswers<T>(ask: Askers, write: (a: WriteAnswers) => Promise<T>): Promise<T | null> {
  const answers: WriteAnswers = { names: {}, acceptUnparsed: false };
  for (;;) {
    try {
      return await write(answers);
    } catch (e) {
      if (!(e instanceof ApiCallError)) throw e;
      if (e.error.code === 'NEW_UNITS') {
        const names = detailList(e, 'names').map(String);
        const asked = new Set([...(answers.names.newUnits ?? []), ...(answers.names.unitAliases ?? []).map((a) => a.alias)]);
        // The same names asked twice means the answers did not take: say so instead of asking forever.
        if (names.length === 0 || names.every((n) => asked.has(n))) throw e;
        const got = await ask.names(names);
        if (!got) return null;
        answers.names = {
          newUnits: [...(answers.names.newUnits ?? []), ...(got.newUnits ?? [])],
          unitAliases: [...(answers.names.unitAliases ?? []), ...(got.unitAliases ?? [])],
        };
        continue;
      }
      if ((e.error.code === 'UNPARSED_DEADLINE' || e.error.code === 'UNPARSED_DEADLINES') && !answers.acceptUnparsed) {
        if (!(await ask.unparsed(e.error.message))) return null;
        answers.acceptUnparsed = true;
        continue;
      }
      throw e;
    }
  }
}
