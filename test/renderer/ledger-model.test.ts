import { describe, expect, it } from 'vitest';
import type { CategoryInfo, HistoryEntry, ProblemSummary } from '../../shared/domain/types';
import type { CategoryStats } from '../../shared/domain/stats';
import { formatTsv, parseTsv } from '../../renderer/ledger/tsv';
import { buildRows, indexOfKeys, keptLineLists, keptLines } from '../../renderer/ledger/rows';
import { EMPTY_FILTER, filterProblems, NO_LEAD_UNIT } from '../../renderer/ledger/filter';
import { describeChange, describeEntry, groupHistory, type HistoryNames } from '../../renderer/components/history/changeWords';
import { categoryBars, chartStops, deadlineTimeline } from '../../renderer/stats/chartData';

function problem(id: number, over: Partial<ProblemSummary> = {}): ProblemSummary {
  return {
    id,
    roundId: 1,
    categoryId: 1,
    categoryNo: 1,
    categoryTitle: '统筹协调不够',
    parentId: null,
    kind: 'general',
    no: id,
    code: `1-${id}`,
    sort: id,
    text: `问题${id}`,
    leaders: [],
    leadUnit: null,
    units: [],
    responsiblePerson: '',
    deadline: { raw: '', kind: 'none', date: null },
    status: '正在推进',
    statusSource: 'derived',
    statusReason: '',
    completedDate: null,
    workflow: '',
    public: true,
    notes: '',
    measureCount: 0,
    measuresCompleted: 0,
    latestProgress: null,
    evidenceCount: 0,
    lastChangeAt: null,
    createdAt: '2025-01-01T00:00:00Z',
    deletedAt: null,
    ...over,
  };
}
const dated = (date: string) => ({ raw: date, kind: 'date' as const, date });
const round = { periodEnd: '2024-11-24', longTermCountsCompleted: false };

describe('cells copied from a spreadsheet', () => {
  it('reads tabs, CRLF rows, quoted cells with line breaks and doubled quotes, and no empty last row', () => {
    expect(parseTsv('政治部\t"立行立改，\n长期坚持"\r\n局办公室\t"他说""好"""\r\n')).toEqual([
      ['政治部', '立行立改，\n长期坚持'],
      ['局办公室', '他说"好"'],
    ]);
  });

  it('keeps empty cells and text that merely starts with a quote', () => {
    expect(parseTsv('\t"引号开头的文字\n第二行')).toEqual([['', '"引号开头的文字'], ['第二行']]);
  });

  it('writes what it reads back unchanged', () => {
    const rows = [['a\tb', '多行\n文字', '"引"'], ['', '普通', '']];
    expect(parseTsv(formatTsv(rows))).toEqual(rows);
  });
});

