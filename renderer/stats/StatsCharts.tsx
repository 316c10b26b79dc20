import { useMemo } from 'react';
import { Card, Col, Row, Segmented, Space, Typography } from 'antd';
import type { CategoryStats, StatsRound, UnitStats } from '../../shared/domain/stats';
import type { ProblemSummary } from '../../shared/domain/types';
import { categoryBars, chartStops, deadlineTimeline, unitBars, type CompletionBar, type Kind } from './chartData';
import { EChart, type ChartOption } from './EChart';
import { PART_LABEL, type BarPart, type ChartDrill } from './parts';
import './stats.css';

const COLORS = { completed: '#52c41a', overdue: '#cf1322', other: '#8fb4e8', open: '#8fb4e8' };
const KIND_LABEL: Record<Kind, string> = { general: '面上问题', specific: '具体问题' };

const COMPLETION_PARTS: BarPart[] = ['completed', 'overdue', 'other'];
const MONTH_PARTS = ['completed', 'overdue', 'open'] as const;
const MONTH_PART_LABEL: Record<(typeof MONTH_PARTS)[number], string> = { completed: PART_LABEL.completed, overdue: PART_LABEL.overdue, open: '未到期未完成' };

/** The keyboard's stops on a completion chart, in the order of its series. */
function completionStops(bars: CompletionBar[]) {
  return chartStops(
    bars,
    COMPLETION_PARTS.map((part) => ({ id: part, label: PART_LABEL[part], value: (i: number) => bars[i]![part] })),
  );
}

function completionOption(bars: CompletionBar[], horizontal: boolean): ChartOption {
  const names = bars.map((b) => b.name);
  const series = COMPLETION_PARTS.map((part) => ({
    id: part,
    name: PART_LABEL[part],
    type: 'bar' as const,
    stack: 'all',
    barMaxWidth: 36,
    itemStyle: { color: COLORS[part] },
    label: { show: true, formatter: (p: { value: unknown }) => (Number(p.value) ? String(p.value) : '') },
    data: bars.map((b) => b[part]),
    cursor: 'pointer',
  }));
  const category = { type: 'category' as const, data: names, axisLabel: { interval: 0, width: horizontal ? 140 : 80, overflow: 'truncate' as const } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      // Inside the chart: a tooltip shown for the keyboard's bar has no mouse position to follow.
      confine: true,
      formatter: (ps: unknown) => {
        const list = ps as { dataIndex: number; seriesName: string; value: number; marker: string }[];
        const b = bars[list[0]?.dataIndex ?? 0];
        if (!b) return '';
        return [`<b>${b.title}</b>（共 ${b.total} 个）`, ...list.map((p) => `${p.marker}${p.seriesName}：${p.value}`)].join('<br/>');
      },
    },
    legend: { top: 0 },
    grid: { left: horizontal ? 150 : 40, right: 24, top: 32, bottom: 24, containLabel: false },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series,
  };
}

/**
 * The charts of the statistics page (Apache ECharts): completion by category and by lead unit (the same
 * figures as the tables), and deadlines by month. Every bar opens the problems behind it.
 */
