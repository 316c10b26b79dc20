import type { Handlers } from './registry';
import { todayIso } from '../../../shared/domain/dates';
import { statsFor, statsItems } from '../stats';
import { redo, restoreChange, undo, undoState } from '../ledger/actions';
import { refreshDerivedStatus } from '../ledger/problems';
import { assertSignoffConsistent } from '../signoff/check';
import { columnLabel } from '../../../shared/domain/fields';
import { ledgerHistory, listProblemSummaries, problemHistory } from '../ledger/views';
import { now } from '../clock';
import { requireRound } from './ledger';
import { getRound } from '../ledger/rounds';
import { compareStated, statedFiguresOfRound } from '../../../shared/domain/statedFigures';

export const statsHandlers: Handlers<'stats.get' | 'stats.items' | 'history.undo' | 'history.redo' | 'history.restore' | 'history.problem' | 'history.ledger'> = {
  'stats.get': (req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx, req.roundId);
    const stats = statsFor(db, roundId, req.asOf ?? todayIso(now()));
    return { ...stats, stated: compareStated(statedFiguresOfRound(getRound(db, roundId).reportTexts), stats) };
  },
  'stats.items': (req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx, req.roundId);
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
  'history.restore': (req, ctx) => {
    const db = ctx.session.db();
    const h = db.raw
      .prepare('SELECT h.tbl, h.field, h.problem_id, a.at, p.code FROM history h JOIN actions a ON a.id = h.action_id LEFT JOIN problems p ON p.id = h.problem_id WHERE h.id = ?')
      .get(req.historyId) as { tbl: string; field: string; problem_id: number | null; at: string; code: string | null } | undefined;
    const label = `恢复${h?.code ? ` ${h.code} 的` : ''}${h ? columnLabel(h.tbl, h.field) : ''}（${h?.at.slice(0, 16).replace('T', ' ') ?? ''} 的修改之前）`;
    // A restored measure status changes what the problem's status derives from: same action.
    restoreChange(db, req.historyId, { label, actor: ctx.session.actor }, (problemId) => {
      if (problemId != null && db.raw.prepare('SELECT 1 FROM problems WHERE id = ?').get(problemId)) {
        refreshDerivedStatus(db, problemId);
        assertSignoffConsistent(db, problemId);
      }
    });
    return { label };
  },
  'history.problem': (req, ctx) => problemHistory(ctx.session.db(), req.id),
  'history.ledger': (req, ctx) => ledgerHistory(ctx.session.db(), req),
};

