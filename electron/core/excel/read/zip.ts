import zlib from 'node:zlib';
import { ReadError } from './errors';
import { LIMITS } from './limits';

/**
 * A zip reader that looks before it inflates: the central directory is read first (entry count, declared
 * sizes, compression ratio, total size), and each part is inflated with a hard output limit equal to its
 * declared size, so a header that lies about a zip bomb is stopped at the lie.
 *
 * node:zlib rather than fflate: it is native (several times faster on large sheets) and its
 * `maxOutputLength` bounds the output without chunking by hand.
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

/** Check the declared sizes of the parts that will be read, before inflating any of them. */
export function checkBudget(entries: ZipEntry[]): void {
  let total = 0;
  for (const e of entries) {
    if (e.size > LIMITS.maxPartBytes) {
      throw new ReadError('ZIP_PART_TOO_LARGE', `工作簿中的部件“${e.name}”解压后达 ${mb(e.size)}，超过上限 ${mb(LIMITS.maxPartBytes)}，已拒绝读取。`);
    }
    if (e.size > LIMITS.ratioCheckAbove && e.size / Math.max(1, e.compressedSize) > LIMITS.maxRatio) {
      throw new ReadError(
        'ZIP_BOMB',
        `工作簿中的部件“${e.name}”压缩比异常（${Math.round(e.size / Math.max(1, e.compressedSize))}:1），疑似“压缩炸弹”，已拒绝读取。`,
      );
    }
    total += e.size;
  }
  if (total > LIMITS.maxTotalBytes) {
    throw new ReadError('ZIP_TOO_LARGE', `工作簿解压后共 ${mb(total)}，超过上限 ${mb(LIMITS.maxTotalBytes)}，已拒绝读取。`);
  }
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Inflate one part; its output may not exceed (or fall short of) the size its header declares. */
export function readEntry(b: Uint8Array, e: ZipEntry): Uint8Array {
  const p = e.localOffset;
  if (u32(b, p) !== LOC_SIG) throw corrupt(`bad local header for ${e.name}`);
  const start = p + 30 + u16(b, p + 26) + u16(b, p + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw corrupt(`data of ${e.name} past end`);
  const data = b.subarray(start, end);
  let out: Uint8Array;
  if (e.method === 0) {
    out = data;
  } else if (e.method === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ReadError('ZIP_BOMB', `工作簿中的部件“${e.name}”实际解压大小超过其声明大小，疑似“压缩炸弹”或文件被篡改，已拒绝读取。`);
      }
      throw corrupt(`inflate ${e.name}: ${String(err)}`);
    }
  } else {
    throw new ReadError('ZIP_METHOD', `文件使用了不支持的压缩方式（${e.method}）。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`);
  }
  if (out.length !== e.size) throw corrupt(`${e.name}: ${out.length} bytes, header says ${e.size}`);
  return out;
}
