import { useEffect, useRef } from 'react';
import type { LedgerInfo } from '../../shared/api/ledger';
import { call } from '../api';
import { navigate, type Route } from '../router';

/**
 * 待办提醒 opens first when there is something to do: once per ledger opened, when the app is on its
 * start page (the ledger, without a problem or a list asked for). A preference of this computer (not of
 * the ledger) can turn it off (设置 → 提醒与督办).
 */
const KEY = 'ledger-todo-first';

export function todoFirstEnabled(): boolean {
  try {
    return localStorage.getItem(KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setTodoFirst(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused (private mode): the default stays.
  }
}

export function useTodoFirst(info: LedgerInfo | null, route: Route): void {
  const seen = useRef<string | null>(null);
  const key = info?.roundId ? info.path : null;
  const onStart = route.page === 'ledger' && [...route.params.keys()].length === 0;
  useEffect(() => {
    if (!key || seen.current === key) return;
    seen.current = key;
    if (!onStart || !todoFirstEnabled()) return;
    let current = true;
    call('todo.get', {}).then(
      (todo) => {
        if (current && todo.count > 0 && window.location.hash.replace(/^#\/?/, '').replace(/^ledger$/, '') === '') navigate('todo');
      },
      () => {},
    );
    return () => {
      current = false;
    };
    // Only when another ledger is opened, not on every navigation or round switch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
