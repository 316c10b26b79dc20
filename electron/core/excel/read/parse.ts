import { ReadError } from './errors';
import { LIMITS } from './limits';
import { sniffFormat } from './sniff';
import { readXlsx } from './xlsx';
import { readCsv } from './csv';
import type { WorkbookData } from './types';

/** Parse a spreadsheet in the current thread (the worker calls this; tests may too). */
export function parseSpreadsheet(fileName: string, bytes: Uint8Array): WorkbookData {
  if (bytes.length > LIMITS.maxFileBytes) {
    throw new ReadError('FILE_TOO_LARGE', `文件大小 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过可导入的上限 ${LIMITS.maxFileBytes / 1024 / 1024} MB。`);
  }
  const format = sniffFormat(fileName, bytes);
  if (format === 'csv') {
    const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
    return readCsv(bytes, base || 'CSV');
  }
  return readXlsx(bytes);
}
