import fs from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../errors';
import { decideOpen, decideTarget, type TargetPolicy, type TargetRequest } from '../path-policy';
import type { ServiceContext } from './registry';

/** Paths the desktop's native save dialog returned, per session: the only ones the page may then write. */
const granted = new WeakMap<object, Set<string>>();

function grants(ctx: ServiceContext): Set<string> {
  let set = granted.get(ctx.session);
  if (!set) granted.set(ctx.session, (set = new Set()));
  return set;
}

/** Record a path the native save dialog returned (in main: the page never chose it). */
export function grantDialogPath(ctx: ServiceContext, file: string): void {
  grants(ctx).add(path.resolve(file));
}

export function policyOf(ctx: ServiceContext): TargetPolicy {
  if (ctx.host.kind === 'web') return { kind: 'data-folder', dir: ctx.session.dataDir };
  if (ctx.host.kind === 'electron') return { kind: 'dialog', granted: grants(ctx) };
  return { kind: 'typed' };
}

/** Where a path-taking operation may write, by the host's policy; refused with a clear message. */
/**
 * `finish` gives the file its extension; replacing a file is allowed only when the dialog asked about
 * that very name (a name that got an extension added was not asked about).
 */
export function writeTarget(ctx: ServiceContext, requested: string, request: TargetRequest, finish: (file: string) => string = (f) => f): { path: string; overwrite: boolean } {
  const decision = decideTarget(policyOf(ctx), requested, request);
  if (!decision.ok) throw new LedgerError(decision.code, decision.message);
  if (ctx.host.kind === 'web') fs.mkdirSync(ctx.session.dataDir, { recursive: true });
  const file = finish(decision.path);
  return { path: file, overwrite: decision.overwrite && file === decision.path };
}

/**
 * The ledger file `ledger.open` may open, by the host's policy (decideOpen). In the browser the name must
 * also be a file of its own in the data folder: a link there that points elsewhere is refused.
 */
export function openTarget(ctx: ServiceContext, requested: string): string {
  const decision = decideOpen(policyOf(ctx), requested);
  if (!decision.ok) throw new LedgerError(decision.code, decision.message);
  if (ctx.host.kind === 'web') {
    const st = fs.lstatSync(decision.path, { throwIfNoEntry: false });
    if (st && !st.isFile()) {
      throw new LedgerError('PATH_NOT_ALLOWED', `浏览器版只能打开数据文件夹（${ctx.session.dataDir}）中的台账：“${path.basename(decision.path)}”不是数据文件夹中的台账文件（是链接或文件夹）。`);
    }
  }
  return decision.path;
}

/** Whether a recent ledger may be shown to this host's page (the browser: only those of the data folder). */
export function mayListRecent(ctx: ServiceContext, file: string): boolean {
  return ctx.host.kind !== 'web' || decideOpen(policyOf(ctx), file).ok;
}
