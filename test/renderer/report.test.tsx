import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import { act, screen, waitFor, within } from '@testing-library/react';
import { call } from '../../renderer/api';
import userEvent from '@testing-library/user-event';
import { ReportImportSection } from '../../renderer/components/report/ReportImportSection';
import { ReportExportSection } from '../../renderer/components/report/ReportExportSection';
import { renderWithLedger } from './render';
import { PUBLISHED_REPORT, reportFixture } from '../helpers/report';
import { createFakeBridge } from '../helpers/fakeBridge';
import { generateLedger } from '../bench/generate';
import { todayIso } from '../../shared/domain/dates';

function fileOf(path: string, name = path.split('/').pop()!): File {
  return new File([fs.readFileSync(path)], name);
}

function fileInput(container: HTMLElement): HTMLInputElement {
  return container.querySelector('input[type=file]') as HTMLInputElement;
}

describe('the report section of the import page', () => {
  let cleanupBackend: (() => void) | null = null;
  afterEach(() => cleanupBackend?.());

  it('shows what was understood and the lines to check, then imports the report as the current round', async () => {
    const r = renderWithLedger(<ReportImportSection />);
    cleanupBackend = r.backend.cleanup;
    await r.backend.call('rounds.create', { title: '巡察反馈问题整改' });
    const user = userEvent.setup();
    await user.upload(fileInput(r.container), fileOf(PUBLISHED_REPORT, '进展情况公布.txt'));

    const understood = await screen.findByTestId('report-understood');
    expect(within(understood).getByText('市委第五巡察组')).toBeInTheDocument();
    expect(within(understood).getByText('4个月，至 2024-11-24')).toBeInTheDocument();
    expect(within(understood).getByText('当前的空白轮次“巡察反馈问题整改”')).toBeInTheDocument();
    expect(within(understood).getByText('205')).toBeInTheDocument();
    expect(within(understood).getByText('（20 个已完成）')).toBeInTheDocument();
    const warnings = screen.getByTestId('report-warnings');
    expect(within(warnings).getAllByText('第10行：')).toHaveLength(2);
    expect(warnings).toHaveTextContent('集中整改期内应完成整改报告写19个、计算为16个');

    await user.click(screen.getByRole('button', { name: '导 入' }));
    await waitFor(async () => expect((await r.backend.call('ledger.info', {})).problemCount).toBe(63));
    expect(r.calls.filter((c) => c.name === 'report.commitImport')).toHaveLength(1);
    expect(await screen.findByText('点击选择或拖入进展情况公布文件')).toBeInTheDocument();
  });

  it('lists the errors with their lines and does not offer to import', async () => {
    const r = renderWithLedger(<ReportImportSection />);
    cleanupBackend = r.backend.cleanup;
    const user = userEvent.setup();
    await user.upload(fileInput(r.container), fileOf(reportFixture('bad-structure.txt')));
    const errors = await screen.findByTestId('report-errors');
    expect(within(errors).getByText('第3行：')).toBeInTheDocument();
    expect(within(errors).getByText('第11行：')).toBeInTheDocument();
    expect(errors).toHaveTextContent('编号重复');
    expect(screen.getByRole('button', { name: '导 入' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '取 消' }));
    expect(await screen.findByText('点击选择或拖入进展情况公布文件')).toBeInTheDocument();
    expect(r.calls.map((c) => c.name)).not.toContain('report.commitImport');
  });

  it('names the paragraph of a Word document, not a line', async () => {
    const r = renderWithLedger(<ReportImportSection />);
    cleanupBackend = r.backend.cleanup;
    const user = userEvent.setup();
    await user.upload(fileInput(r.container), fileOf(reportFixture('variant-word.docx')));
    const understood = await screen.findByTestId('report-understood');
    expect(within(understood).getByText('新建巡察轮次“市委第一巡察组巡察市统计局党组反馈问题整改”，并设为当前轮次')).toBeInTheDocument();
    expect(screen.queryByTestId('report-warnings')).toBeNull();
  });
});

