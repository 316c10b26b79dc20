import { isValidYmd, ymd } from '../../../shared/domain/dates';
import type { CellIssue } from '../../../shared/domain/issues';
import type { ParsedCategory, ParsedReport } from '../../../shared/domain/report';
import type { ReportSource, SourceLine } from './source';
import { classify, CONTACT, DATE_LINE, type Field } from './grammar';
import { isHeadline, isIntroLine, parseIntro, parsePeriod, parseStated, roundOfReport } from './intro';
import { finishProblem, type Draft } from './problem-fields';
import { REPORT_TEXT_KEYS as K } from './texts';
import { statedFiguresOf } from './figures';
import { parseStructure } from './structure';

const clean = (s: string) => s.replace(/^[\s\u3000\ufeff]+|[\s\u3000]+$/g, '');
const short = (s: string, n = 40) => (s.length > n ? s.slice(0, n) + '…' : s);

interface DraftCategory {
  no: number;
  title: string;
  line: number;
  drafts: Draft[];
}

/**
 * Read a progress report (DOMAIN §6) into categories, problems and measures, and the round settings its
 * intro, headline and closing lines give. Nothing is dropped: text the parser does not understand is kept
 * (in the problem's notes, or in the round's report texts) and reported as a warning with its line.
 */
export function parseReport(source: ReportSource, fileName: string): ParsedReport {
  const lines: SourceLine[] = source.lines.map((l) => ({ ...l, text: clean(l.text) })).filter((l) => l.text);
  const labelled = parseLabelled(source, fileName);
  if (labelled.fits) return labelled.report;
  return parseStructure(lines, fileName, source.lineUnit);
}

/**
 * The reader of the fixture's style: every problem carries 整改情况：/整改时限：/整改结果： labels. It is used
 * when the document is written so (`fits`): labels found, no numbered heading swallowed into a field, and
 * every problem labelled. Anything else is read by its structure (structure.ts).
 */
