import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Card, Col, DatePicker, Drawer, Empty, Row, Statistic, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import type { CategoryStats, FigureKey, Figures, UnitStats } from '../../shared/domain/stats';
import type { ProblemSummary } from '../../shared/domain/types';
import { call } from '../api';
import { navigate } from '../router';
import { useLedger } from '../ledger-context';
import { useAsync } from '../components/useAsync';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/StatusTag';
import { Welcome } from '../components/Welcome';
import { urgencyOf, DUE_SOON_DAYS } from '../../shared/domain/urgency';
import { PART_LABEL, type ChartDrill } from '../stats/parts';
import { WatchLists } from '../stats/WatchLists';
import { ExportListButton } from '../components/ExportListButton';
import '../stats/stats.css';
import { UNPARSED_DEADLINE_NOTE } from '../../shared/domain/deadline';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { splitUnits } from '../../shared/domain/names';

// ECharts is loaded with the statistics page, not with the app: the ledger table opens sooner.
const StatsCharts = lazy(() => import('../stats/StatsCharts').then((m) => ({ default: m.StatsCharts })));

type Kind = 'general' | 'specific';
/** A figure's problems (asked of the ledger), or a chart part's (known already, by id). */
type Drill = { title: string; kind: Kind; key: FigureKey; categoryNo?: number; unit?: string; ids?: undefined } | { title: string; ids: number[] };

const KIND_LABEL: Record<Kind, string> = { general: '面上问题', specific: '具体问题' };

/** A number that opens the list of problems behind it: a button, so that Tab reaches it and Enter opens it. */
function Figure({ value, onOpen, label }: { value: number; onOpen: () => void; label: string }) {
  return (
    <button type="button" className="figure-link" onClick={onOpen} aria-label={`${label}：${value}，查看明细`} data-figure={label}>
      {value}
    </button>
  );
}

