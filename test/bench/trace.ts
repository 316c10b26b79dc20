import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';

/**
 * Chromium performance traces for the benchmarks (`BENCH_TRACE=folder npm run bench -- table`): the
 * trace file opens in Chrome's Performance panel; the summary says where the page's main thread spent
 * its time (script, style, layout, paint, garbage collection).
 */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading'];

/** Events of the renderer's main thread summed by name, for these names (the rest is inside them). */
const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  'v8.evaluateModule': 'script',
  EventDispatch: 'script (events)',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  MinorGC: 'garbage collection',
  MajorGC: 'garbage collection',
  ParseHTML: 'parse HTML',
};

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Milliseconds of the main thread by kind, each event counted once (not again inside another). */
export function mainThreadSummary(file: string): Record<string, number> {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return {};
  const spans = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur && KINDS[e.name])
    .sort((a, b) => a.ts - b.ts);
  const out: Record<string, number> = {};
  let end = 0;
  for (const e of spans) {
    if (e.ts < end) continue; // inside an event already counted
    end = e.ts + e.dur!;
    const kind = KINDS[e.name]!;
    out[kind] = (out[kind] ?? 0) + e.dur! / 1000;
  }
  return out;
}

/** Record what `act` makes the page do into `file`, and summarise it. */
export async function traced(browser: Browser, page: Page, file: string, act: () => Promise<unknown>): Promise<Record<string, number>> {
  await browser.startTracing(page, { path: file, categories: CATEGORIES });
  try {
    await act();
  } finally {
    await browser.stopTracing();
  }
  return mainThreadSummary(file);
}

export function summaryLine(summary: Record<string, number>): string {
  return Object.entries(summary)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
    .join(', ');
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * A CPU profile of what `act` makes the page run (Chrome's Profiler through CDP), summed by function: the
 * `top` functions by self time, as `name (file:line) ms`. Build the renderer unminified
 * (`BENCH_RENDERER`) for readable names. With `file`, the profile is written there too (a .cpuprofile opens
 * in Chrome's Performance panel).
 */
export async function profiled(page: Page, act: () => Promise<unknown>, top = 25, file?: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  let profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  try {
    await act();
  } finally {
    profile = ((await cdp.send('Profiler.stop')) as unknown as { profile: typeof profile }).profile;
    await cdp.detach();
  }
  if (file) fs.writeFileSync(file, JSON.stringify(profile));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const t = self.get(n.id) ?? 0;
    if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') continue;
    total += t;
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} (${f.url.split('/').pop()}:${f.lineNumber + 1})`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  }
  return [
    `busy ${total.toFixed(0)} ms`,
    ...[...byFunction.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${v.toFixed(1)} ms  ${k}`),
  ];
}
