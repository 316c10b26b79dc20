import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { keepOnLeave, moveOfKey, type EditorProps } from './types';

/**
 * A text cell: Enter keeps it and moves down, Alt+Enter or Shift+Enter starts a new line (as in Excel), Tab
 * and Shift+Tab keep it and move across, Esc drops the change. The arrows move the caret.
 */
export function TextEditor({ initial, onCommit, onCancel, label, placeholder, rows = 4 }: EditorProps<string> & { label: string; placeholder?: string; rows?: number }) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
      return;
    }
    if (e.key === 'Enter' && (e.altKey || e.shiftKey)) {
      e.preventDefault();
      const el = e.currentTarget;
      const [a, b] = [el.selectionStart, el.selectionEnd];
      const next = value.slice(0, a) + '\n' + value.slice(b);
      setValue(next);
      requestAnimationFrame(() => el.setSelectionRange(a + 1, a + 1));
      return;
    }
    const move = moveOfKey(e);
    if (move !== undefined) {
      e.preventDefault();
      onCommit(value, move);
    }
  };
  return (
    <div onBlur={keepOnLeave(() => onCommit(value, null))}>
    <textarea
      ref={ref}
      className="cell-editor-input"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      rows={rows}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
    />
    </div>
  );
}
