import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { OP_NAMES } from '../shared/api/contract';
import type { Result } from '../shared/api/define';
import type { Service } from './core/service';

export const CHANNEL_PREFIX = 'api:';

/**
 * One IPC channel per operation of the contract. Every message is checked: the sender must be our own
 * page (main frame, trusted URL), and the payload is validated by the service against the schema.
 */
export function registerIpc(service: Service, isTrustedSender: (url: string | undefined) => boolean): string[] {
  const channels: string[] = [];
  // The preload asks once for the operation names (synchronously, while the page loads).
  ipcMain.on(`${CHANNEL_PREFIX}names`, (event) => {
    const frame = event.senderFrame;
    event.returnValue = frame && frame.parent === null && isTrustedSender(frame.url) ? OP_NAMES : [];
  });
  for (const name of OP_NAMES) {
    const channel = CHANNEL_PREFIX + name;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrustedSender(frame.url)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求不是来自本程序的页面。' } };
      }
      return service.call(name, request);
    });
    channels.push(channel);
  }
  return channels;
}
