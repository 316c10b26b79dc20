import { addMonths, isValidYmd, ymd } from '../../../shared/domain/dates';
import { fromChineseNumeral } from '../../../shared/domain/numerals';
import type { ParsedReport, StatedFigures } from '../../../shared/domain/report';

/**
 * The intro of a progress report names who inspected whom and when, and when the feedback was given:
 * "2024年5月7日至6月7日,市委第五巡察组对市司法局党组开展了巡察。7月24日,市委第五巡察组向市司法局党组反馈了
 * 巡察意见。" Reports use full-width or ASCII punctuation; both are read.
 */
export interface IntroFields {
  inspectingBody: string;
  inspectedOrg: string;
  inspectionStart: string | null;
  inspectionEnd: string | null;
  feedbackDate: string | null;
  /** Where the date or name could not be read, in Chinese. */
  problems: string[];
}

const DATE_RANGE =
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:至|到|—|-|－|~|～)\s*(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日/;
const WHO = /([^,，。；;：:]*?巡[察视](?:工作)?组)[^,，。；;]{0,30}?(?:对|进驻)\s*([^,，。；;]+?)\s*(?:开展|进行|实施)了?[^,，。；;]*?巡[察视]/;
const LEADING_DATE = /^.*?\d{1,2}\s*日\s*(?:起|以来)?/;

function date(y: number, m: number, d: number): string | null {
  return isValidYmd(y, m, d) ? ymd(y, m, d) : null;
}

export function isIntroLine(text: string): boolean {
  return WHO.test(text);
}

export function parseIntro(text: string): IntroFields {
  const out: IntroFields = { inspectingBody: '', inspectedOrg: '', inspectionStart: null, inspectionEnd: null, feedbackDate: null, problems: [] };
  const who = text.match(WHO);
  if (who) {
    out.inspectingBody = who[1]!.replace(LEADING_DATE, '').trim();
    out.inspectedOrg = who[2]!.trim();
  } else out.problems.push('未能读出巡察组和被巡察单位');

  const range = text.match(DATE_RANGE);
  let year: number | null = null;
  if (range) {
    const y1 = Number(range[1]);
    const m1 = Number(range[2]);
    const y2 = range[4] ? Number(range[4]) : y1;
    out.inspectionStart = date(y1, m1, Number(range[3]));
    out.inspectionEnd = date(y2, range[5] ? Number(range[5]) : m1, Number(range[6]));
    if (!out.inspectionStart || !out.inspectionEnd) out.problems.push(`巡察起止日期“${range[0]}”不是有效日期`);
    year = y2;
  } else out.problems.push('未能读出巡察起止日期');

  // The feedback date is the last date of the sentence that says 反馈 ("7月24日,…反馈了巡察意见"), the
  // inspection dates taken out first.
  const rest = range ? text.replace(range[0], '') : text;
  const sentence = rest.split(/[。；;]/).find((s) => /反馈/.test(s) && /\d{1,2}\s*月\s*\d{1,2}\s*日/.test(s));
  const last = sentence ? [...sentence.matchAll(/(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/g)].at(-1) : undefined;
  if (last) {
    const y = last[1] ? Number(last[1]) : year;
    out.feedbackDate = y ? date(y, Number(last[2]), Number(last[3])) : null;
    if (!out.feedbackDate) out.problems.push(`反馈日期“${last[0]}”${y ? '不是有效日期' : '缺少年份'}`);
  } else out.problems.push('未能读出反馈日期');
  return out;
}

/** "4个月集中整改期" → {label: '4个月', months: 4}. */
export function parsePeriod(text: string): { label: string; months: number } | null {
  const m = text.match(/([0-9０-９]+|[一二两三四五六七八九十]+)\s*个月(?:的)?集中整改/);
  if (!m) return null;
  const months = fromChineseNumeral(m[1]!.normalize('NFKC'));
  if (!months || months > 36) return null;
  return { label: `${m[1]}个月`, months };
}

export function periodEndOf(feedbackDate: string | null, months: number | null): string | null {
  return feedbackDate && months ? addMonths(feedbackDate, months) : null;
}

/**
 * The round a report describes, from its intro, its period and its contact lines (both readers: the
 * labelled one in parse.ts and the structural one in structure.ts). `fallbackTitle` names the round when
 * the intro does not say who inspected whom.
 */
export function roundOfReport(
  intro: IntroFields,
  period: { label: string; months: number } | null,
  contact: string[],
  texts: Record<string, string>,
  fallbackTitle: string,
): ParsedReport['round'] {
  const { inspectingBody, inspectedOrg } = intro;
  return {
    title: inspectingBody && inspectedOrg ? `${inspectingBody}${/巡视/.test(inspectingBody) ? '巡视' : '巡察'}${inspectedOrg}反馈问题整改` : fallbackTitle,
    inspectingBody,
    inspectedOrg,
    inspectionStart: intro.inspectionStart,
    inspectionEnd: intro.inspectionEnd,
    feedbackDate: intro.feedbackDate,
    periodLabel: period?.label ?? '',
    periodEnd: periodEndOf(intro.feedbackDate, period?.months ?? null),
    contactLine: contact.join('\n'),
    reportTexts: texts,
  };
}

function num(part: string, re: RegExp): number | null {
  const m = part.match(re);
  return m ? Number(m[1]) : null;
}

function statedOf(part: string): StatedFigures {
  const [inside, outside = ''] = part.split(/期外/, 2);
  return {
    total: num(part, /(\d+)\s*个(?:面上|具体)问题/),
    dueInPeriod: num(inside!, /应完成整改\s*(\d+)\s*个/),
    completedInPeriod: num(inside!, /实际完成整改\s*(\d+)\s*个/),
    rateInPeriod: num(inside!, /整改率为?\s*([\d.]+)\s*%/),
    outOfPeriod: num(outside, /^[^,，;；]*?(\d+)\s*个/),
    completedOutOfPeriod: num(outside, /已完成整改\s*(\d+)\s*个/),
    advancingOutOfPeriod: num(outside, /(?:正稳步推进|正在推进|未完成整改)\s*(\d+)\s*个/),
  };
}

/**
 * The headline figures as the report states them ("巡察反馈的22个面上问题,4个月集中整改期内应完成整改19个,…"),
 * so that the preview can say where they do not tie out with the report's own detail.
 */
export function parseStated(headline: string): { general: StatedFigures | null; specific: StatedFigures | null } {
  const text = headline.normalize('NFKC');
  const parts = text.split(/(?=巡察反馈的|巡视反馈的)|。/).filter((p) => p.trim());
  const general = parts.find((p) => /\d+\s*个面上问题/.test(p));
  const specific = parts.find((p) => /\d+\s*个具体问题/.test(p));
  return { general: general ? statedOf(general) : null, specific: specific ? statedOf(specific) : null };
}

export function isHeadline(text: string): boolean {
  return /\d+\s*个(?:面上|具体)问题/.test(text) && /(整改率|应完成|完成整改)/.test(text);
}
