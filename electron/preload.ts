import { contextBridge, ipcRenderer } from 'electron';
import type { LedgerBridge } from '../shared/api/contract';

/**
 * The page gets one named function per operation of the contract, nothing else: no ipcRenderer, no
 * generic invoke (STYLE habit 1). The operation names come from the main process once, at load, so the
 * sandboxed preload stays one small file that cannot drift from the contract.
 */
const names = ipcRenderer.sendSync('api:names') as string[];
const bridge = Object.fromEntries(
  names.map((name) => [name, (request: unknown) => ipcRenderer.invoke(`api:${name}`, request)]),
) as unknown as LedgerBridge;

contextBridge.exposeInMainWorld('ledger', bridge satisfies LedgerBridge);
