import { toChineseNumeral } from '../../../../shared/domain/numerals';

/**
 * Measures written in one cell (DOMAIN §6): numbered lines `1.…\n2.…` (also 1、 1． (1) （1）), or the
 * report style `一是…二是…三是…`. Numbers must run in order from 1 (or 一), so a date like 2024.11 or a
 * stray 二是 inside a sentence does not split. The ordinal prefix is removed; a cell without numbering is
 * one measure.
 */
export function splitMeasures(cell: string): string[] {
  const text = cell.replace(/\r\n?/g, '\n').trim();
  if (!text) return [];
  const byOrdinalWords = splitOrdinalWords(text);
  if (byOrdinalWords) return byOrdinalWords;
  const byLines = splitNumberedLines(text);
  if (byLines) return byLines;
  return [stripOrdinal(text)];
}

// `3.2024年…` and `4.11月4日…` are measures 3 and 4; `11.20前` and `2.5亿` are a date and a number.
const LINE_NUMBER = /^\s*(?:[(（]\s*(\d{1,2})\s*[)）]|(\d{1,2})\s*[.、．](?!\d{1,2}(?![\d年月日号])))\s*/;

function splitNumberedLines(text: string): string[] | null {
  const lines = text.split('\n');
  const out: string[] = [];
  let expected = 1;
  for (const line of lines) {
    const m = line.match(LINE_NUMBER);
    const n = m ? Number(m[1] ?? m[2]) : null;
    if (n === expected) {
      out.push(line.slice(m![0].length));
      expected++;
    } else if (out.length === 0) {
      if (line.trim()) return null; // text before the first number: not a numbered list
    } else {
      out[out.length - 1] += '\n' + line;
    }
  }
  if (out.length === 0) return null;
  return out.map((s) => s.trim()).filter(Boolean);
}

function splitOrdinalWords(text: string): string[] | null {
  const starts: { at: number; len: number }[] = [];
  let from = 0;
  for (let n = 1; n <= 30; n++) {
    const word = `${toChineseNumeral(n)}是`;
    const at = indexOfOrdinal(text, word, from);
    if (at < 0) break;
    starts.push({ at, len: word.length });
    from = at + word.length;
  }
  if (starts.length < 2 || text.slice(0, starts[0]!.at).trim().length > 0) return null;
  return starts.map((s, i) => text.slice(s.at + s.len, starts[i + 1]?.at ?? text.length).trim()).filter(Boolean);
}

/** 一是 at a clause start only: after the text start, a line break or punctuation (not 之一是 inside a word). */
function indexOfOrdinal(text: string, word: string, from: number): number {
  let at = text.indexOf(word, from);
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1]!;
    // 十一是 must not be read as 一是.
    if ((at === 0 || /[\s。；;，,:：、]/.test(before)) && !/[十百]/.test(before)) return at;
    at = text.indexOf(word, at + 1);
  }
  return -1;
}

/** One measure written with its number: `1.建立…`, `（1）建立…`, `一是建立…`. */
export function stripOrdinal(text: string): string {
  return text
    .replace(LINE_NUMBER, '')
    .replace(/^\s*[一二三四五六七八九十]+是/, '')
    .trim();
}
