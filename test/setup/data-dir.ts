import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/**
 * Tests never write into the real user data folder: backups (before imports, daily, before restores)
 * go to LEDGER_DATA_DIR's folder, which is a temporary one per test file unless a test sets its own.
 * Commands run as child processes inherit it.
 */
if (!process.env.LEDGER_DATA_DIR) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-data-'));
  process.env.LEDGER_DATA_DIR = dir;
  afterAll(() => {
    if (process.env.LEDGER_DATA_DIR === dir) delete process.env.LEDGER_DATA_DIR;
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
