import type { FieldChange, RowChange } from '../../../../shared/api/import';
import type { ProblemKind } from '../../../../shared/domain/types';
import { isMeasureStatus, type MeasureStatus, type ProblemStatus } from '../../../../shared/domain/status';
import { parseCode } from '../../../../shared/domain/code';
import { splitLeaders, splitUnits } from '../../../../shared/domain/names';
import { toChineseNumeral } from '../../../../shared/domain/numerals';
import { deadlineLabel } from '../../../../shared/domain/deadline';
import { createCategory } from '../../ledger/rounds';
import { renameCategory } from '../../ledger/categories';
import { setProblemStatus, updateProblem, type ProblemPatch } from '../../ledger/problems';
import { addMeasure, addProgress, deleteMeasure, updateMeasure } from '../../ledger/measures';
import { newProblemWriter } from '../../ledger/new-problems';
import { problemState } from './state';
import { extrasOf, setExtras } from '../../ledger/extras';
import type { SheetRecord } from '../layout/records';
import { isLedgerError } from '../../errors';
import { addError, addWarning, inSavepoint, issueCount, MAX_DETAILED_ADDS, type FileContext } from './context';
import { deadlineOf, measureDeadlines, statusOf, type DeadlineValue, type StatusValue } from './values';
import { sheetExtrasOf, cellsOf, joinTexts, kindBySplit, measureStatusCells, measuresOf, problemStatusCell, problemTextOf, statusAndProgress } from './record-values';
import { deriveProblemStatus } from '../../../../shared/domain/status';

type NewProblemWriter = ReturnType<typeof newProblemWriter>;

/** Rows the writer keeps pending before they are written between two problems. */
const FLUSH_ROWS = 1000;

interface PlannedMeasure {
  text: string;
  status: MeasureStatus;
  deadline: DeadlineValue | null;
  /** Extra columns whose value differs between the problem's rows: this measure's own. */
  extras: Record<string, string>;
}

interface PlannedProblem {
  record: SheetRecord;
  code: string;
  kind: ProblemKind;
  categoryNo: number;
  categoryTitle: string | null;
  parentCode: string | null;
  text: string;
  leaders: string[];
  leadUnit: string | null;
  units: string[];
  person: string;
  deadline: DeadlineValue | null;
  measures: PlannedMeasure[];
  /** Set when the sheet gives a status the measures cannot express (申请延期, 待销号, 已销号). */
  explicitStatus: ProblemStatus | null;
  progress: string;
  notes: string;
  /** Extra columns (原因分析, 举一反三情况…) with one value for the whole problem. */
  extras: Record<string, string>;
}

export interface LedgerCounts {
  categories: number;
  general: number;
  specific: number;
  measures: number;
}

/** Measure statuses from a problem's 完成情况: all measures alike, or per measure (第一三项…). */
function measureStatuses(ctx: FileContext, value: StatusValue, count: number, at: SheetRecord['fields']['status']): { statuses: MeasureStatus[]; explicit: ProblemStatus | null } | null {
  if (value.kind === 'partial') {
    const beyond = [...value.byMeasure.keys()].filter((n) => n > count);
    if (beyond.length) {
      addError(ctx, at ?? null, 'STATUS_MEASURE_RANGE', `完成情况提到第${beyond.join('、')}项，但该问题只有 ${count} 项整改措施。请核对完成情况或措施。`);
      return null;
    }
    return { statuses: Array.from({ length: count }, (_, i) => value.byMeasure.get(i + 1) ?? '未启动'), explicit: null };
  }
  const s = value.status;
  if (isMeasureStatus(s)) return { statuses: Array(count).fill(s), explicit: count === 0 && s !== '未启动' ? s : null };
  // Workflow states: measures are done for 待销号/已销号, still running for 申请延期.
  return { statuses: Array(count).fill(s === '申请延期' ? '正在推进' : '已完成'), explicit: s };
}

/**
 * Codes come from the structure, not from 序号 (1, 2, 3… down the sheet): a banner gives the category
 * number; 面上问题 count within their category; 具体问题 count under the preceding 面上问题. A code cell
 * that holds a real code (2-3, 二-3-(2)) is used as written. Yielded one problem at a time: each is written
 * before the next is planned, so that a large sheet's plan is never held whole.
 */
