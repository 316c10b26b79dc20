import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, sharedFixture, tmpDir } from '../helpers/ledger';

/**
 * The bundle as packaging ships it (build/bundle-electron.mjs), built into a scratch folder under dist/
 * (so that its external packages resolve from the project's node_modules, as they do from app.asar).
 */
describe('the bundled command line and reader worker', () => {
  const out = path.join(REPO_ROOT, 'dist', `.bundle-test-${process.pid}`, 'node');
  const t = tmpDir();
  const node = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, args, { cwd: t.dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });

  beforeAll(() => {
    const r = node([path.join(REPO_ROOT, 'build/bundle-electron.mjs'), out]);
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    t.cleanup();
  });

  it('the worker is one self-contained CommonJS file: it requires nothing but Node’s own modules', () => {
    const code = fs.readFileSync(path.join(out, 'xlsx-worker.cjs'), 'utf8');
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((r) => !r.startsWith('node:'))).toEqual([]);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('node dist/node/cli.js import reads through the bundled worker, also when the worker lies alone (unpacked beside app.asar)', () => {
    const ledger = path.join(t.dir, '台账.zgtz');
    const env = { LEDGER_DATA_DIR: path.join(t.dir, 'data') };
    expect(node([path.join(out, 'cli.js'), 'init', ledger], env).status).toBe(0);
    const master = node([path.join(out, 'cli.js'), 'import', ledger, sharedFixture('workbooks', '整改台账-总表.xlsx'), '--json'], env);
    expect(master.status, master.stderr).toBe(0);
    expect(JSON.parse(master.stdout)).toMatchObject({ committed: true, files: [{ kind: 'ledger', added: 63 }] });
    // A folder with nothing but the worker: no node_modules, no package.json.
    const alone = path.join(t.dir, 'app.asar.unpacked');
    fs.mkdirSync(alone);
    fs.copyFileSync(path.join(out, 'xlsx-worker.cjs'), path.join(alone, 'xlsx-worker.cjs'));
    const ret = node([path.join(out, 'cli.js'), 'import', ledger, sharedFixture('workbooks', '回执-政治部.xlsx'), '--json'], { ...env, ZGTZ_XLSX_WORKER: path.join(alone, 'xlsx-worker.cjs') });
    expect(ret.status, ret.stderr).toBe(0);
    expect(JSON.parse(ret.stdout)).toMatchObject({ committed: true, files: [{ kind: 'return', unit: '政治部', updated: 8 }] });
  });

  it('stats, list and check start without the heavy libraries (exceljs, docx); an export loads them', () => {
    const ledger = path.join(t.dir, '示例.zgtz');
    const env = { LEDGER_DATA_DIR: path.join(t.dir, 'data') };
    expect(node([path.join(out, 'cli.js'), 'init', ledger, '--sample'], env).status).toBe(0);
    // Preloaded into the command's process: a resolve hook (ES modules such as docx) and, on exit, the
    // require cache (CommonJS such as exceljs) write the packages it loaded to a log.
    const log = path.join(t.dir, 'loaded.log');
    const hook = `import fs from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); fs.appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }`;
    const probe = path.join(t.dir, 'probe.mjs');
    fs.writeFileSync(
      probe,
      [
        `import { register, createRequire } from 'node:module';`,
        `import fs from 'node:fs';`,
        `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));`,
        `const require = createRequire(import.meta.url);`,
        `process.on('exit', () => fs.appendFileSync(${JSON.stringify(log)}, Object.keys(require('node:module')._cache).join('\\n') + '\\n'));`,
      ].join('\n'),
    );
    const loaded = (args: string[]) => {
      fs.rmSync(log, { force: true });
      const r = node(['--import', pathToFileURL(probe).href, path.join(out, 'cli.js'), ...args], env);
      expect(r.status, r.stderr).toBe(0);
      const packages = fs.readFileSync(log, 'utf8').split('\n').map((f) => /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f)?.[1]);
      return [...new Set(packages.filter((p): p is string => !!p))];
    };
    for (const cmd of [['stats', ledger], ['stats', ledger, '--json'], ['list', ledger, '--json'], ['check', ledger]]) {
      const mods = loaded(cmd);
      expect(mods, cmd.join(' ')).toContain('better-sqlite3');
      expect(mods, cmd.join(' ')).not.toContain('exceljs');
      expect(mods, cmd.join(' ')).not.toContain('docx');
    }
    expect(loaded(['export', ledger, '--kind', 'ledger', '--out', path.join(t.dir, '总表.xlsx')])).toContain('exceljs');
    expect(loaded(['export', ledger, '--kind', 'report', '--out', path.join(t.dir, '公布.docx')])).toContain('docx');
  });
});
