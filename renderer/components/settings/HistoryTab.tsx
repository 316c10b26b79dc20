import { useEffect, useMemo, useState } from 'react';
import { ExportListButton } from '../ExportListButton';
import { App as AntApp, Button, DatePicker, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { HistoryEntry } from '../../../shared/domain/types';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';
import { formatTime } from '../evidence/format';
import { byAction, describeChange, sourceText, type HistoryNames } from '../history/changeWords';
import { toChineseNumeral } from '../../../shared/domain/numerals';
import { SOURCE_LABELS, type ActionSource } from '../../../shared/domain/fields';

const PAGE = 1000;
const SOURCES = [{ value: '', label: '全部来源' }, ...Object.entries(SOURCE_LABELS).map(([value, label]) => ({ value, label }))];
const SOURCE_COLOR: Record<string, string> = { edit: 'blue', import: 'purple', undo: 'orange', redo: 'cyan', restore: 'gold', system: 'default' };

type Source = ActionSource;

type ActionGroup = Pick<HistoryEntry, 'actionId' | 'at' | 'actor' | 'source' | 'label' | 'batchId'> & { changes: HistoryEntry[] };

function group(entries: HistoryEntry[]): ActionGroup[] {
  return byAction(entries).map(({ first, changes }) => ({
    actionId: first.actionId,
    at: first.at,
    actor: first.actor,
    source: first.source,
    label: first.label,
    batchId: first.batchId,
    changes,
  }));
}

/**
 * 变更记录: every recorded change of the ledger, newest first, filtered by date and source (a person's
 * edits, import batch N, undo…), each action with its changes in words (old → new) and 恢复 on a change
 * to put back the value it replaced.
 */
export function HistoryTab() {
  const { message } = AntApp.useApp();
  const { version, info } = useLedger();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [source, setSource] = useState<string>('');
  const [batchId, setBatchId] = useState<number | null>(null);
  const [older, setOlder] = useState<HistoryEntry[]>([]);
  const query = {
    from: range?.[0] ? range[0].startOf('day').toISOString() : undefined,
    to: range?.[1] ? range[1].add(1, 'day').startOf('day').toISOString() : undefined,
    source: (source || undefined) as Source | undefined,
    batchId: batchId ?? undefined,
  };
  const history = useAsync(() => call('history.ledger', { ...query, limit: PAGE }), [version, query.from, query.to, query.source, query.batchId]);
  const problems = useAsync(() => (info?.roundId ? call('problems.list', { includeDeleted: true }) : Promise.resolve([])), [version, info?.roundId]);
  const units = useAsync(() => (info?.roundId ? call('people.units', {}) : Promise.resolve([])), [version, info?.roundId]);
  const leaders = useAsync(() => (info?.roundId ? call('people.leaders', {}) : Promise.resolve([])), [version, info?.roundId]);
  // Deleted categories too: the history names what a change was about even after it was deleted.
  const categories = useAsync(() => (info?.roundId ? call('categories.list', { includeDeleted: true }) : Promise.resolve([])), [version, info?.roundId]);
  useEffect(() => setOlder([]), [history.value]);

  const lookups: HistoryNames = useMemo(() => {
    const codes = new Map((problems.value ?? []).map((p) => [p.id, p.code]));
    const unitNames = new Map((units.value ?? []).map((u) => [u.id, u.name]));
    const leaderNames = new Map((leaders.value ?? []).map((l) => [l.id, l.name]));
    const categoryNames = new Map((categories.value ?? []).map((c) => [c.id, `（${toChineseNumeral(c.no)}）${c.title}`]));
    return {
      problemCode: (id) => codes.get(id),
      unit: (id) => unitNames.get(id),
      leader: (id) => leaderNames.get(id),
      category: (id) => categoryNames.get(id),
    };
  }, [problems.value, units.value, leaders.value, categories.value]);

  const entries = [...(history.value ?? []), ...older];
  const groups = group(entries);
  const more = (history.value?.length ?? 0) === PAGE && (older.length === 0 || older.length % PAGE === 0);

  const loadOlder = async () => {
    const last = entries.at(-1);
    if (!last) return;
    try {
      const next = await call('history.ledger', { ...query, limit: PAGE, beforeId: last.id });
      setOlder([...older, ...next]);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const restore = async (h: HistoryEntry) => {
    try {
      const r = await call('history.restore', { historyId: h.id });
      message.success(`已${r.label}`);
    } catch (e) {
      message.error(errorMessage(e), 8);
    }
  };

  return (
    <div data-testid="history-tab">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} aria-label="日期范围" />
        <Select aria-label="来源" style={{ width: 140 }} value={source} onChange={(v) => setSource(v)} options={SOURCES} />
        {batchId != null ? (
          <Tag closable color="purple" onClose={() => setBatchId(null)}>
            只看导入批次 {batchId}
          </Tag>
        ) : null}
        <Typography.Text type="secondary">
          共 {groups.length} 次操作、{entries.length} 处变更{more ? '（还有更早的记录）' : ''}
        </Typography.Text>
        <ExportListButton
          disabled={!entries.length}
          list={() => ({
            title: '变更记录',
            note: more ? `已加载的 ${entries.length} 处变更（还有更早的记录）` : undefined,
            columns: [{ title: '时间' }, { title: '操作人' }, { title: '操作', width: 30 }, { title: '对象', width: 30 }, { title: '变更' }, { title: '原值', width: 40 }, { title: '新值', width: 40 }],
            rows: groups.flatMap((g) =>
              g.changes.map((h) => {
                const c = describeChange(h, lookups);
                return [formatTime(g.at), g.actor || '', g.label, c.what, c.kind, c.from, c.to];
              }),
            ),
          })}
        />
      </Space>
      <Table
        size="small"
        rowKey="actionId"
        loading={history.loading && !history.value}
        dataSource={groups}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (g: ActionGroup) => (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={g.changes}
              columns={[
                { title: '对象', key: 'what', width: 280, render: (_: unknown, h: HistoryEntry) => describeChange(h, lookups).what },
                { title: '变更', key: 'kind', width: 64, render: (_: unknown, h: HistoryEntry) => describeChange(h, lookups).kind },
                {
                  title: '原值 → 新值',
                  key: 'values',
                  render: (_: unknown, h: HistoryEntry) => {
                    const c = describeChange(h, lookups);
                    return (
                      <span>
                        {c.from ? <Typography.Text delete={c.kind !== '新增'} type="secondary">{c.from}</Typography.Text> : null}
                        {c.from && c.to ? ' → ' : null}
                        {c.to ? <Typography.Text>{c.to}</Typography.Text> : null}
                      </span>
                    );
                  },
                },
                {
                  title: '',
                  key: 'restore',
                  width: 84,
                  render: (_: unknown, h: HistoryEntry) =>
                    describeChange(h, lookups).restorable ? (
                      <Popconfirm title="恢复为这次变更之前的值？" description="恢复会作为一次新的修改记录下来，可以撤销。" okText="恢复" cancelText="取消" onConfirm={() => restore(h)}>
                        <Button size="small" icon={<RollbackOutlined />} aria-label={`恢复 ${describeChange(h, lookups).what}`}>
                          恢复
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', key: 'at', width: 140, render: (at: string) => formatTime(at) },
          { title: '操作人', dataIndex: 'actor', key: 'actor', width: 100, render: (a: string) => a || '—' },
          {
            title: '来源',
            key: 'source',
            width: 120,
            render: (_: unknown, g: ActionGroup) => (
              <Tag
                color={SOURCE_COLOR[g.source] ?? 'default'}
                style={{ cursor: g.source === 'import' && g.batchId != null ? 'pointer' : undefined }}
                onClick={(e) => {
                  if (g.source === 'import' && g.batchId != null) {
                    e.stopPropagation();
                    setBatchId(g.batchId);
                  }
                }}
              >
                {sourceText(g.source, g.batchId)}
              </Tag>
            ),
          },
          { title: '操作', dataIndex: 'label', key: 'label' },
          { title: '变更', key: 'n', width: 70, align: 'right' as const, render: (_: unknown, g: ActionGroup) => `${g.changes.length} 处` },
        ]}
      />
      {more ? (
        <Button style={{ marginTop: 8 }} onClick={loadOlder}>
          加载更早的记录
        </Button>
      ) : null}
    </div>
  );
}
