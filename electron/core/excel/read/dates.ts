import { ymd } from '../../../../shared/domain/dates';

/**
 * Excel date serials. The 1900 system counts 1900-02-29 (serial 60), a day that never existed, kept by
 * Excel for Lotus 1-2-3 compatibility: serials from 61 on are one day ahead of a plain count from
 * 1899-12-31. The 1904 system (old Mac workbooks) counts days from 1904-01-01.
 * Returns null for serials that are no calendar date (0, 60 in 1900, negative, beyond 9999-12-31).
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const days = Math.floor(serial + 1e-9);
  let base: number;
  if (date1904) base = Date.UTC(1904, 0, 1);
  else {
    if (days < 1 || days === 60) return null;
    base = days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  }
  const t = new Date(base + days * 86_400_000);
  const y = t.getUTCFullYear();
  if (y > 9999) return null;
  return ymd(y, t.getUTCMonth() + 1, t.getUTCDate());
}