function parseLabelled(source: ReportSource, fileName: string): { report: ParsedReport; fits: boolean } {
  let swallowed = 0;
  const errors: CellIssue[] = [];
  const warnings: CellIssue[] = [];
  const issue = (list: CellIssue[], row: number | null, code: string, message: string) =>
    list.push({ sheet: fileName, row, column: null, code, message });
  const U = source.lineUnit;

  const lines: SourceLine[] = source.lines.map((l) => ({ no: l.no, text: clean(l.text) })).filter((l) => l.text);
  const texts: Record<string, string> = {};
  const unparsed: SourceLine[] = [];
  const keepUnparsed = (l: SourceLine, why: string) => {
    unparsed.push(l);
    issue(warnings, l.no, 'UNPARSED', `${why}，已原样保存在轮次的报告文字中：“${short(l.text)}”`);
  };

  const { end, reportDate, signature, contact } = closingOf(lines);
  const body = lines.slice(0, end);
  const kinds = body.map((l) => classify(l.text));

  const firstLabel = kinds.findIndex((k) => k.kind === 'label');
  if (firstLabel < 0) {
    issue(errors, null, 'NOT_A_REPORT', '没有找到“整改情况：”“整改时限：”“整改结果：”这样的内容，这不像一份整改进展情况公布。请确认选择的文件。');
    return { report: emptyReport(fileName, U, errors, warnings), fits: false };
  }
  const lastLabel = kinds.findLastIndex((k) => k.kind === 'label');
  const tops = kinds.flatMap((k, i) => (k.kind === 'top' ? [i] : []));
  const progressHead = tops.filter((i) => i < firstLabel).at(-1) ?? -1;
  const firstItem = kinds.findIndex((k, i) => i < firstLabel && (k.kind === 'category' || k.kind === 'general' || k.kind === 'specific'));
  const headerEnd = progressHead >= 0 ? (tops[0] ?? progressHead) : Math.max(0, firstItem);
  const progressFrom = progressHead >= 0 ? progressHead + 1 : headerEnd;
  const progressTo = tops.find((i) => i > lastLabel) ?? body.length;

  // The header: a title line, the intro, and (without section headings) the headline.
  let intro = '';
  let headline = '';
  for (let i = 0; i < headerEnd; i++) {
    const l = body[i]!;
    if (!intro && isIntroLine(l.text)) intro = l.text;
    else if (!headline && isHeadline(l.text)) headline = l.text;
    else if (i === 0 && !texts[K.title] && isTitleLine(l.text)) texts[K.title] = l.text;
    else keepUnparsed(l, `开头的这${U}不是标题、导语或总体情况`);
  }
  // Sections before and after the progress section are kept as written, headings without their numerals.
  const keepSections = (indices: number[], prefix: 'before' | 'after', until: number) => {
    indices.forEach((start, n) => {
      const stop = Math.min(indices[n + 1] ?? until, until);
      texts[`${prefix}.${n + 1}.heading`] = (kinds[start] as { text: string }).text;
      texts[`${prefix}.${n + 1}.body`] = body.slice(start + 1, stop).map((l) => l.text).join('\n');
    });
  };
  keepSections(tops.filter((i) => i < progressHead), 'before', progressHead);
  keepSections(tops.filter((i) => i >= progressTo), 'after', body.length);
  if (progressHead >= 0) texts[K.progressHeading] = (kinds[progressHead] as { text: string }).text;

  // The progress section: headline, then categories, problems and their three fields.
  const categories: DraftCategory[] = [];
  const codes = new Set<string>();
  let category: DraftCategory | null = null;
  let general: Draft | null = null;
  let current: Draft | null = null;
  let field: Field | null = null;
  let specificCount = 0;
  // After an item the report cannot take (its error is listed), its own lines are not reported again.
  let rejected = false;

  const startProblem = (l: SourceLine, kind: 'general' | 'specific', no: number, text: string): Draft | null => {
    if (!category) {
      category = { no: 1, title: texts[K.progressHeading] || '巡察反馈问题', line: l.no, drafts: [] };
      categories.push(category);
      issue(warnings, l.no, 'NO_CATEGORY', `问题前没有“（一）反馈问题：…”这样的类别标题，已归入类别“（一）${category.title}”。`);
    }
    const code = kind === 'general' ? `${category.no}-${no}` : `${general!.code}-${no}`;
    if (codes.has(code)) {
      issue(errors, l.no, 'DUPLICATE_NUMBER', `编号重复：${kind === 'general' ? `${no}.` : `(${no})`}在${kind === 'general' ? '本类别' : '本面上问题'}下已出现过（编号 ${code}）。请改正报告中的序号后重新导入。`);
      return null;
    }
    codes.add(code);
    if (!text) issue(errors, l.no, 'EMPTY_PROBLEM', '这一项没有问题内容。请在序号后写明问题后重新导入。');
    const draft: Draft = {
      kind, code, line: l.no, text, result: '', notes: '', situation: '', situationLine: l.no, deadlineRaw: '', deadlineLine: l.no, resultLine: l.no, seen: new Set(),
    };
    category.drafts.push(draft);
    return draft;
  };
  const note = (l: SourceLine, why: string) => {
    if (!current) return keepUnparsed(l, why);
    current.notes += `${current.notes ? '\n' : ''}【报告原文第${l.no}${U}】${l.text}`;
    issue(warnings, l.no, 'UNPARSED', `${why}，已原样保存在问题 ${current.code} 的备注中：“${short(l.text)}”`);
  };

  for (let i = progressFrom; i < progressTo; i++) {
    const l = body[i]!;
    const k = kinds[i]!;
    const continuing = field === 'situation' && current;
    const startsItem = k.kind === 'category' || k.kind === 'general' || k.kind === 'specific';
    if (rejected && !startsItem) continue;
    rejected = false;
    if (k.kind === 'category' && (k.marked || !continuing)) {
      if (categories.some((c) => c.no === k.no)) {
        issue(errors, l.no, 'DUPLICATE_NUMBER', `类别序号（${k.no}）重复出现。请改正报告中的序号后重新导入。`);
        category = null;
        current = general = null;
        field = null;
        rejected = true;
        continue;
      }
      category = { no: k.no, title: k.text, line: l.no, drafts: [] };
      categories.push(category);
      if (!k.text) issue(errors, l.no, 'EMPTY_CATEGORY', '类别标题为空。请在序号后写明反馈问题后重新导入。');
      current = general = null;
      field = null;
    } else if (k.kind === 'general' && (k.marked || !continuing || isNextGeneral(category, k.no))) {
      current = general = startProblem(l, 'general', k.no, k.text);
      rejected = !current;
      specificCount = 0;
      field = null;
    } else if (k.kind === 'specific' && (k.marked || !continuing || k.no === specificCount + 1)) {
      if (!general) {
        issue(errors, l.no, 'NO_GENERAL', `具体问题“${short(k.text, 20)}”之前没有它所属的面上问题（1.面上问题：…）。请在报告中补上面上问题，或把它改写为面上问题后重新导入。`);
        current = null;
        field = null;
        rejected = true;
        continue;
      }
      specificCount++;
      current = startProblem(l, 'specific', k.no ?? specificCount, k.text);
      rejected = !current;
      field = null;
    } else if (k.kind === 'label') {
      if (!current) {
        keepUnparsed(l, `“${l.text.slice(0, 4)}”不属于任何问题`);
        continue;
      }
      if (current.seen.has(k.field)) note(l, `问题 ${current.code} 的“${l.text.slice(0, 4)}”重复出现`);
      else {
        current.seen.add(k.field);
        field = k.field;
        if (k.field === 'situation') (current.situation = k.text), (current.situationLine = l.no);
        if (k.field === 'deadline') (current.deadlineRaw = k.text), (current.deadlineLine = l.no);
        if (k.field === 'result') (current.result = k.text), (current.resultLine = l.no);
      }
    } else if (continuing) {
      // Measures written one paragraph each (common in .docx) continue 整改情况.
      if (k.kind !== 'text') swallowed++;
      current!.situation += '\n' + l.text;
    } else if (!current && !categories.length && !headline && isHeadline(l.text)) {
      headline = l.text;
    } else {
      if (k.kind !== 'text') swallowed++;
      note(l, '无法识别这一' + U);
    }
  }
  const allDrafts = categories.flatMap((c) => c.drafts);
  const fits = swallowed === 0 && (errors.length > 0 || allDrafts.every((d) => d.seen.has('situation')));
  // Whatever lies between the progress section and the closing lines but outside any section.
  if (unparsed.length) texts[K.unparsed] = unparsed.map((l) => `第${l.no}${U}：${l.text}`).join('\n');
  if (headline) texts[K.publishedHeadline] = headline;
  if (signature.length) texts[K.signature] = signature.join('\n');
  if (reportDate) texts[K.date] = reportDate;

  const introFields = parseIntro(intro);
  if (!intro) issue(warnings, null, 'NO_INTRO', '没有找到导语（“…巡察组对…开展了巡察”）。导入后请在轮次设置中填写巡察组、被巡察单位和日期。');
  else for (const p of introFields.problems) issue(warnings, body.find((l) => l.text === intro)!.no, 'INTRO', `${p}。导入后请在轮次设置中补填。`);
  const period = parsePeriod(headline) ?? parsePeriod(intro) ?? parsePeriod(lines.map((l) => l.text).join('\n'));
  if (!period) issue(warnings, null, 'NO_PERIOD', '报告没有写明集中整改期（如“4个月集中整改期”）。导入后请在轮次设置中填写集中整改期的截止日期，统计才能区分期内期外。');
  const year = Number((introFields.feedbackDate ?? introFields.inspectionEnd ?? reportDate ?? '').slice(0, 4)) || null;

  const warn = (row: number, code: string, msg: string) => issue(warnings, row, code, msg);
  const parsedCategories: ParsedCategory[] = categories.map((c) => {
    if (c.drafts.length === 0) warn(c.line, 'EMPTY_CATEGORY', `类别“${short(c.title, 20)}”下没有问题。`);
    return { no: c.no, title: c.title, line: c.line, problems: c.drafts.map((d) => finishProblem(d, year, warn)) };
  });

  const report: ParsedReport = {
    round: roundOfReport(introFields, period, contact, texts, fileName.replace(/\.[^.]+$/, '')),
    reportDate,
    categories: parsedCategories,
    stated: headline ? parseStated(headline) : { general: null, specific: null },
    statedFigures: [],
    unplaced: unparsed.map((l) => ({ line: l.no, text: l.text })),
    headlineLine: headline ? (body.find((l) => l.text === headline)?.no ?? null) : null,
    lineUnit: U,
    errors: byLine(errors),
    warnings: byLine(warnings),
  };
  report.statedFigures = headline ? statedFiguresOf(headline, report.headlineLine) : [];
  if (report.statedFigures.length) texts[K.stated] = JSON.stringify(report.statedFigures);
  return { report, fits };
}


