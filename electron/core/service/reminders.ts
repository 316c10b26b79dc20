import path from 'node:path';
import { zipSync } from 'fflate';
import type { Handlers, ServiceContext } from './registry';
import { requireRound, ledgerInfo } from './ledger';
import { LedgerError } from '../errors';
import { now } from '../clock';
import { runAction } from '../ledger/actions';
import { getRound } from '../ledger/rounds';
import { startRound } from '../ledger/new-round';
import { problemLineage, recordRecheck } from '../ledger/lineage';
import { getProblemRow } from '../ledger/problems';
import { statsFor } from '../stats';
import { buildTodo } from '../reminders/todo';
import { todoWorkbook } from '../reminders/todo-workbook';
import { cycleStatuses, roundStart } from '../reminders/cycles';
import { markReturned, unmarkReturned } from '../reminders/marks';
import { getReminderSettings, setReminderSettings } from '../reminders/settings';
import { buildNotices, noticeFiles, recordNotices, sentNotices, type Notice } from '../reminders/notices';
import { writeFileAtomic } from '../excel/write/book';
import { fileName } from '../excel/write/safe';
import { todayIso } from '../../../shared/domain/dates';
import { currentCycle } from '../../../shared/domain/cycles';
import type { CyclesView, FileResult, NoticeSummary } from '../../../shared/api/reminders';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function today(): string {
  return todayIso(now());
}

function cyclesView(ctx: ServiceContext, asOf: string): CyclesView {
  const db = ctx.session.db();
  const roundId = requireRound(ctx);
  const round = getRound(db, roundId);
  const cycles = cycleStatuses(db, roundId, asOf);
  const cur = currentCycle(cycles.map((c) => c.cycle), asOf);
  return { rule: round.cycleRule, start: roundStart(db, roundId), current: cur ? cycles.findIndex((c) => c.cycle === cur) : -1, cycles };
}

/** Written where the desktop's save dialog said, or handed back as bytes for the browser to download. */
function deliver(name: string, bytes: Uint8Array, mime: string, target: string | undefined, ext: string): FileResult {
  if (target) {
    if (!path.isAbsolute(target)) throw new LedgerError('EXPORT_BAD_PATH', `请填写完整的保存路径，收到“${target}”。`);
    const file = path.extname(target).toLowerCase() === ext ? target : target + ext;
    writeFileAtomic(file, bytes);
    return { fileName: path.basename(file), path: file, data: null, mime, size: bytes.length };
  }
  return { fileName: name, path: null, data: Buffer.from(bytes).toString('base64'), mime, size: bytes.length };
}

function summary(n: Notice): NoticeSummary {
  return { unit: n.unit, title: n.title, overdue: n.overdue.map((p) => p.code), dueSoon: n.dueSoon.map((p) => p.code), lateReturn: n.lateReturn?.name ?? null };
}

export const remindersHandlers: Handlers<
  | 'todo.get'
  | 'todo.export'
  | 'cycles.get'
  | 'cycles.mark'
  | 'cycles.unmark'
  | 'reminders.settings'
  | 'reminders.saveSettings'
  | 'notices.preview'
  | 'notices.generate'
  | 'notices.sent'
  | 'rounds.start'
  | 'rounds.lineage'
  | 'rounds.recheck'
  | 'rounds.compare'
> = {
  'todo.get': (req, ctx) => buildTodo(ctx.session.db(), requireRound(ctx), req.asOf ?? today()),
  'todo.export': async (req, ctx) => {
    const todo = buildTodo(ctx.session.db(), requireRound(ctx), req.asOf);
    const bytes = await todoWorkbook(todo);
    return deliver(fileName(`待办提醒-${req.asOf}`, '.xlsx'), bytes, XLSX_MIME, req.path, '.xlsx');
  },
  'cycles.get': (req, ctx) => cyclesView(ctx, req.asOf ?? today()),
  'cycles.mark': (req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx);
    runAction(db, { source: 'edit', label: `标记“${req.unit}”已报送回执（${req.date}）`, actor: ctx.session.actor, roundId }, () =>
      markReturned(db, roundId, req.unit, req.date, req.note ?? ''),
    );
    return cyclesView(ctx, req.asOf ?? today());
  },
  'cycles.unmark': (req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx);
    runAction(db, { source: 'edit', label: `取消“${req.unit}”的已报送标记`, actor: ctx.session.actor, roundId }, () => {
      if (unmarkReturned(db, roundId, req.unit, req.from, req.due) === 0) {
        throw new LedgerError('NO_MARK', `“${req.unit}”在该周期没有手工标记的报送记录；导入的回执请在“导入”页撤销该批次。`);
      }
    });
    return cyclesView(ctx, req.asOf ?? today());
  },
  'reminders.settings': (_req, ctx) => getReminderSettings(ctx.session.db()),
  'reminders.saveSettings': (req, ctx) => {
    const db = ctx.session.db();
    return runAction(db, { source: 'edit', label: '修改提醒与督办设置', actor: ctx.session.actor }, () => setReminderSettings(db, req));
  },
  'notices.preview': (req, ctx) => buildNotices(ctx.session.db(), requireRound(ctx), req.asOf, req.units ?? []).map(summary),
  'notices.generate': async (req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx);
    const notices = buildNotices(db, roundId, req.asOf, req.units ?? []);
    if (!notices.length) throw new LedgerError('NOTHING_TO_NOTIFY', `截至 ${req.asOf} 没有逾期或即将到期的问题、也没有逾期未报的回执，无需督办。`);
    const files = await noticeFiles(notices);
    const zipped = zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: 6 }]])));
    const name = fileName(notices.length === 1 ? `${notices[0]!.title}-${notices[0]!.unit}-${req.asOf}` : `督办通知-${notices.length}个单位-${req.asOf}`, '.zip');
    const result = deliver(name, zipped, 'application/zip', req.path, '.zip');
    runAction(db, { source: 'edit', label: `生成督办通知（${notices.map((n) => n.unit).join('、')}）`, actor: ctx.session.actor, roundId }, () =>
      recordNotices(db, roundId, notices),
    );
    return { ...result, notices: notices.map(summary) };
  },
  'notices.sent': (req, ctx) => sentNotices(ctx.session.db(), requireRound(ctx), req.unit),
  'rounds.start': (req, ctx) => {
    const db = ctx.session.db();
    const from = requireRound(ctx);
    const outcome = runAction(db, { source: 'edit', label: `开启新一轮“${req.title}”（${req.kind}）`, actor: ctx.session.actor, roundId: from }, () =>
      startRound(db, from, { title: req.title, kind: req.kind, carry: req.carry, renumber: req.renumber }),
    );
    return { ...ledgerInfo(ctx), carried: outcome.carried };
  },
  'rounds.lineage': (req, ctx) => problemLineage(ctx.session.db(), req.problemId),
  'rounds.recheck': (req, ctx) => {
    const db = ctx.session.db();
    const p = getProblemRow(db, req.problemId);
    runAction(db, { source: 'edit', label: `回头看复查 ${p.code}：${req.result}`, actor: ctx.session.actor, roundId: p.round_id }, () =>
      recordRecheck(db, req.problemId, { result: req.result, date: req.date, actor: req.actor ?? ctx.session.actor, note: req.note ?? '' }),
    );
    return problemLineage(db, req.problemId);
  },
  'rounds.compare': (req, ctx) => {
    const db = ctx.session.db();
    return { rounds: req.roundIds.map((id) => ({ round: getRound(db, id), stats: statsFor(db, id, req.asOf) })) };
  },
};
