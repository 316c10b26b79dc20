import { chineseDate } from '../../../shared/domain/dates';
import type { Figures } from '../../../shared/domain/stats';
import type { RoundInfo } from '../../../shared/domain/types';

/** 2024-06-07 after 2024-05-07 → 6月7日: reports leave out a year the sentence has already named. */
function laterDate(iso: string, sameYearAs: string | null): string {
  const full = chineseDate(iso);
  return sameYearAs && sameYearAs.slice(0, 4) === iso.slice(0, 4) ? full.replace(/^\d{4}年/, '') : full;
}

/** 巡察 or 巡视, as the inspecting body is named. */
export function inspectionWord(round: Pick<RoundInfo, 'inspectingBody'>): string {
  return /巡视/.test(round.inspectingBody) ? '巡视' : '巡察';
}

/**
 * The intro from the round's settings, in the words of the published report: "根据市委统一部署,2024年5月7日至
 * 6月7日,市委第五巡察组对市司法局党组开展了巡察。7月24日,…反馈了巡察意见。…予以公布。" Parts whose
 * settings are missing are left out (the lint names them); nothing is invented.
 */
export function introText(round: RoundInfo): string {
  const word = inspectionWord(round);
  const { inspectingBody: body, inspectedOrg: org } = round;
  if (!body || !org) return '';
  const superior = body.match(/^(.*?[省市县区州盟旗]委)/)?.[1];
  const lead = superior ? `根据${superior}统一部署，` : '';
  const when =
    round.inspectionStart && round.inspectionEnd
      ? `${chineseDate(round.inspectionStart)}至${laterDate(round.inspectionEnd, round.inspectionStart)}，`
      : '';
  const feedback = round.feedbackDate ? `${laterDate(round.feedbackDate, round.inspectionEnd ?? round.inspectionStart)}，` : '';
  return (
    `${lead}${when}${body}对${org}开展了${word}。${feedback}${body}向${org}反馈了${word}意见。` +
    `按照${word}整改公开工作有关要求，现将集中整改进展情况予以公布。`
  );
}

function percent(rate: number): string {
  return `${rate}%`;
}

/** One kind's sentence of the headline; empty when the report shows no problem of that kind. */
function kindSentence(word: string, noun: string, f: Figures, period: string): string {
  if (f.total === 0) return '';
  const parts: string[] = [`${word}反馈的${f.total}个${noun}`];
  const inside: string[] = [];
  if (f.dueInPeriod > 0) {
    inside.push(`${period}集中整改期内应完成整改${f.dueInPeriod}个`, `实际完成整改${f.completedInPeriod}个`);
    if (f.dueInPeriod > f.completedInPeriod) inside.push(`未完成整改${f.dueInPeriod - f.completedInPeriod}个`);
    inside.push(`阶段性整改率为${percent(f.rateInPeriod)}`);
  }
  const outside: string[] = [];
  if (f.outOfPeriod > 0) {
    const advancing = f.outOfPeriod - f.completedOutOfPeriod;
    outside.push(`${period}集中整改期外${f.outOfPeriod}个${noun}`);
    if (f.completedOutOfPeriod > 0) outside.push(`已完成整改${f.completedOutOfPeriod}个`);
    if (advancing > 0) outside.push(`正稳步推进${advancing}个`);
  }
  return [[...parts, ...inside].join('，'), outside.join('，')].filter(Boolean).join('；') + '。';
}

/**
 * The headline paragraph with the figures of DOMAIN §5, phrased as the published report phrases them.
 * The figures come from `statsFor`, so that the text ties out with the statistics by construction.
 */
export function headlineText(round: RoundInfo, asOf: string, general: Figures, specific: Figures): string {
  const word = inspectionWord(round);
  const sentences = [kindSentence(word, '面上问题', general, round.periodLabel), kindSentence(word, '具体问题', specific, round.periodLabel)].filter(Boolean);
  if (!sentences.length) return '';
  return `截至${chineseDate(asOf)}，${sentences.join('')}`;
}
