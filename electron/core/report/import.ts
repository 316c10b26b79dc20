import crypto from 'node:crypto';
import type { Db } from '../db/open';
import { LedgerError, isLedgerError } from '../errors';
import { createCategory, createRound, currentRoundId, getRound, updateRound, type RoundFields } from '../ledger/rounds';
import { createProblem, setProblemStatus } from '../ledger/problems';
import { addMeasure } from '../ledger/measures';
import { parseResultPhrase } from '../../../shared/domain/resultPhrase';
import type { ParsedReport, ReportImportCounts, ReportImportPreview, ReportImportResult } from '../../../shared/domain/report';
import { readReportSource } from './source';
import { byLine, emptyReport, parseReport } from './parse';
import { detailStats, headlineMismatches } from './stated';
import { compareStated } from '../../../shared/domain/statedFigures';
import { todayIso } from '../../../shared/domain/dates';
import { now } from '../clock';

export type { ReportImportPreview, ReportImportResult } from '../../../shared/domain/report';

/** The title `cli init` gives a new ledger's round: such a round may take the report's title. */
const DEFAULT_ROUND_TITLE = '巡察反馈问题整改';

function countsOf(report: ParsedReport): ReportImportCounts {
  const problems = report.categories.flatMap((c) => c.problems);
  const done = (p: (typeof problems)[number]) => p.measures.length > 0 && p.measures.every((m) => m.status === '已完成');
  return {
    categories: report.categories.length,
    general: problems.filter((p) => p.kind === 'general').length,
    specific: problems.filter((p) => p.kind === 'specific').length,
    measures: problems.reduce((n, p) => n + p.measures.length, 0),
    generalCompleted: problems.filter((p) => p.kind === 'general' && done(p)).length,
    specificCompleted: problems.filter((p) => p.kind === 'specific' && done(p)).length,
  };
}

/** A round can be filled by an import while it has never held a category or a problem. */
function isEmptyRound(db: Db, roundId: number): boolean {
  const n = db.raw
    .prepare('SELECT (SELECT count(*) FROM categories WHERE round_id = ?) + (SELECT count(*) FROM problems WHERE round_id = ?) AS n')
    .get(roundId, roundId) as { n: number };
  return n.n === 0;
}

function targetOf(db: Db): ReportImportPreview['target'] {
  const roundId = currentRoundId(db);
  if (roundId && isEmptyRound(db, roundId)) return { mode: 'fill', roundId, roundTitle: getRound(db, roundId).title };
  return { mode: 'new' };
}

function importedBefore(db: Db, sha256: string): string | null {
  const row = db.raw
    .prepare('SELECT at FROM import_batches WHERE sha256 = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1')
    .get(sha256) as { at: string } | undefined;
  return row?.at ?? null;
}

/**
 * Read a .txt or .docx progress report and say what importing it would do, without writing anything.
 * An unreadable file comes back as a preview with one error, so that a list of files can show it in place.
 */
export function previewReportImport(db: Db, file: { name: string; bytes: Uint8Array }): ReportImportPreview {
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  let report: ParsedReport;
  try {
    report = parseReport(readReportSource(file), file.name);
  } catch (e) {
    if (!isLedgerError(e)) throw e;
    report = emptyReport(file.name, '行', [{ sheet: file.name, row: null, column: null, code: e.code, message: e.message }]);
  }
  const warnings = [...report.warnings];
  for (const kind of ['general', 'specific'] as const) {
    const diffs = headlineMismatches(report).filter((m) => m.kind === kind);
    if (!diffs.length) continue;
    const unit = (label: string) => (label === '阶段性整改率' ? '%' : '个');
    warnings.push({
      sheet: file.name,
      row: report.headlineLine,
      column: null,
      code: 'HEADLINE_MISMATCH',
      message:
        `报告开头的${kind === 'general' ? '面上' : '具体'}问题数字与报告中各问题的整改时限、整改结果对不上（按截至${report.reportDate}计算）：` +
        diffs.map((d) => `${d.label}报告写${d.stated}${unit(d.label)}、计算为${d.counted}${unit(d.label)}`).join('；') +
        '。导入后的统计以台账计算为准。',
    });
  }
  const stated = compareStated(report.statedFigures, detailStats(report, report.reportDate ?? todayIso(now())));
  const differing = stated.filter((c) => c.computed != null && c.computed !== c.stated);
  if (differing.length && !report.stated.general && !report.stated.specific && report.categories.length) {
    warnings.push({
      sheet: file.name,
      row: report.headlineLine,
      column: null,
      code: 'STATED_MISMATCH',
      message: `报告公布的数字与报告中逐条列出的问题对不上：${differing.map((c) => c.words).join('；')}。两者都会保留，统计以台账计算为准。`,
    });
  }
  const before = importedBefore(db, sha256);
  if (before) {
    warnings.unshift({ sheet: file.name, row: null, column: null, code: 'ALREADY_IMPORTED', message: `这个文件已于 ${before.slice(0, 10)} 导入过；再次导入会另建一个巡察轮次。` });
  }
  const counts = countsOf(report);
  const problems = counts.general + counts.specific;
  return {
    summary: {
      path: file.name,
      kind: 'report',
      unit: null,
      rows: problems,
      added: report.errors.length ? 0 : problems,
      updated: 0,
      unchanged: 0,
      errors: report.errors,
      warnings: byLine(warnings),
    },
    fileName: file.name,
    sha256,
    report: { ...report, warnings: byLine(warnings) },
    counts,
    target: targetOf(db),
    importedBefore: before,
    stated,
  };
}

