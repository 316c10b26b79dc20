import { toChineseNumeral } from '../../../shared/domain/numerals';

/**
 * 整改情况 lists its measures as 一是…二是…十一是…. A marker counts only in sequence (二是 after 一是) and
 * only at the start of the text or after punctuation, so that words such as 统一是 never split a measure.
 */
const BOUNDARY = /[\s。；;，,：:！!？?）)」”"]/;

function markerAt(text: string, n: number, from: number): number {
  const marker = `${toChineseNumeral(n)}是`;
  for (let i = text.indexOf(marker, from); i >= 0; i = text.indexOf(marker, i + 1)) {
    if (i === 0 || BOUNDARY.test(text[i - 1]!)) return i;
  }
  return -1;
}

export interface SplitMeasures {
  /** Text before 一是 (a lead-in sentence), empty when the list starts at once. */
  preamble: string;
  measures: string[];
}

export function splitMeasures(situation: string): SplitMeasures {
  const text = situation.trim();
  if (!text) return { preamble: '', measures: [] };
  const starts: { at: number; len: number }[] = [];
  for (let n = 1, from = 0; ; n++) {
    const at = markerAt(text, n, from);
    if (at < 0) break;
    const len = toChineseNumeral(n).length + 1;
    starts.push({ at, len });
    from = at + len;
  }
  if (starts.length === 0) return { preamble: '', measures: [text] };
  // The separator before the next marker (…分局;三是) belongs to the list, not to the measure.
  const measures = starts.map((s, i) =>
    text
      .slice(s.at + s.len, starts[i + 1]?.at ?? text.length)
      .trim()
      .replace(/[；;，,]$/, '')
      .trim(),
  );
  return { preamble: text.slice(0, starts[0]!.at).trim(), measures };
}

/**
 * The reverse: one measure is written as it is, several as 一是…二是…. A measure that does not end in
 * punctuation gets a ； so that the next marker is found again when the report is read back.
 */
export function joinMeasures(measures: readonly string[]): string {
  if (measures.length === 1) return measures[0]!;
  return measures
    .map((m, i) => {
      const sep = i < measures.length - 1 && !BOUNDARY.test(m.at(-1) ?? '') ? '；' : '';
      return `${toChineseNumeral(i + 1)}是${m}${sep}`;
    })
    .join('');
}
