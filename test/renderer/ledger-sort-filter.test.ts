import { describe, expect, it } from 'vitest';
import type { TableProblem } from '../../shared/domain/types';
import { PROBLEM_STATUSES } from '../../shared/domain/status';
import { nextSort, prepareSort, sortProblems } from '../../renderer/ledger/sort';
import { Collating } from '../../renderer/ledger/collate';
import { BLANK, cellValues, compileConditions, conditionLabel, filterKindOf, valueCounts } from '../../renderer/ledger/columnFilter';
import { COLUMNS } from '../../renderer/ledger/columns';
import { EMPTY_FILTER, filterProblems } from '../../renderer/ledger/filter';
import { DEFAULT_LAYOUT, parseLayout } from '../../renderer/ledger/layout';

const ROUND = { periodEnd: '2025-06-30', longTermCountsCompleted: false };
const TODAY = '2025-03-01';

/** A small random generator with a seed, so that a failing shape can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function problem(id: number, code: string, over: Partial<TableProblem> = {}): TableProblem {
  const parts = code.split('-');
  return {
    id,
    categoryId: Number(parts[0]),
    parentId: parts.length === 3 ? -1 : null,
    kind: parts.length === 3 ? 'specific' : 'general',
    code,
    sort: id,
    text: `问题${id}`,
    leaders: [],
    leadUnit: null,
    deadline: { raw: '', kind: 'none', date: null },
    status: '正在推进',
    statusSource: 'derived',
    statusReason: '',
    completedDate: null,
    measureCount: 0,
    measuresCompleted: 0,
    latestProgress: null,
    evidenceCount: 0,
    lastChangeAt: null,
    ...over,
  };
}

/** Ledgers of random shape: 1–12 categories, up to 14 general problems each, some with up to 12 specific ones. */
function randomLedger(seed: number): TableProblem[] {
  const r = rng(seed);
  const out: TableProblem[] = [];
  const cats = 1 + Math.floor(r() * 12);
  for (let c = 1; c <= cats; c++) {
    const generals = 1 + Math.floor(r() * 14);
    for (let g = 1; g <= generals; g++) {
      out.push(problem(out.length + 1, `${c}-${g}`));
      const specifics = r() < 0.4 ? Math.floor(r() * 12) : 0;
      for (let s = 1; s <= specifics; s++) out.push(problem(out.length + 1, `${c}-${g}-${s}`));
    }
  }
  // Shuffled, so that the ledger's own order does not hide a wrong comparison.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const asNumbers = (code: string) => code.split('-').map(Number);
function codeLess(a: string, b: string): boolean {
  const x = asNumbers(a);
  const y = asNumbers(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? -1) !== (y[i] ?? -1)) return (x[i] ?? -1) < (y[i] ?? -1);
  return false;
}

