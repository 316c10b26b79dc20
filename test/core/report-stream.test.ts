import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unzipSync, strFromU8 } from 'fflate';
import { runAction } from '../../electron/core/ledger/actions';
import { updateProblem } from '../../electron/core/ledger/problems';
import { deleteMeasure } from '../../electron/core/ledger/measures';
import { listProblemDetails, problemDetailsOf } from '../../electron/core/ledger/views';
import { buildReport, reportStream, reportText } from '../../electron/core/report/model';
import { renderReport, reportTextFile } from '../../electron/core/report/render';
import { lintReport } from '../../electron/core/report/lint';
import { reportDocx, reportStreamDocx } from '../../electron/core/report/docx-writer';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDb } from '../../electron/core/db/open';
import { generateLedger } from '../bench/generate';
import { REPO_ROOT, tmpDir, tmpLedger } from '../helpers/ledger';
import { PUBLISHED_REPORT, importReport, initRound, readFixture } from '../helpers/report';

const AS_OF = '2025-02-21';
const documentXml = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['word/document.xml']!);

/**
 * The .docx export reads its problems a page at a time, in the order it prints them, and lints them as it
 * goes (at 100,000 problems holding them all was most of a gigabyte). Whatever the page size and whichever
 * problems are withheld or lack measures, it must print and lint exactly what the whole report (every
 * problem read at once, linted over the shown problems in ledger order) says, never asking for more than a
 * page of details at a time.
 */
describe('the report written page by page', () => {
  let t: ReturnType<typeof tmpLedger>;
  let roundId: number;
  beforeAll(() => {
    t = tmpLedger();
    initRound(t.db);
    roundId = importReport(t.db, readFixture(PUBLISHED_REPORT)).result.roundId;
  });
  afterAll(() => t.cleanup());

  it('previews the first paragraphs, says how many more the files have, and lints the whole report', () => {
    const options = { asOf: AS_OF, publicOnly: false };
    const whole = buildReport(t.db, roundId, options);
    const lines = reportText(whole).split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThan(200);
    for (const max of [1, 40, lines.length - 1, lines.length, lines.length + 5]) {
      const preview = renderReport(t.db, roundId, options, max);
      const shown = Math.min(max, lines.length);
      expect(preview.text).toBe(lines.slice(0, shown).join('\n') + '\n');
      expect(preview.omittedLines).toBe(lines.length - shown);
      expect(preview.lint).toEqual(lintReport(whole));
      expect(preview.figures).toEqual(whole.figures);
    }
  });

  it('is the whole report, for any page size, withheld problems and problems without measures', async () => {
    const all = listProblemDetails(t.db, roundId);
    expect(all).toHaveLength(63);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 70 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 62 }), { maxLength: 8 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 62 }), { maxLength: 3 }),
        fc.boolean(),
        async (pageSize, withheld, bare, publicOnly) => {
          const sp = t.db.raw.prepare('SAVEPOINT shape');
          sp.run();
          try {
            runAction(t.db, { source: 'edit', label: '调整' }, () => {
              for (const i of withheld) updateProblem(t.db, all[i]!.id, { public: false });
              for (const i of bare) for (const m of all[i]!.measures) deleteMeasure(t.db, m.id);
            });
            const options = { asOf: AS_OF, publicOnly };
            const whole = buildReport(t.db, roundId, options);
            const asked: number[][] = [];
            const stream = reportStream(t.db, roundId, options, (ids) => (asked.push([...ids]), problemDetailsOf(t.db, roundId, ids)), pageSize);
            const bytes = await reportStreamDocx(stream);

            expect(documentXml(bytes)).toBe(documentXml(await reportDocx(whole)));
            expect(stream.lint()).toEqual(lintReport(whole));
            expect(stream.shown).toEqual(whole.shown);
            expect(stream.figures).toEqual(whole.figures);
            // Every shown problem read once, never more than a page at a time, and the withheld not at all.
            expect(Math.max(...asked.map((a) => a.length))).toBeLessThanOrEqual(pageSize);
            expect(stream.heldAtMost()).toBeLessThanOrEqual(pageSize);
            expect(asked.flat().sort((a, b) => a - b)).toEqual(whole.problems.map((p) => p.id).sort((a, b) => a - b));
            if (bare.length) expect(stream.lint().filter((f) => f.code === 'NO_MEASURES').length).toBeGreaterThan(0);
            // The .txt file, made the same way, is the whole report's text.
            const txt = reportTextFile(t.db, roundId, options);
            expect(Buffer.from(txt.bytes).toString('utf8')).toBe(reportText(whole));
            expect(txt.outcome.lint).toEqual(lintReport(whole));
          } finally {
            t.db.raw.prepare('ROLLBACK TO shape').run();
            t.db.raw.prepare('RELEASE shape').run();
          }
        },
      ),
      { seed: 16, numRuns: 12 },
    );
  });
});

/**
 * Measured in a child (the command line under tsx, as `export --kind report` runs): a 30,000-problem report
 * (90,000 measures, a 100 MB document.xml) stays under 360 MB peak RSS; page by page it took 300 MB here,
 * read whole (its problems and blocks held) 417 MB. The bundled CLI at 100,000: 319 MB, read whole 1,026.
 */
describe('the report .docx of a generated 30,000-problem ledger', () => {
  const MB = 1024 * 1024;
  let t: ReturnType<typeof tmpDir>;
  let ledger: string;
  beforeAll(() => {
    t = tmpDir();
    ledger = path.join(t.dir, 'L.zgtz');
    const db = openDb(ledger, { create: true });
    try {
      generateLedger(db, 30_000);
    } finally {
      db.close();
    }
  }, 300_000);
  afterAll(() => t.cleanup());

  it('is written in bounded memory', () => {
    const out = path.join(t.dir, 'report.docx');
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/rss-command.ts'), 'export', ledger, '--kind', 'report', '--out', out, '--as-of', '2024-12-01', '--json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    const rss = Number(/RSS (\d+)/.exec(r.stderr)?.[1]);
    console.info(`[issue 16] report .docx of 30,000 problems: peak RSS ${(rss / MB).toFixed(0)} MB`);
    expect(JSON.parse(r.stdout).shown).toEqual({ general: 6000, specific: 24000, withheld: 0 });
    expect(strFromU8(unzipSync(new Uint8Array(fs.readFileSync(out)), { filter: (f) => f.name === 'word/document.xml' })['word/document.xml']!).match(/面上问题：/g)).toHaveLength(6000);
    expect(rss).toBeLessThan(360 * MB);
  }, 300_000);
});
