import { parseXml, unescapeOoxml } from './xml';
import { ReadError } from './errors';
import { LIMITS } from './limits';

export interface SharedStrings {
  values: string[];
  /** Indexes of strings cut at Excel's per-cell limit. */
  truncated: Set<number>;
}

/**
 * The shared string table. Rich text is joined run by run; phonetic guides (<rPh>, furigana) are not part
 * of the text and are skipped.
 */
export function parseSharedStrings(xml: string): SharedStrings {
  const values: string[] = [];
  const truncated = new Set<number>();
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let parts: string[] = [];
  parseXml('sharedStrings.xml', xml, {
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
        let s = unescapeOoxml(parts.join(''));
        if (s.length > LIMITS.maxCellChars) {
          s = s.slice(0, LIMITS.maxCellChars);
          truncated.add(values.length);
        }
        values.push(s);
        if (values.length > LIMITS.maxSharedStrings) {
          throw new ReadError('TOO_MANY_STRINGS', `工作簿中的文字条目超过 ${LIMITS.maxSharedStrings} 条，超出可导入的范围。`);
        }
      }
    },
    text(t) {
      if (inT) parts.push(t);
    },
  });
  return { values, truncated };
}
