import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtinModules } from 'node:module';
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
    // Node's own modules, with or without the node: prefix (fflate's Node build asks for 'module').
    expect(required.filter((r) => !r.startsWith('node:') && !builtinModules.includes(r))).toEqual([]);
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
      // 1: done, with findings (the report's pre-check lists what the sample round lacks).
      expect([0, 1], r.stderr).toContain(r.status);
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

  it('npm run cli runs the bundle, building it first only when it is missing or older than a source', () => {
    const dist = path.join(path.dirname(out), 'runner'); // inside the scratch folder, removed afterwards
    const env = { LEDGER_DATA_DIR: path.join(t.dir, 'data'), ZGTZ_CLI_DIST: dist };
    const ledger = path.join(t.dir, '运行器.zgtz');
    const runner = (args: string[]) => node([path.join(REPO_ROOT, 'build/run-cli.mjs'), ...args], env);
    const first = runner(['init', ledger, '--sample']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/已构建/);
    const bundle = path.join(dist, 'node', 'cli.js');
    expect(fs.existsSync(bundle)).toBe(true);
    const again = runner(['stats', ledger, '--json']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toMatchObject({ general: { total: expect.any(Number) } });
    // A bundle older than the sources is rebuilt before the command runs.
    fs.utimesSync(bundle, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const stale = runner(['list', ledger, '--json']);
    expect(stale.status, stale.stderr).toBe(0);
    expect(stale.stderr).toMatch(/已构建/);
    expect(JSON.parse(stale.stdout).length).toBeGreaterThan(20);
    expect(fs.statSync(bundle).mtimeMs).toBeGreaterThan(new Date(2001, 0, 1).getTime());
  });
});
