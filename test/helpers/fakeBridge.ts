import { OP_NAMES, type LedgerBridge, type OpName } from '../../shared/api/contract';
import { tmpService, type TmpService } from './ledger';
import type { HostCapabilities } from '../../electron/core/session';

/**
 * The API the renderer's component tests install: the real service over a temporary ledger, in-process
 * (like Actual's `initServer` in its tests), shaped exactly like the preload bridge. Records every call.
 */
export function createFakeBridge(host: HostCapabilities = { kind: 'web' }): { bridge: LedgerBridge; backend: TmpService; calls: { name: OpName; request: unknown }[] } {
  const backend = tmpService(host);
  const calls: { name: OpName; request: unknown }[] = [];
  const bridge = Object.fromEntries(
    OP_NAMES.map((name) => [
      name,
      async (request: unknown) => {
        calls.push({ name, request });
        // Through JSON, as over IPC or HTTP: no shared object references between page and core.
        return JSON.parse(JSON.stringify(await backend.service.call(name, JSON.parse(JSON.stringify(request ?? {})))));
      },
    ]),
  ) as unknown as LedgerBridge;
  return { bridge, backend, calls };
}
