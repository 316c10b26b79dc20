import crypto from 'node:crypto';
import type { Db } from '../db/open';
import { LATEST_VERSION } from '../db/migrations';
import { deriveProblemStatus, type MeasureStatus } from '../../../shared/domain/status';
import { isIsoDate } from '../../../shared/domain/dates';
import { checkSignoffs } from '../signoff/check';
import { searchIndexMismatches } from './search-index';
import { listUnitLists } from './people';

export interface CheckFinding {
  /** Where: a problem code, an evidence number, or the file. */
  where: string;
  message: string;
}

/**
 * Verify a ledger: SQLite's own integrity and foreign keys, then the app's invariants (derived statuses,
 * measure numbering, deadlines, codes, sign-off states, evidence files against their SHA-256). Empty result = healthy.
 */
export function checkLedger(db: Db): CheckFinding[] {
  const out: CheckFinding[] = [];
  const integrity = db.raw.pragma('integrity_check') as { integrity_check: string }[];
  const damaged = integrity.filter((r) => r.integrity_check !== 'ok');
  if (damaged.length) {
    // SQLite lists damage page by page, in English, over many lines: one finding, its first line as a sample.
    const sample = damaged[0]!.integrity_check.split(/\r?\n/).find((l) => l.trim() && !/^\*\*\*/.test(l)) ?? '';
    return [{ where: '数据库', message: `台账文件完整性检查失败（${damaged.length} 处损坏，例如：${sample.trim().slice(0, 120)}）。文件已损坏，请从备份恢复。` }];
  }
  for (const r of db.raw.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]) {
    out.push({ where: `${r.table}#${r.rowid}`, message: `引用了不存在的 ${r.parent} 记录` });
  }
  const version = db.raw.pragma('user_version', { simple: true }) as number;
  if (version !== LATEST_VERSION) out.push({ where: '数据库', message: `数据版本为 ${version}，应为 ${LATEST_VERSION}` });
  if (db.raw.prepare('SELECT 1 FROM current_action').get()) out.push({ where: '数据库', message: '存在未完成的操作记录（current_action 非空）' });

  const problems = db.raw
    .prepare(
      `SELECT p.id, p.code, p.kind, p.parent_id, p.category_id, p.round_id, p.status, p.status_source, p.completed_date,
              p.deadline_kind, p.deadline_date, g.kind AS parent_kind, g.category_id AS parent_category, g.round_id AS parent_round
       FROM problems p LEFT JOIN problems g ON g.id = p.parent_id ORDER BY p.id`,
    )
    .all() as {
    id: number;
    code: string;
    kind: string;
    parent_id: number | null;
    category_id: number;
    round_id: number;
    status: string;
    status_source: string;
    completed_date: string | null;
    deadline_kind: string;
    deadline_date: string | null;
    parent_kind: string | null;
    parent_category: number | null;
    parent_round: number | null;
  }[];
  // Every live measure, in problem order, walked beside the problems (one query; a query per problem was
  // most of `check` on 100,000 problems).
  const measureRows = db.raw
    .prepare('SELECT problem_id, no, status, completed_date FROM measures WHERE deleted_at IS NULL ORDER BY problem_id, no')
    .raw(true)
    .iterate() as Iterator<[number, number, MeasureStatus, string | null]>;
  let pending = measureRows.next();
  const measuresOf = (problemId: number): { no: number; status: MeasureStatus; completed_date: string | null }[] => {
    const ms: { no: number; status: MeasureStatus; completed_date: string | null }[] = [];
    while (!pending.done && pending.value[0] < problemId) pending = measureRows.next();
    while (!pending.done && pending.value[0] === problemId) {
      ms.push({ no: pending.value[1], status: pending.value[2], completed_date: pending.value[3] });
      pending = measureRows.next();
    }
    return ms;
  };
  for (const p of problems) {
    if (!/^\d+-\d+(-\d+)?$/.test(p.code)) out.push({ where: p.code, message: '问题编号格式不正确' });
    if (p.kind === 'specific' && (p.parent_kind !== 'general' || p.parent_category !== p.category_id || p.parent_round !== p.round_id)) {
      out.push({ where: p.code, message: '具体问题的上级不是同一类别的面上问题' });
    }
    checkDeadline(out, p.code, p.deadline_kind, p.deadline_date);
    const ms = measuresOf(p.id);
    ms.forEach((m, i) => {
      if (m.no !== i + 1) out.push({ where: p.code, message: `整改措施序号不连续（第${i + 1}项记为${m.no}）` });
      if (m.completed_date && !isIsoDate(m.completed_date)) out.push({ where: p.code, message: `第${m.no}项措施的完成日期无效` });
    });
    if (p.status_source === 'derived') {
      const expected = deriveProblemStatus(ms.map((m) => m.status));
      if (p.status !== expected) out.push({ where: p.code, message: `状态应由措施推导为“${expected}”，记录为“${p.status}”` });
    }
    if (p.completed_date && !isIsoDate(p.completed_date)) out.push({ where: p.code, message: '完成日期无效' });
  }
  // Measures of no listed problem are left unread: the statement must end before the next one runs.
  measureRows.return?.();
  for (const m of db.raw.prepare(
    'SELECT m.id, m.deadline_kind, m.deadline_date, m.no, p.code FROM measures m JOIN problems p ON p.id = m.problem_id WHERE m.deleted_at IS NULL',
  ).all() as { id: number; deadline_kind: string; deadline_date: string | null; no: number; code: string }[]) {
    checkDeadline(out, `${m.code} 第${m.no}项`, m.deadline_kind, m.deadline_date);
  }
  // Units named by a list (earlier versions made them from `甲科、乙科` typed as a lead unit): never
  // repaired silently; the finding says what the repair does and how to run it.
  for (const u of listUnitLists(db)) {
    out.push({
      where: `单位“${u.name}”`,
      message: `名称像是多个单位${u.codes.length ? `（用于 ${u.codes.slice(0, 10).join('、')}${u.codes.length > 10 ? ' 等' : ''}）` : ''}：建议拆分为牵头单位“${u.lead}”和配合单位“${u.cooperating.join('、')}”。执行：check 文件 --split-units，或在“设置 → 单位”中点“拆分”（可撤销）`,
    });
  }
  out.push(...checkSignoffs(db));
  const search = searchIndexMismatches(db);
  if (search.length) {
    const what = { missing: '缺少', stale: '内容过期', extra: '多余' } as const;
    out.push({ where: '搜索索引', message: `有 ${search.length}${search.length >= 20 ? '+' : ''} 条与台账不符（${search.slice(0, 5).map((m) => `#${m.rowid} ${what[m.why]}`).join('、')}），搜索结果可能不全` });
  }
  out.push(...checkBlobs(db));
  return out;
}

function checkDeadline(out: CheckFinding[], where: string, kind: string, date: string | null): void {
  const dated = kind === 'date' || kind === 'date+long-term';
  if (dated && !isIsoDate(date)) out.push({ where, message: '整改时限为日期类型，但日期无效' });
  if (!dated && date != null) out.push({ where, message: '整改时限不是日期类型，却记有日期' });
}

/** Every stored evidence file must still hash to its address. */
export function checkBlobs(db: Db): CheckFinding[] {
  const out: CheckFinding[] = [];
  const refs = db.raw.prepare(
    `SELECT e.seq, e.original_name, p.code FROM evidence e JOIN problems p ON p.id = e.problem_id WHERE e.sha256 = ?`,
  );
  for (const b of db.raw.prepare('SELECT sha256, size, data FROM blobs').iterate() as Iterable<{ sha256: string; size: number; data: Buffer }>) {
    const actual = crypto.createHash('sha256').update(b.data).digest('hex');
    if (actual !== b.sha256 || b.data.length !== b.size) {
      const names = (refs.all(b.sha256) as { seq: number; original_name: string; code: string }[])
        .map((r) => `${r.code}-${r.seq}（${r.original_name}）`)
        .join('、');
      out.push({ where: names || b.sha256, message: `佐证材料文件内容与登记的校验码不符，文件已被篡改或损坏（${b.sha256.slice(0, 12)}…）` });
    }
  }
  const missing = db.raw
    .prepare(
      `SELECT e.seq, p.code FROM evidence e JOIN problems p ON p.id = e.problem_id
       WHERE e.sha256 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = e.sha256)`,
    )
    .all() as { seq: number; code: string }[];
  for (const m of missing) out.push({ where: `${m.code}-${m.seq}`, message: '佐证材料登记了文件，但文件内容缺失' });
  return out;
}
