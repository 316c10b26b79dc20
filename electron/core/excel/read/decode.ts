import { ReadError } from './errors';

/**
 * Text of an XML part, decoded chunk by chunk as it is inflated. A multi-byte character (every Chinese
 * character is three bytes in UTF-8, four for the extension planes) may be split between two chunks: the
 * decoder keeps the incomplete tail and finishes the character with the next chunk, so nothing is ever
 * turned into U+FFFD (the exceljs stream bug). Bytes that are not UTF-8 at all are refused with the part
 * named: a damaged file is said to be damaged, not imported with replacement characters in it.
 * A part that starts with the UTF-16LE byte order mark (allowed by XML, written by some tools) is decoded
 * as UTF-16LE, likewise strictly.
 */
export interface TextChunks {
  /** Decode the next chunk; returns the text complete so far (possibly empty). */
  write(bytes: Uint8Array): string;
  /** End of the part: returns what remains; an unfinished character at the end is refused. */
  end(): string;
}

export function invalidText(part: string, offset: number, encoding: string): ReadError {
  return new ReadError(
    encoding === 'UTF-8' ? 'BAD_UTF8' : 'BAD_UTF16',
    `工作簿部件“${part}”在第 ${offset + 1} 字节附近有不是 ${encoding} 编码的字节（文件已损坏，或被其他程序错误地改写），已拒绝读取，以免导入乱码。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。`,
    { part, offset, encoding },
  );
}

export function textChunks(part: string): TextChunks {
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let encoding = 'UTF-8';
  // Bytes before we know the encoding (fewer than two, at the very start).
  let head: Uint8Array | null = null;
  let offset = 0;

  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return decoder!.decode(bytes, { stream });
    } catch {
      throw invalidText(part, offset, encoding);
    } finally {
      offset += bytes.length;
    }
  };

  const start = (bytes: Uint8Array): Uint8Array => {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      encoding = 'UTF-16LE';
      decoder = new TextDecoder('utf-16le', { fatal: true });
      offset = 2;
      return bytes.subarray(2);
    }
    // The UTF-8 byte order mark is dropped by the decoder itself.
    decoder = new TextDecoder('utf-8', { fatal: true });
    return bytes;
  };

  return {
    write(bytes) {
      if (!decoder) {
        const all = head ? concat(head, bytes) : bytes;
        if (all.length < 2) {
          head = all;
          return '';
        }
        head = null;
        return decode(start(all), true);
      }
      return decode(bytes, true);
    },
    end() {
      if (!decoder) {
        if (!head) return '';
        const rest = start(head);
        head = null;
        return decode(rest, false);
      }
      return decode(new Uint8Array(0), false);
    },
  };
}

/** A whole part at once, as strictly as in chunks. */
export function decodeText(part: string, bytes: Uint8Array): string {
  const d = textChunks(part);
  return d.write(bytes) + d.end();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