export function StatsCharts({
  kind,
  onKind,
  byCategory,
  byUnit,
  problems,
  round,
  asOf,
  onDrill,
}: {
  kind: Kind;
  onKind(k: Kind): void;
  byCategory: CategoryStats[];
  byUnit: UnitStats[];
  problems: ProblemSummary[];
  round: StatsRound;
  asOf: string;
  onDrill(d: ChartDrill): void;
}) {
  const cats = useMemo(() => categoryBars(byCategory, kind), [byCategory, kind]);
  const units = useMemo(() => unitBars(byUnit, kind), [byUnit, kind]);
  const timeline = useMemo(() => deadlineTimeline(problems, kind, round, asOf), [problems, kind, round, asOf]);
  const catOption = useMemo(() => completionOption(cats, false), [cats]);
  const unitOption = useMemo(() => completionOption(units, true), [units]);
  const timeOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0 },
      grid: { left: 40, right: 24, top: 32, bottom: 40 },
      xAxis: { type: 'category', data: timeline.months.map((m) => m.month.replace('-', '年') + '月'), axisLabel: { rotate: timeline.months.length > 12 ? 45 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: MONTH_PARTS.map((part) => ({
        id: part,
        name: MONTH_PART_LABEL[part],
        type: 'bar' as const,
        stack: 'all',
        barMaxWidth: 36,
        itemStyle: { color: COLORS[part] },
        data: timeline.months.map((m) => m[part].length),
        cursor: 'pointer',
      })),
    }),
    [timeline],
  );

  const catStops = useMemo(() => completionStops(cats), [cats]);
  const unitStops = useMemo(() => completionStops(units), [units]);
  const monthStops = useMemo(
    () =>
      chartStops(
        timeline.months.map((m) => ({ title: `${m.month.replace('-', '年')}月到期` })),
        MONTH_PARTS.map((part) => ({ id: part, label: MONTH_PART_LABEL[part], value: (i: number) => timeline.months[i]![part].length })),
      ),
    [timeline],
  );

  const partOf = (id: string | undefined): BarPart => (id === 'completed' || id === 'overdue' ? id : 'other');
  return (
    <Card
      size="small"
      title="图表"
      extra={
        <Segmented
          size="small"
          value={kind}
          onChange={(v) => onKind(v as Kind)}
          options={[
            { value: 'general', label: '面上问题' },
            { value: 'specific', label: '具体问题' },
          ]}
        />
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Typography.Text strong>按类别完成情况（{KIND_LABEL[kind]}）</Typography.Text>
          <EChart
            option={catOption}
            stops={catStops}
            height={300}
            label={`按类别完成情况：${cats.map((b) => `${b.title} 共${b.total}个，已完成${b.completed}个，逾期${b.overdue}个`).join('；')}`}
            onClick={(c) => cats[c.dataIndex] && onDrill({ by: 'category', bar: cats[c.dataIndex]!, part: partOf(c.seriesId), kind })}
          />
        </Col>
        <Col xs={24} xl={14}>
          <Typography.Text strong>按牵头单位完成情况（{KIND_LABEL[kind]}）</Typography.Text>
          <EChart
            option={unitOption}
            stops={unitStops}
            height={Math.max(300, units.length * 26 + 60)}
            label={`按牵头单位完成情况：${units.map((b) => `${b.title} 共${b.total}个，已完成${b.completed}个，逾期${b.overdue}个`).join('；')}`}
            onClick={(c) => units[c.dataIndex] && onDrill({ by: 'unit', bar: units[c.dataIndex]!, part: partOf(c.seriesId), kind })}
          />
        </Col>
        <Col span={24}>
          <Typography.Text strong>整改时限分布（按月，{KIND_LABEL[kind]}）</Typography.Text>
          <EChart
            option={timeOption}
            stops={monthStops}
            height={280}
            label={`整改时限分布：${timeline.months.map((m) => `${m.month} 到期${m.completed.length + m.overdue.length + m.open.length}个`).join('；')}`}
            onClick={(c) => {
              const m = timeline.months[c.dataIndex];
              const part = c.seriesId === 'completed' || c.seriesId === 'overdue' ? c.seriesId : 'open';
              if (m) onDrill({ by: 'month', month: m.month, part, ids: m[part], kind });
            }}
          />
          {timeline.undated.length ? (
            <Space wrap size={[16, 4]}>
              <Typography.Text type="secondary">没有具体日期的时限：</Typography.Text>
              {timeline.undated.map((u) => (
                <button key={u.kind} type="button" className="figure-link" onClick={() => onDrill({ by: 'undated', label: u.label, ids: u.ids, kind })}>
                  {u.label} {u.ids.length} 个
                </button>
              ))}
            </Space>
          ) : null}
        </Col>
      </Row>
    </Card>
  );
}
