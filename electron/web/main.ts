import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, one, UsageError } from '../cli/args';
import { createSession } from '../core/session';
import { createService } from '../core/service';
import { defaultDataDir } from '../core/paths';
import { isLedgerError } from '../core/errors';
import { startWebHost } from './server';

/**
 * `npm run web -- [--ledger FILE] [--port N]`: the same app in a browser, on 127.0.0.1. Without --ledger
 * it opens the desktop app's default ledger in the user's data folder.
 */
async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2), ['ledger', 'port', 'data-dir'], []);
  const portText = one(args, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port 应为 0–65535 的整数，收到“${portText}”`);
  const here = path.dirname(fileURLToPath(import.meta.url));
  // From the source (electron/web/) or from the bundle (dist/node/).
  const rendererDir = [path.resolve(here, '../../dist/renderer'), path.resolve(here, '../renderer')].find((d) => fs.existsSync(path.join(d, 'index.html')));
  if (!rendererDir) {
    process.stderr.write('找不到已构建的界面（dist/renderer）。请先运行 npm run build:renderer，或直接用 npm run web。\n');
    return 2;
  }
  const dataDir = one(args, 'data-dir') ?? defaultDataDir();
  const ledgerPath = one(args, 'ledger');
  // A ledger named on the command line that does not exist yet is created, and the start-up line says so.
  const created = ledgerPath !== undefined && !fs.existsSync(path.resolve(ledgerPath));
  const session = createSession({ dataDir, ledgerPath, createIfMissing: true });
  const service = createService({ session, host: { kind: 'web' } });
  let host;
  try {
    host = await startWebHost({ service, rendererDir, port });
  } catch (e) {
    session.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`端口 ${port} 已被占用：请换一个 --port，或不指定端口由程序自动选择`);
    throw e;
  }
  process.stdout.write(`整改台账已启动，${created ? '新建的' : ''}台账文件：${session.path()}\n请在浏览器中打开：${host.url}\n（按 Ctrl+C 退出）\n`);
  const stop = () => {
    void host.close().then(() => {
      session.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e) => {
    if (e instanceof UsageError) process.stderr.write(`参数错误：${e.message}\n`);
    else if (isLedgerError(e)) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`无法启动：${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
