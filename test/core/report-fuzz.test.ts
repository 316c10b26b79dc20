import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import fc from 'fast-check';
import { parseReport } from '../../electron/core/report/parse';
import { PUBLISHED_REPORT } from '../helpers/report';

const LINES = fs.readFileSync(PUBLISHED_REPORT, 'utf8').split('\n');

type Edit = { op: 'insert'; at: number; n: number } | { op: 'delete'; at: number } | { op: 'duplicate'; at: number } | { op: 'cut'; at: number; keep: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(LINES.length), n: fc.nat(999) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(LINES.length - 1) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(LINES.length - 1) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(LINES.length - 1), keep: fc.nat(30) }),
);

/** Apply edits; inserted lines carry a marker (乱码N号) that no rule of the parser knows. */
function apply(edits: Edit[]): { lines: string[]; markers: string[] } {
  const lines = [...LINES];
  for (const e of edits) {
    const at = Math.min(e.at, lines.length - 1);
    if (e.op === 'insert') {
      lines.splice(Math.min(e.at, lines.length), 0, `乱码${e.n}号无法归类的一句话`);
    } else if (e.op === 'delete') lines.splice(at, 1);
    else if (e.op === 'duplicate') lines.splice(at, 0, lines[at]!);
    else lines[at] = lines[at]!.slice(0, e.keep);
  }
  // The inserted lines that survived the later edits (possibly cut short).
  const markers = lines.filter((l) => l.startsWith('乱码')).map((l) => l.trim());
  return { lines, markers };
}

describe('the report parser under arbitrary edits of the published report', () => {
  it('never throws, places every issue on an existing line, and keeps every inserted line when it reports no errors', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const { lines, markers } = apply(edits);
        const report = parseReport({ lines: lines.map((text, i) => ({ no: i + 1, text })), lineUnit: '行' }, 'r.txt');
        for (const issue of [...report.errors, ...report.warnings]) {
          expect(issue.row === null || (issue.row >= 1 && issue.row <= lines.length)).toBe(true);
          expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
        }
        if (report.errors.length === 0) {
          const everything = JSON.stringify(report);
          for (const m of markers) expect(everything).toContain(m);
        }
      }),
      { seed: 20250221, numRuns: 300 },
    );
  });
});
