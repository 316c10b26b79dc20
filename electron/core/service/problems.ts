import type { Handlers, ServiceContext } from './registry';
import type { ProblemPatchInput } from '../../../shared/api/problems';
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
  resolveDeadline,
  restoreProblem,
  setProblemStatus,
  updateProblem,
  type ProblemPatch,
} from '../ledger/problems';
import { addMeasure, addProgress, deleteMeasure, deleteProgress, getMeasureRow, moveMeasure, updateMeasure } from '../ledger/measures';
import { createCategory, getCategory, listCategories } from '../ledger/rounds';
import { deleteCategory, moveCategory, renameCategory, restoreCategory } from '../ledger/categories';
import { addAlias, listLeaders, listUnits, removeAlias, renamePerson } from '../ledger/people';
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

function fieldsOf(patch: ProblemPatchInput): string {
  return Object.keys(patch)
    .map((k) => FIELD_LABELS[k] ?? k)
    .join('、');
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
    runAction(db, edit(ctx, `修改 ${codeOf(ctx, req.id)} 的${fieldsOf(req.patch)}`), () => updateProblem(db, req.id, req.patch));
    return summary(ctx, req.id);
  },
  'problems.updateMany': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, edit(ctx, `批量设置 ${req.ids.length} 个问题的${fieldsOf(req.patch)}`), () => {
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
    const changes = req.cells.map((cell) => {
      const row = getProblemRow(db, cell.id);
      let change = pastedChange(cell.field, cell.value);
      // A deadline that names an impossible date is refused here, with its cell, not half-way through.
      if (typeof change !== 'string' && change.patch?.deadline) {
        try {
          resolveDeadline(db, row.round_id, change.patch.deadline);
        } catch (e) {
          if (!(e instanceof LedgerError)) throw e;
          change = e.message;
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
    runAction(db, edit(ctx, `${PURPOSE[req.purpose ?? 'paste']} ${req.cells.length} 个单元格`), () => {
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
    runAction(db, edit(ctx, `更名为“${req.name}”`), () => renamePerson(db, req.kind, req.id, req.name));
    return { ok: true as const };
  },
};