function* plan(ctx: FileContext): Generator<PlannedProblem> {
  const generalCount = new Map<number, number>();
  const specificCount = new Map<string, number>();
  let lastGeneral: { code: string; categoryNo: number } | null = null;
  for (const record of ctx.analysis.records) {
    const f = record.fields;
    const errorsBefore = issueCount(ctx.errors);
    const explicit = f.code ? parseCode(f.code.text) : null;
    let kind: ProblemKind = 'general';
    if (f.kind) {
      if (/面上/.test(f.kind.text)) kind = 'general';
      else if (/具体/.test(f.kind.text)) kind = 'specific';
      else addError(ctx, f.kind, 'BAD_KIND', `问题类型“${f.kind.text.slice(0, 20)}”无法识别：请填写“面上问题”或“具体问题”。`);
    } else if (kindBySplit(record)) kind = kindBySplit(record)!;
    else if (explicit) kind = explicit.split('-').length === 3 ? 'specific' : 'general';

    let code: string | null = null;
    let categoryNo = record.category?.no ?? 0;
    let parentCode: string | null = null;
    if (explicit && (explicit.split('-').length === 3) === (kind === 'specific')) {
      code = explicit;
      const parts = explicit.split('-').map(Number);
      if (record.category && record.category.no !== parts[0]) {
        addWarning(ctx, f.code!, 'CODE_CATEGORY', `编号 ${explicit} 与所在类别（${toChineseNumeral(record.category.no)}）不一致，按编号导入。`);
      }
      categoryNo = parts[0]!;
      if (kind === 'general') {
        generalCount.set(categoryNo, Math.max(generalCount.get(categoryNo) ?? 0, parts[1]!));
        lastGeneral = { code, categoryNo };
      } else {
        parentCode = `${parts[0]}-${parts[1]}`;
        specificCount.set(parentCode, Math.max(specificCount.get(parentCode) ?? 0, parts[2]!));
      }
    } else if (!record.category) {
      addError(ctx, { row: record.row }, 'NO_CATEGORY', '该行上方没有类别标题行（如“（一）统筹协调……”），也没有编号（如 1-2），无法确定问题的类别和编号。');
    } else if (kind === 'general') {
      const n = (generalCount.get(categoryNo) ?? 0) + 1;
      generalCount.set(categoryNo, n);
      code = `${categoryNo}-${n}`;
      lastGeneral = { code, categoryNo };
    } else if (!lastGeneral || lastGeneral.categoryNo !== categoryNo) {
      addError(ctx, f.kind ?? { row: record.row }, 'NO_GENERAL', '具体问题之前没有同一类别的面上问题，无法确定它属于哪个面上问题。');
    } else {
      parentCode = lastGeneral.code;
      const n = (specificCount.get(parentCode) ?? 0) + 1;
      specificCount.set(parentCode, n);
      code = `${parentCode}-${n}`;
    }

    const text = problemTextOf(record)?.text.trim() ?? '';
    if (!text) addError(ctx, { row: record.row, col: ctx.analysis.header!.roles.text ?? ctx.analysis.header!.roles.generalText ?? null }, 'EMPTY_TEXT', '问题内容为空。');

    let deadline: DeadlineValue | null = null;
    if (f.deadline) {
      const d = deadlineOf(f.deadline, ctx.roundYear, false);
      if ('error' in d) addError(ctx, f.deadline, 'BAD_DEADLINE', d.error);
      else {
        deadline = d.ok;
        if (d.warning) addWarning(ctx, f.deadline, 'DEADLINE_TEXT', d.warning);
      }
    }
    const perMeasureDeadline = deadline ? measureDeadlines(deadline.raw, ctx.roundYear) : null;
    const measureTexts = measuresOf(record);
    const { status: statusCells, progress: progressCells } = statusAndProgress(record);
    let statuses: MeasureStatus[] = Array(measureTexts.length).fill('未启动');
    let explicitStatus: ProblemStatus | null = null;
    const perMeasure = measureStatusCells(record, statusCells);
    const problemCell = problemStatusCell(record, statusCells);
    if (perMeasure) {
      // One status per measure row (任务状态): the problem's status derives from them.
      for (const { no, cell } of perMeasure) {
        const s = statusOf(cell.text);
        if ('error' in s) addError(ctx, cell, 'BAD_STATUS', s.error);
        else if (no > measureTexts.length) addError(ctx, cell, 'STATUS_MEASURE_RANGE', `措施状态属于第 ${no} 项措施，但该问题只有 ${measureTexts.length} 项整改措施。请核对措施序号。`);
        else if (s.ok.kind === 'all' && isMeasureStatus(s.ok.status)) statuses[no - 1] = s.ok.status;
        else addError(ctx, cell, 'BAD_STATUS', `每项措施一行时，措施状态只能填 已完成、正在推进、未启动 或 长期坚持（收到“${cell.text.slice(0, 20)}”）。`);
      }
    }
    if (problemCell) {
      const s = statusOf(problemCell.text);
      if ('error' in s) addError(ctx, problemCell, 'BAD_STATUS', s.error);
      else if (perMeasure) {
        // The sheet states the problem's own status besides its measures': kept when it says something else.
        const own = s.ok.kind === 'all' ? s.ok.status : null;
        if (own && own !== deriveProblemStatus(statuses)) explicitStatus = own;
      } else {
        const m = measureStatuses(ctx, s.ok, measureTexts.length, problemCell);
        if (m) ({ statuses, explicit: explicitStatus } = m);
      }
    }

    if (issueCount(ctx.errors) > errorsBefore || !code) continue;
    const extras = sheetExtrasOf(record);
    yield {
      record,
      code,
      kind,
      categoryNo,
      categoryTitle: record.category?.title ?? null,
      parentCode,
      text,
      leaders: cellsOf(record, 'leaders').flatMap((c) => splitLeaders(c.text)),
      ...leadAndUnits(record),
      person: joinTexts(cellsOf(record, 'person')),
      deadline,
      measures: measureTexts.map((m, i) => ({ text: m.text, status: statuses[i]!, deadline: perMeasureDeadline?.get(i + 1) ?? null, extras: extras.byRow.get(m.cell.row) ?? {} })),
      extras: extras.problem,
      explicitStatus,
      progress: joinTexts(progressCells),
      notes: joinTexts(cellsOf(record, 'notes')),
    };
  }
}

