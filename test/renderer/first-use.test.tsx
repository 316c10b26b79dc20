import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/App';
import { call } from '../../renderer/api';
import { renderWithLedger } from './render';

describe('first use in the browser host', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    cleanup?.();
    cleanup = null;
    window.location.hash = '';
  });

  it('新建台账 asks for a name, not a path, and opens the new ledger from the data folder', async () => {
    window.location.hash = '#/settings';
    const r = renderWithLedger(<App />);
    cleanup = r.backend.cleanup;
    const user = userEvent.setup();
    // The settings page loads its code on first use.
    await user.click(await screen.findByRole('button', { name: /新建台账/ }, { timeout: 15000 }));
    const input = await screen.findByRole('textbox', { name: '台账名称' });
    expect(screen.queryByRole('textbox', { name: '文件路径' })).toBeNull();
    await user.type(input, '2025年市委巡察整改{Enter}');
    await waitFor(async () => expect((await r.backend.call('ledger.info', {})).name).toBe('2025年市委巡察整改'));
    const info = await r.backend.call('ledger.info', {});
    expect(info.fileName).toBe('2025年市委巡察整改.zgtz');
    expect(r.calls.find((c) => c.name === 'ledger.createNamed')?.request).toEqual({ name: '2025年市委巡察整改' });
  });

  it('Enter in a date field of the round settings saves once', async () => {
    const r = renderWithLedger(<App />);
    cleanup = r.backend.cleanup;
    await act(() => call('ledger.addSample', {}));
    window.location.hash = '#/settings';
    const user = userEvent.setup();
    const field = await screen.findByLabelText('反馈日期', undefined, { timeout: 15000 });
    await user.clear(field);
    await user.type(field, '2025-01-15{Enter}');
    await waitFor(async () => expect((await r.backend.call('ledger.info', {})).round?.feedbackDate).toBe('2025-01-15'));
    await screen.findByText('轮次设置已保存');
    expect(r.calls.filter((c) => c.name === 'rounds.update')).toHaveLength(1);
    expect(within(document.body).getAllByText('轮次设置已保存')).toHaveLength(1);
  });
});