describe('the rows of the table', () => {
  const cats: CategoryInfo[] = [
    { id: 1, roundId: 1, no: 1, title: '一类', sort: 1, problemCount: 2, deletedAt: null },
    { id: 2, roundId: 1, no: 2, title: '二类', sort: 2, problemCount: 0, deletedAt: null },
  ];
  const g = problem(1);
  const s = problem(2, { parentId: 1, kind: 'specific', code: '1-1-1' });

  it('puts banners before their problems, specific problems beneath their general one', () => {
    const rows = buildRows([g, s], cats, new Set(), false);
    expect(rows.map((r) => [r.key, r.type === 'problem' ? r.depth : r.count])).toEqual([
      ['c1', 2],
      ['p1', 0],
      ['p2', 1],
      ['c2', 0],
    ]);
    expect(rows[1]).toMatchObject({ childCount: 1, collapsed: false });
  });

  it('hides what a collapsed row holds, and categories without matches while filtering', () => {
    expect(buildRows([g, s], cats, new Set(['p1']), false).map((r) => r.key)).toEqual(['c1', 'p1', 'c2']);
    expect(buildRows([g, s], cats, new Set(['c1']), false).map((r) => r.key)).toEqual(['c1', 'c2']);
    expect(buildRows([s], cats, new Set(), true).map((r) => r.key)).toEqual(['c1', 'p2']);
  });

  it('gives back the same line for a problem shown the same way, and a new one when that changes', () => {
    const lineOf = keptLines();
    const first = buildRows([g, s], cats, new Set(), false, lineOf);
    const filtered = buildRows([g, s], cats, new Set(), true, lineOf);
    expect(filtered[1]).toBe(first[1]);
    expect(filtered[2]).toBe(first[2]);
    // The general problem alone: it shows no specific problems beneath it any more.
    const alone = buildRows([g], cats, new Set(), true, lineOf);
    expect(alone[1]).not.toBe(first[1]);
    expect(alone[1]).toMatchObject({ key: 'p1', childCount: 0 });
    // A changed problem (a new object from the ledger) gets a new line.
    const edited = { ...g, text: '改过的问题' };
    expect(buildRows([edited, s], cats, new Set(), false, lineOf)[1]).toMatchObject({ problem: edited });
  });

  it('gives back the lines of a list shown a moment ago, made again once anything they show changed', () => {
    const lineOf = keptLines();
    const lists = keptLineLists(lineOf, 2);
    const all = [g, s];
    const none = new Set<string>();
    const ask = { all, problems: all, categories: cats, collapsed: none, filtering: false, partial: false, flat: false };
    const plain = lists(ask);
    expect(plain).toEqual(buildRows(all, cats, none, false));
    // Every problem found by a search, then fewer, then every one again (⌫): the same lines as the first time.
    const found = lists({ ...ask, filtering: true });
    expect(found.map((r) => r.key)).toEqual(['c1', 'p1', 'p2']);
    expect(lists({ ...ask, problems: [s], filtering: true }).map((r) => r.key)).toEqual(['c1', 'p2']);
    expect(lists({ ...ask, filtering: true })).toBe(found);
    // Each thing the lines show makes them anew: folds, categories, loading, the sort.
    const folded = new Set(['p1']);
    expect(lists({ ...ask, collapsed: folded }).map((r) => r.key)).toEqual(['c1', 'p1', 'c2']);
    expect(lists({ ...ask, categories: [cats[0]!] }).map((r) => r.key)).toEqual(['c1', 'p1', 'p2']);
    expect(lists({ ...ask, flat: true }).map((r) => r.key)).toEqual(['p1', 'p2']);
    // Only the last two lists are kept; and a new table (a reload) keeps none of the old ones.
    const again = lists(ask);
    expect(again).not.toBe(plain);
    expect(again).toEqual(plain);
    expect(lists(ask)).toBe(again);
    const reloaded = [{ ...g }, { ...s }];
    const fresh = lists({ ...ask, all: reloaded });
    expect(fresh).not.toBe(again);
    expect(fresh.map((r) => r.key)).toEqual(again.map((r) => r.key));
    // With the lines of a sorted table kept apart, sorting and unsorting make no line anew.
    const apart = keptLineLists(keptLines(), 1, keptLines());
    const tree = apart(ask);
    const flat = apart({ ...ask, flat: true });
    const treeAgain = apart(ask);
    expect(treeAgain).not.toBe(tree);
    treeAgain.forEach((line, i) => (line.type === 'problem' ? expect(line).toBe(tree[i]) : expect(line).toEqual(tree[i])));
    apart({ ...ask, flat: true }).forEach((line, i) => expect(line).toBe(flat[i]));
  });

  it('finds a line by its key in any list of lines', () => {
    const rows = buildRows([g, s], cats, new Set(), false);
    const keys = ['c1', 'p1', 'p2', 'c2'];
    expect(keys.map((k) => indexOfKeys(rows).get(k))).toEqual([0, 1, 2, 3]);
    expect(indexOfKeys(rows).get('p9')).toBeUndefined();
    expect(indexOfKeys(rows)).toBe(indexOfKeys(rows));
    // Asked about many keys, the same answers (from a map of every key).
    const many = buildRows(Array.from({ length: 30 }, (_, i) => ({ ...g, id: 100 + i, code: `1-${i + 1}` })), cats, new Set(), false);
    const index = indexOfKeys(many);
    for (let round = 0; round < 2; round++) many.forEach((r, i) => expect(index.get(r.key)).toBe(i));
    expect(index.get('p9')).toBeUndefined();
  });
});

