/**
 * Whether a number format shows a date. Built-in ids 14–22 and 45–47 are dates and times in every locale;
 * 27–36 and 50–58 are the East Asian date formats (年月日, 平成…) that Chinese Excel and WPS use.
 * A custom format is a date when, outside quoted text, escapes and [brackets], it has y or d tokens (m alone
 * may be minutes; 0"年" is a number with a suffix).
 */
const BUILTIN_DATE = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);
/** Built-ins that are times of day only (h:mm…): numbers, not dates, for our purpose. */
const BUILTIN_TIME_ONLY = new Set([18, 19, 20, 21, 45, 46, 47]);

export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILTIN_DATE.has(id) && !BUILTIN_TIME_ONLY.has(id);
  return isDateFormatCode(code);
}

export function isDateFormatCode(code: string): boolean {
  // Only the first section decides (positive numbers).
  const first = code.split(';')[0] ?? '';
  const bare = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/\[[^\]]*\]/g, '');
  if (/^general$/i.test(bare.trim())) return false;
  if (/[0#?]/.test(bare) && !/[yd]/i.test(bare)) return false;
  return /[yd]/i.test(bare);
}
