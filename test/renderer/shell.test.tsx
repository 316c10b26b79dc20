import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { call } from '../../renderer/api';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/App';
import { renderWithLedger } from './render';

describe('the app shell', () => {
  let cleanupBackend: (() => void) | null = null;
  afterEach(() => {
    cleanupBackend?.();
    window.location.hash = '';
  });

  it('offers the sample ledger on an empty ledger, then shows its title and problems', async () => {
    const r = renderWithLedger(<App />);
    cleanupBackend = r.backend.cleanup;
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /创建示例台账/ }));
    expect(await screen.findByText('市委第三巡察组巡察反馈问题整改（示例）')).toBeInTheDocument();
    expect(r.calls.map((c) => c.name)).toContain('ledger.openSample');
    // In its own file: the ledger that was open stays as it was.
    expect((await r.backend.call('ledger.info', {})).fileName).toBe('示例台账.zgtz');
  });

  it('undoes the last edit with Ctrl+Z and redoes it with Ctrl+Y', async () => {
    const r = renderWithLedger(<App />);
    cleanupBackend = r.backend.cleanup;
    await r.backend.call('ledger.addSample', {});
    const [first] = await r.backend.call('problems.list', {});
    // Through the renderer's api module, as a page would: the shell learns of the change.
    await act(() => call('problems.update', { id: first!.id, patch: { text: '改过的问题内容' } }));
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByRole('button', { name: /撤\s*销/ })).toBeEnabled());
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect((await r.backend.call('problems.get', { id: first!.id })).text).toBe(first!.text));
    await user.keyboard('{Control>}y{/Control}');
    await waitFor(async () => expect((await r.backend.call('problems.get', { id: first!.id })).text).toBe('改过的问题内容'));
  });
});
