import type { FieldChange, RowChange } from '../../../../shared/api/import';
import { deriveProblemStatus, isMeasureStatus, type MeasureStatus, type ProblemStatus } from '../../../../shared/domain/status';
import { deadlineLabel } from '../../../../shared/domain/deadline';
import { getProblemRow, refreshDerivedStatus, setProblemStatus, updateProblem } from '../../ledger/problems';
import { addProgress, completeOpenMeasures, updateMeasure } from '../../ledger/measures';
import { stateCache, type ProblemState } from './state';
import { getMeta } from '../../ledger/meta';
import { extrasOf, setExtras } from '../../ledger/extras';
import { nowIso } from '../../clock';
import { nextEvidenceSeq } from '../../evidence/numbering';
import { isLedgerError } from '../../errors';
import type { SheetRecord } from '../layout/records';
import { addError, addWarning, inSavepoint, issueCount, type FileContext } from './context';
import { dateOf, deadlineOf, statusOf, type StatusValue } from './values';
import { cellsOf, joinTexts, measureStatusCells, problemStatusCell, problemTextOf, statusAndProgress } from './record-values';
import { problemIndex, similarity, normalizeText, type MatchResult, type ProblemIndex } from './match';
import { seqUnder, splitEvidence, type EvidenceItem } from './evidence';
import type { TemplateInfo } from '../layout/template';

interface ReturnRow {
  record: SheetRecord;
  status: { value: StatusValue; cell: NonNullable<SheetRecord['fields']['status']> } | null;
  /** The problem's own status, stated beside per-measure statuses. */
  problemStatus: ProblemStatus | null;
  progress: string;
  evidence: EvidenceItem[];
  completedDate: string | null;
  /** Extra columns (原因分析, 举一反三情况…): kept on the problem, beside what earlier files kept. */
  extras: Record<string, string>;
}

/** Read what a return row says, collecting errors (bad dates, unknown statuses) with their cells. */
function readRow(ctx: FileContext, record: SheetRecord): ReturnRow | null {
  const before = issueCount(ctx.errors);
  const f = record.fields;
  const { status: statusCells, progress: progressCells } = statusAndProgress(record);
  let status: ReturnRow['status'] = null;
  let problemStatus: ReturnRow['problemStatus'] = null;
  const perMeasure = measureStatusCells(record, statusCells);
  const problemCell = problemStatusCell(record, statusCells);
  if (perMeasure) {
    // One row per measure, each with its status: the measures are set, the problem's status derives.
    const byMeasure = new Map<number, MeasureStatus>();
    for (const { no, cell } of perMeasure) {
      const s = statusOf(cell.text);
      if ('error' in s) addError(ctx, cell, 'BAD_STATUS', s.error);
      else if (s.ok.kind === 'all' && isMeasureStatus(s.ok.status)) byMeasure.set(no, s.ok.status);
      else addError(ctx, cell, 'BAD_STATUS', `每项措施一行时，措施状态只能填 已完成、正在推进、未启动 或 长期坚持（收到“${cell.text.slice(0, 20)}”）。`);
    }
    if (byMeasure.size) status = { value: { kind: 'partial', byMeasure }, cell: perMeasure[0]!.cell };
  }
  if (problemCell) {
    const s = statusOf(problemCell.text);
    if ('error' in s) addError(ctx, problemCell, 'BAD_STATUS', s.error);
    else if (!perMeasure) status = { value: s.ok, cell: problemCell };
    else if (s.ok.kind === 'all') problemStatus = s.ok.status;
  }
  for (const cell of cellsOf(record, 'deadline')) {
    const d = deadlineOf(cell, ctx.roundYear, true);
    if ('error' in d) addError(ctx, cell, 'BAD_DEADLINE', d.error);
    else if (d.ok.kind === 'text') addWarning(ctx, cell, 'DEADLINE_TEXT', d.warning ?? '');
  }
  let completedDate: string | null = null;
  if (f.completedDate) {
    const d = dateOf(f.completedDate, '完成日期');
    if ('error' in d) addError(ctx, f.completedDate, 'BAD_DATE', d.error);
    else completedDate = d.ok;
  }
  if (issueCount(ctx.errors) > before) return null;
  return {
    record,
    status,
    problemStatus,
    progress: joinTexts(progressCells),
    evidence: cellsOf(record, 'evidence').flatMap((c) => splitEvidence(c.text)),
    completedDate,
    extras: Object.fromEntries(record.rows.flatMap((x) => x.extras.map((e) => [e.label, e.cell.text] as const))),
  };
}

