import type { Handlers } from './registry';
import { todayIso } from '../../../shared/domain/dates';
import { statsFor, statsItems } from '../stats';
import { redo, undo, undoState } from '../ledger/actions';
import { ledgerHistory, listProblemSummaries, problemHistory } from '../ledger/views';
import { now } from '../clock';
import { requireRound } from './ledger';

export const statsHandlers: Handlers<'stats.get' | 'stats.items' | 'history.undo' | 'history.redo' | 'history.problem' | 'history.ledger'> = {
  'stats.get': (req, ctx) => statsFor(ctx.session.db(), requireRound(ctx), req.asOf ?? todayIso(now())),
  'stats.items': (req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx);
    const ids = statsItems(db, roundId, req.asOf, { kind: req.kind, categoryNo: req.categoryNo, unit: req.unit }, req.key);
    return listProblemSummaries(db, { roundId, ids });
  },
  'history.undo': (_req, ctx) => {
    const db = ctx.session.db();
    const label = undo(db, ctx.session.actor);
    return { label, undo: undoState(db) };
  },
  'history.redo': (_req, ctx) => {
    const db = ctx.session.db();
    const label = redo(db, ctx.session.actor);
    return { label, undo: undoState(db) };
  },
  'history.problem': (req, ctx) => problemHistory(ctx.session.db(), req.id),
  'history.ledger': (req, ctx) => ledgerHistory(ctx.session.db(), req),
};
