import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { startE2eApp, type E2eApp } from './harness';
import { tmpLedger } from '../helpers/ledger';
import { importFiles, listOf } from '../helpers/import';
import { generateLayout, sourceFromList, type LayoutSpec } from '../helpers/layouts';
import { ROLE_LABELS, type ColumnRole } from '../../shared/api/import';

/**
 * Issue 10: a master ledger whose header says nothing (列1…列9) is mapped by hand in the import page's
 * column list, every role being offered there, and imports as the published ledger.
 */
const SPEC: LayoutSpec = {
  category: 'column',
  code: 'dash',
  kind: 'code',
  measures: 'cell',
  problemCells: 'merged',
  status: 'phrase',
  headers: 'unknown',
  extras: false,
  shuffle: 0,
  headerRows: 1,
  preamble: false,
  measureNo: false,
};

describe('mapping a sheet with meaningless headers by hand in Chromium', () => {
  let app: E2eApp;
  let master: ReturnType<typeof listOf>;
  let file: string;
  let mapping: Record<number, ColumnRole | null>;
  beforeAll(async () => {
    const t = tmpLedger();
    try {
      await importFiles(t.db, ['整改台账-总表.xlsx']);
      master = listOf(t.db);
    } finally {
      t.cleanup();
    }
    app = await startE2eApp();
    const layout = generateLayout(sourceFromList(master), SPEC, 'unknown');
    mapping = layout.mapping;
    expect(Object.keys(mapping)).toHaveLength(9);
    file = path.join(app.dir, '整改台账-列1至列9.xlsx');
    fs.writeFileSync(file, layout.bytes);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('offers every role, takes the person’s choice for each of 列1…列9, and imports the published ledger', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('button', { name: /导入整改台账总表/ }).click();
    const section = page.getByTestId('excel-import');
    await section.locator('input[type=file]').setInputFiles(file);
    const preview = section.getByTestId('import-file');
    await preview.getByText('整改台账-列1至列9.xlsx').waitFor();
    const mappingTable = preview.getByTestId('import-mapping');
    if (!(await mappingTable.isVisible())) await preview.getByText(/^列的含义（/).click();
    await mappingTable.waitFor();

    for (const [col, role] of Object.entries(mapping)) {
      const letter = String.fromCharCode(64 + Number(col));
      const select = mappingTable.getByLabel(`${letter}列导入为`);
      await select.click();
      const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();
      // Every role is offered.
      if (col === '1') {
        for (const label of Object.values(ROLE_LABELS)) await dropdown.locator(`.ant-select-item-option[title="${label}"]`).waitFor({ state: 'attached' });
      }
      const label = role ? ROLE_LABELS[role] : '（不导入）';
      await dropdown.locator(`.ant-select-item-option[title="${label}"]`).click();
      await mappingTable.locator("tr", { hasText: `列${col}` }).locator(`.ant-select-content[title="${label}"]`).waitFor();
      await section.getByTestId('import-progress').waitFor({ state: 'detached' });
    }
    await preview.getByText('已按您的更正').waitFor();
    await preview.getByText('5 类 · 面上 22 · 具体 41 · 措施 205').waitFor();
    const importButton = section.getByRole('button', { name: '导入 1 个文件' });
    await expect.poll(() => importButton.isEnabled()).toBe(true);
    await mappingTable.scrollIntoViewIfNeeded();
    await app.screenshot('import-mapping-by-hand');

    await importButton.click();
    await page.getByTestId('import-batches').getByText('整改台账-列1至列9.xlsx').waitFor();
    const list = await app.service.call('problems.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const got = list.value as { code: string; text: string; status: string; measureCount?: number }[];
    expect(got.map((p) => [p.code, p.text, p.status])).toEqual(master.map((p) => [p.code, p.text, p.status]));
    expect(app.pageErrors).toEqual([]);
  });
});
