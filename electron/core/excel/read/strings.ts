import { unescapeOoxml, type XmlHandlers } from './xml';
import { ReadError } from './errors';
import { LIMITS } from './limits';

export interface SharedStrings {
  values: string[];
  /** Indexes of strings cut at Excel's per-cell limit. */
  truncated: Set<number>;
}

/**
 * A string of its own. A substring that saxes hands us is a slice of the chunk of XML it came from, and
 * V8 keeps the whole chunk alive while the slice lives: kept in a table, slices would keep every chunk of
 * the part, the whole XML. Short strings (under 13 characters) are always copied by V8; longer ones are
 * copied here by flattening a concatenation.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * The shared string table, as XML handlers for its part read as a stream. Rich text is joined run by run;
 * phonetic guides (<rPh>, furigana) are not part of the text and are skipped. Each string is kept as a
 * string of its own (ownString), so the table costs its text and no more.
 */
export function sharedStringsStream(): { handlers: XmlHandlers; strings: SharedStrings } {
  const values: string[] = [];
  const truncated = new Set<number>();
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let parts: string[] = [];
  const handlers: XmlHandlers = {
    open(name) {
      if (name === 'si') {
        inSi = true;
        parts = [];
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0) inT = true;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        inSi = false;
        let s = unescapeOoxml(parts.length === 1 ? parts[0]! : parts.join(''));
        if (s.length > LIMITS.maxCellChars) {
          s = s.slice(0, LIMITS.maxCellChars);
          truncated.add(values.length);
        }
        values.push(ownString(s));
        if (values.length > LIMITS.maxSharedStrings) {
          throw new ReadError('TOO_MANY_STRINGS', `工作簿中的文字条目超过 ${LIMITS.maxSharedStrings} 条，超出可导入的范围。`);
        }
      }
    },
    text(t) {
      if (inT) parts.push(t);
    },
  };
  return { handlers, strings: { values, truncated } };
}
