import { useState } from 'react';
import type { PackageResult } from '../../../shared/api/evidence';
import { call, downloadBase64, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { FilePathDialog } from '../FilePathDialog';

export type PackageFormat = 'zip' | 'folder';

/**
 * Export the evidence package the way the host can: the desktop asks where with its dialog; the browser
 * downloads a zip, or (for a folder) takes a typed path on this computer.
 */
export function usePackageExport() {
  const { info } = useLedger();
  const [busy, setBusy] = useState(false);
  const [typing, setTyping] = useState<PackageFormat | null>(null);
  const [result, setResult] = useState<PackageResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (format: PackageFormat, options: { path?: string; download?: boolean } = {}) => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('evidence.exportPackage', { format, ...options });
      setTyping(null);
      if (r?.data) downloadBase64(r.fileName, r.data, 'application/zip');
      if (r) setResult(r);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  /** Zip: dialog or download. Folder: dialog or a typed path. `toPath` asks for a typed path in the browser. */
  const start = (format: PackageFormat, toPath = false) => {
    if (info?.host.fileDialogs) void run(format);
    else if (format === 'zip' && !toPath) void run('zip', { download: true });
    else setTyping(format);
  };

  const dialog = typing ? (
    <FilePathDialog
      open
      title={typing === 'zip' ? '导出佐证材料包（zip）' : '导出佐证材料包到文件夹'}
      hint={`请输入${typing === 'zip' ? ' zip 文件' : '新文件夹'}的名称（不含上级文件夹），将保存在数据文件夹：${info?.host.saveFolder ?? ''}。每个问题一个子文件夹，另附“佐证材料目录.xlsx”。`}
      label="名称"
      placeholder="例如：佐证材料包"
      initial="佐证材料包"
      onOk={(p) => run(typing, { path: p })}
      onCancel={() => setTyping(null)}
    />
  ) : null;

  return { start, busy, result, error, dialog, desktop: !!info?.host.fileDialogs };
}