describe('the report section of the export page', () => {
  let cleanupBackend: (() => void) | null = null;
  afterEach(() => {
    cleanupBackend?.();
    vi.restoreAllMocks();
  });

  it('previews the report with the figures of the statistics, switches to the public variant, and saves a .docx', async () => {
    const r = renderWithLedger(<ReportExportSection />);
    cleanupBackend = r.backend.cleanup;
    await r.backend.call('report.commitImport', { name: 'v.txt', base64: fs.readFileSync(reportFixture('variant-guanyu.txt')).toString('base64') });
    const problems = await r.backend.call('problems.list', {});
    await r.backend.call('problems.update', { id: problems.find((p) => p.code === '2-1')!.id, patch: { public: false } });
    const user = userEvent.setup();

    const date = screen.getByLabelText('公布截止日期');
    await user.clear(date);
    await user.type(date, '2024-09-20{Enter}');
    const preview = await screen.findByTestId('report-preview');
    await waitFor(() => expect(preview).toHaveTextContent('截至2024年9月20日，巡察反馈的3个面上问题'));
    const stats = await r.backend.call('stats.get', { asOf: '2024-09-20' });
    expect(preview).toHaveTextContent(`3个月集中整改期内应完成整改${stats.general.dueInPeriod}个，实际完成整改${stats.general.completedInPeriod}个`);
    expect(preview).toHaveTextContent('落实‘一岗双责’不到位');
    expect(screen.getByText('检查通过：没有会使报告出错的内容。')).toBeInTheDocument();

    await user.click(screen.getByText('社会公开版（不含不公开的问题）'));
    await waitFor(() => expect(screen.getByTestId('report-preview')).toHaveTextContent('巡察反馈的2个面上问题'));
    expect(screen.getByTestId('report-preview')).not.toHaveTextContent('落实‘一岗双责’不到位');
    expect(screen.getByText('社会公开版省略了 3 个标为不公开的问题，开头的数字只计入公开的问题。')).toBeInTheDocument();

    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (created.push(b as Blob), 'blob:report'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await user.click(screen.getByRole('button', { name: /保存 \.docx/ }));
    await screen.findByText('已生成 巡察整改进展情况公布（社会公开版）2024-09-20.docx');
    expect(clicked).toHaveBeenCalledTimes(1);
    expect(created[0]!.size).toBeGreaterThan(5000);
    expect(r.calls.find((c) => c.name === 'report.file')!.request).toEqual({ asOf: '2024-09-20', public: true, format: 'docx' });
  });

  it('previews a long report by its beginning and says that the files hold the rest', async () => {
    const fake = createFakeBridge();
    generateLedger(fake.backend.session.db(), 600);
    const r = renderWithLedger(<ReportExportSection />, fake);
    cleanupBackend = r.backend.cleanup;
    const omitted = await screen.findByTestId('report-preview-omitted', {}, { timeout: 20_000 });
    const full = await r.backend.call('report.render', { asOf: todayIso() });
    expect(full.omittedLines).toBeGreaterThan(0);
    expect(omitted).toHaveTextContent(`预览只显示开头 2,000 段，其余 ${full.omittedLines.toLocaleString('zh-CN')} 段未显示；保存的 .docx 和 .txt 包含全部内容`);
    expect(within(screen.getByTestId('report-preview')).getAllByText(/.+/, { selector: 'p' })).toHaveLength(2000);
  });

  it('lists what would make the report wrong before it is saved', async () => {
    const r = renderWithLedger(<ReportExportSection />);
    cleanupBackend = r.backend.cleanup;
    expect(await screen.findByText(/台账中还没有巡察轮次/)).toBeInTheDocument();
    await act(() => call('rounds.create', { title: '新轮次' }));
    const lint = await screen.findByTestId('report-lint');
    expect(lint).toHaveTextContent('轮次设置：没有填写巡察组或被巡察单位');
    expect(lint).toHaveTextContent('本轮次还没有问题，报告正文为空。');
  });
});
