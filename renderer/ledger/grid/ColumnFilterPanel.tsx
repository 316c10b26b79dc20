import { useMemo, useState } from 'react';
import { Button, Checkbox, Input, InputNumber, Space, Typography } from 'antd';
import { DUE_SOON_DAYS } from '../../../shared/domain/urgency';
import type { TableProblem } from '../../../shared/domain/types';
import type { Column } from '../columns';
import { filterKindOf, isActive, valueCounts, type ColumnCondition } from '../columnFilter';

/** How many values the list draws at once; the search box narrows the rest. */
const SHOWN = 300;

interface Props {
  column: Column;
  problems: readonly TableProblem[];
  condition: ColumnCondition | undefined;
  /** undefined: the column is no longer filtered. */
  onApply(condition: ColumnCondition | undefined): void;
  onClose(): void;
}

/** The drop-down of a column's header: WPS's 筛选 (values with counts and a search box; dates by range and 逾期 / 到期). */
export function ColumnFilterPanel(props: Props) {
  const kind = filterKindOf(props.column.key);
  return (
    <div className="column-filter" role="dialog" aria-label={`筛选“${props.column.title}”`}>
      {kind === 'values' ? <ValuesPanel {...props} /> : kind === 'contains' ? <ContainsPanel {...props} /> : <DatesPanel {...props} />}
    </div>
  );
}

function Footer({ onApply, onClose, onClear, canClear }: { onApply(): void; onClose(): void; onClear(): void; canClear: boolean }) {
  return (
    <div className="column-filter-foot">
      <Button size="small" onClick={onClear} disabled={!canClear}>
        清除此列筛选
      </Button>
      <Space size={6}>
        <Button size="small" onClick={onClose}>
          取消
        </Button>
        <Button size="small" type="primary" onClick={onApply}>
          确定
        </Button>
      </Space>
    </div>
  );
}

function ValuesPanel({ column, problems, condition, onApply, onClose }: Props) {
  const counts = useMemo(() => valueCounts(problems, column.key), [problems, column.key]);
  const [picked, setPicked] = useState<Set<string>>(() => new Set(condition?.kind === 'values' ? condition.values : counts.map((c) => c.value)));
  const [search, setSearch] = useState('');
  const matching = useMemo(() => (search.trim() ? counts.filter((c) => c.value.includes(search.trim())) : counts), [counts, search]);
  const allPicked = matching.every((c) => picked.has(c.value));
  const toggleAll = () => {
    const next = new Set(picked);
    for (const c of matching) {
      if (allPicked) next.delete(c.value);
      else next.add(c.value);
    }
    setPicked(next);
  };
  const apply = () => {
    // With a search, as in WPS, 确定 keeps what the search found and is ticked.
    const values = search.trim() ? matching.filter((c) => picked.has(c.value)).map((c) => c.value) : [...picked];
    onApply(!search.trim() && values.length === counts.length ? undefined : { kind: 'values', values });
  };
  return (
    <>
      <Input size="small" allowClear placeholder="搜索" aria-label={`在“${column.title}”的值中搜索`} value={search} onChange={(e) => setSearch(e.target.value)} autoFocus />
      <div className="column-filter-list" role="group" aria-label={`“${column.title}”的值`}>
        <Checkbox checked={allPicked && matching.length > 0} indeterminate={!allPicked && matching.some((c) => picked.has(c.value))} onChange={toggleAll}>
          {search.trim() ? '全选搜索结果' : '全选'}
        </Checkbox>
        {matching.slice(0, SHOWN).map((c) => (
          <Checkbox
            key={c.value}
            checked={picked.has(c.value)}
            onChange={() => {
              const next = new Set(picked);
              if (next.has(c.value)) next.delete(c.value);
              else next.add(c.value);
              setPicked(next);
            }}
          >
            <span className="column-filter-value">{c.value}</span> <span className="muted">（{c.count}）</span>
          </Checkbox>
        ))}
        {matching.length > SHOWN ? <Typography.Text type="secondary">还有 {matching.length - SHOWN} 项，请输入文字缩小范围</Typography.Text> : null}
        {matching.length === 0 ? <Typography.Text type="secondary">没有匹配的值</Typography.Text> : null}
      </div>
      <Footer onApply={apply} onClose={onClose} onClear={() => onApply(undefined)} canClear={!!condition} />
    </>
  );
}

function ContainsPanel({ column, condition, onApply, onClose }: Props) {
  const [text, setText] = useState(condition?.kind === 'contains' ? condition.text : '');
  const apply = () => onApply(text.trim() ? { kind: 'contains', text: text.trim() } : undefined);
  return (
    <>
      <Input
        size="small"
        allowClear
        placeholder={`“${column.title}”包含的文字`}
        aria-label={`“${column.title}”包含的文字`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={apply}
        autoFocus
      />
      <Footer onApply={apply} onClose={onClose} onClear={() => onApply(undefined)} canClear={!!condition} />
    </>
  );
}

function DatesPanel({ column, condition, onApply, onClose }: Props) {
  const c = condition?.kind === 'dates' ? condition : null;
  const [from, setFrom] = useState(c?.from ?? '');
  const [to, setTo] = useState(c?.to ?? '');
  const [overdue, setOverdue] = useState(c?.overdue ?? false);
  const [soon, setSoon] = useState(c?.dueWithinDays != null);
  const [days, setDays] = useState(c?.dueWithinDays ?? DUE_SOON_DAYS);
  const deadline = column.key === 'deadline';
  const apply = () => {
    const next: ColumnCondition = { kind: 'dates', from: from || null, to: to || null, overdue: deadline && overdue, dueWithinDays: deadline && soon ? days : null };
    onApply(isActive(next) ? next : undefined);
  };
  return (
    <>
      <div className="column-filter-dates">
        <label>
          从 <input type="date" className="native-date" aria-label={`“${column.title}”从`} value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          至 <input type="date" className="native-date" aria-label={`“${column.title}”至`} value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        {deadline ? (
          <>
            <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>
              逾期（时限已过且未完成）
            </Checkbox>
            <Space size={4}>
              <Checkbox checked={soon} onChange={(e) => setSoon(e.target.checked)} aria-label="即将到期">
                到期于
              </Checkbox>
              <InputNumber size="small" min={0} max={365} aria-label="到期天数" value={days} onChange={(v) => typeof v === 'number' && setDays(v)} style={{ width: 64 }} />
              <span>天内</span>
            </Space>
          </>
        ) : null}
      </div>
      <Footer onApply={apply} onClose={onClose} onClear={() => onApply(undefined)} canClear={!!condition} />
    </>
  );
}
