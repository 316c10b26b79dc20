/**
 * A file that cannot be read, with a Chinese message for the person (what the file is, what to do).
 * Thrown inside the reader (worker or not) and carried across the worker boundary as plain data.
 */
export class ReadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

export interface ReadFailure {
  code: string;
  message: string;
  detail?: unknown;
}

export function toFailure(e: unknown): ReadFailure {
  if (e instanceof ReadError) return { code: e.code, message: e.message, detail: e.detail };
  return {
    code: 'READ_FAILED',
    message: '无法读取该文件：文件可能已损坏或不是有效的表格。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。',
    detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
  };
}
