/**
 * Many rows of one shape sent as one array per field: each field's name once instead of once a row. For
 * the ledger table's 10,000 rows the names were 40% of the answer, which the core writes, the host sends
 * and the page reads as JSON on every open.
 */
export interface Columns<T> {
  count: number;
  fields: { [K in keyof T]: T[K][] };
}

/** Compiles only when T is never: `Complete<Exclude<keyof Row, (typeof FIELDS)[number]>>` says a list names every field. */
export type Complete<T extends never> = T;

export function toColumns<T extends object>(rows: readonly T[], fields: readonly (keyof T)[]): Columns<T> {
  const out = {} as { [K in keyof T]: T[K][] };
  for (const f of fields) out[f] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (const f of fields) out[f][i] = row[f];
  }
  return { count: rows.length, fields: out };
}

export function fromColumns<T extends object>(columns: Columns<T>): T[] {
  const fields = Object.keys(columns.fields) as (keyof T)[];
  const rows: T[] = new Array(columns.count);
  for (let i = 0; i < columns.count; i++) {
    const row = {} as T;
    for (const f of fields) row[f] = columns.fields[f][i]!;
    rows[i] = row;
  }
  return rows;
}
