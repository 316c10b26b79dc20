import fs from 'node:fs';
import path from 'node:path';
import { UsageError, one, type Args } from './args';
import type { Command } from './commands';
import { asOfArg, fileArg, openExisting, requireRoundId, roundArg } from './core-commands';
import { EXPORT_KINDS } from './export-command';
import type { Db } from '../core/db/open';
import { runAction } from '../core/ledger/actions';
import { getRound, listRounds } from '../core/ledger/rounds';
import { setMeta } from '../core/ledger/meta';
import { CARRY_LABELS, CARRY_OPTIONS, DEFAULT_CARRY, startRound, type CarryOption } from '../core/ledger/new-round';
import { buildTodo } from '../core/reminders/todo';
import { refuseExisting, removeLeftoverTemps, writeFileSafely } from '../core/temp-files';
import { ROUND_KINDS, type RoundKind } from '../../shared/domain/types';

function withLedger<T>(file: string, fn: (db: Db) => T | Promise<T>): Promise<T> {
  const db = openExisting(file);
  return Promise.resolve()
    .then(() => fn(db))
    .finally(() => db.close());
}

function carryArg(args: Args): CarryOption[] {
  const v = one(args, 'carry');
  if (v == null) return [...DEFAULT_CARRY];
  const parts = v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
  for (const p of parts) {
    if (!(CARRY_OPTIONS as readonly string[]).includes(p)) throw new UsageError(`--carry 只能是 ${CARRY_OPTIONS.join('、')} 的组合（逗号分隔），收到“${p}”`);
  }
  return parts as CarryOption[];
}

