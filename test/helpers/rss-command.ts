/** Run the command line in this process and report its peak memory on stderr as `RSS <bytes>` (not named *cli.ts: electron/cli.ts would run itself too). */
import { runCli } from '../../electron/cli';

const code = await runCli(process.argv.slice(2), { out: (t) => process.stdout.write(t + '\n'), err: (t) => process.stderr.write(t + '\n') });
process.stderr.write(`RSS ${process.resourceUsage().maxRSS * 1024}\n`);
process.exit(code);
