import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/App';
import { createFakeBridge } from '../helpers/fakeBridge';
import { renderWithLedger } from './render';

/** Issue 12, finding 5: a read-only ledger shows a banner with 另存为; the copy opens writable. */
describe('the read-only banner', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    cleanup?.();
    window.location.hash = '';
  });

  it('says the ledger is read-only and saves a writable copy into the data folder by name (browser)', async () => {
    const fake = createFakeBridge({ kind: 'web' });
    cleanup = fake.backend.cleanup;
    await fake.backend.call('ledger.addSample', {});
    await fake.backend.call('ledger.saveAs', { path: '光盘上的台账' });
    fake.backend.session.open(path.join(fake.backend.dir, '光盘上的台账.zgtz'), { readonly: true });
    renderWithLedger(<App />, fake);
    const banner = await screen.findByTestId('readonly-banner');
    expect(banner).toHaveTextContent('台账文件是只读的，可以查看，但不能修改。');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /另存为/ }));
    const input = await screen.findByRole('textbox', { name: '文件名' });
    await user.clear(input);
    await user.type(input, '可写副本{Enter}');
    await waitFor(() => expect(screen.queryByTestId('readonly-banner')).toBeNull());
    const saveAs = fake.calls.filter((c) => c.name === 'ledger.saveAs').map((c) => c.request);
    expect(saveAs).toEqual([{ path: '可写副本' }]);
    expect((await fake.backend.call('ledger.info', {})).path).toBe(path.join(fake.backend.dir, '可写副本.zgtz'));
  });

  it('is absent for a writable ledger', async () => {
    const fake = createFakeBridge({ kind: 'web' });
    cleanup = fake.backend.cleanup;
    await fake.backend.call('ledger.addSample', {});
    renderWithLedger(<App />, fake);
    expect(await screen.findByText('市委第三巡察组巡察反馈问题整改（示例）')).toBeInTheDocument();
    expect(screen.queryByTestId('readonly-banner')).toBeNull();
  });
});