export const roundCommand: Command = {
  name: 'round',
  usage: 'round FILE [--new --kind 回头看|巡察|专项 [--title T] [--carry unfinished,long-term,signed-off] [--renumber]] [--select N] [--json]',
  summary: '列出巡察轮次；--new 从当前轮次开启新一轮（回头看等），转入未完成、长期坚持（及已完成复查）的问题；--select 切换当前轮次',
  valueKeys: ['kind', 'title', 'carry', 'select'],
  flagKeys: ['new', 'renumber', 'json'],
  run(args, io) {
    const file = fileArg(args, this.usage);
    return withLedger(file, (db) => {
      if (args.flags.has('new')) {
        const kind = one(args, 'kind') ?? '回头看';
        if (!(ROUND_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind 只能是 ${ROUND_KINDS.join('、')}，收到“${kind}”`);
        const carry = carryArg(args);
        const from = requireRoundId(db);
        const fromRound = getRound(db, from);
        const title = one(args, 'title') ?? `${fromRound.title}（${kind}）`;
        const outcome = runAction(db, { source: 'edit', label: `开启新一轮“${title}”（${kind}）`, roundId: from }, () =>
          startRound(db, from, { title, kind: kind as RoundKind, carry, renumber: args.flags.has('renumber') }),
        );
        if (args.flags.has('json')) io.out(JSON.stringify({ roundId: outcome.roundId, from, kind, carried: outcome.carried }, null, 2));
        else {
          io.out(`已开启第 ${outcome.roundId} 轮“${title}”（${kind}），来自第 ${from} 轮，并设为当前轮次。`);
          for (const [reason, n] of Object.entries(outcome.carried)) if (n) io.out(`  转入${CARRY_LABELS[reason as keyof typeof CARRY_LABELS]}问题 ${n} 个`);
        }
        return 0;
      }
      const select = one(args, 'select');
      if (select != null) {
        const id = Number(select);
        if (!listRounds(db).some((r) => r.id === id)) throw new UsageError(`台账中没有编号为“${select}”的轮次`);
        runAction(db, { source: 'system', label: '切换巡察轮次' }, () => setMeta(db, 'current_round_id', String(id)));
      }
      const current = requireRoundId(db);
      const rounds = listRounds(db).map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        originRoundId: r.originRoundId,
        current: r.id === current,
        problems: (db.raw.prepare('SELECT count(*) AS n FROM problems WHERE round_id = ? AND deleted_at IS NULL').get(r.id) as { n: number }).n,
      }));
      if (args.flags.has('json')) io.out(JSON.stringify(rounds, null, 2));
      else for (const r of rounds) io.out(`${r.current ? '*' : ' '} ${r.id}\t${r.kind}\t${r.problems} 个问题\t${r.title}${r.originRoundId ? `（来自第 ${r.originRoundId} 轮）` : ''}`);
      return 0;
    });
  },
};

export const todoCommand: Command = {
  name: 'todo',
  usage: 'todo FILE [--as-of YYYY-MM-DD] [--round N] [--json]',
  summary: '待办提醒：逾期、即将到期、回执未报、待审核销号、长期无进展的措施',
  valueKeys: ['as-of', 'round'],
  flagKeys: ['json'],
  run(args, io) {
    const file = fileArg(args, this.usage);
    const asOf = asOfArg(args);
    return withLedger(file, (db) => {
      const todo = buildTodo(db, roundArg(db, args) ?? requireRoundId(db), asOf);
      if (args.flags.has('json')) {
        io.out(JSON.stringify(todo, null, 2));
        return 0;
      }
      io.out(`截至 ${asOf}，共 ${todo.count} 项待办`);
      io.out(`已逾期 ${todo.overdue.length} 个：`);
      for (const p of todo.overdue) io.out(`  ${p.code}\t逾期${p.days}天\t${p.leadUnit ?? ''}\t${p.deadline.raw}`);
      io.out(`${todo.settings.dueSoonDays} 天内到期 ${todo.dueSoon.length} 个：`);
      for (const p of todo.dueSoon) io.out(`  ${p.code}\t还有${p.days}天\t${p.leadUnit ?? ''}\t${p.deadline.raw}`);
      if (todo.returns.lateCycle) io.out(`${todo.returns.lateCycle.label}回执逾期未报：${todo.returns.late.map((u) => u.unit).join('、') || '无'}`);
      if (todo.returns.pending.length) io.out(`${todo.returns.current!.label}回执待报送：${todo.returns.pending.map((u) => u.unit).join('、')}`);
      io.out(`待审核销号 ${todo.signoffs.length} 个；${todo.settings.staleDays} 天以上无进展的措施 ${todo.stale.length} 项`);
      return 0;
    });
  },
};

/**
 * `export FILE --kind notices --out DIR [--as-of D] [--unit U]...`: one 督办通知/提醒函 per unit, .docx and
 * .txt, into DIR; each is recorded in the ledger (已发督办通知).
 */
EXPORT_KINDS.notices = {
  summary: 'notices：督办通知/提醒函，每个单位一份 .docx 和 .txt（--out 为文件夹）',
  async run(db, options, io) {
    if (path.extname(options.out)) throw new UsageError(`督办通知导出到文件夹，--out 应为文件夹路径，收到“${options.out}”`);
    const roundId = requireRoundId(db);
    // The notice writer (docx) loads only for this export: the other commands start without it (issue 16).
    const { buildNotices, noticeFiles, recordNotices } = await import('../core/reminders/notices');
    const notices = buildNotices(db, roundId, options.asOf, options.units);
    if (!notices.length) {
      io.out(`截至 ${options.asOf} 没有需要督办的单位。`);
      return 0;
    }
    const files = await noticeFiles(notices);
    fs.mkdirSync(options.out, { recursive: true });
    removeLeftoverTemps(options.out);
    // Every name is checked before anything is written (the files, or the ledger's record of them): a
    // refusal writes nothing. Each file then goes through a temporary beside it (temp-files.ts).
    const targets = files.map((f) => ({ file: path.join(options.out, f.name), bytes: f.bytes }));
    for (const t of targets) refuseExisting(t.file, options.force);
    for (const t of targets) writeFileSafely(t.file, t.bytes, { overwrite: options.force });
    runAction(db, { source: 'edit', label: `生成督办通知（${notices.length} 个单位）`, roundId }, () => recordNotices(db, roundId, notices));
    if (options.json) {
      io.out(JSON.stringify({ out: options.out, files: files.map((f) => f.name), notices: notices.map((n) => ({ unit: n.unit, title: n.title, overdue: n.overdue.map((p) => p.code), dueSoon: n.dueSoon.map((p) => p.code), lateReturn: n.lateReturn?.due ?? null })) }, null, 2));
    } else {
      io.out(`已生成 ${notices.length} 个单位的督办通知/提醒函（${files.length} 个文件）：${options.out}`);
      for (const n of notices) io.out(`  ${n.unit}：${n.title}，逾期 ${n.overdue.length} 个，即将到期 ${n.dueSoon.length} 个${n.lateReturn ? '，回执逾期未报' : ''}`);
    }
    return 0;
  },
};

export const ROUND_COMMANDS: Command[] = [roundCommand, todoCommand];
