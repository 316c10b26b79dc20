import { once } from 'node:events';
import { assertPositionals, parseArgs, UsageError } from './cli/args';
import type { CliIo, Command } from './cli/commands';
import { CORE_COMMANDS } from './cli/core-commands';
import { exportCommand } from './cli/export-command';
import { importCommand } from './cli/import-command';
import { EVIDENCE_COMMANDS } from './cli/evidence-commands';
import './cli/report-export';
import { ROUND_COMMANDS } from './cli/round-commands';
import { firstLine, isLedgerError, mapEngineError } from './core/errors';

/**
 * The command line over the same core: `npm run --silent cli -- <command> …`.
 * Exit codes: 0 done; 1 the command ran and found problems (check failed, import errors); 2 bad arguments
 * or a missing/corrupt file, with one clear line on stderr and nothing written.
 */
export const COMMANDS: Command[] = [...CORE_COMMANDS, importCommand, exportCommand, ...EVIDENCE_COMMANDS, ...ROUND_COMMANDS];

function usage(): string {
  return ['用法：npm run --silent cli -- <命令> [参数]', '', ...COMMANDS.map((c) => `  ${c.usage.padEnd(60)} ${c.summary}`)].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`未知命令“${name}”。可用命令：${COMMANDS.map((c) => c.name).join('、')}`);
    return 2;
  }
  try {
    const args = parseArgs(rest, command.valueKeys ?? [], command.flagKeys ?? []);
    assertPositionals(args, command.usage);
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`参数错误：${e.message}`);
      return 2;
    }
    const known = isLedgerError(e) ? e : mapEngineError(e);
    if (known) {
      io.err(firstLine(known.message));
      return 2;
    }
    io.err(`内部错误：${firstLine(e instanceof Error ? e.message : String(e))}（台账未被修改）`);
    return 2;
  }
}

const isMain = process.argv[1] && /cli\.(ts|js|mjs|cjs)$/.test(process.argv[1]);
if (isMain) {
  // npm runs scripts from the project folder; relative paths are meant from where the person typed.
  if (process.env.INIT_CWD && process.env.INIT_CWD !== process.cwd()) process.chdir(process.env.INIT_CWD);
  // `cli list | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    drain: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : Promise.resolve()),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`内部错误：${firstLine(String(e))}\n`);
      process.exitCode = 2;
    },
  );
}
