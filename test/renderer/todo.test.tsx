import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TodoPage } from '../../renderer/pages/TodoPage';
import { RemindersTab } from '../../renderer/components/settings/RemindersTab';
import { App } from '../../renderer/App';
import { renderWithLedger } from './render';
import { createFakeBridge } from '../helpers/fakeBridge';
import { todayIso } from '../../shared/domain/dates';

type Fake = ReturnType<typeof createFakeBridge>;

async function sample(): Promise<Fake> {
  const fake = createFakeBridge();
  await fake.backend.call('ledger.addSample', {});
  return fake;
}

describe('待办提醒', () => {
  let fake: Fake | null = null;
  afterEach(() => {
    fake?.backend.cleanup();
    fake = null;
    window.location.hash = '';
  });

  it('counts and lists what the service lists, and a count opens exactly those problems in the table', async () => {
    fake = await sample();
    const todo = await fake.backend.call('todo.get', { asOf: todayIso() });
    expect(todo.overdue.length).toBeGreaterThan(0);
    renderWithLedger(<TodoPage />, fake);
    const card = await screen.findByTestId('todo-count-overdue');
    await waitFor(() => expect(within(card).getByText(String(todo.overdue.length))).toBeInTheDocument());
    expect(within(screen.getByTestId('todo-count-stale')).getByText(String(todo.stale.length))).toBeInTheDocument();
    // (Role queries walk the whole table in jsdom: slow. The buttons carry their labels.)
    const rows = [...screen.getByTestId('todo-overdue').querySelectorAll('tbody button[aria-label^="在台账中查看 "]')];
    expect(rows.map((b) => b.textContent)).toEqual(todo.overdue.slice(0, 10).map((p) => p.code));
    (card.querySelector('button[aria-label="在台账中查看已逾期"]') as HTMLButtonElement).click();
    const params = new URLSearchParams(window.location.hash.split('?')[1]);
    expect(window.location.hash.startsWith('#/ledger?')).toBe(true);
    expect(params.get('ids')!.split(',').map(Number)).toEqual(todo.overdue.map((p) => p.id));
  });

  it('the app opens on the to-do view when there is something to do, unless turned off on this computer', async () => {
    localStorage.setItem('ledger-todo-first', 'on');
    fake = await sample();
    window.location.hash = '';
    renderWithLedger(<App />, fake);
    await screen.findByTestId('todo-page', {}, { timeout: 15_000 });
    expect(window.location.hash).toBe('#/todo');
  });

  it('does not even ask for the to-do view when turned off', async () => {
    fake = await sample();
    window.location.hash = '';
    renderWithLedger(<App />, fake);
    await screen.findByTestId('ledger-title');
    await waitFor(() => expect(screen.getByTestId('round-switcher')).toBeInTheDocument());
    // The switcher shows once the ledger is known: the effect that would ask has run by then.
    expect(fake.calls.some((c) => c.name === 'todo.get')).toBe(false);
    expect(window.location.hash).not.toBe('#/todo');
  });

  it('settings: due-soon days and the sender are saved to the ledger; the round gets a monthly reporting day', async () => {
    fake = await sample();
    renderWithLedger(<RemindersTab />, fake);
    const days = await screen.findByLabelText('即将到期提前天数');
    await waitFor(() => expect(days).toHaveValue('7'));
    await userEvent.clear(days);
    await userEvent.type(days, '10');
    const sender = screen.getByLabelText('督办通知落款');
    await userEvent.clear(sender);
    await userEvent.type(sender, '市生态环境局巡察整改办');
    await userEvent.click(screen.getByRole('button', { name: /保\s*存$/ }));
    await waitFor(async () => expect(await fake!.backend.call('reminders.settings', {})).toMatchObject({ dueSoonDays: 10, sender: '市生态环境局巡察整改办' }));

    await userEvent.click(screen.getByRole('radio', { name: '每月固定日期' }));
    await userEvent.click(screen.getByRole('button', { name: '保存报送周期' }));
    await waitFor(async () => expect((await fake!.backend.call('ledger.info', {})).round!.cycleRule).toEqual({ kind: 'monthly', day: 25 }));
  });
});
