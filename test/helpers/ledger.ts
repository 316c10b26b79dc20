import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../../electron/core/db/open';
import { createService, type Service } from '../../electron/core/service';
import { createSession } from '../../electron/core/session';
import type { HostCapabilities } from '../../electron/core/session';
import type { OpName, Req, Res } from '../../shared/api/contract';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The team folder beside the project (../shared), or SHARED_DIR. */
export const SHARED_DIR = process.env.SHARED_DIR ? path.resolve(process.env.SHARED_DIR) : path.resolve(REPO_ROOT, '../shared');
export const FIXTURES = path.join(SHARED_DIR, 'fixtures');

export function sharedFixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** A fresh temporary folder, removed by the caller's afterEach/afterAll via cleanup(). */
export function tmpDir(prefix = 'ledger-test-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function tmpLedger(name = 'test.zgtz'): { db: Db; file: string; dir: string; cleanup(): void } {
  const t = tmpDir();
  const file = path.join(t.dir, name);
  const db = openDb(file, { create: true });
  return {
    db,
    file,
    dir: t.dir,
    cleanup() {
      db.close();
      t.cleanup();
    },
  };
}

/** A service over a temporary ledger, called as the renderer would; unwraps results or throws. */
export function tmpService(host: HostCapabilities = { kind: 'cli' }) {
  const t = tmpDir();
  const session = createSession({ dataDir: t.dir, ledgerPath: undefined, actor: '测试员' });
  const service = createService({ session, host }, () => {});
  return {
    service,
    session,
    dir: t.dir,
    async call<K extends OpName>(name: K, req: Req<K>): Promise<Res<K>> {
      const r = await service.call(name, req);
      if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { error: r.error });
      return r.value as Res<K>;
    },
    cleanup() {
      session.close();
      t.cleanup();
    },
  };
}

export type TmpService = ReturnType<typeof tmpService>;
