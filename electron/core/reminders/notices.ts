import type { Db } from '../db/open';
import { LedgerError } from '../errors';
import { nowIso } from '../clock';
import { getRound } from '../ledger/rounds';
import { findPerson } from '../ledger/people';
import { fileName } from '../excel/write/safe';
import { blocksDocx } from '../report/docx-writer';
import type { Block } from '../report/model';
import { addDays, chineseDate } from '../../../shared/domain/dates';
import type { Cycle } from '../../../shared/domain/cycles';
import type { TodoProblem } from '../../../shared/domain/reminders';
import type { SentNotice } from '../../../shared/api/reminders';
import { toChineseNumeral } from '../../../shared/domain/numerals';
import { buildTodo } from './todo';

/**
 * 督办通知 / 提醒函: one short official notice per lead unit, naming its overdue and due-soon problems
 * (exactly the to-do view's, filtered to the unit) and a missing return, asking for a reply by a date.
 * A unit with anything overdue or a late return gets a 督办通知, one with only due-soon items a 提醒函.
 */
export interface Notice {
  unit: string;
  title: '督办通知' | '提醒函';
  asOf: string;
  returnBy: string;
  roundTitle: string;
  overdue: TodoProblem[];
  dueSoon: TodoProblem[];
  lateReturn: Cycle | null;
  sender: string;
  contact: string;
}

export interface NoticeFile {
  name: string;
  bytes: Uint8Array;
}

/** Every unit the to-do view names: with overdue or due-soon problems, or late with its return. */
export function buildNotices(db: Db, roundId: number, asOf: string, units: readonly string[] = []): Notice[] {
  const todo = buildTodo(db, roundId, asOf);
  const round = getRound(db, roundId);
  const named = new Set<string>();
  for (const p of [...todo.overdue, ...todo.dueSoon]) if (p.leadUnit) named.add(p.leadUnit);
  for (const u of todo.returns.late) named.add(u.unit);
  let chosen: string[];
  if (units.length) {
    chosen = [];
    for (const wanted of units) {
      const id = findPerson(db, 'unit', wanted);
      const name = id == null ? null : (db.raw.prepare('SELECT name FROM units WHERE id = ?').get(id) as { name: string }).name;
      if (!name) throw new LedgerError('UNIT_NOT_FOUND', `找不到单位“${wanted}”。请检查单位名称（可用名称见“设置 → 单位”）。`);
      if (!named.has(name)) throw new LedgerError('NOTHING_TO_NOTIFY', `截至 ${asOf}，“${name}”没有逾期或即将到期的问题，也没有逾期未报的回执，无需督办。`);
      if (!chosen.includes(name)) chosen.push(name);
    }
  } else {
    chosen = [...named].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
  }
  const lateUnits = new Set(todo.returns.late.map((u) => u.unit));
  return chosen.map((unit) => {
    const overdue = todo.overdue.filter((p) => p.leadUnit === unit);
    const dueSoon = todo.dueSoon.filter((p) => p.leadUnit === unit);
    const lateReturn = lateUnits.has(unit) ? todo.returns.lateCycle : null;
    return {
      unit,
      title: overdue.length || lateReturn ? '督办通知' : '提醒函',
      asOf,
      returnBy: addDays(asOf, todo.settings.replyDays),
      roundTitle: round.title,
      overdue,
      dueSoon,
      lateReturn,
      sender: todo.settings.sender.trim() || '巡察整改工作领导小组办公室',
      contact: todo.settings.contact.trim(),
    };
  });
}

function progressLine(p: TodoProblem): string {
  return p.latestProgress ? `最新进展（${p.latestProgress.date}）：${p.latestProgress.text}` : '最新进展：暂无进展记录';
}

function problemLines(list: TodoProblem[], overdue: boolean): Block[] {
  return list.map((p, i) => ({
    kind: 'body',
    text:
      `${i + 1}. 【${p.code}】${p.text.replace(/[。；;，,\s]+$/, '')}。整改时限：${p.deadline.raw || p.deadline.date}；` +
      `${overdue ? `已逾期${p.days}天` : p.days === 0 ? '今日到期' : `还有${p.days}天到期`}。${progressLine(p)}`,
  }));
}

