import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../electron/core/ledger/actions';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { checkLedger } from '../../electron/core/ledger/check';
import { tmpLedger } from '../helpers/ledger';

/** `check` reads all measures in one pass beside the problems (issue 16): each problem still gets its own. */
describe('check of measures and derived statuses', () => {
  let t: ReturnType<typeof tmpLedger>;
  beforeEach(() => (t = tmpLedger()));
  afterEach(() => t.cleanup());

  it('names the problem whose measures skip a number and the one whose derived status disagrees, and no other', () => {
    createSampleLedger(t.db);
    expect(checkLedger(t.db)).toEqual([]);
    const withMeasures = t.db.raw
      .prepare("SELECT p.id, p.code FROM problems p WHERE p.status_source = 'derived' AND (SELECT count(*) FROM measures m WHERE m.problem_id = p.id AND m.deleted_at IS NULL) >= 2 ORDER BY p.id")
      .all() as { id: number; code: string }[];
    const [a, b, last] = [withMeasures[0]!, withMeasures[1]!, withMeasures[withMeasures.length - 1]!];
    runAction(t.db, { source: 'edit', label: '制造不一致' }, () => {
      // A measure of `a` renumbered; the highest-numbered measure of `last` too (the last problem of the walk).
      t.db.raw.prepare('UPDATE measures SET no = 7 WHERE id = (SELECT max(id) FROM measures WHERE problem_id = ?)').run(a.id);
      t.db.raw.prepare('UPDATE measures SET no = 9 WHERE id = (SELECT max(id) FROM measures WHERE problem_id = ?)').run(last.id);
      t.db.raw.prepare("UPDATE problems SET status = CASE status WHEN '未启动' THEN '正在推进' ELSE '未启动' END WHERE id = ?").run(b.id);
    });
    const n = (id: number) => (t.db.raw.prepare('SELECT count(*) AS n FROM measures WHERE problem_id = ? AND deleted_at IS NULL').get(id) as { n: number }).n;
    const findings = checkLedger(t.db);
    expect(findings.map((f) => f.where)).toEqual([a.code, b.code, last.code]);
    expect(findings[0]!.message).toBe(`整改措施序号不连续（第${n(a.id)}项记为7）`);
    expect(findings[1]!.message).toMatch(/^状态应由措施推导为“.+”，记录为“.+”$/);
    expect(findings[2]!.message).toBe(`整改措施序号不连续（第${n(last.id)}项记为9）`);
  });
});
