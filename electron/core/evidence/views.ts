import type { Db } from '../db/open';
import type { EvidenceView, MissingEvidenceItem } from '../../../shared/api/evidence';
import { evidenceNumber } from '../../../shared/domain/code';
import { countsAsCompleted } from '../../../shared/domain/status';
import { getProblemRow } from '../ledger/problems';
import { getRound } from '../ledger/rounds';
import { listProblemSummaries } from '../ledger/views';
import { fromMime } from './sniff';
import { openPolicy } from './open-policy';
import { listEvidenceRows, type EvidenceRow } from './store';

/** Invisible characters made visible, so that a list never shows `‮fdp.exe` as `exe.pdf`. */
export function displayName(name: string): string {
  return name.replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0000-\u001f]/g, (c) => `⟦U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);
}

export function toEvidenceView(row: EvidenceRow & { measure_no?: number | null }, code: string): EvidenceView {
  const sniffed = fromMime(row.mime);
  const verdict = row.sha256 ? openPolicy(row.original_name, sniffed) : null;
  return {
    id: row.id,
    problemId: row.problem_id,
    problemCode: code,
    measureId: row.measure_id,
    measureNo: row.measure_no ?? null,
    seq: row.seq,
    number: evidenceNumber(code, row.seq),
    title: row.title,
    originalName: row.original_name,
    displayName: displayName(row.original_name),
    mime: row.mime,
    typeLabel: row.sha256 ? sniffed.label : '',
    size: row.size,
    sha256: row.sha256,
    received: row.sha256 != null,
    addedBy: row.added_by,
    addedAt: row.added_at,
    source: row.source,
    batchId: row.batch_id,
    deletedAt: row.deleted_at,
    preview: verdict?.preview ?? null,
    canOpen: verdict?.canOpen ?? false,
    openBlockedReason: verdict ? verdict.reason : '还没有收到文件。',
  };
}

export function listEvidence(db: Db, problemId: number, options: { includeDeleted?: boolean } = {}): EvidenceView[] {
  const code = getProblemRow(db, problemId).code;
  return listEvidenceRows(db, problemId, options).map((r) => toEvidenceView(r, code));
}

/**
 * Problems that count as done (completed, in sign-off or signed off) but have no received evidence file:
 * the first thing an inspection office asks about. In ledger order.
 */
export function problemsMissingEvidence(db: Db, roundId: number): MissingEvidenceItem[] {
  const round = getRound(db, roundId);
  const counts = new Map(
    (
      db.raw
        .prepare(
          `SELECT e.problem_id AS id, sum(e.sha256 IS NOT NULL) AS received, sum(e.sha256 IS NULL) AS listed
           FROM evidence e JOIN problems p ON p.id = e.problem_id
           WHERE p.round_id = ? AND e.deleted_at IS NULL GROUP BY e.problem_id`,
        )
        .all(roundId) as { id: number; received: number; listed: number }[]
    ).map((r) => [r.id, r]),
  );
  return listProblemSummaries(db, { roundId })
    .filter((p) => (countsAsCompleted(p.status, round.longTermCountsCompleted) || p.status === '待销号') && !(counts.get(p.id)?.received ?? 0))
    .map((problem) => ({ problem, listedNotReceived: counts.get(problem.id)?.listed ?? 0 }));
}
