const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (up to 999). */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const rest = n % 100;
  const head = DIGITS[Math.floor(n / 100)] + '百';
  if (rest === 0) return head;
  if (rest < 10) return head + '零' + DIGITS[rest];
  return head + (rest < 20 ? '一' : '') + toChineseNumeral(rest);
}

/** 一 → 1, 十二 → 12, 二十 → 20, 两 → 2; null when the text is not a numeral. Arabic digits pass through. */
export function fromChineseNumeral(text: string): number | null {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (!s || !/^[零〇一二两三四五六七八九十百]+$/.test(s)) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const d = ch === '两' ? 2 : ch === '〇' ? 0 : DIGITS.indexOf(ch);
      current = current * 10 + d;
    }
  }
  return total + current;
}

/** Fixed-width digits as the report writes them in 第一二三五项: each character one ordinal. */
export function digitsOfList(text: string): number[] | null {
  const out: number[] = [];
  if (/[、,，]/.test(text)) {
    for (const part of text.split(/[、,，]/)) {
      const n = fromChineseNumeral(part);
      if (n == null) return null;
      out.push(n);
    }
    return out;
  }
  if (text.includes('十') || text.includes('百')) return readRun(text);
  for (const ch of text) {
    const n = fromChineseNumeral(ch);
    if (n == null || n === 0) return null;
    out.push(n);
  }
  return out;
}

/** One numeral of a run: 一…九, 十, 十一…十九, 二十…九十, 二十一…九十九. */
const RUN_TOKEN = /^(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])/;

/**
 * 第十一十二项 and 第一二三四五六七八九十项 run numerals together, so a run can be cut more than one way
 * (…九十 is 9, 10 or 90). Measures are listed in order: take the cut that ascends, with the smallest
 * largest number (the 10th measure, not a 90th). A run that is one numeral (二十) is that numeral.
 */
function readRun(text: string): number[] | null {
  const whole = fromChineseNumeral(text);
  if (whole != null && whole > 0 && whole < 100 && RUN_TOKEN.exec(text)?.[0] === text) return [whole];
  let best: number[] | null = null;
  const walk = (rest: string, acc: number[]) => {
    if (!rest) {
      const better = !best || Math.max(...acc) < Math.max(...best) || (Math.max(...acc) === Math.max(...best) && acc.length > best.length);
      if (better) best = [...acc];
      return;
    }
    for (let len = 1; len <= Math.min(3, rest.length); len++) {
      const head = rest.slice(0, len);
      if (RUN_TOKEN.exec(head)?.[0] !== head) continue;
      const n = fromChineseNumeral(head)!;
      if (acc.length && n <= acc.at(-1)!) continue;
      walk(rest.slice(len), [...acc, n]);
    }
  };
  walk(text, []);
  return best;
}
