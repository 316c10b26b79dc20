import type { Db } from '../../db/open';
import { parseCode } from '../../../../shared/domain/code';

export interface LedgerProblem {
  id: number;
  code: string;
  text: string;
  kind: 'general' | 'specific';
  leadUnit: string | null;
}

export type MatchResult =
  | { by: 'code' | 'text' | 'template'; problem: LedgerProblem }
  | { by: 'similar'; problem: LedgerProblem; score: number }
  | { by: 'none'; reason: string; code?: string };

/** Similarity at or above which a row is offered as a match (to be confirmed by the person). */
export const SIMILARITY_THRESHOLD = 0.6;

/** Problem text as departments retype it: no spaces, no punctuation (，vs ,), full-width folded. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over character bigrams of the normalised texts (0–1). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  return diceOf(bigrams(a), a.length, bigrams(b), b.length);
}

function diceOf(A: Map<string, number>, lenA: number, B: Map<string, number>, lenB: number): number {
  if (lenA < 2 || lenB < 2) return 0;
  let common = 0;
  for (const [g, n] of A) common += Math.min(n, B.get(g) ?? 0);
  return (2 * common) / (lenA - 1 + (lenB - 1));
}

/** The live problems of a round, indexed for matching. Rebuilt per file (an earlier file may add some). */
export function problemIndex(db: Db, roundId: number) {
  const problems = db.raw
    .prepare(
      `SELECT p.id, p.code, p.text, p.kind, u.name AS leadUnit FROM problems p LEFT JOIN units u ON u.id = p.lead_unit_id
       WHERE p.round_id = ? AND p.deleted_at IS NULL ORDER BY p.id`,
    )
    .all(roundId) as LedgerProblem[];
  const byCode = new Map(problems.map((p) => [p.code, p]));
  const byId = new Map(problems.map((p) => [p.id, p]));
  // Normalised texts, computed on the first row that needs matching by text (most rows have a code).
  let normalized: { p: LedgerProblem; n: string }[] | null = null;
  const byText = new Map<string, LedgerProblem[]>();
  const texts = () => {
    if (normalized) return normalized;
    normalized = problems.map((p) => ({ p, n: normalizeText(p.text) }));
    for (const { p, n } of normalized) {
      if (!byText.has(n)) byText.set(n, []);
      byText.get(n)!.push(p);
    }
    return normalized;
  };
  // Bigrams of the ledger's texts, computed on the first match by similarity.
  const grams: (Map<string, number> | undefined)[] = [];
  const normalizedById = new Map<number, string>();
  return {
    problems,
    byId,
    /** A ledger problem's text as normalizeText gives it, computed once. */
    normalizedText(p: LedgerProblem): string {
      let n = normalizedById.get(p.id);
      if (n === undefined) normalizedById.set(p.id, (n = normalizeText(p.text)));
      return n;
    },
    /** Match a row by its code cell (any spelling of DOMAIN §2), else its text. */
    match(codeCell: string | undefined, text: string | undefined): MatchResult {
      if (codeCell) {
        const code = parseCode(codeCell);
        if (code) {
          const p = byCode.get(code);
          if (p) return { by: 'code', problem: p };
          return { by: 'none', code, reason: `编号“${codeCell}”${codeCell.trim() === code ? '' : `（即 ${code}）`}在台账中不存在` };
        }
      }
      if (!text) return { by: 'none', reason: '该行既没有可识别的编号，也没有问题内容' };
      const n = normalizeText(text);
      const all = texts();
      const exact = byText.get(n);
      if (exact?.length === 1) return { by: 'text', problem: exact[0]! };
      if (exact && exact.length > 1) return { by: 'none', reason: `台账中有 ${exact.length} 个问题内容与此相同（${exact.map((p) => p.code).join('、')}），请填写编号` };
      let best: { p: LedgerProblem; s: number } | null = null;
      let second = 0;
      const mine = bigrams(n);
      for (const [i, { p, n: other }] of all.entries()) {
        grams[i] ??= bigrams(other);
        const s = diceOf(mine, n.length, grams[i]!, other.length);
        if (!best || s > best.s) {
          second = best?.s ?? 0;
          best = { p, s };
        } else if (s > second) second = s;
      }
      if (best && best.s >= SIMILARITY_THRESHOLD && best.s - second >= 0.05) return { by: 'similar', problem: best.p, score: best.s };
      return { by: 'none', reason: best && best.s >= 0.3 ? `问题内容与台账中任何问题都对不上（最接近的是 ${best.p.code}，相似度 ${Math.round(best.s * 100)}%）` : '问题内容与台账中任何问题都对不上' };
    },
  };
}

export type ProblemIndex = ReturnType<typeof problemIndex>;
