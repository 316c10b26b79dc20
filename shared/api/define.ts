import { z } from 'zod';

/**
 * One operation of the API: a runtime schema for the request (checked at every host boundary) and the
 * response type (a phantom: the service is typed by it, nothing is sent).
 */
export interface OpDef<Req extends z.ZodType, Res> {
  req: Req;
  res: Res;
  /** True when the operation may change the ledger: views reload after it succeeds. */
  mutates: boolean;
}

/** `op<Response>()(requestSchema)`: a query; the response type is named, the request type inferred. */
export function op<Res>() {
  return <Req extends z.ZodType>(req: Req): OpDef<Req, Res> => ({ req, res: undefined as Res, mutates: false });
}

/** `act<Response>()(requestSchema)`: an operation that changes the ledger (or which ledger is open). */
export function act<Res>() {
  return <Req extends z.ZodType>(req: Req): OpDef<Req, Res> => ({ req, res: undefined as Res, mutates: true });
}

export interface ApiError {
  code: string;
  /** For the person, in Chinese: what happened and what to do. */
  message: string;
  /** For us: technical detail, never shown as the main text. */
  detail?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Shared pieces of request schemas. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const id = z.number().int().positive();
export const ids = z.array(id).min(1).max(100000);