function FigureCards({ kind, f, open }: { kind: Kind; f: Figures; open: (d: Drill) => void }) {
  const o = (key: FigureKey, title: string) => () => open({ title: `${KIND_LABEL[kind]} · ${title}`, kind, key });
  const items: [string, FigureKey | null, number, string?][] = [
    ['问题总数', 'total', f.total],
    ['期内应完成', 'dueInPeriod', f.dueInPeriod],
    ['期内已完成', 'completedInPeriod', f.completedInPeriod],
    ['阶段性整改率', null, f.rateInPeriod, '%'],
    ['期外', 'outOfPeriod', f.outOfPeriod],
    ['期外已完成', 'completedOutOfPeriod', f.completedOutOfPeriod],
    ['逾期', 'overdue', f.overdue],
    ...(f.unstated ? ([['未注明结果', 'unstated', f.unstated]] as [string, FigureKey, number][]) : []),
  ];
  return (
    <Card title={KIND_LABEL[kind]} size="small" data-testid={`cards-${kind}`}>
      <Row gutter={[16, 8]}>
        {items.map(([title, key, value, suffix]) => (
          <Col key={title} xs={12} md={6} xl={3}>
            <Statistic
              title={title}
              value={key == null && f.dueInPeriod === 0 ? '—' : value}
              suffix={key == null && f.dueInPeriod > 0 ? suffix : undefined}
              valueStyle={title === '逾期' && value > 0 ? { color: '#cf1322' } : undefined}
              formatter={key ? () => <Figure label={`${KIND_LABEL[kind]}${title}`} value={value} onOpen={o(key, title)} /> : undefined}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function groupColumns(kind: Kind, open: (d: Drill) => void, scope: (r: CategoryStats | UnitStats) => { categoryNo?: number; unit?: string; name: string }) {
  const cell = (key: FigureKey, label: string) => ({
    title: label,
    key: `${kind}-${key}`,
    align: 'right' as const,
    render: (_: unknown, r: CategoryStats | UnitStats) => {
      const s = scope(r);
      const value = r[kind][key === 'advancingOutOfPeriod' ? 'outOfPeriod' : key] - (key === 'advancingOutOfPeriod' ? r[kind].completedOutOfPeriod : 0);
      return <Figure label={`${s.name}${KIND_LABEL[kind]}${label}`} value={value} onOpen={() => open({ title: `${s.name} · ${KIND_LABEL[kind]} · ${label}`, kind, key, categoryNo: s.categoryNo, unit: s.unit })} />;
    },
  });
  return [
    cell('total', '总数'),
    cell('dueInPeriod', '期内应完成'),
    cell('completedInPeriod', '期内完成'),
    { title: '整改率', key: `${kind}-rate`, align: 'right' as const, render: (_: unknown, r: CategoryStats | UnitStats) => (r[kind].dueInPeriod ? `${r[kind].rateInPeriod}%` : '—') },
    cell('completedOutOfPeriod', '期外已完成'),
    cell('advancingOutOfPeriod', '期外推进中'),
    cell('overdue', '逾期'),
  ];
}

export function StatsPage() {
  const { info, version } = useLedger();
  const [asOf, setAsOf] = useState(() => dayjs().format('YYYY-MM-DD'));
  const [drill, setDrill] = useState<Drill | null>(null);
  const stats = useAsync(() => (info?.roundId ? call('stats.get', { asOf }) : Promise.resolve(null)), [asOf, version, info?.roundId]);
  const problems = useAsync(() => (info?.roundId ? call('problems.list', {}) : Promise.resolve([])), [version, info?.roundId]);
  const [chartKind, setChartKind] = useState<Kind>('general');
  const items = useAsync<ProblemSummary[]>(() => {
    if (!drill) return Promise.resolve([]);
    if (drill.ids) {
      const wanted = new Set(drill.ids);
      return Promise.resolve((problems.value ?? []).filter((p) => wanted.has(p.id)));
    }
    return call('stats.items', { asOf, kind: drill.kind, key: drill.key, categoryNo: drill.categoryNo, unit: drill.unit });
  }, [drill, asOf, version, problems.value]);

  const round = useMemo(
    () => ({ periodEnd: info?.round?.periodEnd ?? null, longTermCountsCompleted: !!info?.round?.longTermCountsCompleted }),
    [info?.round?.periodEnd, info?.round?.longTermCountsCompleted],
  );
  const watch = useMemo(() => {
    const list = problems.value ?? [];
    return {
      overdue: list.filter((p) => urgencyOf(p, asOf, round) === 'overdue'),
      dueSoon: list.filter((p) => urgencyOf(p, asOf, round) === 'dueSoon'),
    };
  }, [problems.value, asOf, round]);

  // A chart part opens the same problems as the figure it shows (the table's number), or its ids.
  const openChart = async (d: ChartDrill) => {
    const kindLabel = KIND_LABEL[d.kind];
    if (d.by === 'month') {
      const part = d.part === 'open' ? '未到期未完成' : PART_LABEL[d.part];
      return setDrill({ title: `${d.month.replace('-', '年')}月到期 · ${kindLabel} · ${part}`, ids: d.ids });
    }
    if (d.by === 'undated') return setDrill({ title: `整改时限为“${d.label}” · ${kindLabel}`, ids: d.ids });
    const scope = { categoryNo: d.bar.categoryNo, unit: d.bar.unit };
    const title = `${d.bar.title} · ${kindLabel} · ${PART_LABEL[d.part]}`;
    if (d.part !== 'other') return setDrill({ title, kind: d.kind, key: d.part, ...scope });
    try {
      const get = (key: FigureKey) => call('stats.items', { asOf, kind: d.kind, key, ...scope });
      const [total, done, late] = await Promise.all([get('total'), get('completed'), get('overdue')]);
      const skip = new Set([...done, ...late].map((p) => p.id));
      setDrill({ title, ids: total.filter((p) => !skip.has(p.id)).map((p) => p.id) });
    } catch {
      setDrill({ title, ids: [] });
    }
  };

  if (info && (!info.roundId || info.problemCount === 0)) return <Welcome />;
  const s = stats.value;
  const periodEnd = info?.round?.periodEnd;
  return (
    <div>
      <PageHeader
        title="统计"
        extra={
          <>
            <Typography.Text>截至</Typography.Text>
            <DatePicker
              aria-label="统计截止日期"
              allowClear={false}
              value={dayjs(asOf)}
              onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))}
            />
          </>
        }
      >
        <Typography.Text type="secondary">
          集中整改期截至 {periodEnd ?? '（未设置，按统计日期计）'}；已完成、待销号、已销号计为完成，长期坚持{info?.round?.longTermCountsCompleted ? '也计为' : '不计为'}完成。点击任一数字查看对应问题。
        </Typography.Text>
      </PageHeader>
      {stats.error ? <Alert type="error" title={stats.error} showIcon /> : null}
      {s && s.deadlineUnparsed > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="deadline-unparsed"
          title={
            <span>
              {s.deadlineUnparsed} 个问题的整改时限无法识别（{UNPARSED_DEADLINE_NOTE}）：
              <button
                type="button"
                className="figure-link"
                aria-label={`查看 ${s.deadlineUnparsed} 个整改时限无法识别的问题`}
                onClick={() => setDrill({ title: '整改时限无法识别', ids: s.deadlineUnparsedIds })}
              >
                {s.deadlineUnparsedCodes.slice(0, 8).join('、')}
                {s.deadlineUnparsed > 8 ? ' 等' : ''}
              </button>
            </span>
          }
        />
      ) : null}
      {s && s.byUnit.some((u) => splitUnits(u.unit).length > 1) ? (
        <Alert
          type="warning"
          showIcon
          title={`单位${s.byUnit
            .filter((u) => splitUnits(u.unit).length > 1)
            .map((u) => `“${u.unit}”`)
            .join('')}的名称是多个单位：请在“设置 → 单位”中拆分为牵头单位和配合单位，统计才准确。`}
        />
      ) : null}
      {s ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          <FigureCards kind="general" f={s.general} open={setDrill} />
          <FigureCards kind="specific" f={s.specific} open={setDrill} />
          <Card size="small" title="整改措施">
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title="措施总数" value={s.measures.total} />
              </Col>
              <Col span={6}>
                <Statistic title="已完成" value={s.measures.completed} />
              </Col>
              {s.measures.unstated ? (
                <Col span={6}>
                  <Statistic title="未注明结果" value={s.measures.unstated} />
                </Col>
              ) : null}
            </Row>
          </Card>
          {s.stated.length ? (
            <Card size="small" title="报告公布的数字与台账计算" data-testid="stats-stated">
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                导入的进展情况公布中写明的数字，原样保存；台账计算按上面的口径，截至所选日期。两者不一致时以核实后的台账为准。
              </Typography.Paragraph>
              <Table
                size="small"
                pagination={false}
                rowKey={(x) => `${x.scope}${x.what}${x.stated}${x.text}`}
                dataSource={s.stated}
                columns={[
                  { title: '公布的数字', render: (_: unknown, x) => `${x.scope === '问题' || x.what === '整改任务' ? '' : x.scope}${x.what}` },
                  { title: '已公布', dataIndex: 'stated', align: 'right' as const },
                  {
                    title: '台账计算',
                    align: 'right' as const,
                    render: (_: unknown, x) => (x.computed == null ? '—' : <Typography.Text type={x.computed !== x.stated ? 'danger' : undefined}>{x.computed}</Typography.Text>),
                  },
                  { title: '原文', render: (_: unknown, x) => <Typography.Text type="secondary">{x.text}</Typography.Text> },
                ]}
              />
            </Card>
          ) : null}
          <Card size="small">
            <Tabs
              items={(['general', 'specific'] as Kind[]).flatMap((kind) => [
                {
                  key: `cat-${kind}`,
                  label: `按类别（${KIND_LABEL[kind]}）`,
                  children: (
                    <Table
                      size="small"
                      rowKey="no"
                      pagination={false}
                      dataSource={s.byCategory}
                      columns={[
                        { title: '类别', key: 'title', render: (_: unknown, r: CategoryStats) => `（${toChineseNumeral(r.no)}）${r.title}` },
                        ...groupColumns(kind, setDrill, (r) => ({ categoryNo: (r as CategoryStats).no, name: `（${toChineseNumeral((r as CategoryStats).no)}）` })),
                      ]}
                    />
                  ),
                },
                {
                  key: `unit-${kind}`,
                  label: `按牵头单位（${KIND_LABEL[kind]}）`,
                  children: (
                    <Table
                      size="small"
                      rowKey="unit"
                      pagination={false}
                      dataSource={s.byUnit.filter((u) => u[kind].total > 0)}
                      columns={[
                        { title: '牵头单位', dataIndex: 'unit', key: 'unit' },
                        ...groupColumns(kind, setDrill, (r) => ({ unit: (r as UnitStats).unit, name: (r as UnitStats).unit })),
                      ]}
                    />
                  ),
                },
              ])}
            />
          </Card>
          <Suspense fallback={<Card size="small" title="图表" loading />}>
            <StatsCharts
              kind={chartKind}
              onKind={setChartKind}
              byCategory={s.byCategory}
              byUnit={s.byUnit}
              problems={problems.value ?? []}
              round={round}
              asOf={asOf}
              onDrill={(d) => void openChart(d)}
            />
          </Suspense>
          <WatchLists overdue={watch.overdue} dueSoon={watch.dueSoon} asOf={asOf} days={DUE_SOON_DAYS} />
        </div>
      ) : stats.loading ? null : (
        <Empty />
      )}
      <Drawer
        open={!!drill}
        width={760}
        title={drill ? `${drill.title}（${items.value?.length ?? 0} 个）` : ''}
        onClose={() => setDrill(null)}
        extra={
          <ExportListButton
            disabled={!items.value?.length}
            list={() => ({
              title: drill?.title.replace(/\s*·\s*/g, '-') ?? '问题清单',
              asOf,
              note: drill?.title,
              columns: [{ title: '编号' }, { title: '问题', width: 60 }, { title: '牵头单位' }, { title: '整改时限' }, { title: '状态' }],
              rows: (items.value ?? []).map((p) => [p.code, p.text, p.leadUnit ?? '', p.deadline.raw || p.deadline.date || '', p.status]),
            })}
          />
        }
      >
        <Table
          size="small"
          rowKey="id"
          loading={items.loading}
          pagination={false}
          dataSource={items.value ?? []}
          onRow={(p) => ({ onDoubleClick: () => navigate('ledger', { problem: String(p.id) }) })}
          columns={[
            {
              title: '编号',
              key: 'code',
              width: 80,
              // A button: the keyboard opens the problem in the ledger as a double click does.
              render: (_: unknown, p: ProblemSummary) => (
                <button type="button" className="figure-link" aria-label={`在台账中查看 ${p.code}`} onClick={() => navigate('ledger', { problem: String(p.id) })}>
                  {p.code}
                </button>
              ),
            },
            { title: '问题', dataIndex: 'text' },
            { title: '牵头单位', dataIndex: 'leadUnit', width: 140 },
            { title: '整改时限', key: 'deadline', width: 150, render: (_: unknown, p: ProblemSummary) => p.deadline.raw || p.deadline.date || '' },
            { title: '状态', key: 'status', width: 100, render: (_: unknown, p: ProblemSummary) => <StatusTag status={p.status} /> },
          ]}
        />
      </Drawer>
    </div>
  );
}
