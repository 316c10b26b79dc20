/**
 * Many rows of one shape sent as one column per field: each field's name once instead of once a row, and
 * each column as compact as its values allow. For the ledger table's 10,000 rows the field names were 40%
 * of the answer; values that repeat (units, leaders, statuses, deadlines as written) and objects per row
 * (a deadline, the latest progress entry) were most of the rest. The core writes, the host sends and the
 * page reads this on every open.
 */
export interface Columns<T> {
  count: number;
  fields: { [K in keyof T]: Column };
}

/**
 * One field's values, row by row:
 * - an array: the values themselves;
 * - `{ distinct, at }`: values that repeat, each once, and for each row the place of its value;
 * - `{ keys, none }`: an object (or null) per row, as one column per key; `none` lists the rows whose
 *   value is null.
 */
export type Column = unknown[] | { distinct: unknown[]; at: number[] } | { keys: Record<string, Column>; none: number[] };

/** Compiles only when T is never: `Complete<Exclude<keyof Row, (typeof FIELDS)[number]>>` says a list names every field. */
export type Complete<T extends never> = T;

type Plain = string | number | boolean | null;
const isPlain = (v: unknown): v is Plain => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isPlainList = (v: unknown): v is Plain[] => Array.isArray(v) && v.every(isPlain);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Values that repeat enough (at most one distinct value in four rows) are sent once each. */
function encodeValues(values: unknown[]): Column {
  if (values.length < 8) return values;
  const lists = values.every(isPlainList);
  if (!lists && !values.every(isPlain)) return values;
  // A column of (nearly) unique values (ids, codes, texts) is told by its first rows, before a map of a
  // quarter of 100,000 values is made only to be thrown away.
  const sample = new Set<unknown>();
  const head = Math.min(values.length, 256);
  for (let i = 0; i < head; i++) sample.add(lists ? JSON.stringify(values[i]) : values[i]);
  if (sample.size > head / 2) return values;
  const place = new Map<unknown, number>();
  const distinct: unknown[] = [];
  const at: number[] = new Array(values.length);
  const most = values.length / 4;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const key = lists ? JSON.stringify(v) : v;
    let p = place.get(key);
    if (p === undefined) {
      if (distinct.length >= most) return values;
      place.set(key, (p = distinct.length));
      distinct.push(v);
    }
    at[i] = p;
  }
  return { distinct, at };
}

function encodeColumn(values: unknown[]): Column {
  // Objects of plain values (or lists of them), or null: a column per key.
  if (values.length > 0 && values.every((v) => v === null || isRecord(v)) && values.some((v) => v !== null)) {
    const keys = new Set<string>();
    for (const v of values) if (v) for (const k of Object.keys(v)) keys.add(k);
    const objects = values as (Record<string, unknown> | null)[];
    if (objects.every((o) => !o || Object.values(o).every((x) => isPlain(x) || isPlainList(x)))) {
      const none: number[] = [];
      objects.forEach((o, i) => o === null && none.push(i));
      const out: Record<string, Column> = {};
      for (const k of keys) out[k] = encodeValues(objects.map((o) => (o ? (o[k] ?? null) : null)));
      return { keys: out, none };
    }
  }
  return encodeValues(values);
}

function decodeColumn(column: Column, count: number): unknown[] {
  if (Array.isArray(column)) return column;
  if ('distinct' in column) {
    const { distinct, at } = column;
    const out = new Array(count);
    // A list is copied per row: rows never share one (a row's list may be changed where it is used).
    if (distinct.some(Array.isArray)) for (let i = 0; i < count; i++) out[i] = (distinct[at[i]!] as unknown[]).slice();
    else for (let i = 0; i < count; i++) out[i] = distinct[at[i]!];
    return out;
  }
  const keys = Object.keys(column.keys);
  const values = keys.map((k) => decodeColumn(column.keys[k]!, count));
  const none = new Set(column.none);
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    if (none.has(i)) {
      out[i] = null;
      continue;
    }
    const o: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) o[keys[k]!] = values[k]![i];
    out[i] = o;
  }
  return out;
}

export function toColumns<T extends object>(rows: readonly T[], fields: readonly (keyof T)[]): Columns<T> {
  const out = {} as { [K in keyof T]: Column };
  for (const f of fields) {
    const values = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) values[i] = rows[i]![f];
    out[f] = encodeColumn(values);
  }
  return { count: rows.length, fields: out };
}

export function fromColumns<T extends object>(columns: Columns<T>): T[] {
  const fields = Object.keys(columns.fields) as (keyof T)[];
  const values = fields.map((f) => decodeColumn(columns.fields[f], columns.count));
  const rows: T[] = new Array(columns.count);
  for (let i = 0; i < columns.count; i++) {
    const row = {} as T;
    for (let f = 0; f < fields.length; f++) row[fields[f]!] = values[f]![i] as T[keyof T];
    rows[i] = row;
  }
  return rows;
}
