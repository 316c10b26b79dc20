import { App as AntApp, Button, Empty, Space, Timeline, Typography } from 'antd';
import type { HistoryEntry, ProblemDetail } from '../../../shared/domain/types';
import { call, errorMessage } from '../../api';
import { groupHistory, SOURCE_LABELS, type HistoryNames } from '../../components/history/changeWords';

function at(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Every recorded change of the problem, newest first, in words; any earlier value can be put back. */
export function HistoryList({ entries, detail, names }: { entries: HistoryEntry[]; detail: ProblemDetail; names: HistoryNames }) {
  const { message } = AntApp.useApp();
  const measureNo = new Map(detail.measures.map((m) => [m.id, m.no]));
  const live = (table: string, id: number) =>
    table === 'problems' ? id === detail.id : table === 'measures' ? measureNo.has(id) : table === 'progress' ? detail.progress.some((g) => g.id === id) : false;
  const groups = groupHistory(entries, names, (id) => measureNo.get(id), live);
  if (groups.length === 0) return <Empty description="还没有变更记录" />;
  const restore = async (historyId: number) => {
    try {
      const r = await call('history.restore', { historyId });
      message.success(`已${r.label}；可撤销（Ctrl+Z）`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Timeline
      className="history-list"
      items={groups.map((g) => ({
        key: g.actionId,
        color: g.source === 'import' ? 'purple' : g.source === 'undo' || g.source === 'redo' ? 'gray' : 'blue',
        content: (
          <div data-action={g.actionId}>
            <Space size={8} wrap>
              <Typography.Text strong>{g.label}</Typography.Text>
            </Space>
            <div>
              <Typography.Text type="secondary">
                {at(g.at)} · {g.actor || '（未署名）'} · {SOURCE_LABELS[g.source] ?? g.source}
              </Typography.Text>
            </div>
            <ul className="history-lines">
              {g.lines.map((l) => (
                <li key={l.entryId}>
                  <span>{l.text}</span>
                  {l.restorable ? (
                    <Button size="small" type="link" onClick={() => restore(l.entryId)} aria-label={`恢复此值：${l.text}`}>
                      恢复此值
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ),
      }))}
    />
  );
}
