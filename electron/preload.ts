import { contextBridge, ipcRenderer } from 'electron';
import { OP_NAMES, type LedgerBridge } from '../shared/api/contract';

/**
 * The page gets one named function per operation of the contract, nothing else: no ipcRenderer, no
 * generic invoke (STYLE habit 1). Bundled into one CommonJS file because sandboxed preloads cannot
 * require project modules.
 */
const bridge = Object.fromEntries(
  OP_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke(`api:${name}`, request)]),
) as unknown as LedgerBridge;

contextBridge.exposeInMainWorld('ledger', bridge satisfies LedgerBridge);
