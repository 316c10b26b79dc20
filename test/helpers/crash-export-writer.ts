/**
 * A child process for the export crash test: exports the ledger workbook with --force over the same file,
 * again and again, until it is killed. argv: LEDGER OUT.
 */
import { runCli } from '../../electron/cli';

const [ledger, out] = process.argv.slice(2) as [string, string];
const io = { out: () => {}, err: (t: string) => process.stderr.write(t + '\n') };
// The command line loads the workbook writers only when an export runs (issue 16): load them before saying
// ready, so that the kill points fall inside exports, not inside module loading.
await import('../../electron/core/excel/write/exports');
process.stdout.write('ready\n');
for (;;) {
  const code = await runCli(['export', ledger, '--kind', 'ledger', '--out', out, '--force', '--as-of', '2024-12-31'], io);
  if (code !== 0) process.exit(3);
  // The test times one whole export by this line, to spread its kill points over what this machine takes.
  process.stdout.write('exported\n');
}
