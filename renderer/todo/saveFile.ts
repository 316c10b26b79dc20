import type { FileResult } from '../../shared/api/reminders';
import type { LedgerInfo } from '../../shared/api/ledger';
import { call, downloadBase64 } from '../api';

/**
 * Make a file the way the host can: the desktop asks where with its save dialog (null when cancelled),
 * the browser receives the bytes and downloads them.
 */
export async function saveFile<T extends FileResult>(
  info: LedgerInfo | null,
  suggested: { title: string; name: string; ext: string },
  make: (path: string | undefined) => Promise<T>,
): Promise<T | null> {
  let path: string | undefined;
  if (info?.host.fileDialogs) {
    const picked = await call('ledger.pickFile', { mode: 'save', title: suggested.title, defaultName: suggested.name, extensions: [suggested.ext] });
    if (!picked.path) return null;
    path = picked.path;
  }
  const result = await make(path);
  if (!result.path && result.data) downloadBase64(result.fileName, result.data, result.mime);
  return result;
}