function templateMatch(template: TemplateInfo | null, ledgerId: string | null, index: ProblemIndex, row: number): MatchResult | null {
  if (!template || template.ledgerId !== ledgerId) return null;
  const entry = template.rows.get(row);
  if (!entry) return null;
  const problem = index.byId.get(entry.problemId);
  return problem ? { by: 'template', problem } : { by: 'none', reason: `回执模板中第 ${row} 行对应的问题（${entry.code}）已不在台账中` };
}

const STATUS_DONE = new Set<ProblemStatus>(['已完成', '已销号']);

/** Evidence numbers a problem has ever used: its rows (removed ones too) and those only history remembers. */
function usedEvidenceNumbers(ctx: FileContext, problemId: number): Set<number> {
  const rows = ctx.db.raw
    .prepare(
      `SELECT seq AS n FROM evidence WHERE problem_id = ?
       UNION SELECT json_extract(coalesce(new_value, old_value), '$.seq') FROM history WHERE tbl = 'evidence' AND field = '*' AND problem_id = ?`,
    )
    .all(problemId, problemId) as { n: number | null }[];
  return new Set(rows.map((r) => r.n).filter((n): n is number => typeof n === 'number'));
}

/**
 * Apply one matched row to the problem as it now is (`cur`); returns the fields that changed. Problem rows
 * are read back only after writes that may have changed them (a measure's status re-derives the problem's).
 */
