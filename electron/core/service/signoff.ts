import type { Handlers, ServiceContext } from './registry';
import { runAction } from '../ledger/actions';
import { getProblemRow } from '../ledger/problems';
import { applySignoff, approveSignoff, rejectSignoff, reopenSignoff, signoffState } from '../signoff/signoff';

function step(ctx: ServiceContext, problemId: number, label: (code: string) => string, fn: () => void) {
  const db = ctx.session.db();
  const code = getProblemRow(db, problemId).code;
  runAction(db, { source: 'edit', label: label(code), actor: ctx.session.actor }, fn);
  return signoffState(db, problemId);
}

export const signoffHandlers: Handlers<'signoff.state' | 'signoff.apply' | 'signoff.approve' | 'signoff.reject' | 'signoff.reopen'> = {
  'signoff.state': (req, ctx) => signoffState(ctx.session.db(), req.problemId),
  'signoff.apply': (req, ctx) =>
    step(ctx, req.problemId, (c) => `${c} 申请销号`, () =>
      applySignoff(ctx.session.db(), req.problemId, { evidenceIds: req.evidenceIds, note: req.note, date: req.date, actor: req.actor || ctx.session.actor }),
    ),
  'signoff.approve': (req, ctx) =>
    step(ctx, req.problemId, (c) => `${c} 销号审核通过`, () =>
      approveSignoff(ctx.session.db(), req.problemId, { reviewer: req.reviewer, method: req.method, note: req.note, date: req.date }),
    ),
  'signoff.reject': (req, ctx) =>
    step(ctx, req.problemId, (c) => `退回 ${c} 的销号申请`, () =>
      rejectSignoff(ctx.session.db(), req.problemId, { reason: req.reason, reviewer: req.reviewer || ctx.session.actor, date: req.date }),
    ),
  'signoff.reopen': (req, ctx) =>
    step(ctx, req.problemId, (c) => `重新打开已销号问题 ${c}（回头看）`, () =>
      reopenSignoff(ctx.session.db(), req.problemId, { reason: req.reason, actor: req.actor || ctx.session.actor, date: req.date }),
    ),
};
