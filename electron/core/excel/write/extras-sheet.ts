import type { Db } from '../../db/open';
import type { Book } from './book';
import type { ExportProblem, LedgerData } from './data';
import { extrasByProblem } from '../../ledger/extras';
import { cellText } from './safe';

/**
 * The columns imports kept beyond the ledger's fields (原因分析, 举一反三情况…, issue 10), exported back on a
 * sheet of their own: 编号, 措施序号 (blank for the problem's own), then one column per kept heading, so that
 * a clerk sees them and an import of this sheet reads them again. Nothing is written when none were kept.
 */
export function writeExtrasSheet(book: Book, db: Db, roundId: number, data: LedgerData): number {
  const all = extrasByProblem(db, roundId);
  if (all.size === 0) return 0;
  const problems: ExportProblem[] = [];
  for (const c of data.categories) for (const p of c.problems) if (all.has(p.id)) problems.push(p);
  if (problems.length === 0) return 0;
  const measureNo = new Map(
    (db.raw.prepare('SELECT m.id, m.no FROM measures m JOIN problems p ON p.id = m.problem_id WHERE p.round_id = ?').all(roundId) as { id: number; no: number }[]).map((m) => [m.id, m.no]),
  );
  const labels: string[] = [];
  for (const p of problems) for (const e of all.get(p.id)!) if (!labels.includes(e.label)) labels.push(e.label);
  const ws = book.wb.addWorksheet('其他信息');
  ws.columns = [{ width: 10 }, { width: 9 }, ...labels.map(() => ({ width: 30 }))];
  const head = ws.addRow(['编号', '措施序号', ...labels.map((l) => cellText(l))]);
  head.font = { bold: true };
  head.commit();
  let rows = 0;
  for (const p of problems) {
    const byOwner = new Map<number | null, Map<string, string>>();
    for (const e of all.get(p.id)!) {
      if (!byOwner.has(e.measureId)) byOwner.set(e.measureId, new Map());
      byOwner.get(e.measureId)!.set(e.label, e.value);
    }
    for (const [measureId, values] of byOwner) {
      const no = measureId == null ? '' : (measureNo.get(measureId) ?? '');
      const row = ws.addRow([p.code, no, ...labels.map((l) => cellText(values.get(l) ?? ''))]);
      row.alignment = { wrapText: true, vertical: 'top' };
      row.commit();
      rows++;
    }
  }
  ws.commit();
  return rows;
}
