import { useState } from 'react';
import { App as AntApp, AutoComplete, Button, Modal, Select, Space, Typography } from 'antd';
import type { LeaderInfo, UnitInfo } from '../../shared/domain/types';
import { PROBLEM_STATUSES, type ProblemStatus } from '../../shared/domain/status';
import { splitLeaders } from '../../shared/domain/names';
import { call, errorMessage } from '../api';
import type { DeadlineValue } from './commit';
import { DeadlineField } from './DeadlineField';
import { writeWithAnswers, type Askers } from './answers';
import { namedRows } from './selection';

type Field = 'leadUnit' | 'leaders' | 'deadline' | 'status';
const TITLES: Record<Field, string> = { leadUnit: '牵头单位', leaders: '责任领导', deadline: '整改时限', status: '整改状态' };
const DERIVED = 'derived';

/** Set one field of every selected problem at once: one action, one undo. */
export function BulkBar({
  ids,
  codes,
  askers,
  units,
  leaders,
  year,
  onClear,
  onDelete,
}: {
  /** Only rows the person can see (selection.ts): a bulk action never touches a hidden row. */
  ids: number[];
  /** Their codes, in the same order: the bar and its dialog name the rows they act on. */
  codes: string[];
  askers: Askers;
  units: UnitInfo[];
  leaders: LeaderInfo[];
  year: number | null;
  onClear(): void;
  onDelete(): void;
}) {
  const { message } = AntApp.useApp();
  const [field, setField] = useState<Field | null>(null);
  const [text, setText] = useState('');
  const [deadline, setDeadline] = useState<DeadlineValue>({ raw: '' });
  const [status, setStatus] = useState<string>('已完成');
  const [busy, setBusy] = useState(false);

  const open = (f: Field) => {
    setField(f);
    setText('');
    setDeadline({ raw: '' });
  };

  const apply = async () => {
    if (!field) return;
    setBusy(true);
    try {
      const done = await writeWithAnswers(askers, async (a) => {
        if (field === 'leadUnit') await call('problems.updateMany', { ids, patch: { leadUnit: text.trim() || null }, names: a.names });
        else if (field === 'leaders') await call('problems.updateMany', { ids, patch: { leaders: splitLeaders(text) } });
        else if (field === 'deadline') {
          // The one deadline rule: unreadable text is kept only once the person says so.
          const d = a.acceptUnparsed && deadline.kind === undefined ? { ...deadline, kind: 'text' as const } : deadline;
          await call('problems.updateMany', { ids, patch: { deadline: d } });
        } else await call('problems.setStatus', { ids, status: status === DERIVED ? null : (status as ProblemStatus) });
        return true;
      });
      if (!done) return;
      message.success(`已设置 ${ids.length} 个问题的${TITLES[field]}：${namedRows(codes)}`);
      setField(null);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bulk-bar" role="toolbar" aria-label="批量设置">
      <Typography.Text strong title={codes.join('、')}>
        已选 {ids.length} 个问题：{namedRows(codes)}
      </Typography.Text>
      <Space wrap size={6}>
        {(Object.keys(TITLES) as Field[]).map((f) => (
          <Button key={f} size="small" onClick={() => open(f)}>
            设置{TITLES[f]}
          </Button>
        ))}
        <Button size="small" danger onClick={onDelete}>
          删除所选
        </Button>
        <Button size="small" type="text" onClick={onClear}>
          取消选择（Esc）
        </Button>
      </Space>
      <Modal
        open={field != null}
        title={field ? `为 ${ids.length} 个问题设置${TITLES[field]}：${namedRows(codes)}` : ''}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        onOk={apply}
        onCancel={() => setField(null)}
        destroyOnHidden
      >
        {field === 'leadUnit' || field === 'leaders' ? (
          <AutoComplete
            autoFocus
            style={{ width: '100%' }}
            aria-label={TITLES[field]}
            value={text}
            onChange={setText}
            placeholder={field === 'leaders' ? '多位领导用“；”分隔；留空则清除' : '留空则清除牵头单位'}
            options={(field === 'leadUnit' ? units : leaders).map((x) => ({ value: x.name }))}
            filterOption={(input, o) => String(o?.value ?? '').includes(input.split('；').at(-1)?.trim() ?? '')}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !(e.target as HTMLElement).closest('.ant-select-open')) void apply();
            }}
          />
        ) : null}
        {field === 'deadline' ? <DeadlineField value={deadline} onChange={setDeadline} year={year} onEnter={apply} /> : null}
        {field === 'status' ? (
          <Select
            autoFocus
            aria-label="整改状态"
            style={{ width: '100%' }}
            value={status}
            onChange={setStatus}
            options={[{ value: DERIVED, label: '按措施自动推导' }, ...PROBLEM_STATUSES.map((s) => ({ value: s, label: s }))]}
          />
        ) : null}
      </Modal>
    </div>
  );
}