export function noticeBlocks(n: Notice): Block[] {
  const blocks: Block[] = [{ kind: 'title', text: n.title }, { kind: 'addressee', text: `${n.unit}：` }];
  const what = [n.overdue.length ? `${n.overdue.length}个问题已超过整改时限` : '', n.dueSoon.length ? `${n.dueSoon.length}个问题即将到期` : '']
    .filter(Boolean)
    .join('、');
  blocks.push({
    kind: 'body',
    text: `根据${n.roundTitle}整改工作安排，经对照整改台账（截至${chineseDate(n.asOf)}），你单位牵头负责的问题中${what || '整改进展回执未按时报送'}。现${n.title === '督办通知' ? '予以督办' : '予以提醒'}，请抓紧推进落实。`,
  });
  let section = 0;
  const heading = (text: string) => blocks.push({ kind: 'heading1', text: `${toChineseNumeral(++section)}、${text}` });
  if (n.overdue.length) {
    heading(`已逾期问题（${n.overdue.length}个）`);
    blocks.push(...problemLines(n.overdue, true));
  }
  if (n.dueSoon.length) {
    heading(`即将到期问题（${n.dueSoon.length}个）`);
    blocks.push(...problemLines(n.dueSoon, false));
  }
  if (n.lateReturn) {
    heading('整改进展回执');
    blocks.push({ kind: 'body', text: `你单位未按时报送${n.lateReturn.name}的整改进展回执（应于${chineseDate(n.lateReturn.due)}前报送），请一并补报。` });
  }
  blocks.push({
    kind: 'body',
    text: `请于${chineseDate(n.returnBy)}前将上述问题的整改进展情况及佐证材料报送${n.sender}。${n.contact ? n.contact : ''}`,
  });
  blocks.push({ kind: 'closing', text: n.sender }, { kind: 'closing', text: chineseDate(n.asOf) });
  return blocks;
}

export function noticeText(n: Notice): string {
  return (
    noticeBlocks(n)
      .map((b) => ('text' in b ? b.text : ''))
      .join('\n') + '\n'
  );
}

export function noticeBaseName(n: Notice): string {
  return fileName(`${n.title}-${n.unit}-${n.asOf}`, '').replace(/\.$/, '');
}

/** The .docx and .txt of each notice. */
export async function noticeFiles(notices: readonly Notice[]): Promise<NoticeFile[]> {
  const out: NoticeFile[] = [];
  for (const n of notices) {
    const base = noticeBaseName(n);
    const docx = await blocksDocx(noticeBlocks(n), { creator: n.sender, title: `${n.title}（${n.unit}）`, description: `截至${n.asOf}` });
    out.push({ name: `${base}.docx`, bytes: docx }, { name: `${base}.txt`, bytes: new TextEncoder().encode(noticeText(n)) });
  }
  return out;
}

/** Must run inside an action: each notice is listed in its unit's history (已发督办通知). */
export function recordNotices(db: Db, roundId: number, notices: readonly Notice[]): void {
  for (const n of notices) {
    const unitId = findPerson(db, 'unit', n.unit);
    if (unitId == null) continue;
    db.raw
      .prepare('INSERT INTO notices (round_id, unit_id, as_of, return_by, file_name, codes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(roundId, unitId, n.asOf, n.returnBy, `${noticeBaseName(n)}.docx`, JSON.stringify([...n.overdue, ...n.dueSoon].map((p) => p.code)), nowIso());
  }
}


/** 已发督办通知: the notices sent in a round, newest first, optionally for one unit. */
export function sentNotices(db: Db, roundId: number, unit?: string): SentNotice[] {
  const rows = db.raw
    .prepare(
      `SELECT n.id, u.name AS unit, n.as_of AS asOf, n.return_by AS returnBy, n.file_name AS fileName, n.codes, n.created_at AS createdAt
       FROM notices n JOIN units u ON u.id = n.unit_id WHERE n.round_id = ? ORDER BY n.id DESC`,
    )
    .all(roundId) as (Omit<SentNotice, 'codes'> & { codes: string })[];
  return rows.filter((r) => !unit || r.unit === unit).map((r) => ({ ...r, codes: JSON.parse(r.codes) as string[] }));
}
