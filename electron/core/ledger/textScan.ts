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
  problemIds: number[];
  sources: SearchSource[];
  /** Lower-cased, as the trigram index compares. */
  texts: string[];
}

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
  const texts: Texts = { roundId, version, problemIds: [], sources: [], texts: [] };
  for (const [id, source, text] of rows) {
    texts.problemIds.push(id);
    texts.sources.push(source);
    texts.texts.push(text.toLowerCase());
  }
  return texts;
}

/** Problems of the round (deleted ones too) whose text, live measures or live progress contain `term`. */
export function scanTexts(db: Db, roundId: number, term: string): { problemId: number; source: SearchSource }[] {
  const version = ledgerVersion(db);
  let texts = kept.get(db.raw);
  if (!texts || texts.roundId !== roundId || texts.version !== version) kept.set(db.raw, (texts = readTexts(db, roundId, version)));
  const wanted = term.toLowerCase();
  const hits: { problemId: number; source: SearchSource }[] = [];
  for (let i = 0; i < texts.texts.length; i++) {
    if (texts.texts[i]!.includes(wanted)) hits.push({ problemId: texts.problemIds[i]!, source: texts.sources[i]! });
  }
  return hits;
}
