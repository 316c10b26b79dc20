import { z } from 'zod';
import { ACTION_SOURCES } from '../domain/fields';
import { act, op, id, isoDate } from './define';
import { FIGURE_KEYS, type StatsWithItems } from '../domain/stats';
import type { StatedComparison } from '../domain/statedFigures';
import type { HistoryEntry, ProblemSummary } from '../domain/types';
import type { UndoState } from './ledger';

export const statsOps = {
  /** The figures, and beside them what the round's imported report states (never merged). */
  'stats.get': op<StatsWithItems & { stated: StatedComparison[] }>()(z.object({ asOf: isoDate.optional(), roundId: id.optional() })),
  /** The problems behind one figure of any table (by category, by unit, or the totals). */
  'stats.items': op<ProblemSummary[]>()(
    z.object({
      asOf: isoDate,
      /** Another round than the current one (the comparison page). */
      roundId: id.optional(),
      kind: z.enum(['general', 'specific']),
      categoryNo: z.number().int().optional(),
      unit: z.string().max(200).optional(),
      key: z.enum(FIGURE_KEYS),
    }),
  ),
  'history.undo': act<{ label: string | null; undo: UndoState }>()(z.object({})),
  'history.redo': act<{ label: string | null; undo: UndoState }>()(z.object({})),
  /** Put back what one recorded change replaced (all fields that change touched on that row). */
  'history.restore': act<{ label: string }>()(z.object({ historyId: z.number().int().positive() })),
  'history.problem': op<HistoryEntry[]>()(z.object({ id: z.number().int().positive() })),
  'history.ledger': op<HistoryEntry[]>()(
    z.object({
      from: z.string().max(40).optional(),
      to: z.string().max(40).optional(),
      source: z.enum(ACTION_SOURCES).optional(),
      batchId: z.number().int().optional(),
      limit: z.number().int().min(1).max(5000).optional(),
      beforeId: z.number().int().optional(),
    }),
  ),
};
