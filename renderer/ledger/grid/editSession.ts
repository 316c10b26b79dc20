import { useRef } from 'react';
import type { Editing } from '../useGridState';
import type { Move } from '../editors/types';

/**
 * What an editor's owner uses to write a value once: `begin()` says whether this edit may still be
 * written (false after it was written, cancelled, or while a write is on its way, so that the blur that
 * follows Enter does not write twice); then `done(move)` closes it, or `fail()` keeps it open.
 */
export interface EditorControl {
  begin(): boolean;
  fail(): void;
  done(move: Move): void;
  cancel(): void;
}

/** One edit session at a time: the control handed to the open editor. */
export function useEditSession(editing: Editing | null, close: (move: Move | 'cancel') => void): EditorControl {
  const session = useRef<{ editing: Editing | null; state: 'open' | 'busy' | 'done' }>({ editing: null, state: 'done' });
  if (session.current.editing !== editing) session.current = { editing, state: editing ? 'open' : 'done' };
  return {
    begin() {
      if (session.current.state !== 'open') return false;
      session.current.state = 'busy';
      return true;
    },
    fail() {
      if (session.current.state === 'busy') session.current.state = 'open';
    },
    done(move) {
      session.current.state = 'done';
      close(move);
    },
    cancel() {
      session.current.state = 'done';
      close('cancel');
    },
  };
}