/** Closing lines, read from the end: the date, the signing organisation above it, the contact line. */
export function closingOf(lines: SourceLine[]): { end: number; reportDate: string | null; signature: string[]; contact: string[] } {
  let end = lines.length;
  let reportDate: string | null = null;
  const dateLine = lines[end - 1]?.text.match(DATE_LINE);
  if (dateLine && isValidYmd(Number(dateLine[1]), Number(dateLine[2]), Number(dateLine[3]))) {
    reportDate = ymd(Number(dateLine[1]), Number(dateLine[2]), Number(dateLine[3]));
    end--;
  }
  // The signer stands right above the date; without a date line a short last line is not taken for one.
  const signature: string[] = [];
  while (reportDate && end > 0 && signature.length < 3 && isSignatureLine(lines[end - 1]!.text)) signature.unshift(lines[--end]!.text);
  const contact: string[] = [];
  while (end > 0 && contact.length < 3 && CONTACT.test(lines[end - 1]!.text) && classify(lines[end - 1]!.text).kind !== 'label') {
    contact.unshift(lines[--end]!.text);
  }
  return { end, reportDate, signature, contact };
}

/** Issues in the order of the file (file-wide ones first), as people read them. */
export function byLine(issues: CellIssue[]): CellIssue[] {
  return issues.map((x, i) => [x, i] as const).sort((a, b) => (a[0].row ?? 0) - (b[0].row ?? 0) || a[1] - b[1]).map(([x]) => x);
}

