import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SettingsPage } from '../../renderer/pages/SettingsPage';
import { createFakeBridge } from '../helpers/fakeBridge';
import { tmpDir } from '../helpers/ledger';
import { renderWithLedger } from './render';

/** Issue 12: the browser's 打开台账 is a choice among the ledgers of the data folder, never a path to type. */
describe('打开台账 in the browser', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
    window.location.hash = '';
  });

  it('lists the ledgers of the data folder with size and time, and opens the one chosen by name', async () => {
    const fake = createFakeBridge({ kind: 'web' });
    cleanups.push(fake.backend.cleanup);
    const first = (await fake.backend.call('ledger.info', {})).path;
    await fake.backend.call('ledger.createNamed', { name: '2025年市委巡察整改' });
    await fake.backend.call('ledger.addSample', {});
    await fake.backend.call('ledger.open', { path: path.basename(first) });
    renderWithLedger(<SettingsPage />, fake);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '打开台账…' }));
    const dialog = await screen.findByRole('dialog', { name: '打开台账' });
    expect(within(dialog).getByText(fake.backend.dir)).toBeInTheDocument();
    // No path to type.
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    const row = (await within(dialog).findByText('2025年市委巡察整改')).closest('tr')!;
    const size = fs.statSync(path.join(fake.backend.dir, '2025年市委巡察整改.zgtz')).size;
    expect(row).toHaveTextContent(size < 1024 * 1024 ? `${Math.max(1, Math.round(size / 1024))} KB` : 'MB');
    expect(row.textContent).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    const current = within(dialog).getByText(path.basename(first, '.zgtz')).closest('tr')!;
    expect(current).toHaveTextContent('当前');
    expect(within(current).getByRole('button', { name: /打开/ })).toBeDisabled();
    await user.click(within(row).getByRole('button', { name: '打开 2025年市委巡察整改' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '打开台账' })).toBeNull());
    expect(fake.calls.filter((c) => c.name === 'ledger.open').map((c) => c.request)).toEqual([{ path: '2025年市委巡察整改.zgtz' }]);
    expect((await fake.backend.call('ledger.info', {})).path).toBe(path.join(fake.backend.dir, '2025年市委巡察整改.zgtz'));
  });

  it('says where the data folder is and how to put a ledger there when it holds none', async () => {
    const fake = createFakeBridge({ kind: 'web' });
    cleanups.push(fake.backend.cleanup);
    const elsewhere = tmpDir();
    cleanups.push(elsewhere.cleanup);
    const first = fake.backend.session.path();
    fake.backend.session.create(path.join(elsewhere.dir, '别处.zgtz'));
    for (const f of fs.readdirSync(fake.backend.dir)) if (f.startsWith(path.basename(first))) fs.rmSync(path.join(fake.backend.dir, f));
    renderWithLedger(<SettingsPage />, fake);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '打开台账…' }));
    const dialog = await screen.findByRole('dialog', { name: '打开台账' });
    expect(await within(dialog).findByText('数据文件夹中还没有台账文件。')).toBeInTheDocument();
    expect(dialog).toHaveTextContent(`数据文件夹是 ${fake.backend.dir}。要打开别处的台账（如同事发来、U盘中的 .zgtz 文件），请先用文件管理器把它复制到这个文件夹，再点“刷新”。`);
    // Put there, it appears on 刷新.
    fs.copyFileSync(path.join(elsewhere.dir, '别处.zgtz'), path.join(fake.backend.dir, '同事发来的.zgtz'));
    await user.click(within(dialog).getByRole('button', { name: /刷\s?新/ }));
    expect(await within(dialog).findByText('同事发来的')).toBeInTheDocument();
  });
});
