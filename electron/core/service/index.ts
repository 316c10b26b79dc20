import { OP_NAMES, contract, isOpName, parseRequest } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/define';
import { firstLine, isLedgerError, mapEngineError } from '../errors';
import { createRegistry, type ServiceContext } from './registry';
import { ledgerHandlers } from './ledger';
import { problemsHandlers } from './problems';
import { statsHandlers } from './stats';
import { importHandlers } from './import';
import { tableHandlers } from './table';
import { evidenceHandlers } from './evidence';
import { signoffHandlers } from './signoff';
import { backupHandlers } from './backup';
import { dailyBackups } from '../backup/session-backups';
import { exportHandlers } from './export';
import { reportHandlers } from './report';
import { clerkHandlers } from './clerk';
import { remindersHandlers } from './reminders';

export type { ServiceContext } from './registry';

export interface Service {
  /** Validate, run, and answer with data: never throws, never leaks a stack trace to the page. */
  call(name: string, request: unknown): Promise<Result<unknown>>;
  readonly ctx: ServiceContext;
}

/** The one service every host wires: the same handlers behind Electron IPC, HTTP and the command line. */
export function createService(ctx: ServiceContext, log: (msg: string) => void = (m) => process.stderr.write(m + '\n')): Service {
  const registry = createRegistry();
  registry.register(ledgerHandlers);
  registry.register(problemsHandlers);
  registry.register(statsHandlers);
  registry.register(importHandlers);
  registry.register(tableHandlers);
  registry.register(evidenceHandlers);
  registry.register(signoffHandlers);
  registry.register(backupHandlers);
  registry.register(exportHandlers);
  registry.register(reportHandlers);
  registry.register(clerkHandlers);
  registry.register(remindersHandlers);
  const missing = OP_NAMES.filter((n) => !registry.get(n));
  if (missing.length) throw new Error(`operations without a handler: ${missing.join(', ')}`);
  // Once a day while the app is used: at start, when a ledger is opened, and before the first change of a day.
  const daily = dailyBackups(ctx.session, log);

  return {
    ctx,
    async call(name, request) {
      if (!isOpName(name)) return { ok: false, error: { code: 'UNKNOWN_OP', message: `未知的操作：${String(name).slice(0, 80)}` } };
      const parsed = parseRequest(name, request);
      if (!parsed.ok) return { ok: false, error: { code: 'BAD_REQUEST', message: parsed.message, detail: parsed.detail } };
      try {
        if (contract[name].mutates && name !== 'backup.restore') await daily.beforeChange();
        const value = await registry.get(name)!(parsed.value as never, ctx);
        return { ok: true, value };
      } catch (e) {
        const known = isLedgerError(e) ? e : mapEngineError(e);
        if (known) return { ok: false, error: { code: known.code, message: known.message, detail: known.detail } };
        log(`[${name}] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return {
          ok: false,
          error: { code: 'INTERNAL', message: '程序内部错误，操作未完成，台账未被修改。请重试；如仍出现，请把台账文件和操作步骤告诉维护人员。', detail: firstLine(String(e)) },
        };
      }
    },
  };
}
