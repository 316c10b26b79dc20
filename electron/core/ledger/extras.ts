import type { Db } from '../db/open';

/** A column an imported sheet carried beyond the ledger's own fields (原因分析, 举一反三情况…), as written. */
export interface ExtraField {
  measureId: number | null;
  label: string;
  value: string;
}

/** A problem's extra fields (its own, then its measures'), in the order they were written. */
export function extrasOf(db: Db, problemId: number): ExtraField[] {
  return db.raw
    .prepare('SELECT measure_id AS measureId, label, value FROM extra_fields WHERE problem_id = ? ORDER BY measure_id IS NOT NULL, measure_id, ord, id')
    .all(problemId) as ExtraField[];
}

/** The extra fields of a whole round, by problem. */
export function extrasByProblem(db: Db, roundId: number, ids?: readonly number[]): Map<number, ExtraField[]> {
  // `ids`: only those problems (a page of a long list, views.problemDetailPages).
  const only = ids ? 'AND e.problem_id IN (SELECT value FROM json_each(?))' : '';
  const rows = db.raw
    .prepare(
      `SELECT e.problem_id AS problemId, e.measure_id AS measureId, e.label, e.value FROM extra_fields e JOIN problems p ON p.id = e.problem_id
       WHERE p.round_id = ? ${only} ORDER BY e.problem_id, e.measure_id IS NOT NULL, e.measure_id, e.ord, e.id`,
    )
    .all(roundId, ...(ids ? [JSON.stringify(ids)] : [])) as (ExtraField & { problemId: number })[];
  const out = new Map<number, ExtraField[]>();
  for (const { problemId, ...e } of rows) {
    if (!out.has(problemId)) out.set(problemId, []);
    out.get(problemId)!.push(e);
  }
  return out;
}

/**
 * Set the extra fields of a problem (measureId null) or of one of its measures. With `merge`, labels not
 * given are kept (a return brings some columns); otherwise the given set replaces the old. Rows are
 * replaced only when something changed. Call inside runAction. Returns whether anything changed.
 */
export function setExtras(db: Db, problemId: number, measureId: number | null, fields: Record<string, string>, merge = false): boolean {
  const current = db.raw
    .prepare('SELECT label, value FROM extra_fields WHERE problem_id = ? AND measure_id IS ? ORDER BY ord, id')
    .all(problemId, measureId) as { label: string; value: string }[];
  const next: [string, string][] = merge ? current.map((c) => [c.label, fields[c.label] ?? c.value]) : [];
  for (const [label, value] of Object.entries(fields)) if (!next.some(([l]) => l === label)) next.push([label, value]);
  const wanted = next.filter(([, v]) => v !== '');
  const same = wanted.length === current.length && wanted.every(([l, v], i) => current[i]!.label === l && current[i]!.value === v);
  if (same) return false;
  db.raw.prepare('DELETE FROM extra_fields WHERE problem_id = ? AND measure_id IS ?').run(problemId, measureId);
  const insert = db.raw.prepare('INSERT INTO extra_fields (problem_id, measure_id, ord, label, value) VALUES (?, ?, ?, ?, ?)');
  wanted.forEach(([label, value], i) => insert.run(problemId, measureId, i + 1, label, value));
  return true;
}
