import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONTENT, flattened, ledgerOf, ledgerOfContent, parseText, renderStyled, type StyleChoice, type VCategory, type VProblem } from '../helpers/report-variants';

/** A permutation of an array drawn from a list of random keys. */
const permute = <T>(xs: T[], keys: number[]): T[] => xs.map((x, i) => [x, keys[i % keys.length]! + i / 1000] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x);

function reorder(content: VCategory[], keys: number[]): VCategory[] {
  const p = (x: VProblem, k: number): VProblem => ({
    text: x.text,
    measures: permute(x.measures, keys.slice(k)),
    ...(x.specifics ? { specifics: permute(x.specifics.map((y, i) => p(y, k + i + 1)), keys.slice(k + 2)) } : {}),
  });
  return permute(content, keys).map((c, ci) => ({ title: c.title, problems: permute(c.problems.map((x, i) => p(x, ci + i)), keys.slice(ci + 1)) }));
}

const nfkc = (x: unknown) => JSON.parse(JSON.stringify(x).normalize('NFKC'));

const style: fc.Arbitrary<StyleChoice> = fc.record({
  cat: fc.integer({ min: 0, max: 3 }),
  prob: fc.integer({ min: 0, max: 3 }),
  meas: fc.integer({ min: 0, max: 3 }),
  result: fc.integer({ min: 0, max: 3 }),
  halfWidth: fc.boolean(),
  split: fc.boolean(),
});

describe('reading a report does not depend on its order, numbering or punctuation', () => {
  it('reordered, renumbered and re-punctuated, a report gives the same ledger', () => {
    fc.assert(
      fc.property(style, fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 12, maxLength: 12 }), (s, keys) => {
        const base = s.split ? CONTENT : flattened(CONTENT);
        const content = reorder(base, keys);
        const { text, stated } = renderStyled(content, s);
        const r = parseText(text);
        expect(r.errors).toEqual([]);
        expect(nfkc(ledgerOf(r))).toEqual(nfkc(ledgerOfContent(stated)));
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
