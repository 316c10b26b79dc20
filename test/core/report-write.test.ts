import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { runAction } from '../../electron/core/ledger/actions';
import { updateRound } from '../../electron/core/ledger/rounds';
import { findProblemByCode, setProblemStatus, updateProblem } from '../../electron/core/ledger/problems';
import { addMeasure, deleteMeasure, updateMeasure } from '../../electron/core/ledger/measures';
import { listProblemDetails } from '../../electron/core/ledger/views';
import { statsFor } from '../../electron/core/stats';
import { buildReport, deadlineText, reportText } from '../../electron/core/report/model';
import { lintReport } from '../../electron/core/report/lint';
import { reportDocx } from '../../electron/core/report/docx-writer';
import { docxParagraphs } from '../../electron/core/report/docx-source';
import { headlineText, introText } from '../../electron/core/report/phrases';
import { runCli } from '../../electron/cli';
import { tmpDir, tmpLedger } from '../helpers/ledger';
import { PUBLISHED_REPORT, importReport, initRound, readFixture, reportFixture } from '../helpers/report';
import type { Figures } from '../../shared/domain/stats';

const AS_OF = '2025-02-21';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('round trip: report → ledger → report → new ledger', () => {
  let t: ReturnType<typeof tmpDir>;
  beforeAll(() => (t = tmpDir()));
  afterAll(() => t.cleanup());

  it.each(['txt', 'docx'])('through .%s, cli list --json is equal (codes, texts, measures, deadlines, statuses)', async (ext) => {
    const first = path.join(t.dir, `first-${ext}.zgtz`);
    const second = path.join(t.dir, `second-${ext}.zgtz`);
    const written = path.join(t.dir, `report.${ext}`);
    await cli('init', first);
    expect((await cli('import', first, PUBLISHED_REPORT)).code).toBe(0);
    expect((await cli('export', first, '--kind', 'report', '--out', written, '--as-of', AS_OF)).code).toBe(0);
    await cli('init', second);
    const imported = JSON.parse((await cli('import', second, written, '--json')).out);
    // Our own report ties out with its detail: no warnings at all on the way back.
    expect(imported.files[0].warnings).toEqual([]);
    const a = (await cli('list', first, '--json')).out;
    const b = (await cli('list', second, '--json')).out;
    expect(JSON.parse(b)).toHaveLength(63);
    expect(b).toBe(a);
  });

  it('the variants round-trip too', async () => {
    for (const name of ['variant-guanyu.txt', 'variant-fullwidth-gbk.txt', 'variant-word.docx']) {
      const first = path.join(t.dir, `v1-${name}.zgtz`);
      const second = path.join(t.dir, `v2-${name}.zgtz`);
      const written = path.join(t.dir, `v-${name}.txt`);
      await cli('init', first);
      await cli('import', first, reportFixture(name));
      await cli('export', first, '--kind', 'report', '--out', written, '--as-of', '2025-03-01');
      await cli('init', second);
      expect((await cli('import', second, written)).code).toBe(0);
      expect((await cli('list', second, '--json')).out).toBe((await cli('list', first, '--json')).out);
    }
  });
});