describe('filtering the table', () => {
  const today = '2025-03-01';
  const list = [
    problem(1, { leadUnit: '政治部', status: '已完成', deadline: dated('2025-01-01') }),
    problem(2, { leadUnit: '政治部', deadline: dated('2025-02-01'), leaders: ['局长'] }),
    problem(3, { deadline: dated('2025-03-05'), status: '申请延期' }),
    problem(4, { categoryId: 2, deadline: dated('2025-05-01') }),
  ];
  const ids = (f: Partial<typeof EMPTY_FILTER>, search: Set<number> | null = null) =>
    filterProblems(list, { ...EMPTY_FILTER, ...f }, search, today, round).map((p) => p.id);

  it('narrows by status, lead unit (or none), leader, category and search answer', () => {
    expect(ids({ statuses: ['已完成', '申请延期'] })).toEqual([1, 3]);
    expect(ids({ leadUnit: '政治部' })).toEqual([1, 2]);
    expect(ids({ leadUnit: NO_LEAD_UNIT })).toEqual([3, 4]);
    expect(ids({ leader: '局长' })).toEqual([2]);
    expect(ids({ categoryId: 2 })).toEqual([4]);
    expect(ids({ query: '问题' }, new Set([2, 4]))).toEqual([2, 4]);
  });

  it('counts overdue as the statistics do, due-within by days, and both ticked as either', () => {
    expect(ids({ overdue: true })).toEqual([2]);
    expect(ids({ dueWithinDays: 7 })).toEqual([3]);
    expect(ids({ dueWithinDays: 90 })).toEqual([3, 4]);
    expect(ids({ overdue: true, dueWithinDays: 7 })).toEqual([2, 3]);
  });
});

describe('the change history in words', () => {
  const names: HistoryNames = {
    unit: (id) => ({ 3: '政治部', 4: '局办公室' })[id],
    leader: (id) => ({ 7: '局党组书记、局长' })[id],
    category: () => undefined,
    problemCode: () => undefined,
  };
  const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
    id: 1,
    actionId: 10,
    at: '2025-03-01T02:00:00Z',
    actor: '张三',
    source: 'edit',
    label: '修改 1-1 的整改时限',
    batchId: null,
    table: 'problems',
    rowId: 1,
    field: 'deadline_raw',
    oldValue: '2024年11月20日前',
    newValue: '2024年12月31日前',
    problemId: 1,
    ...over,
  });

  it('names columns and units in Chinese, and rows of measures and leaders as sentences', () => {
    const none = () => undefined;
    expect(describeEntry(entry({}), names, none)).toBe('整改时限：2024年11月20日前 → 2024年12月31日前');
    expect(describeEntry(entry({ field: 'lead_unit_id', oldValue: 3, newValue: 4 }), names, none)).toBe('牵头单位：政治部 → 局办公室');
    expect(describeEntry(entry({ field: 'status', oldValue: '已完成', newValue: '正在推进' }), names, none)).toBe('整改状态：已完成 → 正在推进');
    expect(
      describeEntry(entry({ table: 'measures', rowId: 9, field: '*', oldValue: null, newValue: JSON.stringify({ no: 2, text: '开展专项检查' }) }), names, none),
    ).toBe('新增第2项措施：开展专项检查');
    expect(describeEntry(entry({ table: 'measures', rowId: 9, field: 'status', oldValue: '未启动', newValue: '已完成' }), names, () => 3)).toBe('第3项措施状态：未启动 → 已完成');
    expect(describeEntry(entry({ table: 'problem_leaders', field: '*', oldValue: JSON.stringify({ leader_id: 7 }), newValue: null }), names, none)).toBe('移除责任领导：局党组书记、局长');
  });

  it('says a value the same way in a problem’s history and in the ledger-wide list', () => {
    const none = () => undefined;
    const named: HistoryNames = { ...names, category: (id) => (id === 2 ? '（二）担当作为不够' : undefined), problemCode: (id) => (id === 1 ? '1-1' : undefined) };
    const leader = entry({ table: 'problem_leaders', field: '*', oldValue: null, newValue: JSON.stringify({ problem_id: 1, leader_id: 7, ord: 1 }) });
    expect(describeEntry(leader, named, none)).toBe('新增责任领导：局党组书记、局长');
    expect(describeChange(leader, named)).toMatchObject({ what: '问题 1-1 · 责任领导', kind: '新增', to: '局党组书记、局长' });
    const kind = entry({ field: 'deadline_kind', oldValue: 'date', newValue: 'immediate' });
    expect(describeEntry(kind, named, none)).toBe('时限类型：日期 → 立行立改');
    expect(describeChange(kind, named)).toMatchObject({ from: '日期', to: '立行立改' });
    const moved = entry({ field: 'category_id', oldValue: 3, newValue: 2 });
    expect(describeEntry(moved, named, none)).toBe('所属类别：类别（编号 3） → （二）担当作为不够');
    expect(describeChange(moved, named)).toMatchObject({ what: '问题 1-1 · 所属类别', to: '（二）担当作为不够' });
    const step = entry({ table: 'signoffs', field: '*', oldValue: null, newValue: JSON.stringify({ step: 'reject', at: '2025-03-04', actor: '李四', reason: '缺少照片' }) });
    expect(describeEntry(step, named, none)).toBe('销号流程：退回 2025-03-04 李四，理由：缺少照片');
    expect(describeChange(step, named).to).toBe('退回 2025-03-04 李四，理由：缺少照片');
  });

  it('groups entries by action and leaves out a deadline’s kind and date when its text changed too', () => {
    const groups = groupHistory(
      [
        entry({ id: 3, field: 'deadline_date', oldValue: '2024-11-20', newValue: '2024-12-31' }),
        entry({ id: 2, field: 'deadline_kind', oldValue: 'date', newValue: 'date' }),
        entry({ id: 1 }),
        entry({ id: 0, actionId: 9, label: '设状态', field: 'status', oldValue: '未启动', newValue: '已完成' }),
      ],
      names,
      () => undefined,
      () => true,
    );
    expect(groups.map((g) => [g.label, g.lines.map((l) => [l.entryId, l.text, l.restorable])])).toEqual([
      ['修改 1-1 的整改时限', [[1, '整改时限：2024年11月20日前 → 2024年12月31日前', true]]],
      ['设状态', [[0, '整改状态：未启动 → 已完成', true]]],
    ]);
  });
});

