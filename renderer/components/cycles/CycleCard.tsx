import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { UnitReturn } from '../../../shared/domain/reminders';
import { describeCycleRule } from '../../../shared/domain/cycles';
import { todayIso } from '../../../shared/domain/dates';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';
import { navigate } from '../../router';

const COLORS: Record<UnitReturn['state'], string> = { 已报送: 'green', 待报送: 'orange', 逾期未报: 'red' };

/**
 * The reporting cycle of the current round: which lead units have returned (imported returns, manual
 * 已报送 marks) and which not; past cycles can be chosen. A unit can be marked 已报送 by hand (a return by
 * e-mail or on paper) and the mark taken back.
 */
export function CycleCard({ asOf = todayIso() }: { asOf?: string }) {
  const { version } = useLedger();
  const { message } = AntApp.useApp();
  const view = useAsync(() => call('cycles.get', { asOf }), [asOf, version]);
  const [chosen, setChosen] = useState<number | null>(null);
  useEffect(() => setChosen(null), [asOf]);
  const v = view.value;
  if (!v) return null;
  if (v.rule.kind === 'none' || v.cycles.length === 0) {
    return (
      <Card size="small" title="回执报送周期" style={{ marginBottom: 16 }} data-testid="cycle-card">
        <Typography.Text type="secondary">本轮次未设置报送周期。</Typography.Text>
        <Button type="link" onClick={() => navigate('settings', { tab: 'reminders' })}>
          设置报送周期（如每月25日前）
        </Button>
      </Card>
    );
  }
  const index = chosen ?? v.current;
  const status = v.cycles[index]!;
  const isCurrent = index === v.current;
  const count = (s: UnitReturn['state']) => status.units.filter((u) => u.state === s).length;

  const mark = async (unit: string) => {
    try {
      // Marked on the as-of date, or on the due day of a past cycle (late marks answer the next window).
      const date = isCurrent ? asOf : status.cycle.due;
      await call('cycles.mark', { unit, date, asOf });
      message.success(`已标记“${unit}”已报送（${date}），可撤销`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const unmark = async (unit: string) => {
    try {
      await call('cycles.unmark', { unit, from: status.cycle.from, due: status.cycle.due, asOf });
      message.success(`已取消“${unit}”的已报送标记`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="cycle-card"
      title={
        <Space wrap>
          <span>回执报送周期</span>
          <Tag>{describeCycleRule(v.rule)}</Tag>
          <span>
            {isCurrent ? '本期' : '往期'}：{status.cycle.label}
          </span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            已报送 {count('已报送')}，待报送 {count('待报送')}，逾期未报 {count('逾期未报')}
          </Typography.Text>
        </Space>
      }
      extra={
        <Select
          aria-label="选择报送周期"
          size="small"
          style={{ width: 230 }}
          value={index}
          onChange={setChosen}
          options={v.cycles.map((c, i) => ({ value: i, label: `${c.cycle.label}${i === v.current ? '（本期）' : ''}` }))}
        />
      }
    >
      <Table<UnitReturn>
        size="small"
        rowKey="unit"
        pagination={status.units.length > 12 ? { pageSize: 12, size: 'small' } : false}
        dataSource={status.units}
        columns={[
          { title: '牵头单位', dataIndex: 'unit' },
          { title: '未完成问题', dataIndex: 'problems', width: 100 },
          { title: '情况', dataIndex: 'state', width: 100, render: (s: UnitReturn['state']) => <Tag color={COLORS[s]}>{s}</Tag> },
          { title: '报送日期', dataIndex: 'date', width: 110, render: (d: string | null) => d ?? '—' },
          { title: '方式', dataIndex: 'via', ellipsis: true, render: (d: string | null) => d ?? '—' },
          {
            title: '',
            key: 'act',
            width: 120,
            render: (_, u) =>
              u.state === '已报送' ? (
                u.via?.startsWith('手工') ? (
                  <Button size="small" type="link" onClick={() => unmark(u.unit)}>
                    取消标记
                  </Button>
                ) : null
              ) : (
                <Tooltip title="回执以邮件、纸质等方式报送时，手工标记为已报送">
                  <Button size="small" aria-label={`标记${u.unit}已报送`} onClick={() => mark(u.unit)}>
                    标记已报送
                  </Button>
                </Tooltip>
              ),
          },
        ]}
      />
    </Card>
  );
}
