import type { Handlers, ServiceContext } from './registry';
import type { NameChoices, ProblemPatchInput } from '../../../shared/api/problems';
import type { ProblemSummary } from '../../../shared/domain/types';
import { isDoneStatus, normalizeStatus, PROBLEM_STATUSES } from '../../../shared/domain/status';
import { splitLeaders, splitUnits } from '../../../shared/domain/names';
import { todayIso } from '../../../shared/domain/dates';
import { runAction, type ActionInfo } from '../ledger/actions';
import {
  createProblem,
  deleteProblem,
  getProblemRow,
  moveProblem,
  restoreProblem,
  setProblemStatus,
  updateProblem,
  type ProblemPatch,
} from '../ledger/problems';
import { addMeasure, addProgress, deleteMeasure, deleteProgress, getMeasureRow, moveMeasure, updateMeasure } from '../ledger/measures';
import { createCategory, getCategory, listCategories } from '../ledger/rounds';
import { deleteCategory, moveCategory, renameCategory, restoreCategory } from '../ledger/categories';
import {
  addAlias,
  deletePerson,
  listLeaders,
  listUnits,
  mergePeople,
  nameOf,
  removeAlias,
  renamePerson,
  splitUnitCell,
  splitUnitList,
  unknownNames,
} from '../ledger/people';
import { readDeadline, UNPARSED_DEADLINE_NOTE } from '../../../shared/domain/deadline';
import { getRound, roundYear } from '../ledger/rounds';
import { getProblemDetail, listProblemSummaries } from '../ledger/views';
import { LedgerError } from '../errors';
import { now } from '../clock';
import { requireRound } from './ledger';

export const FIELD_LABELS: Record<string, string> = {
  text: '问题内容',
  leaders: '责任领导',
  leadUnit: '牵头单位',
  units: '配合单位',
  responsiblePerson: '责任人',
  deadline: '整改时限',
  public: '是否公开',
  notes: '备注',
  completedDate: '完成日期',
  status: '整改状态',
  latestProgress: '整改进展',
  code: '编号',
  measures: '整改措施',
  evidenceCount: '佐证材料',
  lastChangeAt: '最后修改',
};

function edit(ctx: ServiceContext, label: string, extra: Partial<ActionInfo> = {}): ActionInfo {
  return { source: 'edit', label, actor: ctx.session.actor, ...extra };
}

function codeOf(ctx: ServiceContext, id: number): string {
  return getProblemRow(ctx.session.db(), id).code;
}

function summary(ctx: ServiceContext, id: number): ProblemSummary {
  const db = ctx.session.db();
  const row = getProblemRow(db, id);
  const [s] = listProblemSummaries(db, { roundId: row.round_id, includeDeleted: true, ids: [id] });
  return s!;
}

function detail(ctx: ServiceContext, problemId: number) {
  const d = getProblemDetail(ctx.session.db(), problemId);
  if (!d) throw new LedgerError('PROBLEM_NOT_FOUND', '找不到该问题。');
  return d;
}

/** The codes of a few problems, for labels that name the rows an action touched. */
function namedCodes(ctx: ServiceContext, ids: readonly number[]): string {
  const codes = ids.slice(0, 8).map((id) => codeOf(ctx, id));
  return `${codes.join('、')}${ids.length > 8 ? ` 等 ${ids.length} 个` : ''}`;
}

function fieldsOf(patch: ProblemPatchInput): string {
  return Object.keys(patch)
    .map((k) => FIELD_LABELS[k] ?? k)
    .join('、');
}

/**
 * Apply a person's answers about unit names (inside the action): aliases first, then every unit name the
 * patches would write must be a record, an alias, or confirmed as new. Callers that give no `names` (the
 * command line, scripts) let new names be created; the names are split into lead + cooperating anyway.
 */