/** The first unit of a 牵头单位 cell leads; the others, and the 配合单位 column, cooperate. */
function leadAndUnits(record: SheetRecord): { leadUnit: string | null; units: string[] } {
  const lead = cellsOf(record, 'leadUnit').flatMap((c) => splitUnits(c.text));
  const others = cellsOf(record, 'units').flatMap((c) => splitUnits(c.text));
  const leadUnit = lead[0] ?? null;
  // Repeated cells (one row per measure) list the same units on every row: each unit once, the lead apart.
  return { leadUnit, units: [...new Set([...lead.slice(1), ...others])].filter((u) => u !== leadUnit) };
}

/** The category of a number, created or renamed as the sheet says; ids kept in `known` (cleared when a row rolls back). */
function ensureCategory(ctx: FileContext, no: number, title: string | null, known: Map<number, { id: number; title: string }>): number {
  let row = known.get(no);
  if (!row) {
    row = ctx.db.raw.prepare('SELECT id, title FROM categories WHERE round_id = ? AND no = ?').get(ctx.roundId, no) as { id: number; title: string } | undefined;
    if (!row) row = { id: createCategory(ctx.db, ctx.roundId, title ?? `反馈问题（${toChineseNumeral(no)}）`, no), title: title ?? '' };
    known.set(no, row);
  }
  if (title && row.title !== title) {
    renameCategory(ctx.db, row.id, title);
    row.title = title;
  }
  return row.id;
}

const deadlineInput = (d: DeadlineValue | null) => (d ? { raw: d.raw, kind: d.kind, date: d.date } : { raw: '', kind: 'none' as const, date: null });

/** Whether a new problem brings extra columns, written beside its rows (they must be in the tables first). */
const hasExtras = (p: PlannedProblem) => Object.keys(p.extras).length > 0 || p.measures.some((m) => Object.keys(m.extras).length > 0);

function addPlanned(ctx: FileContext, writer: NewProblemWriter, p: PlannedProblem, categoryId: number, reason: string): number {
  const parentId = p.parentCode ? (writer.idOfCode(p.parentCode) ?? null) : null;
  const { id, measureIds } = writer.add({
    categoryId,
    parentId,
    kind: p.kind,
    text: p.text,
    code: p.code,
    leaders: p.leaders,
    leadUnit: p.leadUnit,
    units: p.units,
    responsiblePerson: p.person,
    deadline: p.deadline ? deadlineInput(p.deadline) : null,
    notes: p.notes,
    measures: p.measures.map((m) => ({ text: m.text, status: m.status, deadline: m.deadline ? deadlineInput(m.deadline) : null })),
    explicitStatus: p.explicitStatus,
    statusReason: reason,
    progress: p.progress ? { date: ctx.reportDate, text: p.progress, batchId: ctx.batchId } : null,
  });
  if (!hasExtras(p)) return id;
  // Only this problem is pending (the caller flushed before its savepoint): written under it.
  writer.flush();
  p.measures.forEach((m, i) => {
    if (Object.keys(m.extras).length) setExtras(ctx.db, id, measureIds[i]!, m.extras);
  });
  if (Object.keys(p.extras).length) setExtras(ctx.db, id, null, p.extras);
  return id;
}

