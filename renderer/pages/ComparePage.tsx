import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Drawer, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { RoundComparison } from '../../shared/api/reminders';
import type { FigureKey, Figures, GroupStats, StatsWithItems } from '../../shared/domain/stats';
import type { ProblemSummary, RoundInfo } from '../../shared/domain/types';
import { todayIso } from '../../shared/domain/dates';
import { call, errorMessage } from '../api';
import { useLedger } from '../ledger-context';
import { useAsync } from '../components/useAsync';
import { PageHeader } from '../components/PageHeader';
import { showInLedger } from '../todo/drill';
import '../stats/stats.css';
import '../stats/compare.css';

const KINDS = [
  ['general', '面上问题'],
  ['specific', '具体问题'],
] as const;
type Kind = (typeof KINDS)[number][0];

const FIGURES: { key: FigureKey | 'rateInPeriod'; label: string; value: (f: Figures) => number | string }[] = [
  { key: 'total', label: '问题总数', value: (f) => f.total },
  { key: 'completed', label: '已完成', value: (f) => f.completed },
  { key: 'dueInPeriod', label: '期内应完成', value: (f) => f.dueInPeriod },
  { key: 'completedInPeriod', label: '期内已完成', value: (f) => f.completedInPeriod },
  { key: 'rateInPeriod', label: '阶段性整改率', value: (f) => `${f.rateInPeriod}%` },
  { key: 'outOfPeriod', label: '期外', value: (f) => f.outOfPeriod },
  { key: 'overdue', label: '逾期', value: (f) => f.overdue },
];

interface Drill {
  round: RoundInfo;
  kind: Kind;
  key: FigureKey;
  categoryNo?: number;
  unit?: string;
  title: string;
}

/** One clickable figure: opens exactly the problems behind it. */
function Figure({ value, drill, onDrill, id }: { value: number | string; drill: Drill | null; onDrill: (d: Drill) => void; id: string }) {
  if (!drill || typeof value === 'string' || value === 0) return <span data-figure={id}>{value}</span>;
  return (
    <button type="button" className="figure-link" data-figure={id} aria-label={`查看${drill.title}`} onClick={() => onDrill(drill)}>
      {value}
    </button>
  );
}

function groupRows(pair: { round: RoundInfo; stats: StatsWithItems }[], by: 'category' | 'unit') {
  const keys: string[] = [];
  for (const { stats } of pair) for (const g of by === 'category' ? stats.byCategory.map((c) => `${c.no}\u0000${c.title}`) : stats.byUnit.map((u) => u.unit)) if (!keys.includes(g)) keys.push(g);
  return keys.map((k) => ({
    key: k,
    label: by === 'category' ? `（${k.split('\u0000')[0]}）${k.split('\u0000')[1]}` : k,
    no: by === 'category' ? Number(k.split('\u0000')[0]) : undefined,
    groups: pair.map(({ stats }) => (by === 'category' ? stats.byCategory.find((c) => `${c.no}\u0000${c.title}` === k) : stats.byUnit.find((u) => u.unit === k)) as GroupStats | undefined),
  }));
}

/**
 * 轮次对比: two rounds' statistics side by side (the figures of `stats --round N` for each), overall, by
 * category and by lead unit; every number opens the problems behind it.
 */
