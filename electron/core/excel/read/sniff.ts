import { ReadError } from './errors';
import { isZip } from './zip';

export type FileFormat = 'xlsx' | 'csv';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Whether the UTF-16LE spelling of `name` occurs in the bytes (names in an OLE directory are UTF-16LE). */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

const SAVE_AS = '请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。';

/**
 * What a file really is, whatever its name says, or a precise refusal. OLE compound files (D0 CF 11 E0…)
 * are legacy .xls/.et workbooks, or an Office file encrypted with a password (Excel stores those as OLE with
 * an EncryptedPackage stream, even when the name ends in .xlsx).
 */
export function sniffFormat(fileName: string, bytes: Uint8Array): FileFormat {
  const ext = (fileName.match(/\.([^.\\/]+)$/)?.[1] ?? '').toLowerCase();
  if (bytes.length === 0) throw new ReadError('EMPTY_FILE', '文件是空的（0 字节），没有可导入的内容。');
  if (startsWith(bytes, OLE_MAGIC)) {
    if (hasUtf16Name(bytes, 'EncryptedPackage') || hasUtf16Name(bytes, 'EncryptionInfo')) {
      throw new ReadError(
        'ENCRYPTED',
        '该文件设置了打开密码（加密的 Office 文件），无法读取。请先在 Excel 或 WPS 中打开并取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码），另存为 .xlsx 后再导入。',
      );
    }
    if (hasUtf16Name(bytes, 'Workbook') || hasUtf16Name(bytes, 'Book')) {
      throw new ReadError('XLS', `这是旧版 Excel 97-2003 工作簿（.xls 格式），本程序不能直接读取。${SAVE_AS}`);
    }
    if (hasUtf16Name(bytes, 'WordDocument')) {
      throw new ReadError('DOC', '这是旧版 Word 文档（.doc），不是表格。进展情况公布请另存为 .docx；台账和回执请导入 .xlsx。');
    }
    throw new ReadError('OLE', `这是旧版 Office 复合文档格式（OLE）的文件，不是 .xlsx。${SAVE_AS}`);
  }
  if (isZip(bytes)) {
    if (ext === 'csv') throw new ReadError('NOT_CSV', '文件扩展名是 .csv，但内容是压缩包（可能是改了扩展名的 .xlsx）。请把扩展名改回 .xlsx 再导入。');
    return 'xlsx';
  }
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<') && /<(html|table|\?xml|workbook)/.test(head)) {
    throw new ReadError('HTML_TABLE', `这是网页（HTML/XML）格式的表格，只是扩展名为 .${ext || '?'}。${SAVE_AS}`);
  }
  if (ext === 'xls' || ext === 'et') {
    throw new ReadError('XLS', `文件扩展名是 .${ext}，但内容不是可识别的工作簿。${SAVE_AS}`);
  }
  throw new ReadError('NOT_XLSX', `文件不是有效的 .xlsx 工作簿（内容不是 Excel 文件格式，可能已损坏或只是改了扩展名）。${SAVE_AS}`);
}
