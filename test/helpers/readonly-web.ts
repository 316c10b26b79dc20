/**
 * A web host over one ledger, for the read-only test: run as an ordinary user (the test runs as root, for
 * whom file permissions do not stop writes). argv: LEDGER DATA_DIR. Prints "PORT TOKEN", then serves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createSession } from '../../electron/core/session';
import { createService } from '../../electron/core/service';
import { startWebHost } from '../../electron/web/server';

const [ledger, dataDir] = process.argv.slice(2) as [string, string];
const rendererDir = fs.mkdtempSync(path.join(dataDir, 'renderer-'));
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>整改台账</title>');
const session = createSession({ dataDir, ledgerPath: ledger, actor: '只读测试' });
const service = createService({ session, host: { kind: 'web' } }, () => {});
const host = await startWebHost({ service, rendererDir });
process.stdout.write(`${host.port} ${host.token}\n`);
process.on('SIGTERM', () => void host.close().then(() => process.exit(0)));