function isNextGeneral(category: DraftCategory | null, no: number): boolean {
  const generals = category?.drafts.filter((p) => p.kind === 'general').length ?? 0;
  return no === generals + 1;
}

export function isSignatureLine(text: string): boolean {
  return text.length <= 40 && !/[。；;，,：:]$/.test(text) && !/[。；;]/.test(text) && !CONTACT.test(text) && classify(text).kind === 'text';
}

export function isTitleLine(text: string): boolean {
  return text.length <= 80 && !/[。；;]$/.test(text) && /(整改|巡察|巡视|通报|公布|公告|情况)/.test(text);
}

/** A report with nothing in it but its errors (a file that is no report, or cannot be read). */
export function emptyReport(fileName: string, lineUnit: '行' | '段', errors: CellIssue[], warnings: CellIssue[] = []): ParsedReport {
  return {
    round: {
      title: fileName.replace(/\.[^.]+$/, ''), inspectingBody: '', inspectedOrg: '', inspectionStart: null, inspectionEnd: null,
      feedbackDate: null, periodEnd: null, periodLabel: '', contactLine: '', reportTexts: {},
    },
    reportDate: null,
    categories: [],
    stated: { general: null, specific: null },
    statedFigures: [],
    unplaced: [],
    headlineLine: null,
    lineUnit,
    errors,
    warnings,
  };
}