function applyNameChoices(ctx: ServiceContext, patches: readonly ProblemPatch[], names: NameChoices): void {
  if (!names) return;
  const db = ctx.session.db();
  for (const a of names.unitAliases ?? []) addAlias(db, 'unit', a.name, a.alias);
  const wanted = patches.flatMap((p) => [...(p.leadUnit ? splitUnitCell(p.leadUnit) : []), ...(p.units ?? []).flatMap(splitUnitCell)]);
  const confirmed = new Set(names.newUnits ?? []);
  const unknown = unknownNames(db, 'unit', wanted).filter((n) => !confirmed.has(n));
  if (unknown.length) {
    throw new LedgerError(
      'NEW_UNITS',
      `${unknown.map((n) => `“${n}”`).join('')}不是已有的单位或别称。请确认新建，或设为已有单位的别称后再保存。`,
      { names: unknown },
    );
  }
}

/** Today, as the default completion date of something a person marks done now. */
function today(): string {
  return todayIso(now());
}

/**
 * Turn one pasted cell into a change, or a message saying why it cannot be taken. Columns that are not
 * editable text (measures, evidence) are refused by name.
 */
function pastedChange(field: string, value: string): { patch?: ProblemPatch; status?: string; progress?: string } | string {
  const v = value.trim();
  switch (field) {
    case 'text':
      return v ? { patch: { text: v } } : '问题内容不能为空';
    case 'leaders':
      return { patch: { leaders: splitLeaders(v) } };
    case 'leadUnit':
      return { patch: { leadUnit: v || null } };
    case 'units':
      return { patch: { units: splitUnits(v) } };
    case 'responsiblePerson':
      return { patch: { responsiblePerson: v } };
    case 'deadline':
      return { patch: { deadline: { raw: v } } };
    case 'notes':
      return { patch: { notes: value } };
    case 'status': {
      // An empty cell in a pasted block leaves the status as it is (as for progress).
      if (!v) return {};
      const s = normalizeStatus(v);
      return s ? { status: s } : `“${v}”不是可识别的状态（可填：${PROBLEM_STATUSES.join('、')}）`;
    }
    case 'latestProgress':
      return v ? { progress: v } : {};
    default:
      return '该列不能粘贴，请在详情中修改';
  }
}

/** What a block write is called in its undo label and its refusal. */
const PURPOSE = { paste: '粘贴', fill: '向下填充', replace: '替换' } as const;

export const problemsHandlers: Handlers<
  | 'problems.list'
  | 'problems.get'
  | 'problems.create'
  | 'problems.update'
  | 'problems.updateMany'
  | 'problems.setStatus'
  | 'problems.paste'
  | 'problems.delete'
  | 'problems.restore'
  | 'problems.move'
  | 'categories.list'
  | 'categories.create'
  | 'categories.rename'
  | 'categories.delete'
  | 'categories.restore'
  | 'categories.move'
  | 'measures.add'
  | 'measures.update'
  | 'measures.delete'
  | 'measures.move'
  | 'progress.add'
  | 'progress.delete'
  | 'people.units'
  | 'people.leaders'
  | 'people.addAlias'
  | 'people.removeAlias'
  | 'people.rename'
  | 'people.merge'
  | 'people.delete'
  | 'people.splitList'
