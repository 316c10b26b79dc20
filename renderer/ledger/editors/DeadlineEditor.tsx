import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { DEADLINE_KIND_LABELS, parseDeadline, readDeadline, UNPARSED_DEADLINE_NOTE, type ParsedDeadline } from '../../../shared/domain/deadline';
import { chineseDate, isIsoDate } from '../../../shared/domain/dates';
import type { DeadlineValue } from '../commit';
import { keepOnLeave, moveOfKey, type EditorProps } from './types';

interface KindOption {
  id: string;
  label: string;
  /** The deadline this choice gives for the typed text; null when it does not apply (no text, no date). */
  value(raw: string, parsed: ParsedDeadline): DeadlineValue | null;
}

const OPTIONS: KindOption[] = [
  { id: 'immediate', label: '立行立改', value: () => ({ raw: '立行立改', kind: 'immediate' }) },
  { id: 'long-term', label: '长期坚持', value: () => ({ raw: '长期坚持', kind: 'long-term' }) },
  {
    id: 'date+long-term',
    label: '日期并长期坚持（用所填日期）',
    value: (raw, p) => (p.date ? { raw: /长期/.test(raw) ? raw : `${raw}，并长期坚持`, kind: 'date+long-term', date: p.date } : null),
  },
  { id: 'conditional', label: '附条件（如“待省上出台政策后”）', value: (raw) => (raw ? { raw, kind: 'conditional' } : null) },
  { id: 'text', label: UNPARSED_DEADLINE_NOTE, value: (raw) => (raw ? { raw, kind: 'text' } : null) },
  { id: 'date', label: '选择日期…', value: () => null },
  { id: 'none', label: '清空', value: () => ({ raw: '', kind: 'none' }) },
];

function describe(p: ParsedDeadline): { text: string; error: boolean } {
  if (p.error) return { text: p.error, error: true };
  if (p.kind === 'none') return { text: '未填写整改时限', error: false };
  const label = DEADLINE_KIND_LABELS[p.kind];
  return { text: `识别为：${label}${p.date ? ` ${chineseDate(p.date)}` : ''}`, error: false };
}

/**
 * The deadline cell (DOMAIN §4): the text is kept as typed and read as a date, 立行立改, 长期坚持, a date
 * and 长期坚持, or a condition; the line under it says how it was read. ↓/↑ choose a kind from the list
 * (Enter takes it), “选择日期…” opens the date picker, Enter alone keeps the text, Tab moves on, Esc drops.
 */
export function DeadlineEditor({ initial, onCommit, onCancel, year }: EditorProps<DeadlineValue> & { year: number | null }) {
  const [raw, setRaw] = useState(initial);
  const [active, setActive] = useState(-1);
  const [picking, setPicking] = useState(false);
  // Enter on text the deadline rule cannot read asks first; a second Enter keeps it as text.
  const [confirming, setConfirming] = useState(false);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<{ focus(): void } | null>(null);
  useEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const parsed = useMemo(() => parseDeadline(raw, year), [raw, year]);
  const reading = useMemo(() => readDeadline(raw, year), [raw, year]);
  const text = raw.trim();
  const status = confirming
    ? { text: `“${text}”无法识别：${UNPARSED_DEADLINE_NOTE}。再按 Enter 按原文保存，或修改文字、从下面选择类型`, tone: 'unparsed' }
    : reading.state === 'unparsed'
      ? { text: `无法识别的整改时限：可写成具体日期、“立行立改”“长期坚持”“待……后”；按原文保存则${UNPARSED_DEADLINE_NOTE}`, tone: 'unparsed' }
      : { text: describe(parsed).text, tone: describe(parsed).error ? 'error' : '' };
  const typedValue = (): DeadlineValue => ({ raw: text });

  const openDate = () => {
    setPicking(true);
    dateRef.current?.focus();
  };
  const pickDate = (d: string) => onCommit({ raw: `${chineseDate(d)}前`, kind: 'date', date: d }, 'down');

  const take = (o: KindOption) => {
    if (o.id === 'date') return openDate();
    const v = o.value(text, parsed);
    if (v) onCommit(v, 'down');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (active >= 0) setActive(-1);
      else onCancel();
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const down = e.key === 'ArrowDown';
      setActive((i) => (down ? Math.min(OPTIONS.length - 1, i + 1) : Math.max(-1, i - 1)));
      return;
    }
    if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      take(OPTIONS[active]!);
      return;
    }
    const move = moveOfKey(e);
    if (move !== undefined) {
      e.preventDefault();
      if (reading.state === 'unparsed' && text !== initial.trim()) {
        if (!confirming) return setConfirming(true);
        return onCommit({ raw: text, kind: 'text' }, move);
      }
      onCommit(typedValue(), move);
    }
  };

  return (
    <div className="cell-editor-deadline" onBlur={keepOnLeave(() => onCommit(typedValue(), null))}>
      <input
        ref={inputRef}
        className="cell-editor-input"
        role="combobox"
        aria-label="整改时限"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        value={raw}
        placeholder="如 2025年6月30日前、立行立改"
        onChange={(e) => {
          setRaw(e.target.value);
          setActive(-1);
          setConfirming(false);
        }}
        onKeyDown={onKeyDown}
      />
      <div className={`cell-editor-hint ${status.tone}`} role="status">
        {status.text}
      </div>
      <ul className="cell-editor-list static" role="listbox" id={listId} aria-label="整改时限类型">
        {OPTIONS.map((o, i) => {
          const disabled = o.id !== 'date' && o.value(text, parsed) === null;
          return (
            <li
              key={o.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={disabled}
              className={[i === active ? 'active' : '', disabled ? 'disabled' : ''].join(' ')}
              onMouseDown={(e) => {
                e.preventDefault();
                if (!disabled) take(o);
              }}
            >
              {o.label}
            </li>
          );
        })}
      </ul>
      <div className="cell-editor-date">
        <span>日期</span>
        {/* Picking a date (or typing one and pressing Enter) sets “…前” with that date, and closes. */}
        <DatePicker
          ref={dateRef as never}
          size="small"
          aria-label="整改时限日期"
          open={picking}
          onOpenChange={setPicking}
          value={parsed.date ? dayjs(parsed.date) : null}
          getPopupContainer={(trigger) => trigger.parentElement ?? document.body}
          onChange={(d) => {
            const iso = d ? d.format('YYYY-MM-DD') : '';
            if (isIsoDate(iso)) pickDate(iso);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !picking) onCancel();
          }}
        />
      </div>
    </div>
  );
}
