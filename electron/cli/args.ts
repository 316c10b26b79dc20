/** A small argv parser: positionals, `--flag`, `--key value`, and repeated keys collected into lists. */
export interface Args {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string[]>;
}

export class UsageError extends Error {}

export function parseArgs(argv: string[], valueKeys: readonly string[], flagKeys: readonly string[]): Args {
  const out: Args = { positionals: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = a.slice(2, eq < 0 ? undefined : eq);
    if (flagKeys.includes(key)) {
      if (eq >= 0) throw new UsageError(`选项 --${key} 不带参数`);
      out.flags.add(key);
    } else if (valueKeys.includes(key)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`选项 --${key} 需要一个值`);
      if (!out.values.has(key)) out.values.set(key, []);
      out.values.get(key)!.push(value);
    } else {
      throw new UsageError(`未知选项 --${key}`);
    }
  }
  return out;
}

export function one(args: Args, key: string): string | undefined {
  const v = args.values.get(key);
  if (v && v.length > 1) throw new UsageError(`选项 --${key} 只能给一次`);
  return v?.[0];
}

/**
 * How many positional arguments a command takes, read from its usage line: the words after the command's
 * name up to the first option (`--x`) or optional part (`[…]`); a word ending in `...` takes any number.
 */
export function positionalLimit(usage: string): number {
  let n = 0;
  for (const word of usage.trim().split(/\s+/).slice(1)) {
    if (word.startsWith('--') || word.startsWith('[')) break;
    if (word.endsWith('...')) return Infinity;
    n++;
  }
  return n;
}

/** A stray positional argument is a usage error (exit 2), never silently ignored. */
export function assertPositionals(args: Args, usage: string): void {
  const limit = positionalLimit(usage);
  if (args.positionals.length > limit) {
    throw new UsageError(`多余的参数“${args.positionals[limit]}”。用法：${usage}`);
  }
}
