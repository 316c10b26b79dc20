import type { z } from 'zod';
import type { OpDef, Result } from './define';
import { ledgerOps } from './ledger';
import { problemsOps } from './problems';
import { statsOps } from './stats';
import { importOps } from './import';
import { tableOps } from './table';
import { evidenceOps } from './evidence';
import { exportOps } from './export';
import { reportOps } from './report';
import { remindersOps } from './reminders';

/**
 * Every operation the renderer may ask for (STYLE habit 1). Each domain declares its operations in its own
 * file; a name may appear only once (checked at start-up by the service registry).
 */
export const contract = {
  ...ledgerOps,
  ...problemsOps,
  ...statsOps,
  ...importOps,
  ...tableOps,
  ...evidenceOps,
  ...exportOps,
  ...reportOps,
  ...remindersOps,
};

export type Contract = typeof contract;
export type OpName = keyof Contract;
export type Req<K extends OpName> = Contract[K] extends OpDef<infer R, unknown> ? z.input<R> : never;
export type ParsedReq<K extends OpName> = Contract[K] extends OpDef<infer R, unknown> ? z.output<R> : never;
export type Res<K extends OpName> = Contract[K] extends OpDef<z.ZodType, infer T> ? T : never;

export const OP_NAMES = Object.keys(contract) as OpName[];

/** What the page gets: one named function per operation (Electron preload and web bridge alike). */
export type LedgerBridge = { [K in OpName]: (req: Req<K>) => Promise<Result<Res<K>>> };

/** Validate a request at a host boundary. */
export function parseRequest<K extends OpName>(name: K, raw: unknown): { ok: true; value: ParsedReq<K> } | { ok: false; message: string; detail: unknown } {
  const def = contract[name] as OpDef<z.ZodType, unknown> | undefined;
  if (!def) return { ok: false, message: `未知的操作：${String(name)}`, detail: null };
  const parsed = def.req.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as ParsedReq<K> };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    message: `请求数据不正确${first ? `：${first.path.join('.') || '请求'} ${first.message}` : ''}`,
    detail: parsed.error.issues,
  };
}

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