> = {
  'problems.list': (req, ctx) =>
    listProblemSummaries(ctx.session.db(), {
      roundId: requireRound(ctx, req.roundId),
      includeDeleted: req.includeDeleted,
      onlyDeleted: req.onlyDeleted,
    }),
  'problems.get': (req, ctx) => detail(ctx, req.id),
  'problems.create': (req, ctx) => {
    const db = ctx.session.db();
    const cat = getCategory(db, req.categoryId);
    const id = runAction(db, edit(ctx, req.kind === 'general' ? '新增面上问题' : '新增具体问题', { roundId: cat.roundId }), () => {
      if (req.patch) applyNameChoices(ctx, [req.patch], req.names);
      const newId = createProblem(db, {
        categoryId: req.categoryId,
        parentId: req.parentId ?? null,
        kind: req.kind,
        text: req.text,
        afterId: req.afterId,
      });
      if (req.patch) updateProblem(db, newId, req.patch);
      return newId;
    });
    return summary(ctx, id);
  },
  'problems.update': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, edit(ctx, `修改 ${codeOf(ctx, req.id)} 的${fieldsOf(req.patch)}`), () => {
      applyNameChoices(ctx, [req.patch], req.names);
      updateProblem(db, req.id, req.patch);
    });
    return summary(ctx, req.id);
  },
  'problems.updateMany': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, edit(ctx, `批量设置 ${req.ids.length} 个问题的${fieldsOf(req.patch)}：${namedCodes(ctx, req.ids)}`), () => {
      applyNameChoices(ctx, [req.patch], req.names);
      for (const id of req.ids) updateProblem(db, id, req.patch);
    });
    return { count: req.ids.length };
  },
  'problems.setStatus': (req, ctx) => {
    const db = ctx.session.db();
    const what = req.status ? `设为“${req.status}”` : '恢复为按措施推导';
    const label = req.ids.length === 1 ? `将 ${codeOf(ctx, req.ids[0]!)} 的状态${what}` : `将 ${req.ids.length} 个问题的状态${what}`;
    runAction(db, edit(ctx, label), () => {
      for (const id of req.ids) {
        const done = req.status != null && isDoneStatus(req.status);
        const row = getProblemRow(db, id);
        const completedDate = req.completedDate !== undefined ? req.completedDate : done ? (row.completed_date ?? today()) : null;
        setProblemStatus(db, id, req.status, { source: 'manual', reason: req.reason, completedDate });
      }
    });
    return { count: req.ids.length };
  },
  'problems.paste': (req, ctx) => {
    const db = ctx.session.db();
    const errors: string[] = [];
    const unparsed: { code: string; raw: string }[] = [];
    const years = new Map<number, number | null>();
    const yearOf = (roundId: number) => {
      if (!years.has(roundId)) years.set(roundId, roundYear(getRound(db, roundId)));
      return years.get(roundId)!;
    };
    const changes = req.cells.map((cell) => {
      const row = getProblemRow(db, cell.id);
      let change = pastedChange(cell.field, cell.value);
      // The one deadline rule (readDeadline): an impossible date is refused with its cell; text that cannot
      // be read is listed for the person to confirm, then kept as text outside the deadline figures.
      if (typeof change !== 'string' && change.patch?.deadline) {
        const reading = readDeadline(change.patch.deadline.raw, yearOf(row.round_id));
        if (reading.state === 'invalid') change = reading.message;
        else if (reading.state === 'unparsed') {
          unparsed.push({ code: row.code, raw: reading.deadline.raw });
          change = { patch: { deadline: { raw: reading.deadline.raw, kind: 'text' } } };
        }
      }
      // The sign-off procedure owns the status of a problem in it: say which cell, as for any other bad cell,
      // instead of failing the whole block half-way with the procedure's own message.
      if (typeof change !== 'string' && change.status && (row.workflow === '待销号' || row.workflow === '已销号')) {
        change = `该问题正处于销号流程（${row.workflow}），状态由销号流程决定，不能粘贴；请在“佐证材料”页审核通过、退回或重新打开`;
      }
      if (typeof change === 'string') errors.push(`${row.code}“${FIELD_LABELS[cell.field] ?? cell.field}”：${change}`);
      return { cell, change };
    });
    if (errors.length) {
      throw new LedgerError('PASTE_INVALID', `${PURPOSE[req.purpose ?? 'paste']}未执行，以下单元格无法写入：${errors.slice(0, 5).join('；')}${errors.length > 5 ? ` 等 ${errors.length} 处` : ''}`, errors);
    }
    if (unparsed.length && !req.acceptUnparsedDeadlines) {
      const list = unparsed.slice(0, 10).map((u) => `${u.code}“${u.raw}”`).join('；');
      throw new LedgerError(
        'UNPARSED_DEADLINES',
        `${PURPOSE[req.purpose ?? 'paste']}未执行：${unparsed.length} 个整改时限无法识别（${list}${unparsed.length > 10 ? ' 等' : ''}）。确认后将${UNPARSED_DEADLINE_NOTE}。`,
        { cells: unparsed },
      );
    }
    runAction(db, edit(ctx, `${PURPOSE[req.purpose ?? 'paste']} ${req.cells.length} 个单元格`), () => {
      applyNameChoices(
        ctx,
        changes.flatMap(({ change }) => (typeof change !== 'string' && change.patch ? [change.patch] : [])),
        req.names,
      );
      for (const { cell, change } of changes) {
        if (typeof change === 'string') continue;
        if (change.patch) updateProblem(db, cell.id, change.patch);
        if (change.status) setProblemStatus(db, cell.id, change.status as never, { source: 'manual', reason: '粘贴', completedDate: change.status === '已完成' ? today() : null });
        if (change.progress) addProgress(db, cell.id, { date: today(), text: change.progress });
      }
    });
    return { count: req.cells.length };
  },
  'problems.delete': (req, ctx) => {
    const db = ctx.session.db();
    const label = req.ids.length === 1 ? `删除问题 ${codeOf(ctx, req.ids[0]!)}` : `删除 ${req.ids.length} 个问题`;
    runAction(db, edit(ctx, label), () => req.ids.forEach((id) => deleteProblem(db, id)));
    return { count: req.ids.length };
  },
  'problems.restore': (req, ctx) => {
    const db = ctx.session.db();
    const label = req.ids.length === 1 ? `恢复问题 ${codeOf(ctx, req.ids[0]!)}` : `恢复 ${req.ids.length} 个问题`;
    runAction(db, edit(ctx, label), () => req.ids.forEach((id) => restoreProblem(db, id)));
    return { count: req.ids.length };
  },
  'problems.move': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, edit(ctx, `移动问题 ${codeOf(ctx, req.id)}`), () =>
      moveProblem(db, req.id, { categoryId: req.categoryId, parentId: req.parentId, afterId: req.afterId }),
    );
    return summary(ctx, req.id);
  },
  'categories.list': (req, ctx) => listCategories(ctx.session.db(), requireRound(ctx, req.roundId), { includeDeleted: req.includeDeleted }),
  'categories.create': (req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx, req.roundId);
    const id = runAction(db, edit(ctx, `新增问题类别“${req.title}”`, { roundId }), () => createCategory(db, roundId, req.title));
    return listCategories(db, roundId).find((c) => c.id === id)!;
  },
  'categories.rename': (req, ctx) => {
    const db = ctx.session.db();
    const cat = getCategory(db, req.id);
    runAction(db, edit(ctx, `修改类别（${cat.no}）的标题`), () => renameCategory(db, req.id, req.title));
    return listCategories(db, cat.roundId).find((c) => c.id === req.id)!;
  },
  'categories.delete': (req, ctx) => {
    const db = ctx.session.db();
    const cat = getCategory(db, req.id);
    runAction(db, edit(ctx, `删除类别“${cat.title}”`), () => deleteCategory(db, req.id));
    return { count: 1 };
  },
  'categories.restore': (req, ctx) => {
    const db = ctx.session.db();
    const cat = getCategory(db, req.id);
    runAction(db, edit(ctx, `恢复类别“${cat.title}”`), () => restoreCategory(db, req.id));
    return { count: 1 };
  },
  'categories.move': (req, ctx) => {
    const db = ctx.session.db();
    const cat = getCategory(db, req.id);
    runAction(db, edit(ctx, `调整类别“${cat.title}”的顺序`), () => moveCategory(db, req.id, req.position));
    return { count: 1 };
  },
  'measures.add': (req, ctx) => {
    const db = ctx.session.db();
    const m = req.measure;
    runAction(db, edit(ctx, `为 ${codeOf(ctx, req.problemId)} 新增整改措施`), () =>
      addMeasure(
        db,
        req.problemId,
        { ...m, completedDate: m.status === '已完成' ? (m.completedDate ?? today()) : null },
        req.position,
      ),
    );
    return detail(ctx, req.problemId);
  },
  'measures.update': (req, ctx) => {
    const db = ctx.session.db();
    const row = getMeasureRow(db, req.id);
    const patch = { ...req.patch };
    if (patch.status === '已完成' && row.status !== '已完成' && patch.completedDate === undefined) patch.completedDate = today();
    runAction(db, edit(ctx, `修改 ${codeOf(ctx, row.problem_id)} 第${row.no}项措施`), () => updateMeasure(db, req.id, patch));
    return detail(ctx, row.problem_id);
  },
  'measures.delete': (req, ctx) => {
    const db = ctx.session.db();
    const row = getMeasureRow(db, req.id);
    runAction(db, edit(ctx, `删除 ${codeOf(ctx, row.problem_id)} 第${row.no}项措施`), () => deleteMeasure(db, req.id));
    return detail(ctx, row.problem_id);
  },
  'measures.move': (req, ctx) => {
    const db = ctx.session.db();
    const row = getMeasureRow(db, req.id);
    runAction(db, edit(ctx, `调整 ${codeOf(ctx, row.problem_id)} 措施顺序`), () => moveMeasure(db, req.id, req.position));
    return detail(ctx, row.problem_id);
  },
  'progress.add': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, edit(ctx, `为 ${codeOf(ctx, req.problemId)} 添加整改进展`), () =>
      addProgress(db, req.problemId, { date: req.date, text: req.text, measureId: req.measureId ?? null }),
    );
    return detail(ctx, req.problemId);
  },
  'progress.delete': (req, ctx) => {
    const db = ctx.session.db();
    const row = db.raw.prepare('SELECT problem_id FROM progress WHERE id = ?').get(req.id) as { problem_id: number } | undefined;
    if (!row) throw new LedgerError('PROGRESS_NOT_FOUND', '找不到该条进展。');
    runAction(db, edit(ctx, `删除 ${codeOf(ctx, row.problem_id)} 的一条整改进展`), () => deleteProgress(db, req.id));
    return detail(ctx, row.problem_id);
  },
  'people.units': (_req, ctx) => listUnits(ctx.session.db(), requireRound(ctx)),
  'people.leaders': (_req, ctx) => listLeaders(ctx.session.db(), requireRound(ctx)),
  'people.addAlias': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, edit(ctx, `将“${req.alias}”设为“${req.name}”的别名`), () => addAlias(db, req.kind, req.name, req.alias));
    return { ok: true as const };
  },
  'people.removeAlias': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, edit(ctx, `移除别名“${req.alias}”`), () => removeAlias(db, req.kind, req.alias));
    return { ok: true as const };
  },
  'people.rename': (req, ctx) => {
    const db = ctx.session.db();
    const old = nameOf(db, req.kind, req.id);
    runAction(db, edit(ctx, `将${req.kind === 'unit' ? '单位' : '领导'}“${old ?? ''}”更名为“${req.name}”`), () => renamePerson(db, req.kind, req.id, req.name));
    return { ok: true as const };
  },
  'people.merge': (req, ctx) => {
    const db = ctx.session.db();
    const from = nameOf(db, req.kind, req.fromId);
    const into = nameOf(db, req.kind, req.intoId);
    runAction(db, edit(ctx, `将“${from ?? ''}”合并到“${into ?? ''}”`), () => mergePeople(db, req.kind, req.fromId, req.intoId));
    return { ok: true as const };
  },
  'people.delete': (req, ctx) => {
    const db = ctx.session.db();
    const name = nameOf(db, req.kind, req.id);
    runAction(db, edit(ctx, `删除${req.kind === 'unit' ? '单位' : '领导'}“${name ?? ''}”`), () => deletePerson(db, req.kind, req.id));
    return { ok: true as const };
  },
  'people.splitList': (req, ctx) => {
    const db = ctx.session.db();
    const name = nameOf(db, 'unit', req.id);
    runAction(db, edit(ctx, `将“${name ?? ''}”拆分为牵头单位和配合单位`), () => splitUnitList(db, req.id));
    return { ok: true as const };
  },
};
