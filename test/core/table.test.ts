import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tmpService, type TmpService } from '../helpers/ledger';
import { fromColumns, toColumns } from '../../shared/api/columns';
import { sourcesOf } from '../../shared/api/table';
import { sourceList } from '../../electron/core/ledger/search';

/** A small ledger through the service, as the table uses it. */
async function seed(s: TmpService) {
  await s.call('rounds.create', { title: '测试轮次' });
  await s.call('rounds.update', { id: (await s.call('ledger.info', {})).roundId!, fields: { feedbackDate: '2024-07-24', periodEnd: '2024-11-24' } });
  const c1 = await s.call('categories.create', { title: '统筹协调不够' });
  const c2 = await s.call('categories.create', { title: '正风肃纪不够' });
  const g1 = await s.call('problems.create', { categoryId: c1.id, kind: 'general', text: '社区矫正监管不严。', patch: { leadUnit: '社区矫正科' } });
  const s1 = await s.call('problems.create', { categoryId: c1.id, kind: 'specific', parentId: g1.id, text: '矫正对象违反监管规定现象频发。' });
  const g2 = await s.call('problems.create', { categoryId: c2.id, kind: 'general', text: '机关内部管理不严。', patch: { leadUnit: '局办公室' } });
  await s.call('measures.add', { problemId: g2.id, measure: { text: '开展社区矫正专项检查，逐人核查。' } });
  await s.call('progress.add', { problemId: s1.id, date: '2024-11-01', text: '已完成全市社区矫正对象排查。' });
  return { c1, c2, g1, s1, g2 };
}