const list = (xs: string[]) => xs.join('、');

function extrasText(ctx: FileContext, problemId: number): string {
  return extrasOf(ctx.db, problemId)
    .map((e) => `${e.label}：${e.value}`)
    .join('\n');
}

/** What a new problem brings, for the preview: the fields a clerk checks against the sheet. */
function newFields(p: PlannedProblem): FieldChange[] {
  const done = p.measures.filter((m) => m.status === '已完成').length;
  const out: FieldChange[] = [
    { field: 'kind', label: '类型', before: '', after: p.kind === 'general' ? '面上问题' : '具体问题' },
    { field: 'leaders', label: '责任领导', before: '', after: list(p.leaders) },
    { field: 'leadUnit', label: '牵头单位', before: '', after: [p.leadUnit, ...p.units].filter(Boolean).join('、') },
    { field: 'deadline', label: '整改时限', before: '', after: p.deadline ? deadlineLabel(p.deadline) : '' },
    { field: 'measures', label: '整改措施', before: '', after: `${p.measures.length} 项，已完成 ${done} 项` },
  ];
  if (p.explicitStatus) out.push({ field: 'status', label: '整改状态', before: '', after: p.explicitStatus });
  if (p.progress) out.push({ field: 'progress', label: '整改进展', before: '', after: p.progress });
  const extras = [...Object.entries(p.extras), ...p.measures.flatMap((m, i) => Object.entries(m.extras).map(([l, v]) => [`第${i + 1}项措施 ${l}`, v] as const))];
  if (extras.length) out.push({ field: 'extras', label: '其他信息', before: '', after: extras.map(([l, v]) => `${l}：${v}`).join('\n') });
  return out.filter((f) => f.after);
}

/** Bring an existing problem to what the sheet says; returns the fields that changed. */
function updatePlanned(ctx: FileContext, p: PlannedProblem, id: number, reason: string): FieldChange[] {
  const cur = problemState(ctx.db, id);
  const changes: FieldChange[] = [];
  const patch: ProblemPatch = {};
  const diff = (field: string, label: string, before: string, after: string, apply: () => void) => {
    if (before === after) return;
    changes.push({ field, label, before, after });
    apply();
  };
  diff('text', '问题内容', cur.text, p.text, () => (patch.text = p.text));
  diff('leaders', '责任领导', list(cur.leaders), list(p.leaders), () => (patch.leaders = p.leaders));
  diff('leadUnit', '牵头单位', cur.leadUnit ?? '', p.leadUnit ?? '', () => (patch.leadUnit = p.leadUnit));
  diff('units', '配合单位', list(cur.units), list(p.units), () => (patch.units = p.units));
  diff('responsiblePerson', '责任人', cur.responsiblePerson, p.person, () => (patch.responsiblePerson = p.person));
  diff('deadline', '整改时限', deadlineLabel(cur.deadline), p.deadline ? deadlineLabel(p.deadline) : '', () => (patch.deadline = deadlineInput(p.deadline)));
  diff('notes', '备注', cur.notes, p.notes, () => (patch.notes = p.notes));
  if (Object.keys(patch).length) updateProblem(ctx.db, id, patch);

  const describe = (ms: { text: string; status: string }[]) => ms.map((m, i) => `${i + 1}.${m.status} ${m.text.slice(0, 30)}`).join('\n');
  const before = describe(cur.measures);
  const after = describe(p.measures);
  const sameMeasures = cur.measures.length === p.measures.length && cur.measures.every((m, i) => m.text === p.measures[i]!.text && m.status === p.measures[i]!.status);
  // A sheet without a measures column says nothing about the measures: they are left as they are.
  if (!sameMeasures && ctx.analysis.header!.roles.measures !== undefined) {
    changes.push({ field: 'measures', label: '整改措施', before, after });
    p.measures.forEach((m, i) => {
      const old = cur.measures[i];
      if (!old) addMeasure(ctx.db, id, { text: m.text, status: m.status, deadline: m.deadline ? deadlineInput(m.deadline) : undefined });
      else if (old.text !== m.text || old.status !== m.status) updateMeasure(ctx.db, old.id, { text: m.text, status: m.status });
    });
    for (const old of cur.measures.slice(p.measures.length)) deleteMeasure(ctx.db, old.id);
  }
  if (ctx.analysis.header!.columns.some((c) => c.role === 'extra' || c.role === 'reason')) {
    // The sheet's extra columns replace what an earlier import kept (a column left out now is dropped, and recorded).
    const before = extrasText(ctx, id);
    let changed = setExtras(ctx.db, id, null, p.extras);
    const measureIds = (ctx.db.raw.prepare('SELECT id FROM measures WHERE problem_id = ? AND deleted_at IS NULL ORDER BY no, id').all(id) as { id: number }[]).map((r) => r.id);
    p.measures.forEach((m, i) => {
      if (measureIds[i] !== undefined && setExtras(ctx.db, id, measureIds[i]!, m.extras)) changed = true;
    });
    if (changed) changes.push({ field: 'extras', label: '其他信息', before, after: extrasText(ctx, id) });
  }
  if (p.explicitStatus && cur.status !== p.explicitStatus) {
    changes.push({ field: 'status', label: '整改状态', before: cur.status, after: p.explicitStatus });
    setProblemStatus(ctx.db, id, p.explicitStatus, { source: 'import', reason });
  }
  const latest = cur.latestProgress?.text ?? '';
  if (p.progress && p.progress !== latest) {
    changes.push({ field: 'progress', label: '整改进展', before: latest, after: p.progress });
    addProgress(ctx.db, id, { date: ctx.reportDate, text: p.progress, source: 'import', batchId: ctx.batchId });
  }
  return changes;
}