describe('chart data', () => {
  it('lets the keyboard stop on every non-empty part of every bar, bar by bar', () => {
    const bars = [
      { title: '（一）统筹协调', completed: 3, overdue: 0, other: 2 },
      { title: '（二）担当作为', completed: 0, overdue: 1, other: 0 },
    ];
    const parts = (['completed', 'overdue', 'other'] as const).map((id) => ({ id, label: { completed: '已完成', overdue: '逾期', other: '其余' }[id], value: (i: number) => bars[i]![id] }));
    expect(chartStops(bars, parts)).toEqual([
      { dataIndex: 0, seriesIndex: 0, seriesId: 'completed', label: '（一）统筹协调：已完成 3 个' },
      { dataIndex: 0, seriesIndex: 2, seriesId: 'other', label: '（一）统筹协调：其余 2 个' },
      { dataIndex: 1, seriesIndex: 1, seriesId: 'overdue', label: '（二）担当作为：逾期 1 个' },
    ]);
  });

  it('splits each category into completed, overdue and the rest, from the statistics', () => {
    const f = (total: number, completed: number, overdue: number) => ({ total, completed, overdue, dueInPeriod: 0, completedInPeriod: 0, rateInPeriod: 0, outOfPeriod: 0, completedOutOfPeriod: 0, unstated: 0 });
    const rows: CategoryStats[] = [{ no: 2, title: '担当作为不够', general: f(5, 3, 1), specific: f(9, 9, 0) }];
    expect(categoryBars(rows, 'general')).toEqual([{ name: '（二）', title: '（二）担当作为不够', categoryNo: 2, completed: 3, overdue: 1, other: 1, total: 5 }]);
  });

  it('buckets deadlines by month on a continuous calendar, and counts undated kinds apart', () => {
    const list = [
      problem(1, { deadline: dated('2024-11-20'), status: '已完成' }),
      problem(2, { deadline: dated('2025-01-31') }),
      problem(3, { deadline: { raw: '立行立改', kind: 'immediate', date: null } }),
      problem(4, { kind: 'specific', deadline: dated('2024-11-20') }),
    ];
    const t = deadlineTimeline(list, 'general', round, '2025-01-10');
    expect(t.months.map((m) => [m.month, m.completed, m.overdue, m.open])).toEqual([
      ['2024-11', [1], [], []],
      ['2024-12', [], [], []],
      ['2025-01', [], [], [2]],
    ]);
    expect(t.undated).toEqual([{ kind: 'immediate', label: '立行立改', ids: [3] }]);
  });
});
