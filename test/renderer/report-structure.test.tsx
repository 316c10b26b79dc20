import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportImportSection } from '../../renderer/components/report/ReportImportSection';
import { renderWithLedger } from './render';
import { createFakeBridge } from '../helpers/fakeBridge';
import { StatsPage } from '../../renderer/pages/StatsPage';
import { ReportExportSection } from '../../renderer/components/report/ReportExportSection';
import { FIGURES_ONLY, MEETING_NOTICE, variants } from '../helpers/report-variants';

const fileOf = (text: string, name: string) => new File([new TextEncoder().encode(text)], name);
const input = (c: HTMLElement) => c.querySelector('input[type=file]') as HTMLInputElement;

describe('previewing reports read by their structure', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => cleanup?.());

  it('a report without results: counts per level, 未注明 said as such, lines it could not place listed by line', async () => {
    const r = renderWithLedger(<ReportImportSection />);
    cleanup = r.backend.cleanup;
    const v = variants().find((x) => x.name === 'no-results-paren-measures')!;
    const text = v.text.replace('二、巡察反馈问题整改落实情况', '二、巡察反馈问题整改落实情况\n局党组对照反馈意见逐条制定了整改措施。');
    await userEvent.setup().upload(input(r.container), fileOf(text, '无结果.txt'));
    const understood = await screen.findByTestId('report-understood');
    expect(within(understood).getByTestId('report-unstated')).toHaveTextContent('20 项措施报告中没有写明整改结果，状态记为“未注明”');
    expect(understood).toHaveTextContent('项（20 项未注明）');
    const unplaced = within(understood).getByTestId('report-unplaced');
    expect(unplaced).toHaveTextContent('第8行');
    expect(unplaced).toHaveTextContent('局党组对照反馈意见逐条制定了整改措施。');
  });

  it('a figures-only announcement: says so, shows the stated figures, and imports a round without problems', async () => {
    const r = renderWithLedger(<ReportImportSection />);
    cleanup = r.backend.cleanup;
    const user = userEvent.setup();
    await user.upload(input(r.container), fileOf(FIGURES_ONLY, '通报.txt'));
    expect(await screen.findByTestId('report-figures-only')).toHaveTextContent('这份通报只公布了总体数字，没有逐条列出问题');
    const stated = screen.getByTestId('report-stated');
    expect(stated).toHaveTextContent('已完成');
    expect(stated).toHaveTextContent('27');
    expect(stated).toHaveTextContent('整改完成率84.4%');
    await user.click(screen.getByRole('button', { name: '导 入' }));
    await waitFor(() => expect(r.calls.filter((c) => c.name === 'report.commitImport')).toHaveLength(1));
    expect((await r.backend.call('ledger.info', {})).problemCount).toBe(0);
  });

  it('an unrelated document is refused, saying what it looks like', async () => {
    const r = renderWithLedger(<ReportImportSection />);
    cleanup = r.backend.cleanup;
    await userEvent.setup().upload(input(r.container), fileOf(MEETING_NOTICE, '通知.txt'));
    expect(await screen.findByTestId('report-errors')).toHaveTextContent('这份文件像一份会议通知');
    expect(screen.getByRole('button', { name: '导 入' })).toBeDisabled();
  });
});

describe('the statistics page after importing a report', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => cleanup?.());

  it('shows the figures the report stated beside the computed ones, and 未注明 counted apart', async () => {
    const fake = createFakeBridge();
    cleanup = fake.backend.cleanup;
    await fake.backend.call('rounds.create', { title: '巡察反馈问题整改' });
    const v = variants().find((x) => x.name === 'no-results-paren-measures')!;
    const text = v.text.replace('二、巡察反馈问题整改落实情况', '二、巡察反馈问题整改落实情况\n截至目前，巡察反馈的9个问题，已完成整改7个、正在整改2个。');
    const base64 = Buffer.from(text).toString('base64');
    await fake.backend.call('report.commitImport', { name: '无结果.txt', base64 });
    renderWithLedger(<StatsPage />, fake);
    const stated = await screen.findByTestId('stats-stated');
    expect(within(stated).getAllByText('截至目前，巡察反馈的9个问题，已完成整改7个、正在整改2个。', { selector: 'span' })).toHaveLength(3);
    const rows = within(stated).getAllByRole('row').map((r) => r.textContent);
    expect(rows.some((t) => t!.startsWith('已完成70'))).toBe(true);
    expect(within(screen.getByTestId('cards-general')).getByText('未注明结果')).toBeInTheDocument();
  });
});

describe('the report export pre-check', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => cleanup?.());

  it('says where the figures the imported report stated differ from what the ledger computes', async () => {
    const fake = createFakeBridge();
    cleanup = fake.backend.cleanup;
    await fake.backend.call('rounds.create', { title: '巡察反馈问题整改' });
    await fake.backend.call('report.commitImport', { name: '通报.txt', base64: Buffer.from(FIGURES_ONLY).toString('base64') });
    renderWithLedger(<ReportExportSection />, fake);
    const differs = await screen.findByTestId('report-stated-differs');
    expect(differs).toHaveTextContent('已公布：已完成27个；台账计算：0个');
    expect(differs).toHaveTextContent('原文：截至2024年12月31日，巡察反馈32个问题，已完成整改27个、正在整改5个，整改完成率84.4%。');
    expect(screen.getByTestId('report-lint')).toHaveTextContent('没有“下一步工作打算”一节');
  });
});
