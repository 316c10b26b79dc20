/**
 * Expected failures carry a Chinese message for the person and a detail for us (STYLE habit 6).
 * Thrown inside the core, turned into `{ ok: false, error }` at the service boundary.
 */
export class LedgerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export function isLedgerError(e: unknown): e is LedgerError {
  return e instanceof LedgerError;
}

/** The first line of an engine's message, without temporary file names (never shown as is). */
export function firstLine(text: string): string {
  return text.split(/\r?\n/)[0]!.replace(/\S*\.[0-9a-f]{8}\.(partial|restoring|tmp|zip-partial)\b/g, '（临时文件）').replace(/\S*\.\d+-[0-9a-f]{8}\.(partial|restoring|tmp|zip-partial)\b/g, '（临时文件）').slice(0, 300);
}

export const READONLY_MESSAGE = '台账文件是只读的（在光盘上、是只读的邮件附件，或所在文件夹不可写），不能修改。请用“另存为”把它另存到可写位置后再修改。';

/**
 * The one mapping of storage errors (SQLite result codes, Node's errno codes) to messages for people.
 * The engine's code and first line stay in the detail. Null for anything else (a bug, reported as such).
 */
export function mapEngineError(e: unknown, file?: string): LedgerError | null {
  if (e instanceof LedgerError) return e;
  const code = String((e as { code?: unknown })?.code ?? '');
  const detail = { code, message: firstLine(e instanceof Error ? e.message : String(e)), ...(file ? { file } : {}) };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new LedgerError('DISK_FULL', '磁盘空间不足，操作未完成，台账未被修改。请清理磁盘空间（或换一个有空间的位置）后重试。', detail);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new LedgerError('LEDGER_BUSY', '台账正被另一个程序写入（另一个整改台账窗口、浏览器版或命令行），请稍后重试。本次操作未完成，台账未被修改。', detail);
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return new LedgerError('LEDGER_READONLY', READONLY_MESSAGE, detail);
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new LedgerError('IO_ERROR', '读写文件时出错（磁盘、U 盘或网络盘可能有故障或已拔出），操作未完成。请检查磁盘后重试；已保存的内容不受影响。', detail);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new LedgerError('LEDGER_CORRUPT', `文件已损坏，无法读取${file ? `：${file}` : ''}。请从备份恢复。`, detail);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return new LedgerError('LEDGER_OPEN_FAILED', `无法打开文件${file ? `：${file}` : ''}。文件可能已被移走、无权访问或正被占用。`, detail);
  return null;
}

/** Opening a ledger: a storage error by the mapping, anything else means the file cannot be read. */
export function engineError(e: unknown, file: string): LedgerError {
  const mapped = mapEngineError(e, file);
  if (mapped && mapped.code !== 'LEDGER_CORRUPT') return mapped;
  return new LedgerError('LEDGER_CORRUPT', `台账文件已损坏，无法读取：${file}。请从备份恢复。`, mapped?.detail ?? { message: firstLine(String(e)) });
}
