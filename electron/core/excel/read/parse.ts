import { ReadError } from './errors';
import { LIMITS } from './limits';
import { sniffFormat } from './sniff';
import { readXlsx, readXlsxStream, type ReadTuning, type StreamedWorkbook } from './xlsx';
import { readCsv } from './csv';
import type { CellBatch, WorkbookData } from './types';

/** Parse a spreadsheet in the current thread (tests and benchmarks; the app reads in the worker). */
export function parseSpreadsheet(fileName: string, bytes: Uint8Array, tuning?: ReadTuning): WorkbookData {
  checkFileSize(bytes);
  const format = sniffFormat(fileName, bytes);
  if (format === 'csv') return readCsvNamed(fileName, bytes);
  return readXlsx(bytes, tuning);
}

/**
 * Parse a spreadsheet as the worker does: an .xlsx as a stream, its cells handed to `onCells` in batches as
 * they are read (the workbook's end says the rest); a CSV whole (its text is the file).
 */
export function streamSpreadsheet(
  fileName: string,
  bytes: Uint8Array,
  onCells: (sheet: number, batch: CellBatch) => void,
): { workbook: WorkbookData } | { streamed: StreamedWorkbook } {
  checkFileSize(bytes);
  const format = sniffFormat(fileName, bytes);
  if (format === 'csv') return { workbook: readCsvNamed(fileName, bytes) };
  return { streamed: readXlsxStream(bytes, onCells) };
}

function readCsvNamed(fileName: string, bytes: Uint8Array): WorkbookData {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return readCsv(bytes, base || 'CSV');
}

function checkFileSize(bytes: Uint8Array): void {
  if (bytes.length > LIMITS.maxFileBytes) {
    throw new ReadError('FILE_TOO_LARGE', `文件大小 ${(bytes.length / 1024 / 1024).toFixed(1)} MB，超过可导入的上限 ${LIMITS.maxFileBytes / 1024 / 1024} MB。`);
  }
}
