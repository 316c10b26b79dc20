import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { tmpService, type TmpService } from '../helpers/ledger';
import { PUBLISHED_REPORT, reportFixture } from '../helpers/report';
import { docxParagraphs } from '../../electron/core/report/docx-source';

const b64 = (file: string) => fs.readFileSync(file).toString('base64');

describe('the report operations of the service', () => {
  let s: TmpService;
  beforeEach(() => (s = tmpService()));
  afterEach(() => s.cleanup());

  it('previews without writing, then commits into the empty current round as one import batch', async () => {
    await s.call('rounds.create', { title: '巡察反馈问题整改' });
    const versionBefore = (await s.call('ledger.info', {})).version;
    const preview = await s.call('report.previewImport', { name: '公布.txt', base64: b64(PUBLISHED_REPORT) });
    expect(preview.counts).toEqual({ categories: 5, general: 22, specific: 41, measures: 205, generalCompleted: 20, specificCompleted: 33 });
    expect(preview.target.mode).toBe('fill');
    expect((await s.call('ledger.info', {})).version).toBe(versionBefore);

    const done = await s.call('report.commitImport', { name: '公布.txt', base64: b64(PUBLISHED_REPORT) });
    expect(done).toMatchObject({ categories: 5, problems: 63, measures: 205 });
    const info = await s.call('ledger.info', {});
    expect(info.roundId).toBe(done.roundId);
    expect(info.rounds).toHaveLength(1);
    expect(info.problemCount).toBe(63);
    const history = await s.call('history.ledger', { batchId: done.batchId, limit: 1 });
    expect(history[0]).toMatchObject({ source: 'import', label: '导入进展情况公布“公布.txt”', actor: '测试员' });
  });

  it('answers a report with errors with a Chinese message and leaves the ledger alone', async () => {
    await s.call('rounds.create', { title: '巡察反馈问题整改' });
    const r = await s.service.call('report.commitImport', { name: 'bad-structure.txt', base64: b64(reportFixture('bad-structure.txt')) });
    expect(r).toMatchObject({ ok: false, error: { code: 'REPORT_HAS_ERRORS', message: '“bad-structure.txt”有 2 处错误，未导入。请按预览中列出的位置改正后重新导入。' } });
    expect((await s.call('ledger.info', {})).problemCount).toBe(0);
  });

  it('refuses a request without a file name', async () => {
    const r = await s.service.call('report.previewImport', { name: '', base64: '' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('renders the text with figures and lint, and gives the .docx and .txt files to save', async () => {
    await s.call('report.commitImport', { name: 'v.txt', base64: b64(reportFixture('variant-guanyu.txt')) });
    const render = await s.call('report.render', { asOf: '2024-09-20' });
    expect(render.text.split('\n')[0]).toBe('中共城南县司法局党组关于县委第二巡察组反馈意见整改进展情况的通报');
    expect(render.figures.general).toMatchObject({ total: 3, dueInPeriod: 2, completedInPeriod: 2 });
    expect(render.lint).toEqual([]);
    expect(await s.call('report.lint', { asOf: '2024-09-20', public: true })).toEqual([]);

    const docx = await s.call('report.file', { asOf: '2024-09-20', format: 'docx' });
    expect(docx.fileName).toBe('巡察整改进展情况公布（内部版）2024-09-20.docx');
    expect(docxParagraphs(docx.fileName, Buffer.from(docx.base64, 'base64')).filter(Boolean).join('\n') + '\n').toBe(render.text);
    const txt = await s.call('report.file', { asOf: '2024-09-20', format: 'txt', public: true });
    expect(txt.fileName).toBe('巡察整改进展情况公布（社会公开版）2024-09-20.txt');
    const publicRender = await s.call('report.render', { asOf: '2024-09-20', public: true });
    expect(Buffer.from(txt.base64, 'base64').toString('utf8')).toBe(publicRender.text);
    const { text: _text, omittedLines, ...outcome } = publicRender;
    expect(omittedLines).toBe(0);
    expect(txt.outcome).toEqual(outcome);
    expect(docx.outcome).toEqual({ ...outcome, public: false, shown: render.shown, figures: render.figures, lint: render.lint, stated: render.stated });
  });

  it('asks for a round first when the ledger has none', async () => {
    const r = await s.service.call('report.render', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'NO_ROUND' } });
  });
});