describe('the written report', () => {
  let t: ReturnType<typeof tmpLedger>;
  let roundId: number;
  beforeAll(() => {
    t = tmpLedger();
    initRound(t.db);
    roundId = importReport(t.db, readFixture(PUBLISHED_REPORT)).result.roundId;
  });
  afterAll(() => t.cleanup());

  it('states the headline figures of statsFor for the same date, in the published phrasing', () => {
    const model = buildReport(t.db, roundId, { asOf: AS_OF, publicOnly: false });
    const text = reportText(model);
    const s = statsFor(t.db, roundId, AS_OF);
    const g = s.general;
    expect(text).toContain(
      `截至2025年2月21日，巡察反馈的${g.total}个面上问题，4个月集中整改期内应完成整改${g.dueInPeriod}个，实际完成整改${g.completedInPeriod}个，` +
        `未完成整改${g.dueInPeriod - g.completedInPeriod}个，阶段性整改率为${g.rateInPeriod}%；4个月集中整改期外${g.outOfPeriod}个面上问题，` +
        `已完成整改${g.completedOutOfPeriod}个，正稳步推进${g.outOfPeriod - g.completedOutOfPeriod}个。`,
    );
    expect([g.total, g.dueInPeriod, g.completedInPeriod, g.rateInPeriod]).toEqual([22, 16, 15, 93.8]);
    expect(text).toContain(`巡察反馈的41个具体问题，4个月集中整改期内应完成整改29个，实际完成整改26个，未完成整改3个，阶段性整改率为89.7%`);
  });

  it('opens with the title, the intro from the round settings, and ends with contact, signer and date', () => {
    const lines = reportText(buildReport(t.db, roundId, { asOf: AS_OF, publicOnly: false })).trimEnd().split('\n');
    expect(lines[0]).toBe('中共绵阳市司法局党组关于巡察整改进展情况的通报');
    expect(lines[1]).toBe(
      '根据市委统一部署，2024年5月7日至6月7日，市委第五巡察组对市司法局党组开展了巡察。7月24日，市委第五巡察组向市司法局党组反馈了巡察意见。按照巡察整改公开工作有关要求，现将集中整改进展情况予以公布。',
    );
    expect(lines[2]).toBe('一、党组及主要负责人组织整改落实情况');
    expect(lines.slice(-3).map((l) => l.slice(0, 10))).toEqual(['欢迎广大干部群众对巡', '中共绵阳市司法局党组', '2025年2月21日']);
    expect(lines).toContain('（二）反馈问题：担当作为、攻坚克难不够,重点工作推进不力');
    expect(lines).toContain('整改结果：第一二三五项完成整改;第四项未完成整改。');
    expect(lines.filter((l) => l.startsWith('整改情况：'))).toHaveLength(63);
  });

  it('the public variant leaves out a withheld problem, renumbers, and counts only what it shows', () => {
    const withheld = findProblemByCode(t.db, roundId, '2-2')!;
    runAction(t.db, { source: 'edit', label: '不公开' }, () => updateProblem(t.db, withheld.id, { public: false }));
    try {
      const internal = reportText(buildReport(t.db, roundId, { asOf: AS_OF, publicOnly: false }));
      const model = buildReport(t.db, roundId, { asOf: AS_OF, publicOnly: true });
      const text = reportText(model);
      // 2-2 and its two specific problems are gone, with nothing that mentions them.
      expect(model.shown).toEqual({ general: 21, specific: 39, withheld: 3 });
      for (const code of ['2-2', '2-2-1', '2-2-2']) {
        const p = findProblemByCode(t.db, roundId, code)!;
        expect(internal).toContain(p.text);
        expect(text).not.toContain(p.text);
      }
      // Category (二) now runs 1, 2, 3, 4 with no gap where 2 was.
      const second = text.slice(text.indexOf('（二）反馈问题'), text.indexOf('（三）反馈问题'));
      expect([...second.matchAll(/^(\d+)\.面上问题/gm)].map((m) => m[1])).toEqual(['1', '2', '3', '4']);
      const s = statsFor(t.db, roundId, AS_OF, { publicOnly: true });
      expect(model.figures).toEqual({ general: s.general, specific: s.specific });
      expect([s.general.total, s.specific.total]).toEqual([21, 39]);
      expect(text).toContain(`巡察反馈的21个面上问题，4个月集中整改期内应完成整改${s.general.dueInPeriod}个`);
      expect(text).toContain('巡察反馈的39个具体问题');
      expect(text).not.toContain('22个面上问题');
    } finally {
      runAction(t.db, { source: 'edit', label: '公开' }, () => updateProblem(t.db, withheld.id, { public: true }));
    }
  });

  it('the report of the fixture ledger has nothing to lint', () => {
    expect(lintReport(buildReport(t.db, roundId, { asOf: AS_OF, publicOnly: false }))).toEqual([]);
  });

  it('writes a .docx whose text holds the same paragraphs and the headline figures', async () => {
    const model = buildReport(t.db, roundId, { asOf: AS_OF, publicOnly: false });
    const bytes = await reportDocx(model);
    const paragraphs = docxParagraphs('r.docx', bytes).filter(Boolean);
    expect(paragraphs.join('\n') + '\n').toBe(reportText(model));
  });
});

