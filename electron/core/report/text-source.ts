import { LedgerError } from '../errors';

/** Text reports larger than this are not progress reports (the real one is 80 KB). */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

/**
 * Decode a .txt report. Offices save text as UTF-8 (with or without BOM), as UTF-16 from Notepad, or as
 * GB18030/GBK from Chinese Windows; try them in that order, strictly, so that nothing is garbled silently.
 */
export function decodeText(name: string, bytes: Uint8Array): string {
  if (bytes.length > MAX_TEXT_BYTES) {
    throw new LedgerError('REPORT_TOO_LARGE', `“${name}”有 ${(bytes.length / 1048576).toFixed(1)} MB，不像一份整改进展情况公布，未导入。`);
  }
  const attempts: [string, Uint8Array][] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) attempts.push(['utf-8', bytes.subarray(3)]);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) attempts.push(['utf-16le', bytes.subarray(2)]);
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) attempts.push(['utf-16be', bytes.subarray(2)]);
  else attempts.push(['utf-8', bytes], ['gb18030', bytes]);
  for (const [encoding, data] of attempts) {
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(data);
    } catch {
      continue;
    }
    if (text.includes('\u0000')) break;
    return text;
  }
  throw new LedgerError(
    'REPORT_NOT_TEXT',
    `“${name}”不是可读的文本文件（既不是 UTF-8 也不是 GBK 编码的文字）。请用记事本或 WPS 将报告另存为 .txt（UTF-8）或 .docx 后再导入。`,
  );
}

/** Lines as the person sees them in an editor: numbered from 1, any line ending. */
export function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/);
}
