import zlib from 'node:zlib';
import { Inflate } from 'fflate';
import { ReadError } from './errors';
import { LIMITS } from './limits';

/**
 * A zip reader that looks before it inflates: the central directory is read first (entry count, declared
 * sizes, compression ratio, total size), and each part is inflated with a hard output limit equal to its
 * declared size, so a header that lies about a zip bomb is stopped at the lie.
 *
 * Parts are handed on in chunks (streamEntry), so that no part is ever held whole as text: a part up to
 * WHOLE_INFLATE_BYTES is inflated at once by node:zlib (native, 2–3× faster than fflate; `maxOutputLength`
 * bounds it), a larger one streams through fflate's synchronous Inflate, a chunk at a time, its output
 * counted against the declared size as it comes.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

const corrupt = (detail: string) =>
  new ReadError('ZIP_CORRUPT', '文件已损坏：不是完整的 .xlsx 压缩包。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。', detail);

function u16(b: Uint8Array, o: number): number {
  if (o < 0 || o + 2 > b.length) throw corrupt(`read past end at ${o}`);
  return b[o]! | (b[o + 1]! << 8);
}

function u32(b: Uint8Array, o: number): number {
  if (o < 0 || o + 4 > b.length) throw corrupt(`read past end at ${o}`);
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

function findEocd(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6 && u32(b, i) === EOCD_SIG) return i;
  }
  throw corrupt('no end of central directory');
}

const latin = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** The entries of the central directory, checked against the limits; nothing is inflated here. */
export function listEntries(b: Uint8Array): Map<string, ZipEntry> {
  const eocd = findEocd(b);
  const count = u16(b, eocd + 10);
  const cdSize = u32(b, eocd + 12);
  const cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new ReadError('ZIP64', '文件过大（ZIP64 格式），超出本程序可导入的范围。请删去无关的工作表或图片后另存为 .xlsx 再导入。');
  }
  if (count > LIMITS.maxZipEntries) {
    throw new ReadError('ZIP_TOO_MANY', `压缩包内的部件过多（${count} 个），不像是正常的工作簿，已拒绝读取。`);
  }
  if (cdOffset + cdSize > eocd) throw corrupt('central directory outside the file');
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (u32(b, p) !== CEN_SIG) throw corrupt(`bad central header ${i}`);
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    const compressedSize = u32(b, p + 20);
    const size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    const localOffset = u32(b, p + 42);
    if (p + 46 + nameLen > b.length) throw corrupt('name past end');
    const rawName = b.subarray(p + 46, p + 46 + nameLen);
    const name = (flags & 0x800 ? utf8 : latin).decode(rawName).replace(/\\/g, '/').replace(/^\/+/, '');
    if (flags & 1) {
      throw new ReadError(
        'ENCRYPTED',
        '该文件设置了密码（已加密），无法读取。请在 Excel 或 WPS 中打开并取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码），另存为 .xlsx 后再导入。',
      );
    }
    entries.set(name, { name, method, flags, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Check the declared sizes of the parts that will be read, before inflating any of them. There is no cap on
 * a part's size: parts are read as streams, and what the reader keeps is bounded by the worker's heap. A
 * declared compression ratio no XML reaches is refused (a zip bomb), and no part may inflate beyond the
 * size it declares (streamEntry).
 */
export function checkBudget(entries: ZipEntry[]): void {
  for (const e of entries) {
    if (e.size > LIMITS.ratioCheckAbove && e.size / Math.max(1, e.compressedSize) > LIMITS.maxRatio) {
      throw new ReadError(
        'ZIP_BOMB',
        `工作簿中的部件“${e.name}”压缩比异常（${Math.round(e.size / Math.max(1, e.compressedSize))}:1），疑似“压缩炸弹”，已拒绝读取。`,
      );
    }
  }
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function compressedData(b: Uint8Array, e: ZipEntry): Uint8Array {
  const p = e.localOffset;
  if (u32(b, p) !== LOC_SIG) throw corrupt(`bad local header for ${e.name}`);
  const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw corrupt(`data of ${e.name} past end`);
  return b.subarray(start, end);
}

const bomb = (e: ZipEntry) => new ReadError('ZIP_BOMB', `工作簿中的部件“${e.name}”实际解压大小超过其声明大小，疑似“压缩炸弹”或文件被篡改，已拒绝读取。`);

/** Inflate one part whole; its output may not exceed (or fall short of) the size its header declares. */
export function readEntry(b: Uint8Array, e: ZipEntry): Uint8Array {
  const data = compressedData(b, e);
  let out: Uint8Array;
  if (e.method === 0) {
    out = data;
  } else if (e.method === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw bomb(e);
      throw corrupt(`inflate ${e.name}: ${String(err)}`);
    }
  } else {
    throw new ReadError('ZIP_METHOD', `文件使用了不支持的压缩方式（${e.method}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`);
  }
  if (out.length !== e.size) throw corrupt(`${e.name}: ${out.length} bytes, header says ${e.size}`);
  return out;
}

/** Parts up to this size are inflated at once (native); larger ones stream. */
export const WHOLE_INFLATE_BYTES = 32 * 1024 * 1024;
/** Size of the pieces handed on (inflated bytes). */
export const CHUNK_BYTES = 1024 * 1024;
/**
 * Compressed bytes fed to fflate at a time. fflate hands on all it inflated from one push in one buffer:
 * 1 MB of a sheet's XML, which compresses 15:1 and more, came out as one 15 MB buffer (and its string, and
 * the parser's pieces of it), and a hostile 400:1 part as 400 MB. 64 KB in keeps each piece out near a
 * megabyte: 26 MB at the 400:1 ratio checkBudget lets through, 66 MB at deflate's own limit (1032:1; a
 * part that lies about its size is stopped after that one piece).
 */
export const FEED_BYTES = 64 * 1024;

/**
 * Hand a part on in chunks as it is inflated. The output is held to the declared size as it comes: a part
 * that lies about its size is stopped at the lie, after at most one chunk beyond it.
 */
export function streamEntry(b: Uint8Array, e: ZipEntry, onChunk: (bytes: Uint8Array) => void, options: { wholeBelow?: number; chunk?: number } = {}): void {
  const chunk = options.chunk ?? CHUNK_BYTES;
  const feed = Math.min(chunk, FEED_BYTES);
  if (e.method !== 8 || e.size <= (options.wholeBelow ?? WHOLE_INFLATE_BYTES)) {
    const all = readEntry(b, e);
    for (let i = 0; i < all.length; i += chunk) onChunk(all.subarray(i, i + chunk));
    return;
  }
  const data = compressedData(b, e);
  let total = 0;
  const inflate = new Inflate((out) => {
    total += out.length;
    if (total > e.size) throw bomb(e);
    onChunk(out);
  });
  try {
    for (let i = 0; i < data.length; i += feed) inflate.push(data.subarray(i, i + feed), i + feed >= data.length);
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof ReadError) throw err;
    throw corrupt(`inflate ${e.name}: ${String(err)}`);
  }
  if (total !== e.size) throw corrupt(`${e.name}: ${total} bytes, header says ${e.size}`);
}
