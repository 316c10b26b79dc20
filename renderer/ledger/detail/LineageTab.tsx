import { useState } from 'react';
import { App as AntApp, Button, Collapse, DatePicker, Empty, Input, Radio, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ProblemLineage, RecheckResult } from '../../../shared/domain/reminders';
import { todayIso } from '../../../shared/domain/dates';
import { call, errorMessage } from '../../api';
import { useAsync } from '../../components/useAsync';

/** Whether a problem has anything to show here: it came from an earlier round or went on to a later one. */
export function hasLineage(l: ProblemLineage | null): boolean {
  return !!l && (l.origins.length > 0 || l.carriedTo.length > 0);
}

function RecheckForm({ problemId }: { problemId: number }) {
  const { message } = AntApp.useApp();
  const [result, setResult] = useState<RecheckResult>('巩固');
  const [date, setDate] = useState(todayIso());
  const [actor, setActor] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await call('rounds.recheck', { problemId, result, date, actor: actor.trim() || undefined, note: note.trim() });
      message.success(result === '反弹' ? '已记录复查结果“反弹”，问题在本轮重新打开（正在推进）' : '已记录复查结果“巩固”');
      setNote('');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="recheck-form" data-testid="recheck-form" style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 10, marginBottom: 12 }}>
      <Typography.Text strong>记录回头看复查结果</Typography.Text>
      <Space wrap style={{ marginTop: 8 }}>
        <Radio.Group value={result} onChange={(e) => setResult(e.target.value as RecheckResult)} aria-label="复查结果">
          <Radio.Button value="巩固">巩固</Radio.Button>
          <Radio.Button value="反弹">反弹</Radio.Button>
        </Radio.Group>
        <DatePicker aria-label="复查日期" allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
        <Input aria-label="复查人" placeholder="复查人" value={actor} onChange={(e) => setActor(e.target.value)} style={{ width: 120 }} />
      </Space>
      <Input.TextArea aria-label="复查说明" placeholder="说明（反弹的表现、巩固的依据）" value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 2 }} style={{ marginTop: 8 }} />
      <Button type="primary" size="small" style={{ marginTop: 8 }} loading={busy} onClick={save}>
        保存复查结果
      </Button>
    </div>
  );
}

/** The earlier problem's recorded changes, one line per action (what was done, when, by whom). */
function OriginHistory({ problemId }: { problemId: number }) {
  const history = useAsync(() => call('history.problem', { id: problemId }), [problemId]);
  const actions = new Map<number, { at: string; label: string; actor: string }>();
  for (const h of history.value ?? []) if (!actions.has(h.actionId)) actions.set(h.actionId, { at: h.at, label: h.label, actor: h.actor });
  if (history.error) return <Typography.Text type="danger">{history.error}</Typography.Text>;
  return (
    <ul style={{ paddingInlineStart: 18, margin: 0 }}>
      {[...actions.values()].map((a, i) => (
        <li key={i}>
          {a.at.slice(0, 16).replace('T', ' ')} {a.label}
          {a.actor ? `（${a.actor}）` : ''}
        </li>
      ))}
    </ul>
  );
}

/**
 * A carried problem's earlier versions (round, status, progress, evidence, re-checks) and its 回头看
 * re-checks; a 反弹 reopens it in this round.
 */
export function LineageTab({ problemId, lineage }: { problemId: number; lineage: ProblemLineage }) {
  return (
    <div data-testid="lineage-tab">
      {lineage.canRecheck ? <RecheckForm problemId={problemId} /> : null}
      {lineage.rechecks.length ? (
        <>
          <Typography.Text strong>复查记录</Typography.Text>
          <Timeline
            style={{ marginTop: 8 }}
            items={lineage.rechecks.map((r) => ({
              color: r.result === '反弹' ? 'red' : 'green',
              content: (
                <span>
                  <Tag color={r.result === '反弹' ? 'red' : 'green'}>{r.result}</Tag>
                  {r.date} {r.actor} {r.note}
                </span>
              ),
            }))}
          />
        </>
      ) : null}
      {lineage.origins.map((o) => (
        <div key={o.problemId} style={{ marginBottom: 12 }}>
          <Typography.Text strong>
            来自 <Tag>{o.roundKind}</Tag>
            {o.roundTitle} · {o.code}
          </Typography.Text>
          <div style={{ color: '#595959', margin: '4px 0' }}>
            转入原因：{o.reason}；原状态：{o.status}
            {o.completedDate ? `（完成于 ${o.completedDate}）` : ''}
          </div>
          {o.progress.length ? (
            <Timeline style={{ marginTop: 8 }} items={o.progress.map((g) => ({ content: `${g.date}：${g.text}` }))} />
          ) : (
            <Typography.Text type="secondary">原轮次无进展记录。</Typography.Text>
          )}
          {o.evidence.length ? (
            <div>
              佐证材料：
              {o.evidence.map((e) => (
                <Tag key={e.id} color={e.received ? 'blue' : 'default'}>
                  {e.number} {e.title}
                </Tag>
              ))}
            </div>
          ) : null}
          <Collapse
            size="small"
            ghost
            items={[{ key: 'h', label: '原问题的变更记录', children: <OriginHistory problemId={o.problemId} /> }]}
          />
          {o.rechecks.map((r) => (
            <div key={r.id}>
              复查：{r.result} {r.date} {r.note}
            </div>
          ))}
        </div>
      ))}
      {lineage.carriedTo.length ? (
        <div>
          <Typography.Text strong>已转入后续轮次：</Typography.Text>
          {lineage.carriedTo.map((c) => (
            <Tag key={c.problemId}>
              {c.roundTitle} · {c.code}
            </Tag>
          ))}
        </div>
      ) : null}
      {!hasLineage(lineage) && !lineage.canRecheck ? <Empty description="没有轮次关联" /> : null}
    </div>
  );
}
