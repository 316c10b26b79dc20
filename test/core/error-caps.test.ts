import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { runCli } from '../../electron/cli';
import { REPO_ROOT, tmpDir, tmpService } from '../helpers/ledger';
import { withTrailingRows, type EmptyShape } from '../helpers/trailing-rows';
import ExcelJS from 'exceljs';

/**
 * Issue 12, finding 7: error lists are capped per file, trailing rows without content are blank, and a
 * return of 1,048,576 rows previews in bounded memory with a small answer.
 */
const quiet = { out: () => {}, err: () => {} };
const LAST_ROW = 1_048_576;
const MB = 1024 * 1024;

describe('error lists and blank rows', () => {
  let t: ReturnType<typeof tmpDir>;
  let ledger: string;
  let template: Buffer;
  beforeAll(async () => {
    t = tmpDir();
    ledger = path.join(t.dir, 'L.zgtz');
    expect(await runCli(['init', ledger, '--sample'], quiet)).toBe(0);
    const dir = path.join(t.dir, 'r');
    expect(await runCli(['export', ledger, '--kind', 'returns', '--out', dir, '--unit', '人事科'], quiet)).toBe(0);
    template = fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]!));
  });
  afterAll(() => t.cleanup());

  it('lists at most 200 errors per file, then says how many more', async () => {
    // A return with 1,000 rows of text that matches nothing in the ledger: 1,000 real errors.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as never);
    const ws = wb.worksheets[0]!;
    const start = ws.rowCount + 1;
    for (let i = 0; i < 1000; i++) ws.getRow(start + i).values = [`9-${i + 1}`, `台账里没有的问题 ${i}`, '', '', '', '', '正在推进'];
    const s = tmpService();
    try {
      await s.call('ledger.addSample', {});
      const preview = await s.call('import.preview', { files: [{ name: '回执.xlsx', data: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), kind: 'return' }] });
      const errors = preview.files[0]!.errors;
      expect(errors.length).toBe(201);
      expect(errors.at(-1)!.message).toMatch(/^另有 \d+ 行同样的问题/);
      const more = Number(/另有 (\d+) 行/.exec(errors.at(-1)!.message)![1]);
      expect(200 + more).toBeGreaterThanOrEqual(1000);
    } finally {
      s.cleanup();
    }
  });

  for (const shape of ['invisible', 'mixed'] as EmptyShape[]) {
    it(`trailing rows without content (${shape}, down to row 1,048,576) are blank: no errors, the real rows read`, async () => {
      const bytes = withTrailingRows(template, LAST_ROW, shape);
      const s = tmpService();
      try {
        await s.call('ledger.addSample', {});
        const preview = await s.call('import.preview', { files: [{ name: '回执.xlsx', data: Buffer.from(bytes).toString('base64'), kind: 'return' }] });
        expect(preview.files[0]!.errors).toEqual([]);
        expect(preview.files[0]!.rows).toBeLessThan(50);
        expect(JSON.stringify(preview).length).toBeLessThan(1 * MB);
      } finally {
        s.cleanup();
      }
    }, 180_000);
  }
});

/**
 * The peak memory (RSS) of these previews, measured by the process that previews (a child: the command
 * line, or a web host), its reading worker included: under 300 MB, the answer under 1 MB.
 */
const RSS_LIMIT = 300 * MB;
describe('a 1,048,576-row return previews with a small answer', () => {
  let t: ReturnType<typeof tmpDir>;
  let ledger: string;
  let big: string;
  beforeAll(async () => {
    t = tmpDir();
    ledger = path.join(t.dir, 'L.zgtz');
    expect(await runCli(['init', ledger, '--sample'], quiet)).toBe(0);
    const dir = path.join(t.dir, 'r');
    expect(await runCli(['export', ledger, '--kind', 'returns', '--out', dir, '--unit', '人事科'], quiet)).toBe(0);
    big = path.join(t.dir, '回执-大.xlsx');
    fs.writeFileSync(big, withTrailingRows(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]!)), LAST_ROW, 'invisible'));
  });
  afterAll(() => t.cleanup());

  it('the command line: a short answer, peak RSS under 300 MB', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/rss-command.ts'), 'import', ledger, big, '--dry-run', '--json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * MB,
    });
    const rss = Number(/RSS (\d+)/.exec(r.stderr)?.[1]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.length).toBeLessThan(1 * MB);
    expect(JSON.parse(r.stdout).files[0].errors).toEqual([]);
    console.info(`[issue 12] CLI preview of a 1,048,576-row return: peak RSS ${(rss / MB).toFixed(0)} MB, answer ${r.stdout.length} bytes`);
    expect(rss).toBeGreaterThan(0);
    expect(rss).toBeLessThan(RSS_LIMIT);
  }, 180_000);

  it('the web host: JSON under 1 MB, peak RSS under 300 MB', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/helpers/rss-web.ts'), ledger, t.dir], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const lines: string[] = [];
    const nextLine = () =>
      new Promise<string>((resolve, reject) => {
        const take = () => (lines.length ? resolve(lines.shift()!) : null);
        if (take() === null) {
          child.stdout.once('data', function on(d) {
            lines.push(...String(d).split('\n').filter(Boolean));
            take();
          });
          child.once('exit', (code) => reject(new Error(`host exited ${code}: ${err}`)));
        }
      });
    try {
      const [port, token] = (await nextLine()).split(' ');
      const res = await fetch(`http://127.0.0.1:${port}/api/import.preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledger-token': token! },
        body: JSON.stringify({ files: [{ name: '回执-大.xlsx', data: fs.readFileSync(big).toString('base64'), kind: 'return' }] }),
      });
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(JSON.parse(text).ok).toBe(true);
      expect(text.length).toBeLessThan(1 * MB);
      child.stdin.write('rss\n');
      const rss = Number(/RSS (\d+)/.exec(await nextLine())?.[1]);
      console.info(`[issue 12] web host preview of a 1,048,576-row return: peak RSS ${(rss / MB).toFixed(0)} MB, JSON ${text.length} bytes`);
      expect(rss).toBeGreaterThan(0);
      expect(rss).toBeLessThan(RSS_LIMIT);
    } finally {
      child.kill();
    }
  }, 180_000);
});
