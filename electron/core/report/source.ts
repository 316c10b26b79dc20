import path from 'node:path';
import { LedgerError } from '../errors';
import { decodeText, textLines } from './text-source';
import { docxParagraphsWithStyle } from './docx-source';

/** One line of a report with its position: the line of a .txt, the paragraph of a .docx. */
export interface SourceLine {
  no: number;
  text: string;
  /** .docx only: the whole paragraph is bold. */
  bold?: boolean;
  /** .docx only: the paragraph's heading level (a 标题 style or an outline level), from 1. */
  heading?: number;
  /** .docx only: an automatically numbered paragraph (its number is not in the text). */
  list?: { id: string; level: number };
}

export interface ReportSource {
  lines: SourceLine[];
  lineUnit: '行' | '段';
}

export const REPORT_EXTENSIONS = ['.txt', '.docx'] as const;

export function isReportFile(name: string): boolean {
  return (REPORT_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
}

/** Read a .txt or .docx report into numbered lines; an unreadable file is a LedgerError in Chinese. */
export function readReportSource(file: { name: string; bytes: Uint8Array }): ReportSource {
  const ext = path.extname(file.name).toLowerCase();
  if (ext === '.txt') {
    return { lines: textLines(decodeText(file.name, file.bytes)).map((text, i) => ({ no: i + 1, text })), lineUnit: '行' };
  }
  if (ext === '.docx') {
    const lines: SourceLine[] = [];
    docxParagraphsWithStyle(file.name, file.bytes).forEach((p, i) => {
      const format = { ...(p.bold ? { bold: true } : {}), ...(p.heading ? { heading: p.heading } : {}), ...(p.list ? { list: p.list } : {}) };
      p.text.split('\n').forEach((text, k) => lines.push({ no: i + 1, text, ...(k === 0 ? format : {}) }));
    });
    return { lines, lineUnit: '段' };
  }
  throw new LedgerError(
    'REPORT_BAD_TYPE',
    `“${file.name}”不是进展情况公布可用的格式：请提供 .txt 或 .docx 文件（.doc、.wps、.pdf 请先用 Word 或 WPS 另存为 .docx）。`,
  );
}
