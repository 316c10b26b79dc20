import path from 'node:path';

/**
 * Whether the page may have the system open a file: only one this session exported, and only a workbook
 * or a zip of them. The page could otherwise ask the host to open (run) any file on the disk.
 */
export function mayOpenExport(requested: string, written: ReadonlySet<string>): { ok: true; path: string } | { ok: false; message: string } {
  const abs = path.resolve(requested);
  if (!/\.(xlsx|zip)$/i.test(abs)) return { ok: false, message: '只能打开导出的 .xlsx 或 .zip 文件。' };
  if (!written.has(abs)) return { ok: false, message: '只能打开本次导出的文件。请重新导出后再打开。' };
  return { ok: true, path: abs };
}