function applyRow(ctx: FileContext, r: ReturnRow, cur: ProblemState): FieldChange[] {
  const problemId = cur.id;
  const changes: FieldChange[] = [];
  const reason = `${ctx.fileName} 回执`;

  if (r.progress) {
    const latest = cur.latestProgress;
    const same = latest && normalizeText(latest.text) === normalizeText(r.progress);
    if (!same) {
      changes.push({ field: 'progress', label: '整改进展', before: latest ? `${latest.date} ${latest.text}` : '', after: `${ctx.reportDate} ${r.progress}` });
      addProgress(ctx.db, problemId, { date: ctx.reportDate, text: r.progress, source: 'import', batchId: ctx.batchId }, { problemRead: true });
    }
  }

  if (r.status) {
    const v = r.status.value;
    let target: ProblemStatus;
    let written = false;
    if (v.kind === 'partial') {
      const statuses: MeasureStatus[] = cur.measures.map((m, i) => v.byMeasure.get(i + 1) ?? m.status);
      cur.measures.forEach((m, i) => {
        if (m.status === statuses[i]) return;
        updateMeasure(ctx.db, m.id, { status: statuses[i], completedDate: statuses[i] === '已完成' ? (r.completedDate ?? ctx.reportDate) : null }, { refresh: false });
        written = true;
      });
      if (written) {
        changes.push({ field: 'measures', label: '措施状态', before: cur.measures.map((m) => m.status).join('、'), after: statuses.join('、') });
      }
      target = r.problemStatus ?? deriveProblemStatus(statuses);
    } else target = v.status;

    const done = STATUS_DONE.has(target);
    if (done && v.kind === 'all') {
      // A problem reported done has all its measures done.
      const open = cur.measures.filter((m) => m.status !== '已完成');
      if (open.length) completeOpenMeasures(ctx.db, problemId, r.completedDate ?? ctx.reportDate);
      if (open.length) {
        // Shown even when the problem's own status stays (one set by hand): the preview lists every write.
        changes.push({ field: 'measures', label: '措施状态', before: cur.measures.map((m) => m.status).join('、'), after: cur.measures.map(() => '已完成').join('、') });
        written = true;
      }
    }
    // The problem's derived status once for all the measures written (not after each).
    const now = written ? refreshDerivedStatus(ctx.db, problemId) : { status: cur.status, completed_date: cur.completedDate };
    const completedDate = done ? (r.completedDate ?? now.completed_date ?? (STATUS_DONE.has(cur.status) ? null : ctx.reportDate)) : null;
    let after = now;
    if (now.status !== target || (done && completedDate !== now.completed_date)) {
      setProblemStatus(ctx.db, problemId, target, { source: 'import', reason, completedDate });
      after = getProblemRow(ctx.db, problemId);
    }
    if (after.status !== cur.status) changes.push({ field: 'status', label: '整改状态', before: cur.status, after: after.status });
    if (after.completed_date !== cur.completedDate) changes.push({ field: 'completedDate', label: '完成日期', before: cur.completedDate ?? '', after: after.completed_date ?? '' });
  } else if (r.completedDate) {
    if (STATUS_DONE.has(cur.status)) {
      if (cur.completedDate !== r.completedDate) {
        changes.push({ field: 'completedDate', label: '完成日期', before: cur.completedDate ?? '', after: r.completedDate });
        updateProblem(ctx.db, problemId, { completedDate: r.completedDate });
      }
    } else {
      addWarning(ctx, r.record.fields.completedDate ?? null, 'DATE_NOT_DONE', `填写了完成日期，但该问题状态是“${cur.status}”，完成日期未导入。请同时填写完成状态“已完成”。`);
    }
  }

  if (Object.keys(r.extras).length) {
    const text = () => extrasOf(ctx.db, problemId).filter((e) => e.measureId === null).map((e) => `${e.label}：${e.value}`).join('\n');
    const before = text();
    if (setExtras(ctx.db, problemId, null, r.extras, true)) changes.push({ field: 'extras', label: '其他信息', before, after: text() });
  }

  if (r.evidence.length) {
    const listed = ctx.db.raw.prepare('SELECT title FROM evidence WHERE problem_id = ? AND deleted_at IS NULL').all(problemId) as { title: string }[];
    const titles = new Set(listed.map((e) => normalizeText(e.title)));
    const used = usedEvidenceNumbers(ctx, problemId);
    const added: string[] = [];
    for (const item of r.evidence) {
      const wanted = seqUnder(cur.code, item.number);
      const title = wanted != null || !item.number ? item.title : `${item.number} ${item.title}`;
      if (titles.has(normalizeText(title))) continue;
      // Evidence numbers are never reused (evidence/numbering.ts): a number taken before gets the next one.
      const seq = wanted != null && !used.has(wanted) ? wanted : Math.max(nextEvidenceSeq(ctx.db, problemId), ...[...used].map((n) => n + 1));
      if (wanted != null && seq !== wanted) {
        addWarning(ctx, r.record.fields.evidence ?? null, 'EVIDENCE_RENUMBERED', `佐证材料编号 ${cur.code}-${wanted} 已被使用过（编号不重复使用），“${title}”编为 ${cur.code}-${seq}。`);
      }
      ctx.db.raw
        .prepare("INSERT INTO evidence (problem_id, seq, title, added_at, source, batch_id) VALUES (?, ?, ?, ?, 'import', ?)")
        .run(problemId, seq, title, nowIso(), ctx.batchId);
      used.add(seq);
      titles.add(normalizeText(title));
      added.push(`${cur.code}-${seq} ${title}`);
    }
    if (added.length) changes.push({ field: 'evidence', label: '佐证材料（清单）', before: listed.length ? `已列 ${listed.length} 项` : '', after: added.join('；') });
  }
  return changes;
}

/** Problems written to since the template was issued, by anything but this file (one query for all). */
function changedSinceTemplate(ctx: FileContext, ids: number[], version: number): Set<number> {
  const rows = ctx.db.raw
    .prepare(
      `SELECT DISTINCT h.problem_id AS id FROM history h JOIN actions a ON a.id = h.action_id
       WHERE h.problem_id IN (SELECT value FROM json_each(?)) AND h.action_id > ? AND a.batch_id IS NOT ?`,
    )
    .all(JSON.stringify(ids), version, ctx.batchId) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}

