import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/**
 * One command as a process of its own, as a person runs it: wall time (measured here), and, reported by the
 * process itself as it exits, its peak resident memory and processor time (user + system; worker threads
 * included, they are the same process). stdout goes to /dev/null: `list --json` of 100,000 problems is
 * not held by the benchmark.
 */
export interface ProcessFigures {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
}

let probe: string | null = null;

function probeFile(): string {
  if (probe) return probe;
  probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-probe-')), 'probe.mjs');
  fs.writeFileSync(
    probe,
    `import fs from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.BENCH_PROBE_OUT) fs.writeFileSync(process.env.BENCH_PROBE_OUT, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, peakRssMb: u.maxRSS / 1024 }));
});
`,
  );
  return probe;
}

export function runProcess(args: string[], env: NodeJS.ProcessEnv = {}): ProcessFigures {
  const out = path.join(path.dirname(probeFile()), `figures-${Math.random().toString(36).slice(2)}.json`);
  const devNull = fs.openSync(os.devNull, 'w');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(probeFile()).href, ...args], {
    stdio: ['ignore', devNull, 'pipe'],
    env: { ...process.env, ...env, BENCH_PROBE_OUT: out },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  fs.closeSync(devNull);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const figures = JSON.parse(fs.readFileSync(out, 'utf8')) as { cpuMs: number; peakRssMb: number };
  fs.rmSync(out, { force: true });
  return { ms, ...figures };
}

export function median<T>(xs: T[], key: (x: T) => number): T {
  return [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]!;
}
