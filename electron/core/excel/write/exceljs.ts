import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

const load = createRequire(import.meta.url);
let lib: typeof ExcelJSModule | null = null;

/**
 * exceljs, loaded the first time a workbook is written, not when a module that writes one is imported:
 * a host (the web host, the desktop's main process) starts without its ~25 MB, and what it never writes
 * (a preview of a large return, the table) never costs it (issue 12: preview memory).
 */
export function excel(): typeof ExcelJSModule {
  return (lib ??= load('exceljs') as typeof ExcelJSModule);
}
