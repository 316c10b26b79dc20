/**
 * What a file really is, from its bytes (magic numbers), never from its name: an `.pdf` that starts with
 * `MZ` is a Windows program. Pure; works on the whole file or its first bytes (zip and OLE containers are
 * looked into when the whole file is given).
 */
export type FileFamily =
  | 'pdf'
  | 'image'
  | 'word' // .doc / .wps (OLE compound file with a WordDocument stream)
  | 'excel' // .xls / .et (OLE compound file with a Workbook stream)
  | 'ole' // another OLE compound file
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'ofd'
  | 'zip'
  | 'archive'
  | 'text'
  | 'executable'
  | 'shortcut'
  | 'unknown';

export interface Sniffed {
  family: FileFamily;
  mime: string;
  /** For the person: 'PDF 文档', 'Word 文档'… */
  label: string;
  /** An Office file carrying macros (vbaProject.bin): never handed to the system program. */
  macros?: boolean;
}

const starts = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF = ascii('GIF8');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const BMP = ascii('BM');
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const MZ = ascii('MZ');
const ELF = [0x7f, 0x45, 0x4c, 0x46];
const MACHO = [[0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xcf], [0xca, 0xfe, 0xba, 0xbe]];
const LNK = [0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00];
const RAR = ascii('Rar!');
const SEVEN_Z = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const GZIP = [0x1f, 0x8b];
const SHEBANG = ascii('#!');

function kind(family: FileFamily, mime: string, label: string, macros?: boolean): Sniffed {
  return macros ? { family, mime, label, macros } : { family, mime, label };
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const DOCM = 'application/vnd.ms-word.document.macroEnabled.12';
const XLSM = 'application/vnd.ms-excel.sheet.macroEnabled.12';
const PPTM = 'application/vnd.ms-powerpoint.presentation.macroEnabled.12';

/** Every type sniffFile returns, by MIME: what a stored MIME type means without the bytes at hand. */
const BY_MIME: Record<string, Sniffed> = Object.fromEntries(
  (
    [
      ['pdf', 'application/pdf', 'PDF 文档'],
      ['image', 'image/png', 'PNG 图片'],
      ['image', 'image/jpeg', 'JPEG 图片'],
      ['image', 'image/gif', 'GIF 图片'],
      ['image', 'image/webp', 'WebP 图片'],
      ['image', 'image/bmp', 'BMP 图片'],
      ['word', 'application/msword', 'Word/WPS 文字文档'],
      ['excel', 'application/vnd.ms-excel', 'Excel/WPS 表格'],
      ['ole', 'application/x-ole-storage', 'OLE 复合文档'],
      ['docx', DOCX, 'Word 文档'],
      ['xlsx', XLSX, 'Excel 表格'],
      ['pptx', PPTX, 'PowerPoint 演示文稿'],
      ['docx', DOCM, '含宏的 Word 文档', true],
      ['xlsx', XLSM, '含宏的 Excel 表格', true],
      ['pptx', PPTM, '含宏的演示文稿', true],
      ['ofd', 'application/ofd', 'OFD 版式文档'],
      ['zip', 'application/zip', 'ZIP 压缩包'],
      ['archive', 'application/x-archive', '压缩包'],
      ['text', 'text/plain', '文本文件'],
      ['executable', 'application/x-msdownload', 'Windows 可执行程序'],
      ['executable', 'application/x-executable', '可执行程序'],
      ['executable', 'text/x-script', '脚本程序'],
      ['shortcut', 'application/x-ms-shortcut', 'Windows 快捷方式'],
      ['unknown', 'application/octet-stream', '未知类型'],
    ] as [FileFamily, string, string, boolean?][]
  ).map(([family, mime, label, macros]) => [mime, kind(family, mime, label, macros)]),
);

/** What a stored MIME type says (unknown types are treated as unknown binaries). */
export function fromMime(mime: string): Sniffed {
  return BY_MIME[mime] ?? BY_MIME['application/octet-stream']!;
}

/** Names of the entries of a zip file, read from its central directory (empty when it is not readable). */
export function zipEntryNames(b: Uint8Array): string[] {
  // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
  const min = Math.max(0, b.length - 65557);
  let eocd = -1;
  for (let i = b.length - 22; i >= min; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let n = 0; n < count && p + 46 <= b.length; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) break;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    names.push(decoder.decode(b.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function utf16(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) out[i * 2] = s.charCodeAt(i);
  return out;
}

function contains(b: Uint8Array, needle: Uint8Array): boolean {
  // Buffer.indexOf is native: fast enough on a whole 300 MB file.
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(needle) >= 0;
}

const WORD_STREAM = utf16('WordDocument');
const WORKBOOK_STREAM = utf16('Workbook');
const BOOK_STREAM = utf16('Book\0');

/** "BM" alone starts plenty of text files; a real bitmap also has zero reserved bytes and a known header size. */
function isBmp(b: Uint8Array): boolean {
  if (!starts(b, BMP) || b.length < 26) return false;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return v.getUint32(6, true) === 0 && [12, 40, 52, 56, 64, 108, 124].includes(v.getUint32(14, true));
}

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 65536);
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    // Tab, LF, FF, CR and ESC occur in text; other C0 controls and NUL mean binary.
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d && c !== 0x1b) return false;
  }
  return true;
}

export function sniffFile(b: Uint8Array): Sniffed {
  if (starts(b, PDF)) return fromMime('application/pdf');
  if (starts(b, PNG)) return fromMime('image/png');
  if (starts(b, JPEG)) return fromMime('image/jpeg');
  if (starts(b, GIF)) return fromMime('image/gif');
  if (starts(b, RIFF) && starts(b, WEBP, 8)) return fromMime('image/webp');
  if (starts(b, OLE)) {
    if (contains(b, WORD_STREAM)) return fromMime('application/msword');
    if (contains(b, WORKBOOK_STREAM) || contains(b, BOOK_STREAM)) return fromMime('application/vnd.ms-excel');
    return fromMime('application/x-ole-storage');
  }
  if (starts(b, ZIP) || starts(b, ZIP_EMPTY)) {
    const names = zipEntryNames(b);
    const has = (p: string) => names.some((n) => n === p || n.startsWith(p));
    const macros = names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n));
    // Macro-enabled Office files get their own MIME type, so that the stored type alone still says so.
    if (has('word/document.xml')) return macros ? fromMime(DOCM) : fromMime(DOCX);
    if (has('xl/workbook.xml')) return macros ? fromMime(XLSM) : fromMime(XLSX);
    if (has('ppt/presentation.xml')) return macros ? fromMime(PPTM) : fromMime(PPTX);
    if (names.some((n) => n.toLowerCase() === 'ofd.xml')) return fromMime('application/ofd');
    return fromMime('application/zip');
  }
  if (starts(b, MZ)) return fromMime('application/x-msdownload');
  if (starts(b, ELF) || MACHO.some((m) => starts(b, m))) return fromMime('application/x-executable');
  if (starts(b, LNK)) return fromMime('application/x-ms-shortcut');
  if (starts(b, RAR) || starts(b, SEVEN_Z) || starts(b, GZIP)) return fromMime('application/x-archive');
  if (starts(b, SHEBANG)) return fromMime('text/x-script');
  if (isBmp(b)) return fromMime('image/bmp');
  if (looksLikeText(b)) return fromMime('text/plain');
  return fromMime('application/octet-stream');
}

