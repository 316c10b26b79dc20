import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportPage } from '../../renderer/pages/ImportPage';
import { renderWithLedger } from './render';
import { sharedFixture } from '../helpers/ledger';
import { returnWorkbook } from '../fixtures/import/build';

const fixture = (name: string) => new File([fs.readFileSync(sharedFixture('workbooks', name))], name);

function excelInput(): HTMLInputElement {
  return screen.getByTestId('excel-import').querySelector('input[type=file]') as HTMLInputElement;
}

describe('the import page', () => {
  let cleanupBackend: (() => void) | null = null;
  afterEach(() => cleanupBackend?.());

  it('previews the master ledger, imports it, lists the batch and the units yet to return', async () => {
    const r = renderWithLedger(<ImportPage />);
    cleanupBackend = r.backend.cleanup;
    await r.backend.call('rounds.create', { title: '巡察反馈问题整改' });
    const user = userEvent.setup();
    await user.upload(excelInput(), fixture('整改台账-总表.xlsx'));

    const file = await screen.findByTestId('import-file', {}, { timeout: 20_000 });
    expect(within(file).getByText('整改台账-总表.xlsx')).toBeInTheDocument();
    expect(within(file).getByText('5 类 · 面上 22 · 具体 41 · 措施 205')).toBeInTheDocument();
    expect(within(file).getByText('新增 63')).toBeInTheDocument();
    expect(within(file).getByText('第3–4行')).toBeInTheDocument();
    expect(within(file).getByText('2024-08-20（取自填报日期）')).toBeInTheDocument();
    expect(within(screen.getByTestId('import-changes')).getByText('统筹推进依法治市不够有力。')).toBeInTheDocument();
    expect((await r.backend.call('ledger.info', {})).problemCount).toBe(0);

    await user.click(screen.getByRole('button', { name: '导入 1 个文件' }));
    await waitFor(async () => expect((await r.backend.call('ledger.info', {})).problemCount).toBe(63), { timeout: 20_000 });
    expect(r.calls.filter((c) => c.name === 'import.commit')).toHaveLength(1);
    // The page started the reader as it opened, before any file was chosen.
    expect(r.calls.map((c) => c.name)).toContain('import.warmup');
    expect(r.calls.findIndex((c) => c.name === 'import.warmup')).toBeLessThan(r.calls.findIndex((c) => c.name === 'import.preview'));
    const batches = await screen.findByTestId('import-batches');
    await waitFor(() => expect(within(batches).getByText('整改台账-总表.xlsx')).toBeInTheDocument());
    const status = await screen.findByTestId('returns-status');
    expect(status).toHaveTextContent('已报送 0 / 18 个牵头单位');
    expect(within(status).getByText('政治部（8 个问题）')).toBeInTheDocument();
  });

  it('lists each error with its sheet, row and column, and does not offer to import', async () => {
    const r = renderWithLedger(<ImportPage />);
    cleanupBackend = r.backend.cleanup;
    await r.backend.call('import.commit', { files: [{ name: '整改台账-总表.xlsx', data: fs.readFileSync(sharedFixture('workbooks', '整改台账-总表.xlsx')).toString('base64') }] });
    const user = userEvent.setup();
    await user.upload(excelInput(), fixture('bad-dates-and-statuses.xlsx'));
    const errors = await screen.findByTestId('import-errors', {}, { timeout: 20_000 });
    expect(within(errors).getByText('工作表“Sheet” 第2行 C列：')).toBeInTheDocument();
    expect(within(errors).getByText('工作表“Sheet” 第4行 D列：')).toBeInTheDocument();
    expect(errors).toHaveTextContent('无法识别的完成状态“OK”');
    // Row 3's 明年上半年 is kept as written since issue 13's one deadline rule: 4 errors, not 5.
    expect(screen.getByRole('button', { name: '有 4 处错误，不能导入' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '取 消' }));
    await waitFor(() => expect(screen.queryByTestId('import-file')).not.toBeInTheDocument());
    expect(r.calls.map((c) => c.name)).not.toContain('import.commit');
  });

  it('offers to skip the rows with errors, saves them as a workbook, and imports the rest when asked', async () => {
    const r = renderWithLedger(<ImportPage />);
    cleanupBackend = r.backend.cleanup;
    await r.backend.call('import.commit', { files: [{ name: '整改台账-总表.xlsx', data: fs.readFileSync(sharedFixture('workbooks', '整改台账-总表.xlsx')).toString('base64') }] });
    const bytes = returnWorkbook(
      ['编号', '整改时限', '完成状态', '整改进展'],
      [
        ['2-3', '2024年12月31日', '正在推进', '已召开专题会议'],
        ['2-5', '2024-13-45', '差不多了', '写错的行'],
        ['5-1', null, '已完成', '已全部完成'],
      ],
      {},
      [['填报单位：政治部    填报日期：2024年12月1日']],
    );
    const user = userEvent.setup();
    await user.upload(excelInput(), new File([new Uint8Array(bytes)], '回执-部分有错.xlsx'));
    const skip = await screen.findByRole('button', { name: '跳过有错误的行，导入其余 2 行' }, { timeout: 20_000 });
    expect(screen.getByRole('button', { name: '有 2 处错误，不能导入' })).toBeDisabled();
    const file = screen.getByTestId('import-file');
    expect(file).toHaveTextContent('有错误的行：第 4 行起的 1 个问题');

    await user.click(within(file).getByRole('button', { name: '将有错误的行另存为工作簿' }));
    await waitFor(() => expect(r.calls.map((c) => c.name)).toContain('import.badRowsWorkbook'));
    const saved = await r.backend.call('import.badRowsWorkbook', { file: { name: '回执-部分有错.xlsx', data: Buffer.from(bytes).toString('base64') }, rows: [4] });
    expect(saved.fileName).toBe('回执-部分有错-有错误的行.xlsx');

    await user.click(skip);
    await waitFor(async () => {
      const list = await r.backend.call('problems.list', {});
      expect(list.find((p) => p.code === '5-1')!.status).toBe('已完成');
    }, { timeout: 20_000 });
    const commit = r.calls.find((c) => c.name === 'import.commit' && (c.request as { skipBadRows?: boolean }).skipBadRows);
    expect(commit).toBeTruthy();
  });

  it('lets the person say what an unknown column is, previews again, and undoes the import from the list', async () => {
    const r = renderWithLedger(<ImportPage />);
    cleanupBackend = r.backend.cleanup;
    await r.backend.call('import.commit', { files: [{ name: '整改台账-总表.xlsx', data: fs.readFileSync(sharedFixture('workbooks', '整改台账-总表.xlsx')).toString('base64') }] });
    const bytes = returnWorkbook(['编号', '具体问题', '工作推进'], [['5-1', '领导班子自身建设存在不足。', '已召开民主生活会']], {}, [['填报单位：政治部    填报日期：2024年12月1日']]);
    const user = userEvent.setup();
    await user.upload(excelInput(), new File([new Uint8Array(bytes)], '回执-政治部1201.xlsx'));
    const file = await screen.findByTestId('import-file', {}, { timeout: 20_000 });
    expect(within(file).getByText('未变 1')).toBeInTheDocument();
    await user.click(within(file).getByText(/列的含义（2\/3 列导入）/));
    const select = within(file).getByRole('combobox', { name: 'C列导入为' });
    await user.click(select);
    await user.click(await screen.findByTitle('整改进展'));
    await waitFor(() => expect(within(screen.getByTestId('import-file')).getByText('更新 1')).toBeInTheDocument(), { timeout: 20_000 });
    const lastPreview = r.calls.filter((c) => c.name === 'import.preview').at(-1)!.request as { files: { mapping?: Record<string, string | null> }[] };
    expect(lastPreview.files[0]!.mapping).toEqual({ '1': 'code', '2': 'text', '3': 'progress' });

    await user.click(screen.getByRole('button', { name: '导入 1 个文件' }));
    const batches = await screen.findByTestId('import-batches');
    await waitFor(() => expect(within(batches).getByText('回执-政治部1201.xlsx')).toBeInTheDocument(), { timeout: 20_000 });
    const row = within(batches).getByText('回执-政治部1201.xlsx').closest('tr')!;
    await user.click(within(row as HTMLElement).getByRole('button', { name: '撤 销' }));
    const confirm = (await screen.findByText('台账将恢复到这次导入之前。')).closest('.ant-popover') as HTMLElement;
    await user.click(within(confirm).getByRole('button', { name: '撤 销' }));
    await waitFor(async () => {
      const list = await r.backend.call('import.batches', {});
      expect(list[0]).toMatchObject({ fileName: '回执-政治部1201.xlsx', undoneAt: expect.any(String) });
    });
    expect(within(batches).getAllByText('已撤销')).toHaveLength(1);
  });
});
