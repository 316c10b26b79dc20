import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleLedger } from '../../electron/core/ledger/sample';
import { runAction } from '../../electron/core/ledger/actions';
import { currentRoundId } from '../../electron/core/ledger/rounds';
import { deleteProblem } from '../../electron/core/ledger/problems';
import { listProblemDetails, problemDetailPages } from '../../electron/core/ledger/views';
import { listJson, writeList } from '../../electron/cli/core-commands';
import { setExtras } from '../../electron/core/ledger/extras';
import { tmpLedger } from '../helpers/ledger';

async function written(fn: (io: { out(t: string): void; err(t: string): void }) => Promise<void>): Promise<string> {
  let out = '';
  await fn({ out: (t) => (out += t + '\n'), err: () => {} });
  return out;
}

describe('list, page by page', () => {
  let t: ReturnType<typeof tmpLedger>;
  let roundId: number;
  beforeAll(() => {
    t = tmpLedger();
    createSampleLedger(t.db);
    roundId = currentRoundId(t.db)!;
    // A deleted problem stays out of every page.
    const victim = listProblemDetails(t.db, roundId).find((p) => p.kind === 'specific')!;
    runAction(t.db, { source: 'edit', label: '删除' }, () => deleteProblem(t.db, victim.id));
    // Columns an import kept (原因分析…) come with the problem on every page.
    const kept = listProblemDetails(t.db, roundId)[3]!;
    runAction(t.db, { source: 'edit', label: '其他信息' }, () => setExtras(t.db, kept.id, null, { 原因分析: '学习制度执行不严' }));
  });
  afterAll(() => t.cleanup());

  it('pages of any size give the same problems in the same ledger order as the whole list', () => {
    const whole = listProblemDetails(t.db, roundId);
    expect(whole.length).toBeGreaterThan(20);
    expect(whole[3]!.extras).toEqual([{ measureId: null, label: '原因分析', value: '学习制度执行不严' }]);
    for (const size of [1, 4, 7, whole.length, 5000]) {
      const pages = [...problemDetailPages(t.db, roundId, size)];
      expect(pages.every((p) => p.length <= size)).toBe(true);
      expect(pages.flat()).toEqual(whole);
    }
  });

  it('list --json written in pages is the very text of the whole list as JSON, and plain list the same lines', async () => {
    const whole = JSON.stringify(listJson(t.db), null, 2) + '\n';
    for (const size of [1, 6, 2000]) {
      expect(await written((io) => writeList(t.db, true, io, size))).toBe(whole);
    }
    const lines = (await written((io) => writeList(t.db, false, io, 5))).trimEnd().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).toEqual(listJson(t.db).map((p) => p.code));
  });

  it('waits for the reader to take each page before reading the next (a pipe would otherwise hold the whole list)', async () => {
    const count = listJson(t.db).length;
    // A slow reader: each wait lets the event loop turn, and the page written before it must be whole.
    const seen: number[] = [];
    let out = '';
    await writeList(t.db, false, { out: (s) => (out += s + '\n'), err: () => {}, drain: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(out.trimEnd().split('\n').length);
    } }, 4);
    expect(seen).toEqual(Array.from({ length: Math.ceil(count / 4) }, (_, i) => Math.min(count, 4 * (i + 1))));
  });

  it('an empty ledger lists as []', async () => {
    const e = tmpLedger('empty.zgtz');
    try {
      expect(await written((io) => writeList(e.db, true, io))).toBe('[]\n');
      expect(await written((io) => writeList(e.db, false, io))).toBe('');
    } finally {
      e.cleanup();
    }
  });
});