describe('the .docx layout (GB/T 9704)', () => {
  let xml: Record<string, string>;
  beforeAll(async () => {
    const t = tmpLedger();
    initRound(t.db);
    const { result } = importReport(t.db, readFixture(reportFixture('variant-guanyu.txt')));
    const bytes = await reportDocx(buildReport(t.db, result.roundId, { asOf: '2024-09-20', publicOnly: false }));
    xml = Object.fromEntries(Object.entries(unzipSync(bytes)).filter(([n]) => n.endsWith('.xml')).map(([n, b]) => [n, strFromU8(b)]));
    t.cleanup();
  });

  it('is A4 with margins of 37, 35, 28 and 26 mm', () => {
    const doc = xml['word/document.xml']!;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = doc.match(/<w:pgMar [^>]*>/)![0];
    expect(margin).toContain('w:top="2098"');
    expect(margin).toContain('w:bottom="1984"');
    expect(margin).toContain('w:left="1587"');
    expect(margin).toContain('w:right="1474"');
  });

  it('sets the body in 三号 仿宋_GB2312 on an exact 28.95 pt line, squeezed to 28 characters a line', () => {
    const doc = xml['word/document.xml']!;
    const spacings = [...doc.matchAll(/<w:pPr><w:spacing ([^/]*)\/>/g)].map((m) => m[1]!.split(' ').sort().join(' '));
    expect(spacings.length).toBeGreaterThan(40);
    expect(new Set(spacings)).toEqual(new Set(['w:after="0" w:before="0" w:line="579" w:lineRule="exact"']));
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toContain('<w:sz w:val="32"/>');
    expect(doc).toContain('<w:spacing w:val="-5"/>');
  });

  it('uses 方正小标宋简体 二号 for the title, 黑体 and 楷体 for the two heading levels', () => {
    const doc = xml['word/document.xml']!;
    const title = doc.slice(doc.indexOf('<w:p>'), doc.indexOf('</w:p>'));
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(doc).toMatch(/w:eastAsia="黑体"[^]*?一、整改工作组织情况/);
    expect(doc).toMatch(/w:eastAsia="楷体_GB2312"[^]*?（一）反馈问题：贯彻落实上级决策部署不到位/);
  });

  it('names fallbacks for the standard fonts in its font table', () => {
    const fonts = xml['word/fontTable.xml']!;
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
  });

  it('numbers pages "— 1 —", odd pages on the right and even pages on the left', () => {
    expect(xml['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const footers = Object.entries(xml).filter(([n]) => /word\/footer\d+\.xml/.test(n)).map(([, x]) => x);
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toMatch(/— <\/w:t>[^]*PAGE[^]*> —<\/w:t>/);
    }
    expect(footers.map((f) => f.match(/<w:jc w:val="(\w+)"/)![1]).sort()).toEqual(['left', 'right']);
  });
});

const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasSoffice)('the .docx in LibreOffice', () => {
  it('converts to an A4 PDF whose text holds the headline figures of cli stats --json', async () => {
    const t = tmpDir();
    try {
      const ledger = path.join(t.dir, 'l.zgtz');
      const docx = path.join(t.dir, 'report.docx');
      await cli('init', ledger);
      await cli('import', ledger, PUBLISHED_REPORT);
      expect((await cli('export', ledger, '--kind', 'report', '--out', docx, '--as-of', AS_OF)).code).toBe(0);
      const profile = `file://${path.join(t.dir, 'lo-profile')}`;
      execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', t.dir, docx], { stdio: 'ignore', timeout: 120_000 });
      const pdf = path.join(t.dir, 'report.pdf');
      expect(fs.existsSync(pdf)).toBe(true);
      expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().replace(/\s+/g, '');
      const stats = JSON.parse((await cli('stats', ledger, '--as-of', AS_OF, '--json')).out) as { general: Figures; specific: Figures };
      for (const [noun, f] of [['面上问题', stats.general], ['具体问题', stats.specific]] as const) {
        expect(text).toContain(`巡察反馈的${f.total}个${noun}，4个月集中整改期内应完成整改${f.dueInPeriod}个，实际完成整改${f.completedInPeriod}个`);
        expect(text).toContain(`阶段性整改率为${f.rateInPeriod}%；4个月集中整改期外${f.outOfPeriod}个${noun}，已完成整改${f.completedOutOfPeriod}个`);
      }
      expect(text).toContain('—1—');
    } finally {
      t.cleanup();
    }
  });
});