describe('finding problems', () => {
  let s: TmpService;
  beforeEach(() => (s = tmpService()));
  afterEach(() => s.cleanup());

  it('finds a word of three or more characters in problem, measure and progress text through the trigram index', async () => {
    const { g1, s1, g2 } = await seed(s);
    const r = await s.call('problems.search', { query: '社区矫正' });
    expect(r.mode).toBe('fts');
    expect(r.ids).toEqual([g1.id, s1.id, g2.id].sort((a, b) => a - b));
    expect(sourcesOf(r, g1.id)).toEqual(['problem']);
    expect(sourcesOf(r, s1.id)).toEqual(['progress']);
    expect(sourcesOf(r, g2.id)).toEqual(['measure']);
    // Each distinct list once, whatever the number of ids.
    expect(r.sourceLists).toHaveLength(3);
    // Several sources are listed in one order, whichever matched first.
    expect(sourceList(4 | 1)).toEqual(['problem', 'progress']);
    expect(sourceList(2 | 8)).toEqual(['measure', 'code']);
  });

  it('finds one- and two-character words by a substring scan', async () => {
    const { s1, g2 } = await seed(s);
    const r = await s.call('problems.search', { query: '排查' });
    expect(r).toMatchObject({ ids: [s1.id], mode: 'substring' });
    expect((await s.call('problems.search', { query: '严' })).ids).toEqual([(await s.call('problems.list', {}))[0]!.id, g2.id]);
  });

  it('finds short words in what was written since the last search, and no longer in what was deleted', async () => {
    const { g1, s1, g2 } = await seed(s);
    expect((await s.call('problems.search', { query: '督办' })).ids).toEqual([]);
    await s.call('problems.update', { id: s1.id, patch: { text: '矫正对象违反监管规定，已督办。' } });
    await s.call('progress.add', { problemId: g1.id, date: '2024-11-02', text: '市局督办' });
    const r = await s.call('problems.search', { query: '督办' });
    expect(r.ids).toEqual([g1.id, s1.id]);
    expect(r.ids.map((id) => sourcesOf(r, id))).toEqual([['progress'], ['problem']]);
    expect(sourcesOf(r, g2.id)).toBeUndefined();
    const measure = (await s.call('problems.get', { id: g2.id })).measures[0]!;
    expect((await s.call('problems.search', { query: '逐人' })).ids).toEqual([g2.id]);
    await s.call('measures.delete', { id: measure.id });
    expect((await s.call('problems.search', { query: '逐人' })).ids).toEqual([]);
  });

  it('answers a short word with every problem that holds it and each place it is written, by ascending id', async () => {
    // Texts over a few characters, so that one- and two-character words match many problems, some in
    // several places; measures and progress entries deleted again must no longer count.
    const word = fc.array(fc.constantFrom('严', '查', '改', 'a', 'B'), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    const entry = fc.record({ text: word, deleted: fc.boolean() });
    const shape = fc.array(fc.record({ text: word, measures: fc.array(entry, { maxLength: 3 }), progress: fc.array(entry, { maxLength: 2 }) }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(shape, fc.constantFrom('严', '查', 'a', 'b', '严查', 'ab', '改a'), async (problems, query) => {
        const t = tmpService();
        try {
          await t.call('rounds.create', { title: '检索' });
          const c = await t.call('categories.create', { title: '类别' });
          const expected = new Map<number, Set<string>>();
          const has = (text: string) => text.toLowerCase().includes(query.toLowerCase());
          const mark = (id: number, where: string) => expected.set(id, (expected.get(id) ?? new Set()).add(where));
          for (const p of problems) {
            const made = await t.call('problems.create', { categoryId: c.id, kind: 'general', text: p.text });
            if (has(p.text)) mark(made.id, 'problem');
            for (const m of p.measures) {
              const detail = await t.call('measures.add', { problemId: made.id, measure: { text: m.text } });
              if (m.deleted) await t.call('measures.delete', { id: Math.max(...detail.measures.map((x) => x.id)) });
              else if (has(m.text)) mark(made.id, 'measure');
            }
            for (const g of p.progress) {
              const detail = await t.call('progress.add', { problemId: made.id, date: '2024-11-01', text: g.text });
              if (g.deleted) await t.call('progress.delete', { id: Math.max(...detail.progress.map((x) => x.id)) });
              else if (has(g.text)) mark(made.id, 'progress');
            }
          }
          const r = await t.call('problems.search', { query });
          expect(r.mode).toBe('substring');
          expect(r.ids).toEqual([...expected.keys()].sort((a, b) => a - b));
          const order = ['problem', 'measure', 'progress'];
          for (const id of r.ids) expect(sourcesOf(r, id)).toEqual(order.filter((w) => expected.get(id)!.has(w)));
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('matches short Latin words whatever their case, as the trigram index does longer ones', async () => {
    const { g1 } = await seed(s);
    await s.call('problems.update', { id: g1.id, patch: { text: '社区矫正APP监管不严。' } });
    expect((await s.call('problems.search', { query: 'ap' })).ids).toEqual([g1.id]);
    expect((await s.call('problems.search', { query: 'app' })).ids).toEqual([g1.id]);
  });

  it('requires every space-separated term and ignores deleted measures', async () => {
    const { g2 } = await seed(s);
    expect((await s.call('problems.search', { query: '社区矫正 内部' })).ids).toEqual([g2.id]);
    const detail = await s.call('problems.get', { id: g2.id });
    await s.call('measures.delete', { id: detail.measures[0]!.id });
    expect((await s.call('problems.search', { query: '社区矫正 内部' })).ids).toEqual([]);
  });

  it('finds a problem and those beneath it by its code, however it is written', async () => {
    const { g1, s1 } = await seed(s);
    expect((await s.call('problems.search', { query: '1-1' })).ids).toEqual([g1.id, s1.id]);
    expect((await s.call('problems.search', { query: '一-1-(1)' })).ids).toEqual([s1.id]);
  });

  it('treats query syntax characters as text, not as FTS operators', async () => {
    await seed(s);
    expect((await s.call('problems.search', { query: '"社区" OR *' })).ids).toEqual([]);
    expect((await s.call('problems.search', { query: '%' })).ids).toEqual([]);
  });
});

describe('reloading only what changed', () => {
  let s: TmpService;
  beforeEach(() => (s = tmpService()));
  afterEach(() => s.cleanup());

  it('lists the problems an edit touched, with their new values', async () => {
    const { g1, g2 } = await seed(s);
    const { version } = await s.call('ledger.info', {});
    await s.call('problems.update', { id: g1.id, patch: { deadline: { raw: '2024年12月31日前' } } });
    const r = await s.call('problems.changes', { since: version });
    expect(r.full).toBe(false);
    if (r.full) return;
    expect(r.ids).toEqual([g1.id]);
    expect(fromColumns(r.problems).map((p) => [p.id, p.deadline.date])).toEqual([[g1.id, '2024-12-31']]);
    expect(r.version).toBeGreaterThan(version);
    const again = await s.call('problems.changes', { since: r.version });
    expect(again).toMatchObject({ full: false, ids: [], problems: { count: 0 } });
    void g2;
  });

  it('names a problem removed by an undo of its creation, without a row for it', async () => {
    await seed(s);
    const c = (await s.call('categories.list', {}))[0]!;
    const { version } = await s.call('ledger.info', {});
    const created = await s.call('problems.create', { categoryId: c.id, kind: 'general', text: '新问题' });
    await s.call('history.undo', {});
    const r = await s.call('problems.changes', { since: version });
    expect(r).toMatchObject({ full: false, ids: [created.id], problems: { count: 0 } });
  });

  it('asks for a full reload after a change shared by many rows, or a version it does not know', async () => {
    const { c1 } = await seed(s);
    const { version } = await s.call('ledger.info', {});
    await s.call('categories.rename', { id: c1.id, title: '统筹协调、督促检查不够' });
    const r = await s.call('problems.changes', { since: version });
    expect(r.full).toBe(true);
    expect(r.categories.map((c) => c.title)).toContain('统筹协调、督促检查不够');
    expect((await s.call('problems.changes', { since: r.version + 1000 })).full).toBe(true);
  });

  it('gives one row the same values as the full load and as the problem list do', async () => {
    const { s1 } = await seed(s);
    const { version } = await s.call('ledger.info', {});
    await s.call('problems.update', { id: s1.id, patch: { leaders: ['局党组成员、副局长（分管矫正）'], units: ['政治部', '局办公室'] } });
    const full = await s.call('problems.changes', {});
    const r = await s.call('problems.changes', { since: version });
    expect(r.full).toBe(false);
    const row = fromColumns(r.problems).find((p) => p.id === s1.id)!;
    expect(row).toEqual(fromColumns(full.problems).find((p) => p.id === s1.id));
    expect(row).toMatchObject({ leaders: ['局党组成员、副局长（分管矫正）'], latestProgress: { date: '2024-11-01', text: '已完成全市社区矫正对象排查。' } });
    expect((await s.call('problems.list', {})).find((p) => p.id === s1.id)).toMatchObject(row);
  });

  it('sends the table only what it draws: no cooperating units, notes or other detail-panel fields', async () => {
    const { s1 } = await seed(s);
    await s.call('problems.update', { id: s1.id, patch: { units: ['政治部'], notes: '备注', responsiblePerson: '张三' } });
    const { problems } = await s.call('problems.changes', {});
    expect(problems.count).toBe(3);
    expect(Object.keys(problems.fields).sort()).toEqual(
      [
        'id', 'categoryId', 'parentId', 'kind', 'code', 'sort', 'text', 'leaders', 'leadUnit', 'deadline', 'status', 'statusSource',
        'statusReason', 'completedDate', 'measureCount', 'measuresCompleted', 'latestProgress', 'evidenceCount', 'lastChangeAt',
      ].sort(),
    );
    expect(await s.call('problems.get', { id: s1.id })).toMatchObject({ units: ['政治部'], notes: '备注', responsiblePerson: '张三' });
  });

  it('sends the rows of a full load in ledger order, with the categories read at the same moment', async () => {
    const { c1, c2, g1, s1, g2 } = await seed(s);
    await s.call('categories.move', { id: c2.id, position: 1 });
    const r = await s.call('problems.changes', {});
    expect(r.categories.map((c) => c.id)).toEqual([c2.id, c1.id]);
    expect(fromColumns(r.problems).map((p) => p.id)).toEqual([g2.id, g1.id, s1.id]);
  });
});

describe('the first screen before the rest', () => {
  let s: TmpService;
  beforeEach(() => (s = tmpService()));
  afterEach(() => s.cleanup());

  /** A ledger shaped by moves and deletions, so that ledger order is neither creation nor id order. */
  async function shuffled(seed: number) {
    let x = seed;
    const next = (n: number) => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
    await s.call('rounds.create', { title: '测试轮次' });
    const categories = [];
    for (let c = 0; c < 4; c++) categories.push(await s.call('categories.create', { title: `类别${c}` }));
    const generals: { id: number; categoryId: number }[] = [];
    const all: number[] = [];
    for (let i = 0; i < 40; i++) {
      const category = categories[next(categories.length)]!;
      const inCategory = generals.filter((g) => g.categoryId === category.id);
      if (inCategory.length && next(3) > 0) {
        const parent = inCategory[next(inCategory.length)]!;
        all.push((await s.call('problems.create', { categoryId: category.id, kind: 'specific', parentId: parent.id, text: `具体问题${i}` })).id);
      } else {
        const g = await s.call('problems.create', { categoryId: category.id, kind: 'general', text: `面上问题${i}` });
        generals.push({ id: g.id, categoryId: category.id });
        all.push(g.id);
      }
    }
    for (let m = 0; m < 12; m++) {
      const id = all[next(all.length)]!;
      const afterId = all[next(all.length)]!;
      // Moves that the ledger refuses (a general under a specific problem…) are simply not made.
      await s.service.call('problems.move', { id, afterId: afterId === id ? null : afterId });
    }
    await s.call('categories.move', { id: categories[3]!.id, position: 1 });
    await s.call('problems.delete', { ids: [all[next(all.length)]!, all[next(all.length)]!] });
    await s.call('categories.delete', { id: categories[1]!.id });
  }

  it('sends the first rows in ledger order with the count of all, the same rows as the full answer begins with', async () => {
    for (const seed of [1, 7, 2024]) {
      await shuffled(seed);
      const full = await s.call('problems.changes', {});
      if (!full.full) throw new Error('a load without `since` is full');
      const order = fromColumns(full.problems).map((p) => p.id);
      expect(full.total).toBe(order.length);
      expect(order.length).toBeGreaterThan(20);
      for (const first of [1, 5, 17, 1000]) {
        const head = await s.call('problems.changes', { first });
        if (!head.full) throw new Error('a load without `since` is full');
        expect(head.total).toBe(order.length);
        expect(head.version).toBe(full.version);
        expect(fromColumns(head.problems)).toEqual(fromColumns(full.problems).slice(0, first));
      }
      s.cleanup();
      s = tmpService();
    }
  });
});

describe('pasting a block', () => {
  let s: TmpService;
  beforeEach(() => (s = tmpService()));
  afterEach(() => s.cleanup());

  it('refuses the whole block, naming every bad cell by code and column, and changes nothing', async () => {
    const { g1, s1 } = await seed(s);
    const before = await s.call('problems.list', {});
    const r = await s.service.call('problems.paste', {
      cells: [
        { id: g1.id, field: 'leadUnit', value: '政治部' },
        { id: g1.id, field: 'deadline', value: '2024年2月30日前' },
        { id: s1.id, field: 'status', value: '差不多了' },
        { id: s1.id, field: 'measures', value: '3' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('1-1“整改时限”：“2024年2月30日”不是有效日期');
    expect(r.error.message).toContain('1-1-1“整改状态”：“差不多了”不是可识别的状态');
    expect(r.error.message).toContain('1-1-1“整改措施”：该列不能粘贴');
    expect(await s.call('problems.list', {})).toEqual(before);
  });

  it('leaves the status alone for an empty status cell', async () => {
    const { g1 } = await seed(s);
    await s.call('problems.setStatus', { ids: [g1.id], status: '正在推进' });
    await s.call('problems.paste', { cells: [{ id: g1.id, field: 'status', value: '' }, { id: g1.id, field: 'leadUnit', value: '政治部' }] });
    expect(await s.call('problems.get', { id: g1.id })).toMatchObject({ status: '正在推进', leadUnit: '政治部' });
  });
});

describe('rows sent as columns', () => {
  it('come back as the same rows, nulls, lists and nested values included', () => {
    const rows = [
      { id: 1, leaders: ['甲', '乙'], deadline: { raw: '立行立改', kind: 'immediate', date: null }, note: null as string | null },
      { id: 2, leaders: [], deadline: { raw: '', kind: 'none', date: null }, note: '备注' },
    ];
    const columns = toColumns(rows, ['id', 'leaders', 'deadline', 'note']);
    // Two rows: nothing repeats enough to be sent once; the deadline objects go as a column per key.
    expect(columns).toEqual({
      count: 2,
      fields: {
        id: [1, 2],
        leaders: [['甲', '乙'], []],
        deadline: { keys: { raw: ['立行立改', ''], kind: ['immediate', 'none'], date: [null, null] }, none: [] },
        note: [null, '备注'],
      },
    });
    expect(fromColumns(JSON.parse(JSON.stringify(columns)) as typeof columns)).toEqual(rows);
    expect(fromColumns(toColumns([], ['id']))).toEqual([]);
  });

  it('come back as the same rows whatever repeats, is null or nested (generated rows)', () => {
    const few = <T,>(xs: T[]) => fc.constantFrom(...xs);
    const row = fc.record({
      id: fc.integer({ min: 1, max: 1e6 }),
      unit: fc.oneof(few(['政治部', '局办公室', '社区矫正科']), fc.constant(null), fc.string()),
      leaders: fc.oneof(fc.array(few(['局长', '副局长', '政委']), { maxLength: 3 }), fc.array(fc.string(), { maxLength: 2 })),
      deadline: fc.record({ raw: fc.oneof(few(['立行立改', '2024年12月31日前']), fc.string()), kind: few(['date', 'immediate', 'text']), date: fc.oneof(fc.constant(null), few(['2024-12-31'])) }),
      latest: fc.oneof(fc.constant(null), fc.record({ date: few(['2024-11-01', '2024-11-15']), text: fc.string() })),
      count: fc.oneof(few([0, 1, 2, 3]), fc.integer()),
      done: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 120 }), (rows) => {
        const columns = toColumns(rows, ['id', 'unit', 'leaders', 'deadline', 'latest', 'count', 'done']);
        const back = fromColumns(JSON.parse(JSON.stringify(columns)) as typeof columns);
        expect(back).toEqual(JSON.parse(JSON.stringify(rows)));
        // Rows never share a list: changing one row's leaders changes no other row.
        const lists = back.map((r) => r.leaders);
        expect(new Set(lists).size).toBe(lists.length);
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('send repeated values once: 10,000 table rows in under two thirds of the plain columns', () => {
    const units = ['政治部', '局办公室', '社区矫正科', '法治督察科'];
    const rows = Array.from({ length: 10000 }, (_, i) => ({
      id: i + 1,
      text: `第${i + 1}号问题：相关制度执行不严、督促检查不够。`,
      leadUnit: units[i % units.length]!,
      leaders: [['局长'], ['副局长'], ['政委', '副局长']][i % 3]!,
      deadline: { raw: ['2024年12月31日前', '立行立改', '长期坚持'][i % 3]!, kind: ['date', 'immediate', 'longTerm'][i % 3]!, date: i % 3 ? null : '2024-12-31' },
      status: ['正在推进', '已完成'][i % 2]!,
      latestProgress: i % 5 ? { date: '2024-11-15', text: `问题${i + 1}整改有序推进。` } : null,
    }));
    const fields = ['id', 'text', 'leadUnit', 'leaders', 'deadline', 'status', 'latestProgress'] as const;
    const plain = Object.fromEntries(fields.map((f) => [f, rows.map((r) => r[f])]));
    const size = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
    const columns = toColumns(rows, fields);
    expect(size(columns)).toBeLessThan((size({ count: rows.length, fields: plain }) * 2) / 3);
    expect(fromColumns(JSON.parse(JSON.stringify(columns)) as typeof columns)).toEqual(rows);
  });
});

describe('deleted categories', () => {
  let s: TmpService;
  beforeEach(() => (s = tmpService()));
  afterEach(() => s.cleanup());

  it('are listed only when asked, with when they were deleted and the problems deleted with them', async () => {
    const { c1, c2, s1 } = await seed(s);
    const empty = await s.call('categories.create', { title: '尚无问题的类别' });
    // A problem deleted before its category stays apart: restoring the category does not bring it back.
    await s.call('problems.delete', { ids: [s1.id] });
    await s.call('categories.delete', { id: c1.id });
    await s.call('categories.delete', { id: empty.id });
    expect((await s.call('categories.list', {})).map((c) => c.id)).toEqual([c2.id]);
    const all = await s.call('categories.list', { includeDeleted: true });
    expect(all.map((c) => [c.title, c.problemCount, c.deletedAt != null])).toEqual([
      ['统筹协调不够', 1, true],
      ['正风肃纪不够', 1, false],
      ['尚无问题的类别', 0, true],
    ]);
    await s.call('categories.restore', { id: empty.id });
    await s.call('categories.restore', { id: c1.id });
    expect((await s.call('categories.list', {})).map((c) => [c.title, c.problemCount, c.deletedAt])).toEqual([
      ['统筹协调不够', 1, null],
      ['正风肃纪不够', 1, null],
      ['尚无问题的类别', 0, null],
    ]);
    expect((await s.call('problems.list', { onlyDeleted: true })).map((p) => p.id)).toEqual([s1.id]);
  });
});
