import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportTextsTab } from '../../renderer/components/settings/ReportTextsTab';
import { renderWithLedger } from './render';
import { createFakeBridge } from '../helpers/fakeBridge';
import { PUBLISHED_REPORT } from '../helpers/report';

describe('the report texts tab (设置 → 公布材料)', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => cleanup?.());

  it('shows the sections read from the published report, and saves an edit that the written report then uses', async () => {
    const fake = createFakeBridge();
    cleanup = fake.backend.cleanup;
    await fake.backend.call('rounds.create', { title: '巡察反馈问题整改' });
    await fake.backend.call('report.commitImport', { name: '公布.txt', base64: fs.readFileSync(PUBLISHED_REPORT).toString('base64') });
    const before = (await fake.backend.call('ledger.info', {})).round!.reportTexts;
    renderWithLedger(<ReportTextsTab />, fake);

    const heading = await screen.findByDisplayValue('党组及主要负责人组织整改落实情况');
    expect(screen.getByDisplayValue('巩固和深化巡察整改的工作打算')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.clear(heading);
    await user.type(heading, '党组组织整改落实情况');
    await user.click(screen.getByRole('button', { name: /保存公布材料文字/ }));

    await waitFor(async () => {
      const after = (await fake.backend.call('ledger.info', {})).round!.reportTexts;
      expect(after['before.1.heading']).toBe('党组组织整改落实情况');
    });
    const after = (await fake.backend.call('ledger.info', {})).round!.reportTexts;
    // Keys the tab does not edit survive, and the unchanged sections are kept word for word.
    for (const key of Object.keys(before).filter((k) => k !== 'before.1.heading')) expect(after[key]).toBe(before[key]);
    const text = (await fake.backend.call('report.render', { asOf: '2025-02-21' })).text;
    expect(text).toContain('一、党组组织整改落实情况');
  });
});
