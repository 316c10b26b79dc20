import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../helpers/ledger';

/**
 * Issue 12, finding 9: an e2e run leaves nothing in the temporary folder (no ledger-e2e-*, no Chromium
 * profile or Playwright folders). Run in a child process whose temporary folder is a private one, so
 * that other programs' files there cannot confuse the count.
 */
describe('e2e temporary folders', () => {
  for (const [title, env, says] of [
    ['a started and closed app (the page loaded) leaves the temporary folder empty', {}, 'page ready'],
    ['an app whose browser fails to start leaves the temporary folder empty', { PROBE_FAIL: '1', CHROMIUM_PATH: '/nonexistent/chromium' }, 'start failed as expected'],
  ] as const) {
  it(title, () => {
    const privateTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-probe-'));
    try {
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/e2e/cleanup-probe.ts')], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env, TMPDIR: privateTmp, LEDGER_DATA_DIR: path.join(privateTmp, 'data') },
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(says);
      fs.rmSync(path.join(privateTmp, 'data'), { recursive: true, force: true });
      // tsx-*: the compile cache of the runner of the probe itself, not of the app.
      expect(fs.readdirSync(privateTmp).filter((n) => !/^tsx-/.test(n))).toEqual([]);
    } finally {
      fs.rmSync(privateTmp, { recursive: true, force: true });
    }
  });
  }
});
