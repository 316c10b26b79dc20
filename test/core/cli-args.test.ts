import { describe, expect, it } from 'vitest';
import { runCli, COMMANDS } from '../../electron/cli';
import { positionalLimit } from '../../electron/cli/args';

/** Issue 12, finding 10: a stray positional argument is a usage error (exit 2), for every command. */
function capture() {
  const err: string[] = [];
  const out: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, err, out };
}

describe('positional arguments', () => {
  it('reads the limit from the usage line', () => {
    expect(positionalLimit('list FILE [--json]')).toBe(1);
    expect(positionalLimit('backup FILE OUT')).toBe(2);
    expect(positionalLimit('import FILE INPUT... [--dry-run]')).toBe(Infinity);
    expect(positionalLimit('export FILE --kind KIND --out PATH')).toBe(1);
    expect(positionalLimit('round FILE list|add [--title T]')).toBe(2);
  });

  it('refuses one argument too many for every command, naming it, before touching any file', async () => {
    for (const c of COMMANDS) {
      const limit = positionalLimit(c.usage);
      if (!Number.isFinite(limit)) continue;
      const given = Array.from({ length: limit + 1 }, (_, i) => `/nonexistent/多余参数${i}.zgtz`);
      const { io, err } = capture();
      const code = await runCli([c.name, ...given], io);
      expect(code, c.name).toBe(2);
      expect(err.join('\n'), c.name).toMatch(new RegExp(`参数错误：多余的参数“/nonexistent/多余参数${limit}\\.zgtz”`));
    }
  });

  it('list FILE extra is exit 2 with the usage', async () => {
    const { io, err } = capture();
    expect(await runCli(['list', 'a.zgtz', 'extra'], io)).toBe(2);
    expect(err.join('\n')).toContain('用法：list FILE');
  });
});
