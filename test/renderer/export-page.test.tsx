import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import dayjs from 'dayjs';
import { strFromU8, unzipSync } from 'fflate';
import { ExportPage } from '../../renderer/pages/ExportPage';
import { call, setBridge } from '../../renderer/api';
import { renderWithLedger } from './render';
import { tmpDir } from '../helpers/ledger';
import { createFakeBridge } from '../helpers/fakeBridge';

/** What the page handed to the browser's download: file name and bytes. */
function captureDownloads() {
  const downloads: { name: string; size: number; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  URL.createObjectURL = vi.fn((b: Blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, b);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, size: blobs.get(this.href)!.size, blob: blobs.get(this.href)! });
  });
  return downloads;
}

describe('the export page in the browser host', () => {
  let cleanup: (() => void) | null = null;
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup?.();
    vi.restoreAllMocks();
  });

  it('exports the ledger workbook with the chosen layout and hands the file to the browser download', async () => {
    const downloads = captureDownloads();
    const r = renderWithLedger(<ExportPage />);
    cleanup = r.backend.cleanup;
    await act(() => call('ledger.addSample', {}));
    const user = userEvent.setup();
    await screen.findByRole('tab', { name: '台账总表' });
    await user.click(await screen.findByText(/全部措施写在同一单元格/));
    await user.type(screen.getByLabelText('填报单位'), '局办公室');
    await waitFor(() => expect(screen.getByTestId('export-preview')).toHaveTextContent('共 27 个问题、52 项措施，31 行。'));
    await user.click(screen.getByRole('button', { name: /导出台账总表/ }));
    const done = await screen.findByTestId('export-done', {}, { timeout: 10_000 });
    const today = dayjs().format('YYYY-MM-DD');
    const run = r.calls.find((c) => c.name === 'export.run')!;
    expect(run.request).toEqual({ kind: 'ledger', asOf: today, layout: 'cell', publicOnly: false, filler: '局办公室' });
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toBe(`市生态环境局党组巡察反馈问题整改台账-${today.replace(/-/g, '')}.xlsx`);
    // The same workbook as an export asked for directly: the same sheet (the files' own times may differ by a second).
    const again = await r.backend.call('export.run', { kind: 'ledger', asOf: today, layout: 'cell', filler: '局办公室' });
    const sheetOf = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    expect(sheetOf(new Uint8Array(await downloads[0]!.blob.arrayBuffer()))).toBe(sheetOf(new Uint8Array(Buffer.from(again.data!, 'base64'))));
    expect(done).toHaveTextContent(downloads[0]!.name);
    expect(done).toHaveTextContent('已交给浏览器下载');
    // The 填报单位 is remembered for next time.
    expect(localStorage.getItem('export.filler')).toBe('局办公室');
  });

  it('offers the lead units for return templates and zips several together', async () => {
    const downloads = captureDownloads();
    const r = renderWithLedger(<ExportPage />);
    cleanup = r.backend.cleanup;
    await act(() => call('ledger.addSample', {}));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: '回执模板' }));
    const select = await screen.findByLabelText('牵头单位');
    await user.click(select);
    await user.click(await screen.findByTitle('人事科（2）'));
    await user.click(await screen.findByTitle('机关党办（6）'));
    await waitFor(() => expect(screen.getAllByTestId('export-preview').at(-1)).toHaveTextContent('2 个单位、8 个问题。多个单位的模板打包为一个 .zip 文件。'));
    await user.click(screen.getByRole('button', { name: /导出回执模板/ }));
    await screen.findByTestId('export-done', {}, { timeout: 10_000 });
    expect(r.calls.find((c) => c.name === 'export.run')!.request).toMatchObject({ kind: 'returns', units: ['人事科', '机关党办'] });
    expect(downloads.map((d) => d.name)).toEqual([`整改进展回执模板-${dayjs().format('YYYYMMDD')}.zip`]);
  });

  it('shows the reason when an export fails, in Chinese', async () => {
    captureDownloads();
    const r = renderWithLedger(<ExportPage />);
    cleanup = r.backend.cleanup;
    await act(() => call('ledger.addSample', {}));
    // The unit loses its problems after the page listed it: the export says so instead of failing silently.
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: '回执模板' }));
    await user.click(await screen.findByLabelText('牵头单位'));
    await user.click(await screen.findByTitle('人事科（2）'));
    const list = await r.backend.call('problems.list', {});
    for (const p of list.filter((x) => x.leadUnit === '人事科')) await r.backend.call('problems.update', { id: p.id, patch: { leadUnit: '办公室' } });
    await user.click(screen.getByRole('button', { name: /导出回执模板/ }));
    await waitFor(() => expect(screen.getAllByText(/单位“人事科”没有牵头的问题/).length).toBeGreaterThan(0));
  });
});

describe('the export page in the desktop host', () => {
  it('asks for a place with the save dialog, writes there, and opens the file on request', async () => {
    const folder = tmpDir();
    const asked: { defaultName?: string; extensions?: string[] }[] = [];
    const opened: string[] = [];
    const fake = createFakeBridge({
      kind: 'electron',
      async pickFile(_mode, options) {
        asked.push(options ?? {});
        return path.join(folder.dir, options!.defaultName!);
      },
      async openExternal(file) {
        opened.push(file);
      },
    });
    const { backend, calls } = fake;
    try {
      await backend.call('ledger.addSample', {});
      renderWithLedger(<ExportPage />, fake);
      const user = userEvent.setup();
      await user.click(await screen.findByRole('tab', { name: '汇总表' }));
      await waitFor(() => expect(screen.getAllByTestId('export-preview').at(-1)).toHaveTextContent('文件名：'));
      await user.click(screen.getByRole('button', { name: /导出汇总表/ }));
      const done = await screen.findByTestId('export-done', {}, { timeout: 10_000 });
      expect(asked).toHaveLength(1);
      expect(asked[0]!.extensions).toEqual(['xlsx']);
      const file = path.join(folder.dir, asked[0]!.defaultName!);
      expect(fs.existsSync(file)).toBe(true);
      expect(done).toHaveTextContent(`保存在 ${file}`);
      await user.click(within(done).getByRole('button', { name: /打\s*开/ }));
      await waitFor(() => expect(opened).toEqual([file]));
      expect(calls.find((c) => c.name === 'export.run')!.request).toMatchObject({ kind: 'summary', path: file });
    } finally {
      setBridge(null);
      backend.cleanup();
      folder.cleanup();
    }
  });
});