/**
 * A master ledger: creates the round's categories, general and specific problems with canonical codes,
 * and measures; a problem whose code the round already has is brought up to date instead (re-import).
 */
export function importLedgerFile(ctx: FileContext): { counts: LedgerCounts; added: number; updated: number; unchanged: number } {
  const counts: LedgerCounts = { categories: 0, general: 0, specific: 0, measures: 0 };
  const categories = new Map<number, { id: number; title: string }>();
  const writer = newProblemWriter(ctx.db, ctx.roundId);
  const reason = `${ctx.fileName} 总台账`;
  const touched = new Set<number>();
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const p of plan(ctx)) {
    const base: Omit<RowChange, 'action' | 'changes' | 'match' | 'problemId'> = { sheet: ctx.sheet, row: p.record.row, code: p.code, text: p.text };
    try {
      if (p.parentCode && writer.idOfCode(p.parentCode) === undefined) {
        // Its general problem had errors and was left out: the specific one cannot stand alone.
        addError(ctx, { row: p.record.row }, 'NO_PARENT', `${p.code}：所属的面上问题 ${p.parentCode} 有错误、未导入，本具体问题也不导入。请先改正面上问题。`);
        ctx.changes.push({ ...base, problemId: null, action: 'error', match: 'none', changes: [] });
        continue;
      }
      const existingId = writer.idOfCode(p.code);
      // New problems wait in the writer and are written a few hundred at a time, between rows (newProblemWriter).
      // An update reads and writes the tables, and extras are written beside the new rows: everything
      // pending goes first.
      if (existingId !== undefined || hasExtras(p) || writer.pending >= FLUSH_ROWS) writer.flush();
      writer.begin();
      inSavepoint(ctx.db, () => {
        const categoryId = ensureCategory(ctx, p.categoryNo, p.categoryTitle, categories);
        touched.add(p.categoryNo);
        if (existingId === undefined) {
          const id = addPlanned(ctx, writer, p, categoryId, reason);
          // The fields of the first new problems are listed; past those, the row alone (see MAX_DETAILED_ADDS).
          const detailed = added < MAX_DETAILED_ADDS;
          added++;
          ctx.changes.push({ ...base, problemId: id, action: 'add', match: 'new', changes: detailed ? newFields(p) : [], ...(detailed ? {} : { detailsLeftOut: true }) });
        } else {
          const changes = updatePlanned(ctx, p, existingId, reason);
          if (changes.length) updated++;
          else unchanged++;
          ctx.changes.push({ ...base, problemId: existingId, action: changes.length ? 'update' : 'unchanged', match: 'code', changes });
        }
      });
      counts[p.kind]++;
      counts.measures += p.measures.length;
    } catch (e) {
      if (!isLedgerError(e)) throw e;
      // The row was rolled back: a category or a unit it created is gone again.
      categories.clear();
      writer.forget();
      addError(ctx, { row: p.record.row }, e.code, `${p.code}：${e.message}`);
      ctx.changes.push({ ...base, problemId: null, action: 'error', match: 'none', changes: [] });
    }
  }
  writer.flush();
  counts.categories = touched.size;
  return { counts, added, updated, unchanged };
}
