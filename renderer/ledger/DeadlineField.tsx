import { DatePicker, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { DEADLINE_KIND_LABELS, DEADLINE_KINDS, parseDeadline, type DeadlineKind } from '../../shared/domain/deadline';
import { chineseDate, isIsoDate } from '../../shared/domain/dates';
import type { DeadlineValue } from './commit';

/**
 * A deadline in a form (several problems at once, a measure): the text as written, read as DOMAIN §4
 * says, or a kind chosen explicitly, with a date picker.
 */
export function DeadlineField({ value, onChange, year, onEnter }: { value: DeadlineValue; onChange(v: DeadlineValue): void; year: number | null; onEnter?(): void }) {
  const parsed = parseDeadline(value.raw, year);
  const kind = value.kind ?? 'auto';
  const date = value.date ?? parsed.date ?? '';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={4}>
      <Input
        aria-label="整改时限"
        autoFocus
        placeholder="如 2025年6月30日前、立行立改、长期坚持、待省上出台政策后"
        value={value.raw}
        onChange={(e) => onChange({ raw: e.target.value, kind: value.kind, date: value.date })}
        onPressEnter={onEnter}
      />
      <Typography.Text type={parsed.error && kind === 'auto' ? 'danger' : 'secondary'}>
        {kind === 'auto'
          ? parsed.error ?? (parsed.kind === 'none' ? '未填写' : `识别为：${DEADLINE_KIND_LABELS[parsed.kind]}${parsed.date ? ` ${chineseDate(parsed.date)}` : ''}`)
          : `按所选类型保存：${DEADLINE_KIND_LABELS[kind]}`}
      </Typography.Text>
      <Space wrap>
        <Select
          aria-label="整改时限类型"
          value={kind}
          style={{ width: 180 }}
          onChange={(k: DeadlineKind | 'auto') => {
            if (k === 'auto') return onChange({ raw: value.raw });
            const needsDate = k === 'date' || k === 'date+long-term';
            const raw = k === 'immediate' ? '立行立改' : k === 'long-term' ? '长期坚持' : k === 'none' ? '' : value.raw;
            onChange({ raw, kind: k, date: needsDate ? (date || null) : null });
          }}
          options={[{ value: 'auto', label: '按文字识别' }, ...DEADLINE_KINDS.map((k) => ({ value: k, label: DEADLINE_KIND_LABELS[k] }))]}
        />
        <DatePicker
          aria-label="整改时限日期"
          value={isIsoDate(date) ? dayjs(date) : null}
          onChange={(v) => {
            const d = v ? v.format('YYYY-MM-DD') : '';
            if (!isIsoDate(d)) return;
            const longTerm = value.kind === 'date+long-term';
            onChange({ raw: `${chineseDate(d)}前${longTerm ? '，并长期坚持' : ''}`, kind: longTerm ? 'date+long-term' : 'date', date: d });
          }}
        />
      </Space>
    </Space>
  );
}
