/** A web host in a child process, reporting its peak memory when asked (`GET /rss` is not an API: stdin line). */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createSession } from '../../electron/core/session';
import { createService } from '../../electron/core/service';
import { startWebHost } from '../../electron/web/server';

const [ledger, dataDir] = process.argv.slice(2) as [string, string];
const rendererDir = fs.mkdtempSync(path.join(dataDir, 'renderer-'));
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>整改台账</title>');
const session = createSession({ dataDir, ledgerPath: ledger });
const service = createService({ session, host: { kind: 'web' } }, () => {});
const host = await startWebHost({ service, rendererDir });
process.stdout.write(`${host.port} ${host.token}\n`);
readline.createInterface({ input: process.stdin }).on('line', () => {
  process.stdout.write(`RSS ${process.resourceUsage().maxRSS * 1024}\n`);
  void host.close().then(() => {
    session.close();
    process.exit(0);
  });
});
