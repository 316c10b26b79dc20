import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { SearchSource } from '../../../shared/api/table';
import { ledgerVersion } from './actions';

/**
 * The texts of a round that a search reads (problems, live measures, live progress), kept in memory for
 * terms of one or two characters, which the trigram index cannot answer. Scanning them in SQLite took tens
 * of milliseconds on 10,000 problems, on every keystroke; scanning strings in memory takes a few. The copy
 * is read again after any change to the ledger (its version is the last action's id).
 */
interface Texts {
  roundId: number;
  version: number;
  /** The problems the texts are of, ascending, each once. */
  ids: number[];
  /** Per text: its problem's place in `ids`, and the bit of where it was written (SOURCE_BIT). */
  slots: Int32Array;
  bits: Uint8Array;
  /** Lower-cased, as the trigram index compares. */
  texts: string[];
}

/** Where a problem matched, as bits (a one-character query matches every problem: no set per problem). */
export const SOURCE_BIT: Readonly<Record<SearchSource, number>> = { problem: 1, measure: 2, progress: 4, code: 8 };

const kept = new WeakMap<Database.Database, Texts>();

function readTexts(db: Db, roundId: number, version: number): Texts {
  const rows = db.raw
    .prepare(
      `SELECT p.id, 'problem', p.text FROM problems p WHERE p.round_id = @roundId
       UNION ALL
       SELECT m.problem_id, 'measure', m.text FROM measures m JOIN problems p ON p.id = m.problem_id
         WHERE p.round_id = @roundId AND m.deleted_at IS NULL
       UNION ALL
       SELECT g.problem_id, 'progress', g.text FROM progress g JOIN problems p ON p.id = g.problem_id
         WHERE p.round_id = @roundId AND g.deleted_at IS NULL`,
    )
    .raw(true)
    .all({ roundId }) as [number, SearchSource, string][];
  const ids = [...new Set(rows.map((r) => r[0]))].sort((a, b) => a - b);
  const slotOf = new Map(ids.map((id, i) => [id, i]));
  const texts: Texts = { roundId, version, ids, slots: new Int32Array(rows.length), bits: new Uint8Array(rows.length), texts: new Array<string>(rows.length) };
  rows.forEach(([id, source, text], i) => {
    texts.slots[i] = slotOf.get(id)!;
    texts.bits[i] = SOURCE_BIT[source];
    texts.texts[i] = text.toLowerCase();
  });
  return texts;
}

/**
 * Problems of the round (deleted ones too) whose text, live measures or live progress contain `term`:
 * each with the bits of where (SOURCE_BIT), by ascending id. Marked per problem in an array, not a map
 * entry per matching text: a one-character term matches nearly all 500,000 texts of 100,000 problems.
 */
export function scanTexts(db: Db, roundId: number, term: string): Map<number, number> {
  const version = ledgerVersion(db);
  let texts = kept.get(db.raw);
  if (!texts || texts.roundId !== roundId || texts.version !== version) kept.set(db.raw, (texts = readTexts(db, roundId, version)));
  const wanted = term.toLowerCase();
  const found = new Uint8Array(texts.ids.length);
  const { slots, bits } = texts;
  for (let i = 0; i < texts.texts.length; i++) {
    if (texts.texts[i]!.includes(wanted)) found[slots[i]!]! |= bits[i]!;
  }
  const hits = new Map<number, number>();
  for (let i = 0; i < found.length; i++) if (found[i]) hits.set(texts.ids[i]!, found[i]!);
  return hits;
}
