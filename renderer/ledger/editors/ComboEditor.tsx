import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { keepOnLeave, moveOfKey, type EditorProps } from './types';

export interface ComboOption {
  value: string;
  label?: string;
  /** Other words that find it (a unit's aliases). */
  keywords?: string[];
}

/**
 * A cell with suggestions (units, leaders, statuses): typing filters the list, ↓/↑ choose in it, Enter
 * takes the chosen one (or, with none chosen, the typed text), Tab keeps the text and moves across, Esc
 * closes the list and then drops the change. With `separator`, each suggestion completes the last of
 * several names.
 */
export function ComboEditor({
  initial,
  onCommit,
  onCancel,
  options,
  label,
  separator,
  showAllInitially,
  highlightInitial,
  placeholder,
}: EditorProps<string> & {
  options: ComboOption[];
  label: string;
  separator?: string;
  /** Show every option before anything is typed (a short, closed list such as the statuses). */
  showAllInitially?: boolean;
  /** The option highlighted at first (the current status). */
  highlightInitial?: string;
  placeholder?: string;
}) {
  const [value, setValue] = useState(initial);
  const [typed, setTyped] = useState(false);
  const [open, setOpen] = useState(true);
  const listId = useId();
  const ref = useRef<HTMLInputElement>(null);

  const lastPart = separator ? (value.split(separator).at(-1) ?? '').trim() : value.trim();
  const shown = useMemo(() => {
    const needle = typed ? lastPart : showAllInitially ? '' : lastPart;
    if (!needle && !showAllInitially) return [];
    const n = needle.toLowerCase();
    return options
      .filter((o) => !n || [o.value, o.label ?? '', ...(o.keywords ?? [])].some((w) => w.toLowerCase().includes(n)))
      .slice(0, 50);
  }, [options, lastPart, typed, showAllInitially]);
  const [active, setActive] = useState(() => (highlightInitial ? shown.findIndex((o) => o.value === highlightInitial) : -1));
  useEffect(() => {
    if (typed) setActive(shown.length && lastPart ? 0 : -1);
  }, [shown, typed, lastPart]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const listOpen = open && shown.length > 0;

  const choose = (o: ComboOption): string => {
    if (!separator) return o.value;
    const parts = value.split(separator).map((x) => x.trim());
    parts[parts.length - 1] = o.value;
    return parts.filter(Boolean).join(separator);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      if (listOpen && active >= 0) {
        setOpen(false);
        setActive(-1);
      } else onCancel();
      return;
    }
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && listOpen) {
      e.preventDefault();
      setActive((i) => (e.key === 'ArrowDown' ? Math.min(shown.length - 1, i + 1) : Math.max(-1, i - 1)));
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      onCommit(value, e.key === 'ArrowDown' ? 'down' : 'up');
      return;
    }
    if (e.key === 'Enter' && listOpen && active >= 0) {
      e.preventDefault();
      const next = choose(shown[active]!);
      if (separator) {
        // Several names: complete this one and go on typing the next.
        setValue(next);
        setTyped(false);
        setOpen(false);
        setActive(-1);
      } else onCommit(next, 'down');
      return;
    }
    const move = moveOfKey(e);
    if (move !== undefined) {
      e.preventDefault();
      onCommit(value, move);
    }
  };

  return (
    <div className="cell-editor-combo" onBlur={keepOnLeave(() => onCommit(value, null))}>
      <input
        ref={ref}
        className="cell-editor-input"
        role="combobox"
        aria-label={label}
        aria-expanded={listOpen}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={listOpen && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={placeholder}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setTyped(true);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      {listOpen ? (
        <ul className="cell-editor-list" role="listbox" id={listId} aria-label={`${label}候选`}>
          {shown.map((o, i) => (
            <li
              key={o.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                const next = choose(o);
                if (separator) {
                  setValue(next);
                  setTyped(false);
                  setOpen(false);
                  ref.current?.focus();
                } else onCommit(next, null);
              }}
            >
              {o.label ?? o.value}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
