/**
 * Keys of `rounds.report_texts`: the parts of a progress report the ledger does not model item by item.
 * Sections before and after the problems are numbered: `before.1.heading`, `before.1.body`, `after.1.…`.
 */
export const REPORT_TEXT_KEYS = {
  title: 'title',
  progressHeading: 'progress.heading',
  /** The headline as published, kept for reference: a written report computes its own. */
  publishedHeadline: 'headline.published',
  signature: 'signature',
  date: 'date',
  /** Lines outside any problem that the parser did not understand, with their line numbers. */
  unparsed: 'unparsed',
  /** The headline figures the report states (JSON of StatedFigure[]), shown beside the computed ones. */
  stated: 'stated',
} as const;

export interface ReportSection {
  heading: string;
  body: string[];
}

export function sectionsOf(texts: Record<string, string>, prefix: 'before' | 'after'): ReportSection[] {
  const out: ReportSection[] = [];
  for (let n = 1; texts[`${prefix}.${n}.heading`] !== undefined; n++) {
    const body = texts[`${prefix}.${n}.body`] ?? '';
    out.push({ heading: texts[`${prefix}.${n}.heading`]!, body: body ? body.split('\n') : [] });
  }
  return out;
}