/**
 * A departmental return: updates existing problems only. Rows are matched by the template's problem id,
 * by code, by normalised text, or by similarity (applied only once the person confirms); a row that
 * matches nothing is an error naming the row. Matching is done in memory against `index` (the round's
 * problems); the problems matched are then read together (state.ts).
 */
export function importReturnFile(ctx: FileContext, index: ProblemIndex = problemIndex(ctx.db, ctx.roundId)): { added: number; updated: number; unchanged: number } {
  const template = ctx.analysis.template;
  const header = ctx.analysis.header!;
  if (index.problems.length === 0) {
    addError(ctx, null, 'EMPTY_LEDGER', '台账当前轮次中还没有问题，回执无处可对。请先导入总台账。');
    return { added: 0, updated: 0, unchanged: 0 };
  }
  const ledgerId = template ? getMeta(ctx.db, 'ledger_id') : null;
  if (template?.ledgerVersion != null && template.ledgerId === ledgerId) {
    const before = (ctx.db.raw.prepare('SELECT max(id) AS v FROM actions WHERE batch_id IS NOT ?').get(ctx.batchId) as { v: number | null }).v ?? 0;
    if (template.ledgerVersion > before) {
      // Issued from a later state of this ledger: a backup was restored since (issue 10).
      addWarning(
        ctx,
        null,
        'TEMPLATE_NEWER',
        `这份回执模板是按较新的台账状态（版本 ${template.ledgerVersion}）下发的，而当前台账只到版本 ${before}：下发后可能恢复过备份。模板中预填的进展若已不在台账中，会作为新进展记录，请逐行核对。`,
      );
    }
  }
  const matched = ctx.analysis.records.map((record) => ({
    record,
    match: templateMatch(template, ledgerId, index, record.row) ?? index.match(record.fields.code?.text, problemTextOf(record)?.text),
  }));
  const ids = matched.flatMap(({ match }) => (match.by === 'none' ? [] : [match.problem.id]));
  const changedSince = template?.ledgerVersion != null ? changedSinceTemplate(ctx, ids, template.ledgerVersion) : new Set<number>();

  const states = stateCache(ctx.db, ids);
  let updated = 0;
  let unchanged = 0;
  const seen = new Map<number, number>();
  for (const { record, match } of matched) {
    const f = record.fields;
    const base = { sheet: ctx.sheet, row: record.row, text: problemTextOf(record)?.text ?? '' };
    if (match.by === 'none') {
      const at = f.code ?? problemTextOf(record) ?? { row: record.row, col: header.roles.code ?? header.roles.text ?? null };
      addError(ctx, at, 'NO_MATCH', `${match.reason}。回执只能更新台账中已有的问题，不会新增；请核对编号或问题内容。`);
      ctx.changes.push({ ...base, code: match.code ?? f.code?.text ?? null, problemId: null, action: 'error', match: 'none', changes: [] });
      continue;
    }
    const problem = match.problem;
    const rowChange: Omit<RowChange, 'action' | 'changes'> = { ...base, code: problem.code, problemId: problem.id, match: match.by };
    if (seen.has(problem.id)) {
      addWarning(ctx, { row: record.row }, 'DUPLICATE_ROW', `与第 ${seen.get(problem.id)} 行是同一个问题（${problem.code}），两行都会导入。`);
    }
    seen.set(problem.id, record.row);
    const rowText = problemTextOf(record)?.text;
    if (match.by === 'code' && rowText) {
      // The ledger's text written back unchanged (most returns): the same, without normalizing either.
      const s = rowText === problem.text ? 1 : similarity(normalizeText(rowText), index.normalizedText(problem));
      if (s < 0.5) addWarning(ctx, f.code!, 'CODE_TEXT_MISMATCH', `编号 ${problem.code} 在台账中的问题是“${problem.text.slice(0, 30)}”，与本行问题内容不一致（相似度 ${Math.round(s * 100)}%），请核对编号。`);
    }
    if (ctx.unit && problem.leadUnit && problem.leadUnit !== ctx.unit) {
      addWarning(ctx, { row: record.row }, 'OTHER_UNIT', `问题 ${problem.code} 的牵头单位是“${problem.leadUnit}”，不是本回执的填报单位“${ctx.unit}”。`);
    }
    if (match.by === 'template' && changedSince.has(problem.id)) {
      addWarning(ctx, { row: record.row }, 'CHANGED_SINCE_TEMPLATE', `问题 ${problem.code} 在回执模板下发后已在台账中修改过，请核对本行内容是否仍然适用。`);
    }
    const r = readRow(ctx, record);
    if (!r) {
      ctx.changes.push({ ...rowChange, action: 'error', changes: [] });
      continue;
    }
    if (r.status?.value.kind === 'partial') {
      const count = states.get(problem.id).measures.length;
      const beyond = [...r.status.value.byMeasure.keys()].filter((n) => n > count);
      if (beyond.length) {
        addError(ctx, r.status.cell, 'STATUS_MEASURE_RANGE', `完成状态提到第${beyond.join('、')}项，但问题 ${problem.code} 只有 ${count} 项整改措施。请核对。`);
        ctx.changes.push({ ...rowChange, action: 'error', changes: [] });
        continue;
      }
    }
    if (f.deadline) {
      const d = deadlineOf(f.deadline, ctx.roundYear, true);
      const cur = states.get(problem.id).deadline;
      if ('ok' in d && (d.ok.kind !== cur.kind || d.ok.date !== cur.date)) {
        addWarning(ctx, f.deadline, 'DEADLINE_DIFFERS', `回执中的整改时限“${d.ok.raw}”与台账（${deadlineLabel(cur) || '未填写'}）不同；回执不改变整改时限，如需调整请在台账中修改。`);
      }
    }
    if (match.by === 'similar') {
      const confirmed = ctx.confirm.has(record.row);
      if (!confirmed) {
        addWarning(ctx, problemTextOf(record) ?? { row: record.row }, 'NEEDS_CONFIRMATION', `本行问题内容与台账中的 ${problem.code}“${problem.text.slice(0, 30)}”相似（${Math.round(match.score * 100)}%），确认是同一问题后才会导入。`);
        ctx.changes.push({ ...rowChange, action: 'skip', similarity: match.score, needsConfirmation: true, changes: [] });
        continue;
      }
    }
    try {
      const changes = inSavepoint(ctx.db, () => {
        try {
          return applyRow(ctx, r, states.get(problem.id));
        } finally {
          // Written to (or rolled back): read again if the file names this problem again.
          states.forget(problem.id);
        }
      });
      if (changes.length) updated++;
      else unchanged++;
      ctx.changes.push({ ...rowChange, ...(match.by === 'similar' ? { similarity: match.score } : {}), action: changes.length ? 'update' : 'unchanged', changes });
    } catch (e) {
      if (!isLedgerError(e)) throw e;
      addError(ctx, { row: record.row }, e.code, `${problem.code}：${e.message}`);
      ctx.changes.push({ ...rowChange, action: 'error', changes: [] });
    }
  }
  warnIfOnlyProgress(ctx);
  return { added: 0, updated, unchanged };
}

/**
 * A return with a status column that changes nothing but progress text is suspicious (issue 10): the
 * statuses were left blank, or written where the import does not read them. Said, not silently accepted.
 */
function warnIfOnlyProgress(ctx: FileContext): void {
  const header = ctx.analysis.header!;
  const statusCol = header.columns.find((c) => c.role === 'status' || c.role === 'measureStatus');
  if (!statusCol) return;
  const fields = new Set(ctx.changes.flatMap((c) => c.changes.map((f) => f.field)));
  const anyStatus = ctx.analysis.records.some((r) => r.rows.some((x) => x.fields.status || x.fields.measureStatus));
  if (fields.size === 1 && fields.has('progress') && !anyStatus) {
    addWarning(
      ctx,
      { row: header.bottom, col: statusCol.col },
      'STATUS_COLUMN_EMPTY',
      `“${statusCol.label.split('/').at(-1)}”列一个状态也没有填写，本回执只会记入整改进展，各问题的完成状态不变。如果状态写在别的列中，请在预览中指定该列为“问题状态”或“措施状态”。`,
    );
  }
}