export function ComparePage() {
  const { info, version } = useLedger();
  const { message } = AntApp.useApp();
  const rounds = info?.rounds ?? [];
  const [asOf, setAsOf] = useState(todayIso());
  const [ids, setIds] = useState<[number, number] | null>(null);
  useEffect(() => {
    if (ids || !info?.round) return;
    const cur = info.round;
    const other = cur.originRoundId ?? rounds.find((r) => r.id !== cur.id)?.id ?? cur.id;
    setIds([other, cur.id].sort((a, b) => a - b) as [number, number]);
  }, [info, ids, rounds]);
  const data = useAsync<RoundComparison | null>(() => (ids ? call('rounds.compare', { roundIds: ids, asOf }) : Promise.resolve(null)), [ids?.[0], ids?.[1], asOf, version]);
  const [drill, setDrill] = useState<Drill | null>(null);
  const items = useAsync<ProblemSummary[]>(
    () => (drill ? call('stats.items', { asOf, roundId: drill.round.id, kind: drill.kind, key: drill.key, categoryNo: drill.categoryNo, unit: drill.unit }) : Promise.resolve([])),
    [drill, asOf],
  );

  if (rounds.length < 2) return <Empty description="台账中只有一个巡察轮次。开启回头看或下一轮巡察后，可在这里对比各轮次的统计。" />;
  const pair = data.value?.rounds ?? [];

  const openInLedger = async () => {
    if (!drill || !items.value) return;
    try {
      if (drill.round.id !== info?.roundId) await call('rounds.select', { id: drill.round.id });
      showInLedger(items.value.map((p) => p.id), `${drill.round.title}：${drill.title}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const figureColumns = (kind: Kind, pick: (g: GroupStats | undefined) => Figures | undefined, scope: { categoryNo?: number; unit?: string }, prefix: string) =>
    pair.flatMap(({ round }, i) =>
      (['total', 'completed', 'overdue'] as const).map((key) => ({
        title: `${['', '已完成', '逾期'][['total', 'completed', 'overdue'].indexOf(key)] || '总数'}`,
        key: `${round.id}-${key}`,
        width: 70,
        render: (_: unknown, row: { label: string; groups: (GroupStats | undefined)[] }) => {
          const f = pick(row.groups[i]);
          if (!f) return <Typography.Text type="secondary">—</Typography.Text>;
          return (
            <Figure
              id={`${prefix}-r${round.id}-${kind}-${key}-${row.label}`}
              value={f[key]}
              drill={{ round, kind, key, ...scope, ...((row as unknown as { scope: object }).scope ?? {}), title: `${row.label} ${kind === 'general' ? '面上问题' : '具体问题'} ${key === 'total' ? '总数' : key === 'completed' ? '已完成' : '逾期'}` }}
              onDrill={setDrill}
            />
          );
        },
      })),
    );

  return (
    <div data-testid="compare-page">
      <PageHeader
        title="轮次对比"
        extra={
          <Space>
            <span>截至</span>
            <DatePicker aria-label="对比截至日期" allowClear={false} value={dayjs(asOf)} onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))} />
          </Space>
        }
      >
        {ids ? (
          <Space>
            {[0, 1].map((i) => (
              <Select
                key={i}
                aria-label={`对比轮次${i + 1}`}
                style={{ width: 280 }}
                value={ids[i]}
                onChange={(v) => setIds((cur) => (i === 0 ? [v, cur![1]] : [cur![0], v]))}
                options={rounds.map((r) => ({ value: r.id, label: `${r.kind} · ${r.title}` }))}
              />
            ))}
          </Space>
        ) : null}
      </PageHeader>
      {pair.length ? (
        <>
          <Card size="small" title="总体情况" style={{ marginBottom: 16 }}>
            <table className="compare-table" data-testid="compare-totals">
              <thead>
                <tr>
                  <th rowSpan={2}>项目</th>
                  {pair.map(({ round }) => (
                    <th key={round.id} colSpan={2}>
                      <Tag>{round.kind}</Tag>
                      {round.title}
                    </th>
                  ))}
                </tr>
                <tr>
                  {pair.map(({ round }) => KINDS.map(([k, l]) => <th key={`${round.id}-${k}`}>{l}</th>))}
                </tr>
              </thead>
              <tbody>
                {FIGURES.map((f) => (
                  <tr key={f.key}>
                    <th>{f.label}</th>
                    {pair.map(({ round, stats }) =>
                      KINDS.map(([k]) => (
                        <td key={`${round.id}-${k}`}>
                          <Figure
                            id={`r${round.id}-${k}-${f.key}`}
                            value={f.value(stats[k])}
                            drill={f.key === 'rateInPeriod' ? null : { round, kind: k, key: f.key, title: `${k === 'general' ? '面上问题' : '具体问题'} · ${f.label}` }}
                            onDrill={setDrill}
                          />
                        </td>
                      )),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          {(['category', 'unit'] as const).map((by) => {
            const rows = groupRows(pair, by).map((r) => ({ ...r, scope: by === 'category' ? { categoryNo: r.no } : { unit: r.key } }));
            return (
              <Card key={by} size="small" title={by === 'category' ? '按问题类别' : '按牵头单位'} style={{ marginBottom: 16 }}>
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={rows}
                  scroll={{ x: true }}
                  columns={[
                    { title: by === 'category' ? '类别' : '牵头单位', dataIndex: 'label', ellipsis: true, width: 260, fixed: 'left' as const },
                    ...KINDS.map(([k, l]) => ({
                      title: l,
                      children: pair.map(({ round }, i) => ({
                        title: round.title.length > 14 ? round.title.slice(0, 14) + '…' : round.title,
                        children: figureColumns(k, (g) => g?.[k], {}, by).slice(i * 3, i * 3 + 3),
                      })),
                    })),
                  ]}
                />
              </Card>
            );
          })}
        </>
      ) : null}
      <Drawer
        open={!!drill}
        onClose={() => setDrill(null)}
        size="large"
        title={drill ? `${drill.round.title} · ${drill.title}（${items.value?.length ?? '…'} 个）` : ''}
        extra={
          <Button onClick={openInLedger} disabled={!items.value?.length}>
            在台账中查看
          </Button>
        }
      >
        <Table<ProblemSummary>
          size="small"
          rowKey="id"
          loading={items.loading}
          dataSource={items.value ?? []}
          pagination={false}
          columns={[
            { title: '编号', dataIndex: 'code', width: 80 },
            { title: '问题', dataIndex: 'text', ellipsis: true },
            { title: '牵头单位', dataIndex: 'leadUnit', width: 120 },
            { title: '状态', dataIndex: 'status', width: 90 },
          ]}
        />
      </Drawer>
    </div>
  );
}