describe('lint before writing', () => {
  it('lists problems without measures, completed problems with open measures, unparsed deadlines and missing settings', () => {
    const t = tmpLedger();
    try {
      initRound(t.db);
      const roundId = importReport(t.db, readFixture(reportFixture('variant-guanyu.txt'))).result.roundId;
      const id = (code: string) => findProblemByCode(t.db, roundId, code)!.id;
      runAction(t.db, { source: 'edit', label: '改' }, () => {
        for (const m of listProblemDetails(t.db, roundId).find((p) => p.code === '1-2')!.measures) deleteMeasure(t.db, m.id);
        setProblemStatus(t.db, id('2-1'), '已完成', { source: 'manual', reason: '领导要求' });
        updateProblem(t.db, id('1-1-2'), { deadline: { raw: '尽快完成', kind: 'text' } }); // kept as text, as a person confirms it (issue 13)
        updateRound(t.db, roundId, { feedbackDate: null, periodEnd: null });
      });
      const lint = lintReport(buildReport(t.db, roundId, { asOf: '2024-09-20', publicOnly: false }));
      expect(lint.map((f) => [f.code, f.where])).toEqual([
        ['NO_FEEDBACK_DATE', '轮次设置'],
        ['NO_PERIOD_END', '轮次设置'],
        ['UNPARSED_DEADLINE', '1-1-2'],
        ['NO_MEASURES', '1-2'],
        ['COMPLETED_WITH_OPEN_MEASURES', '2-1'],
      ]);
      expect(lint.find((f) => f.code === 'COMPLETED_WITH_OPEN_MEASURES')!.message).toContain('第2项措施尚未完成');
    } finally {
      t.cleanup();
    }
  });
});

describe('what the report prints for a problem', () => {
  it('prints the deadline text as written while the measures agree with it, and rebuilds it when they do not', () => {
    const t = tmpLedger();
    try {
      initRound(t.db);
      const roundId = importReport(t.db, readFixture(PUBLISHED_REPORT)).result.roundId;
      const detail = () => listProblemDetails(t.db, roundId).find((p) => p.code === '2-2-1')!;
      expect(deadlineText(detail())).toBe('第一二三五项2024年11月20日前完成整改;第四项待省上出台政策后,按相关程序推动出台。');
      runAction(t.db, { source: 'edit', label: '改' }, () => {
        updateMeasure(t.db, detail().measures[4]!.id, { deadline: { raw: '2025年6月30日前完成整改' } });
        addMeasure(t.db, detail().id, { text: '新增措施', status: '正在推进' });
      });
      expect(deadlineText(detail())).toBe('第一二三项2024年11月20日前完成整改;第四项待省上出台政策后,按相关程序推动出台;第五项2025年6月30日前完成整改');
      const lint = lintReport(buildReport(t.db, roundId, { asOf: AS_OF, publicOnly: false }));
      expect(lint.map((f) => [f.code, f.where])).toEqual([['MEASURE_NO_DEADLINE', '2-2-1 第6项']]);
    } finally {
      t.cleanup();
    }
  });
});

describe('phrases', () => {
  const round = {
    id: 1, title: '', inspectingBody: '省委第三巡视组', inspectedOrg: '某厅党组', inspectionStart: '2023-11-20', inspectionEnd: '2024-01-19',
    feedbackDate: '2024-03-08', periodEnd: '2024-06-08', periodLabel: '3个月', contactLine: '', longTermCountsCompleted: false, reportTexts: {}, createdAt: '',
    kind: '巡察' as const, originRoundId: null, cycleRule: { kind: 'none' as const },
  };
  const f = (o: Partial<Figures>): Figures => ({ total: 0, completed: 0, dueInPeriod: 0, completedInPeriod: 0, rateInPeriod: 0, outOfPeriod: 0, completedOutOfPeriod: 0, overdue: 0, unstated: 0, ...o });

  it('the intro writes 巡视 for a 巡视组 and repeats a year only when it changes', () => {
    expect(introText(round)).toBe(
      '根据省委统一部署，2023年11月20日至2024年1月19日，省委第三巡视组对某厅党组开展了巡视。3月8日，省委第三巡视组向某厅党组反馈了巡视意见。按照巡视整改公开工作有关要求，现将集中整改进展情况予以公布。',
    );
  });

  it('the intro says nothing about what the settings do not know', () => {
    expect(introText({ ...round, inspectionStart: null, feedbackDate: null, inspectingBody: '第二巡察组' })).toBe(
      '第二巡察组对某厅党组开展了巡察。第二巡察组向某厅党组反馈了巡察意见。按照巡察整改公开工作有关要求，现将集中整改进展情况予以公布。',
    );
  });

  it('the headline leaves out parts with nothing in them, and a kind with no problems', () => {
    expect(headlineText(round, '2024-06-30', f({ total: 3, dueInPeriod: 3, completedInPeriod: 3, rateInPeriod: 100 }), f({}))).toBe(
      '截至2024年6月30日，巡视反馈的3个面上问题，3个月集中整改期内应完成整改3个，实际完成整改3个，阶段性整改率为100%。',
    );
    expect(headlineText(round, '2024-06-30', f({ total: 2, outOfPeriod: 2 }), f({}))).toBe('截至2024年6月30日，巡视反馈的2个面上问题；3个月集中整改期外2个面上问题，正稳步推进2个。');
  });
});
