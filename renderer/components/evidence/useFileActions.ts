import { useCallback, useState } from 'react';
import { App as AntApp } from 'antd';
import type { EvidenceView } from '../../../shared/api/evidence';
import { call, downloadBase64, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { downloadName } from './format';

/**
 * Getting a file out of the ledger. The desktop app opens allowlisted documents in their program and saves
 * copies with its dialog; the browser host downloads instead. The host decides again whether a file may be
 * opened: the page only hides buttons that would be refused.
 */
export function useFileActions() {
  const { message } = AntApp.useApp();
  const { info } = useLedger();
  const [busy, setBusy] = useState<number | null>(null);
  const desktop = !!info?.host.openExternal;

  const run = useCallback(
    async (item: EvidenceView, fn: () => Promise<void>) => {
      setBusy(item.id);
      try {
        await fn();
      } catch (e) {
        message.error(errorMessage(e), 8);
      } finally {
        setBusy(null);
      }
    },
    [message],
  );

  const download = useCallback(
    (item: EvidenceView) =>
      run(item, async () => {
        const c = await call('evidence.content', { id: item.id });
        downloadBase64(downloadName(item), c.base64, c.mime || 'application/octet-stream');
      }),
    [run],
  );

  const open = useCallback(
    (item: EvidenceView) =>
      run(item, async () => {
        await call('evidence.open', { id: item.id });
        message.info(`已用本机程序打开 ${item.number}（临时副本，修改不会写回台账）`);
      }),
    [run, message],
  );

  const saveAs = useCallback(
    (item: EvidenceView) =>
      run(item, async () => {
        const r = await call('evidence.saveAs', { id: item.id });
        if (r.path) message.success(`已另存为：${r.path}`);
      }),
    [run, message],
  );

  return { desktop, busy, download, open, saveAs, canSaveWithDialog: !!info?.host.fileDialogs };
}
