import { z } from 'zod';
import { act, op, id, ids, isoDate } from './define';
import { DEADLINE_KINDS } from '../domain/deadline';
import { MEASURE_STATUSES, PROBLEM_STATUSES } from '../domain/status';
import type { CategoryInfo, LeaderInfo, ProblemDetail, ProblemSummary, UnitInfo } from '../domain/types';

const text = z.string().max(20000);
const name = z.string().max(200);
export const deadlineInput = z.object({
  raw: z.string().max(500),
  kind: z.enum(DEADLINE_KINDS).optional(),
  date: isoDate.nullable().optional(),
});

export const problemPatch = z
  .object({
    text: text.min(1, '问题内容不能为空'),
    leaders: z.array(name).max(50),
    leadUnit: name.nullable(),
    units: z.array(name).max(100),
    responsiblePerson: name,
    deadline: deadlineInput,
    public: z.boolean(),
    notes: text,
    completedDate: isoDate.nullable(),
  })
  .partial();

export type ProblemPatchInput = z.infer<typeof problemPatch>;

/**
 * A person's answers about unit names that match no record: names to create as new units, and names that
 * are another name (别称) of an existing unit. Without an answer, a new name is refused (NEW_UNITS, with
 * the names in `detail.names`), so that no unit is ever made by a typo or a list.
 */
export const nameChoices = z
  .object({
    newUnits: z.array(name).max(200).optional(),
    unitAliases: z.array(z.object({ alias: name.min(1), name: name.min(1) })).max(200).optional(),
  })
  .optional();
export type NameChoices = z.infer<typeof nameChoices>;

/** A status set by a person; null returns the problem to the status derived from its measures. */
const statusChange = z.object({
  status: z.enum(PROBLEM_STATUSES).nullable(),
  reason: z.string().max(2000).optional(),
  completedDate: isoDate.nullable().optional(),
});

/** One cell of a pasted block: the table's column key and the pasted text. */
export const pasteCell = z.object({ id, field: z.string().max(50), value: z.string().max(20000) });

export const measureInput = z.object({
  text: text.min(1, '措施内容不能为空'),
  status: z.enum(MEASURE_STATUSES).optional(),
  deadline: deadlineInput.optional(),
  completedDate: isoDate.nullable().optional(),
});

export const problemsOps = {
  'problems.list': op<ProblemSummary[]>()(
    z.object({ roundId: id.optional(), includeDeleted: z.boolean().optional(), onlyDeleted: z.boolean().optional() }),
  ),
  'problems.get': op<ProblemDetail>()(z.object({ id })),
  'problems.create': act<ProblemSummary>()(
    z.object({
      categoryId: id,
      parentId: id.nullable().optional(),
      kind: z.enum(['general', 'specific']),
      text: text.min(1, '问题内容不能为空'),
      afterId: id.nullable().optional(),
      patch: problemPatch.optional(),
      names: nameChoices,
    }),
  ),
  'problems.update': act<ProblemSummary>()(z.object({ id, patch: problemPatch, names: nameChoices })),
  /** Set the same fields on many problems at once (one action, one undo). */
  'problems.updateMany': act<{ count: number }>()(z.object({ ids, patch: problemPatch, names: nameChoices })),
  'problems.setStatus': act<{ count: number }>()(statusChange.extend({ ids })),
  /**
   * A block pasted from Excel: every cell written in one action, or none when one cannot be taken. Fill down
   * and replace write through it too (`purpose` names the action for undo and the refusal). Cells whose
   * deadline cannot be read are refused (UNPARSED_DEADLINES, cells in `detail.cells`) unless
   * `acceptUnparsedDeadlines`: then kept as text, outside the deadline figures.
   */
  'problems.paste': act<{ count: number }>()(
    z.object({
      cells: z.array(pasteCell).min(1).max(200000),
      names: nameChoices,
      acceptUnparsedDeadlines: z.boolean().optional(),
      purpose: z.enum(['paste', 'fill', 'replace']).optional(),
    }),
  ),
  'problems.delete': act<{ count: number }>()(z.object({ ids })),
  'problems.restore': act<{ count: number }>()(z.object({ ids })),
  'problems.move': act<ProblemSummary>()(
    z.object({ id, categoryId: id.optional(), parentId: id.optional(), afterId: id.nullable().optional() }),
  ),
  /** The round's categories in order; `includeDeleted`: deleted ones too (with `deletedAt`), for the recycle bin. */
  'categories.list': op<CategoryInfo[]>()(z.object({ roundId: id.optional(), includeDeleted: z.boolean().optional() })),
  'categories.create': act<CategoryInfo>()(z.object({ title: z.string().trim().min(1, '标题不能为空').max(500), roundId: id.optional() })),
  'categories.rename': act<CategoryInfo>()(z.object({ id, title: z.string().trim().min(1, '标题不能为空').max(500) })),
  'categories.delete': act<{ count: number }>()(z.object({ id })),
  'categories.restore': act<{ count: number }>()(z.object({ id })),
  'categories.move': act<{ count: number }>()(z.object({ id, position: z.number().int().min(1) })),
  'measures.add': act<ProblemDetail>()(z.object({ problemId: id, measure: measureInput, position: z.number().int().min(1).optional() })),
  'measures.update': act<ProblemDetail>()(z.object({ id, patch: measureInput.partial() })),
  'measures.delete': act<ProblemDetail>()(z.object({ id })),
  'measures.move': act<ProblemDetail>()(z.object({ id, position: z.number().int().min(1) })),
  'progress.add': act<ProblemDetail>()(
    z.object({ problemId: id, date: isoDate, text: text.min(1, '进展内容不能为空'), measureId: id.nullable().optional() }),
  ),
  'progress.delete': act<ProblemDetail>()(z.object({ id })),
  'people.units': op<UnitInfo[]>()(z.object({})),
  'people.leaders': op<LeaderInfo[]>()(z.object({})),
  /** Record `alias` as another name of `name`; if the alias is itself a record, the two are merged. */
  'people.addAlias': act<{ ok: true }>()(z.object({ kind: z.enum(['unit', 'leader']), name: name.min(1), alias: name.min(1) })),
  'people.removeAlias': act<{ ok: true }>()(z.object({ kind: z.enum(['unit', 'leader']), alias: name.min(1) })),
  'people.rename': act<{ ok: true }>()(z.object({ kind: z.enum(['unit', 'leader']), id, name: name.min(1) })),
  /** Merge one record into another: links, aliases and history kept; its name becomes an alias. */
  'people.merge': act<{ ok: true }>()(z.object({ kind: z.enum(['unit', 'leader']), fromId: id, intoId: id })),
  /** Delete a record no problem uses. */
  'people.delete': act<{ ok: true }>()(z.object({ kind: z.enum(['unit', 'leader']), id })),
  /** The clerk working at this computer (asked once, kept in the ledger per computer) and the login name. */
  'people.clerk': op<{ name: string; unit: string; login: string }>()(z.object({})),
  'people.setClerk': act<{ name: string; unit: string; login: string }>()(
    z.object({ name: z.string().trim().min(1, '请填写姓名').max(50), unit: z.string().trim().max(100) }),
  ),
  /** Split a unit named by a list (an earlier version's phantom unit) into lead + cooperating units. */
  'people.splitList': act<{ ok: true }>()(z.object({ id })),
};
