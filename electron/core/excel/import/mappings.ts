import type { Db } from '../../db/open';
import { COLUMN_ROLES, type ColumnRole } from '../layout/columns';
import type { Mapping } from '../layout/analyze';
import { nowIso } from '../../clock';

/**
 * A person's corrections to a detected column mapping, remembered by header layout (the header's
 * normalised text) and unit, so that the next file in the same layout reads right: the unit's own
 * correction first, else one made for another unit's file with the same header.
 * column_mappings is a preference, not ledger content: it is not recorded in history.
 */
export function rememberedMapping(db: Db, unit: string | null, signature: string): Mapping | null {
  // The unit's own correction for this header first; else the latest one for the same header from any unit.
  const row = db.raw
    .prepare('SELECT mapping FROM column_mappings WHERE signature = ? ORDER BY (unit = ?) DESC, updated_at DESC LIMIT 1')
    .get(signature, unit ?? '') as { mapping: string } | undefined;
  if (!row) return null;
  try {
    const parsed = JSON.parse(row.mapping) as Record<string, unknown>;
    const out: Mapping = {};
    for (const [col, role] of Object.entries(parsed)) {
      if (!/^\d+$/.test(col)) continue;
      if (role === null || (COLUMN_ROLES as readonly string[]).includes(String(role))) out[Number(col)] = role as ColumnRole | null;
    }
    return Object.keys(out).length ? out : null;
  } catch {
    return null;
  }
}

export function rememberMapping(db: Db, unit: string | null, signature: string, mapping: Mapping): void {
  db.raw
    .prepare(
      `INSERT INTO column_mappings (unit, signature, mapping, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (unit, signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
    )
    .run(unit ?? '', signature, JSON.stringify(mapping), nowIso());
}
