import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tmpLedger } from '../helpers/ledger';
import { importFiles, inputOf, listOf } from '../helpers/import';
import { generateLayout, isComplete, NAMED_LAYOUTS, sourceFromList, type LayoutSpec, type SourceCategory } from '../helpers/layouts';

/**
 * Issue 10: any layout an office sends, generated from the master ledger's content (the published report),
 * imports into an empty ledger as the same ledger (`list --json`, statuses per measure included). A layout
 * the importer cannot read on its own must import once its columns are mapped by hand; the share read
 * without any mapping is printed.
 */

type List = ReturnType<typeof listOf>;
let master: List;
let source: SourceCategory[];
const tally = { layouts: 0, auto: 0, mapped: 0, failed: [] as string[] };

beforeAll(async () => {
  const t = tmpLedger();
  try {
    const r = await importFiles(t.db, ['整改台账-总表.xlsx']);
    expect(r.ok).toBe(true);
    master = listOf(t.db);
    source = sourceFromList(master);
  } finally {
    t.cleanup();
  }
});

afterAll(() => {
  const share = tally.layouts ? Math.round((tally.auto / tally.layouts) * 1000) / 10 : 0;
  console.log(
    `[issue 10] 版式 ${tally.layouts} 种：无需手动指定列即读对 ${tally.auto} 种（${share}%），手动指定列后读对 ${tally.mapped} 种，读错 ${tally.failed.length} 种${tally.failed.length ? '：' + tally.failed.join('；') : ''}`,
  );
});

/** The first difference between two ledgers, in words (for a readable failure). */
function firstDifference(got: List, want: List): string | null {
  if (got.length !== want.length) return `问题数 ${got.length}，应为 ${want.length}（${got.map((p) => p.code).join(' ')}）`;
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    for (const k of Object.keys(w) as (keyof typeof w)[]) {
      if (JSON.stringify(g[k]) !== JSON.stringify(w[k])) return `${w.code} 的 ${k}：${JSON.stringify(g[k]).slice(0, 200)}，应为 ${JSON.stringify(w[k]).slice(0, 200)}`;
    }
  }
  return null;
}

/** Import a layout into an empty ledger, without a mapping and, when that fails, with the person's mapping. */
async function importLayout(spec: LayoutSpec, name: string): Promise<{ auto: string | null; mapped: string | null }> {
  const layout = generateLayout(source, spec, name);
  const file = { name: `${name}.xlsx`, bytes: layout.bytes };
  const attempt = async (mapping?: Record<number, string | null>) => {
    const t = tmpLedger();
    try {
      const r = await importFiles(t.db, [inputOf(file, mapping ? { mapping: mapping as never } : {})]);
      if (!r.committed) return `未导入：${r.files[0]!.errors.slice(0, 3).map((e) => `${e.row ?? ''}${e.column ?? ''} ${e.message}`).join(' | ')}`;
      return firstDifference(listOf(t.db), master);
    } finally {
      t.cleanup();
    }
  };
  const auto = await attempt();
  const mapped = auto === null ? null : await attempt(layout.mapping);
  tally.layouts++;
  if (auto === null) tally.auto++;
  else if (mapped === null) tally.mapped++;
  else tally.failed.push(`${name}：${mapped}`);
  return { auto, mapped };
}

describe('every layout an office sends imports as the master ledger', () => {
  for (const [name, spec] of Object.entries(NAMED_LAYOUTS)) {
    it(`reads the ${name} layout`, async () => {
      const { auto, mapped } = await importLayout(spec, name);
      expect(auto === null ? null : mapped, `${name}（自动：${auto}）`).toBeNull();
      // Layouts with header words must be read without any help.
      if (spec.headers !== 'unknown') expect(auto, name).toBeNull();
    });
  }

  it('reads any generated combination (fixed seed)', async () => {
    const spec = fc.record<LayoutSpec>({
      category: fc.constantFrom('banner', 'column'),
      code: fc.constantFrom('dash', 'dotted', 'chinese', 'running', 'none'),
      kind: fc.constantFrom('column', 'code', 'split'),
      measures: fc.constantFrom('rows', 'cell', 'cellOrdinal'),
      problemCells: fc.constantFrom('merged', 'repeated'),
      status: fc.constantFrom('perMeasure', 'phrase'),
      headers: fc.constantFrom('standard', 'synonyms', 'unknown'),
      extras: fc.boolean(),
      shuffle: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 })),
      headerRows: fc.constantFrom(1 as const, 2 as const),
      preamble: fc.boolean(),
      measureNo: fc.boolean(),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(spec.filter(isComplete), async (s) => {
        const { mapped } = await importLayout(s, `generated-${++n}`);
        expect(mapped).toBeNull();
      }),
      { seed: 20241120, numRuns: 30, endOnFailure: true },
    );
  }, 600_000);
});
