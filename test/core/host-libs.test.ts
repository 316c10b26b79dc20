import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, tmpDir } from '../helpers/ledger';

/**
 * A host's service starts without exceljs and keeps without it through an import preview (issue 12: the
 * preview's memory); the first workbook it writes loads it. Measured in a child process, whose module
 * cache holds exactly what it loaded.
 */
describe('the service loads exceljs only to write a workbook', () => {
  let t: ReturnType<typeof tmpDir>;
  beforeAll(() => {
    t = tmpDir();
  });
  afterAll(() => t.cleanup());

  it('web host service: not at start, not for a preview; yes for an export', () => {
    const script = path.join(t.dir, 'probe.mts');
    const root = JSON.stringify(REPO_ROOT);
    fs.writeFileSync(
      script,
      `
import { createRequire } from 'node:module';
import path from 'node:path';
const root = ${root};
const { createSession } = await import(path.join(root, 'electron/core/session.ts'));
const { createService } = await import(path.join(root, 'electron/core/service/index.ts'));
const cache = () => Object.keys(createRequire(import.meta.url)('node:module')._cache).some((f) => /node_modules[\\\\/]exceljs[\\\\/]/.test(f));
const session = createSession({ dataDir: ${JSON.stringify(path.join(t.dir, 'data'))}, ledgerPath: undefined });
const service = createService({ session, host: { kind: 'web' } }, () => {});
const seen = [cache()];
await service.call('ledger.addSample', {});
const csv = Buffer.from('编号,整改进展\\n1-1,已召开会议\\n').toString('base64');
const preview = await service.call('import.preview', { files: [{ name: '回执.csv', data: csv, kind: 'return' }] });
seen.push(preview.ok && cache());
const exported = await service.call('export.run', { kind: 'summary', asOf: '2024-12-31', path: '汇总' });
seen.push(exported.ok && cache());
session.close();
process.stdout.write(JSON.stringify(seen));
// The reader worker and the daily backup's timer would keep the process a while.
process.exit(0);
`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, LEDGER_DATA_DIR: path.join(t.dir, 'data') }, timeout: 100_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([false, false, true]);
  }, 120_000);
});