/**
 * Write a previewed report into the ledger: a new round (or the current one while it is still empty),
 * which becomes the current round. Must run inside the caller's `runAction`, so that the whole import is
 * one action that can be undone as a batch.
 */
export function commitReportImport(db: Db, preview: ReportImportPreview, { batchId }: { batchId: number | null }): ReportImportResult {
  void batchId; // The batch is recorded by the caller's action; measures and problems carry no batch column.
  if (preview.summary.errors.length) {
    throw new LedgerError('REPORT_HAS_ERRORS', `“${preview.fileName}”有 ${preview.summary.errors.length} 处错误，未导入。请按预览中列出的位置改正后重新导入。`, preview.summary.errors);
  }
  const { report } = preview;
  const fields: RoundFields = {
    inspectingBody: report.round.inspectingBody,
    inspectedOrg: report.round.inspectedOrg,
    inspectionStart: report.round.inspectionStart,
    inspectionEnd: report.round.inspectionEnd,
    feedbackDate: report.round.feedbackDate,
    periodEnd: report.round.periodEnd,
    periodLabel: report.round.periodLabel,
    contactLine: report.round.contactLine,
    reportTexts: report.round.reportTexts,
  };
  // Decided again here: the ledger may have changed since the preview.
  const target = targetOf(db);
  let roundId: number;
  if (target.mode === 'fill') {
    roundId = target.roundId;
    updateRound(db, roundId, target.roundTitle === DEFAULT_ROUND_TITLE ? { ...fields, title: report.round.title } : fields);
  } else {
    roundId = createRound(db, { ...fields, title: report.round.title });
  }
  // Completed measures are known to be complete by the day the report was published, not earlier.
  const completedDate = report.reportDate;
  let problems = 0;
  let measures = 0;
  for (const c of report.categories) {
    const categoryId = createCategory(db, roundId, c.title, c.no);
    const ids = new Map<string, number>();
    for (const p of c.problems) {
      const parentCode = p.kind === 'specific' ? p.code.split('-').slice(0, 2).join('-') : null;
      const id = createProblem(db, {
        categoryId,
        parentId: parentCode ? ids.get(parentCode)! : null,
        kind: p.kind,
        code: p.code,
        text: p.text,
        deadline: p.deadline,
        notes: p.notes,
      });
      ids.set(p.code, id);
      problems++;
      for (const m of p.measures) {
        addMeasure(db, id, {
          text: m.text,
          status: m.status,
          deadline: m.deadline ?? { raw: '' },
          completedDate: m.status === '已完成' ? completedDate : null,
        });
        measures++;
      }
      // A problem the report gives a result but no measures keeps that result as its own status; one with
      // neither is 未注明 (DOMAIN §3), never 未启动.
      const phrase = p.measures.length === 0 ? parseResultPhrase(p.result) : null;
      const whole = phrase?.kind === 'all' ? phrase.status : p.measures.length === 0 && !p.result ? '未注明' : null;
      if (whole) {
        setProblemStatus(db, id, whole, { source: 'import', reason: p.result ? `进展情况公布：${p.result}` : '进展情况公布未注明整改结果', completedDate: whole === '已完成' ? completedDate : null });
      }
    }
  }
  return { roundId, categories: report.categories.length, problems, measures };
}