describe('sorting the table by a column', () => {
  it('a header click goes ascending, descending, then back to the ledger order', () => {
    let s = nextSort(null, 'deadline');
    expect(s).toEqual({ key: 'deadline', dir: 'asc' });
    s = nextSort(s, 'deadline');
    expect(s).toEqual({ key: 'deadline', dir: 'desc' });
    expect(nextSort(s, 'deadline')).toBeNull();
    expect(nextSort(s, 'status')).toEqual({ key: 'status', dir: 'asc' });
  });

  it('sorts codes as codes (2-10 after 2-9, 2-1-10 after 2-1-9, a general before its specifics), in ledgers of any shape', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const list = randomLedger(seed);
      const codesBefore = list.map((p) => `${p.id}:${p.code}`).sort();
      const asc = sortProblems(list, { key: 'code', dir: 'asc' }).map((p) => p.code);
      for (let i = 1; i < asc.length; i++) expect(codeLess(asc[i - 1]!, asc[i]!), `${asc[i - 1]} before ${asc[i]} (seed ${seed})`).toBe(true);
      const desc = sortProblems(list, { key: 'code', dir: 'desc' }).map((p) => p.code);
      expect(desc).toEqual([...asc].reverse());
      // Sorting never touches a code.
      expect(list.map((p) => `${p.id}:${p.code}`).sort()).toEqual(codesBefore);
    }
    const fixed = ['2-9', '2-10', '2-1', '10-1', '2-1-10', '2-1-9', '9-1'].map((c, i) => problem(i + 1, c));
    expect(sortProblems(fixed, { key: 'code', dir: 'asc' }).map((p) => p.code)).toEqual(['2-1', '2-1-9', '2-1-10', '2-9', '2-10', '9-1', '10-1']);
  });

  it('sorts words in slices as a plain sort does, equal words in the order they came, and keeps the last sort for new words', () => {
    const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
    const r = rng(5);
    // Chinese, Latin of either case, digits (numeric: 问题2 before 问题10), brackets, and é written in two
    // ways that compare equal. (Not full-width digits: numeric collation orders them inconsistently,
    // 10 = １０ yet not in the same place among longer words, so no two sorts need agree.)
    const parts = ['问题', '整改', '督办', '张', '李', 'a', 'B', 'b', '2', '10', '（', '(', 'é', 'e\u0301'];
    const word = () => Array.from({ length: 1 + Math.floor(r() * 4) }, () => parts[Math.floor(r() * parts.length)]).join('');
    for (let round = 0; round < 40; round++) {
      const words = [...new Set(Array.from({ length: Math.floor(r() * 300) }, word))];
      const plain = [...words].sort((a, b) => collator.compare(a, b));
      const c = new Collating(words);
      // A few comparisons at a time, as idle time allows.
      let turns = 0;
      while (!c.step(1 + Math.floor(r() * 50))) turns++;
      expect(c.finish(), `round ${round}`).toEqual(plain);
      if (words.length > 100) expect(turns).toBeGreaterThan(1);
      expect(new Collating(words).finish()).toEqual(plain);
      // After an edit: some words gone, a few new; the same order as sorting all of them afresh.
      const next = [...words.filter(() => r() < 0.9), ...Array.from({ length: Math.floor(r() * 10) }, word)];
      const distinct = [...new Set(next)];
      expect(new Collating(distinct, plain).finish(), `round ${round}, after an edit`).toEqual([...distinct].sort((a, b) => collator.compare(a, b)));
    }
    // A new word equal to one sorted before goes where a fresh sort puts it: first, as it came first.
    const others = Array.from({ length: 8 }, (_, i) => `问题${i + 1}`);
    expect(new Collating(['e\u0301', 'é', ...others], ['é', ...others]).finish()).toEqual([...others, 'e\u0301', 'é']);
  });

  it('sorts by problem text as Chinese is read, whether the texts were sorted ahead in idle time or on the click', async () => {
    const r = rng(9);
    const texts = ['整改落实不到位', '督办不及时', '问题10', '问题2', '（一）问题', 'Apple', 'apple', '阿里', '', '张三问题'];
    const make = () => Array.from({ length: 200 }, (_, i) => problem(i + 1, `1-${i + 1}`, { text: texts[Math.floor(r() * texts.length)]! + (r() < 0.5 ? String(Math.floor(r() * 30)) : '') }));
    const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
    const expected = (list: TableProblem[]) =>
      list
        .map((p, i) => ({ p, i }))
        .sort((x, y) => {
          if (!x.p.text || !y.p.text) return !x.p.text === !y.p.text ? x.i - y.i : x.p.text ? -1 : 1;
          return collator.compare(x.p.text, y.p.text) || x.i - y.i;
        })
        .map((x) => x.p.id);
    const onClick = make();
    expect(sortProblems(onClick, { key: 'text', dir: 'asc' }).map((p) => p.id)).toEqual(expected(onClick));
    const ahead = make();
    prepareSort(ahead, 'text');
    await new Promise((done) => setTimeout(done, 50));
    expect(sortProblems(ahead, { key: 'text', dir: 'asc' }).map((p) => p.id)).toEqual(expected(ahead));
    // Stopped halfway (the rows changed): a click still sorts them all.
    const stopped = make();
    prepareSort(stopped, 'text')();
    expect(sortProblems(stopped, { key: 'text', dir: 'asc' }).map((p) => p.id)).toEqual(expected(stopped));
  });

  it('sorts codes as codes also where they do not fit in one number (four parts, a part of 200,000), ties in ledger order', () => {
    for (const odd of [['1-2-3-4', '1-2-3', '1-2-10-1'], ['1-200000', '1-199999', '2-1'], ['1-2-0', '1-2', '1-2', '1-0-1', '1-0']]) {
      const list = [...randomLedger(3), ...odd.map((c, i) => problem(1000 + i, c))];
      const asc = sortProblems(list, { key: 'code', dir: 'asc' });
      for (let i = 1; i < asc.length; i++) expect(codeLess(asc[i]!.code, asc[i - 1]!.code), `${asc[i - 1]!.code} before ${asc[i]!.code}`).toBe(false);
      // Equal codes keep the ledger's order, in either direction.
      const same = (xs: TableProblem[]) => xs.filter((p) => p.code === '1-2').map((p) => p.id);
      expect(same(asc)).toEqual(same(list));
      expect(same(sortProblems(list, { key: 'code', dir: 'desc' }))).toEqual(same(list));
    }
  });

  it('sorts deadlines by date with empty cells last in both directions, ties in ledger order', () => {
    const list = [
      problem(1, '1-1', { deadline: { raw: '2025年3月1日前', kind: 'date', date: '2025-03-01' } }),
      problem(2, '1-2'),
      problem(3, '1-3', { deadline: { raw: '2024年底前', kind: 'date', date: '2024-12-31' } }),
      problem(4, '1-4', { deadline: { raw: '2025.3.1', kind: 'date', date: '2025-03-01' } }),
    ];
    expect(sortProblems(list, { key: 'deadline', dir: 'asc' }).map((p) => p.id)).toEqual([3, 1, 4, 2]);
    expect(sortProblems(list, { key: 'deadline', dir: 'desc' }).map((p) => p.id)).toEqual([1, 4, 3, 2]);
  });

  it('sorts statuses in their canonical order, not by their characters', () => {
    const r = rng(7);
    const list = Array.from({ length: 60 }, (_, i) => problem(i + 1, `1-${i + 1}`, { status: PROBLEM_STATUSES[Math.floor(r() * PROBLEM_STATUSES.length)]! }));
    const ranks = sortProblems(list, { key: 'status', dir: 'asc' }).map((p) => PROBLEM_STATUSES.indexOf(p.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe('filtering the table from a column header', () => {
  const units = ['政治部', '办公室', '法治调研科', null];
  const leaders = [['张三'], ['李四', '张三'], [], ['王五']];
  const list = Array.from({ length: 40 }, (_, i) =>
    problem(i + 1, `1-${i + 1}`, {
      leadUnit: units[i % 4]!,
      leaders: leaders[i % 4]!,
      status: PROBLEM_STATUSES[i % 3]!,
      deadline: i % 5 === 0 ? { raw: '立行立改', kind: 'immediate', date: null } : { raw: '', kind: 'date', date: `2025-0${1 + (i % 5)}-10` },
    }),
  );

  it('lists every value with its count, statuses canonical (all of them) and empty cells as 空白, last', () => {
    const unitsCounted = valueCounts(list, 'leadUnit');
    expect(unitsCounted.at(-1)).toEqual({ value: BLANK, count: 10 });
    expect(unitsCounted.reduce((n, v) => n + v.count, 0)).toBe(40);
    expect(valueCounts(list, 'status').map((v) => v.value)).toEqual([...PROBLEM_STATUSES]);
    expect(valueCounts(list, 'status').find((v) => v.value === '已完成')!.count).toBe(list.filter((p) => p.status === '已完成').length);
    // A problem with two leaders counts under each.
    expect(valueCounts(list, 'leaders').find((v) => v.value === '张三')!.count).toBe(20);
  });

  it('keeps the problems holding one of the ticked values, with the other conditions', () => {
    const f = { ...EMPTY_FILTER, columns: { leadUnit: { kind: 'values' as const, values: ['政治部', BLANK] } } };
    const shown = filterProblems(list, f, null, TODAY, ROUND);
    expect(shown.map((p) => p.leadUnit)).toEqual(list.filter((p) => p.leadUnit === '政治部' || p.leadUnit == null).map((p) => p.leadUnit));
    const both = filterProblems(list, { ...f, columns: { ...f.columns, status: { kind: 'values', values: ['已完成'] } } }, null, TODAY, ROUND);
    expect(both.every((p) => p.status === '已完成' && (p.leadUnit === '政治部' || p.leadUnit == null))).toBe(true);
    expect(both.length).toBe(list.filter((p) => p.status === '已完成' && (p.leadUnit === '政治部' || p.leadUnit == null)).length);
  });

  it('keeps, in every column filtered by values, exactly the problems one of whose listed values is ticked', () => {
    const r = rng(11);
    const varied = list.map((p, i) => ({
      ...p,
      measureCount: i % 3,
      measuresCompleted: i % 2,
      evidenceCount: i % 4,
      latestProgress: i % 3 ? { date: '2025-02-01', text: i % 2 ? '已整改' : '推进中' } : null,
    }));
    const keys = COLUMNS.map((c) => c.key).filter((k) => filterKindOf(k) === 'values');
    expect(keys).toEqual(expect.arrayContaining(['leaders', 'leadUnit', 'status', 'measures', 'code']));
    for (const key of keys) {
      const values = valueCounts(varied, key).map((v) => v.value);
      for (let round = 0; round < 5; round++) {
        const ticked = values.filter(() => r() < 0.4);
        const f = { ...EMPTY_FILTER, columns: { [key]: { kind: 'values' as const, values: ticked } } };
        const kept = filterProblems(varied, f, null, TODAY, ROUND).map((p) => p.id);
        expect(kept, `${key}: ${ticked.join('、')}`).toEqual(varied.filter((p) => cellValues(p, key).some((v) => ticked.includes(v))).map((p) => p.id));
      }
    }
    // Nothing left out: the list given, not a copy of it.
    const all = { ...EMPTY_FILTER, columns: { status: { kind: 'values' as const, values: [...PROBLEM_STATUSES] } } };
    expect(filterProblems(varied, all, null, TODAY, ROUND)).toBe(varied);
  });

  it('filters deadlines by a range and by 逾期 / N 天内到期 as the statistics count them', () => {
    const inRange = compileConditions({ deadline: { kind: 'dates', from: '2025-02-01', to: '2025-03-31', overdue: false, dueWithinDays: null } }, TODAY, ROUND)!;
    expect(list.filter(inRange).map((p) => p.deadline.date)).toEqual(list.map((p) => p.deadline.date).filter((d) => d && d >= '2025-02-01' && d <= '2025-03-31'));
    const overdue = compileConditions({ deadline: { kind: 'dates', from: null, to: null, overdue: true, dueWithinDays: null } }, TODAY, ROUND)!;
    expect(list.filter(overdue).every((p) => p.deadline.date! < TODAY && p.status !== '已完成')).toBe(true);
    expect(list.filter(overdue).length).toBe(list.filter((p) => p.deadline.date && p.deadline.date < TODAY && p.status !== '已完成').length);
    const soon = compileConditions({ deadline: { kind: 'dates', from: null, to: null, overdue: false, dueWithinDays: 10 } }, TODAY, ROUND)!;
    expect(list.filter(soon).map((p) => p.deadline.date)).toEqual(list.filter((p) => p.deadline.date === '2025-03-10' && p.status !== '已完成').map(() => '2025-03-10'));
  });

  it('says what a condition keeps in a chip', () => {
    expect(conditionLabel('整改状态', { kind: 'values', values: ['正在推进', '已完成'] })).toBe('整改状态：正在推进、已完成');
    expect(conditionLabel('牵头单位', { kind: 'values', values: ['a', 'b', 'c', 'd'] })).toBe('牵头单位：a、b、c 等 4 项');
    expect(conditionLabel('整改时限', { kind: 'dates', from: null, to: null, overdue: true, dueWithinDays: 7 })).toBe('整改时限：逾期，7 天内到期');
    expect(conditionLabel('问题', { kind: 'contains', text: ' 学习 ' })).toBe('问题包含“学习”');
  });
});

describe('the remembered layout', () => {
  it('keeps a sort read back from storage, and drops one naming an unknown column or direction', () => {
    const stored = (sort: unknown) => parseLayout(JSON.stringify({ ...DEFAULT_LAYOUT, sort })).sort;
    expect(stored({ key: 'deadline', dir: 'desc' })).toEqual({ key: 'deadline', dir: 'desc' });
    expect(stored({ key: 'code', dir: 'asc' })).toEqual({ key: 'code', dir: 'asc' });
    expect(stored({ key: 'nosuchcolumn', dir: 'asc' })).toBeNull();
    expect(stored({ key: 'status', dir: 'up' })).toBeNull();
    expect(stored('status')).toBeNull();
    // A layout stored before sorts were kept reads as the ledger's order.
    const { sort: _, ...older } = DEFAULT_LAYOUT;
    expect(parseLayout(JSON.stringify({ ...older, zoom: 110 }))).toMatchObject({ zoom: 110, sort: null });
  });
});
