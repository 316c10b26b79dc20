import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../electron/cli';
import { openDb } from '../../electron/core/db/open';
import { LATEST_VERSION } from '../../electron/core/db/migrations';
import { tmpDir, tmpService } from '../helpers/ledger';
import { apiCall, tmpWebHost } from '../helpers/web';

/**
 * Issue 12, finding 4: a refused file is byte-identical afterwards (another program's SQLite database, a
 * ledger from a newer version), through the command line and the web host; no -wal/-shm appear beside it.
 */
function quiet() {
  const err: string[] = [];
  return { io: { out: () => {}, err: (t: string) => err.push(t) }, err };
}

const digest = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('refusals write nothing', () => {
  let t: ReturnType<typeof tmpDir>;
  const cases: { name: string; file: string; message: RegExp }[] = [];
  beforeAll(() => {
    t = tmpDir();
    // Another program's database, in the rollback-journal mode most programs use.
    const foreign = path.join(t.dir, 'other-app.db');
    const o = new Database(foreign);
    o.exec("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO contacts (name) VALUES ('张三');");
    o.pragma('user_version = 3');
    o.close();
    cases.push({ name: 'another program’s SQLite file', file: foreign, message: /不是整改台账文件.*未作任何修改/ });
    // A ledger a newer version of the app wrote (a copy sent by mail: one file, rollback journal).
    const newer = path.join(t.dir, 'newer.zgtz');
    const db = openDb(newer, { create: true });
    db.close();
    const n = new Database(newer);
    n.pragma('journal_mode = DELETE');
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    cases.push({ name: 'a ledger from a newer version', file: newer, message: /较新版本.*未作任何修改/ });
  });
  afterAll(() => t.cleanup());

  it('the command line refuses both with exit 2 and leaves the bytes as they were', async () => {
    for (const c of cases) {
      const before = digest(c.file);
      for (const cmd of [['stats', c.file], ['list', c.file, '--json'], ['check', c.file], ['export', c.file, '--kind', 'ledger', '--out', path.join(t.dir, 'x.xlsx')]]) {
        const q = quiet();
        expect(await runCli(cmd, q.io), `${c.name}: ${cmd[0]}`).toBe(2);
        expect(q.err.join('\n'), `${c.name}: ${cmd[0]}`).toMatch(c.message);
        expect(digest(c.file), `${c.name}: ${cmd[0]}`).toBe(before);
        expect(fs.existsSync(c.file + '-wal') || fs.existsSync(c.file + '-shm'), c.name).toBe(false);
      }
    }
  });

  it('the web host refuses both (ledger.open) and leaves the bytes as they were', async () => {
    const s = tmpService({ kind: 'web' });
    const web = await tmpWebHost(s.service);
    try {
      for (const c of cases) {
        // The browser opens ledgers of the data folder, by name: the file is put there first.
        const file = path.join(s.dir, path.basename(c.file, path.extname(c.file)) + '.zgtz');
        fs.copyFileSync(c.file, file);
        const before = digest(file);
        const r = await apiCall(web.host, 'ledger.open', { path: path.basename(file) });
        expect(r.json.ok, c.name).toBe(false);
        expect(r.json.error!.message).toMatch(c.message);
        expect(digest(file), c.name).toBe(before);
        expect(fs.existsSync(file + '-wal') || fs.existsSync(file + '-shm'), c.name).toBe(false);
        // The host goes on with the ledger it had.
        expect((await apiCall(web.host, 'ledger.info', {})).json.ok).toBe(true);
      }
    } finally {
      await web.close();
      s.cleanup();
    }
  });
});
