import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench [-- name…]`: runs every test/bench/*.bench.ts (or the named ones). Each module's default
 * export is an async function that prints its figures. Figures are measured, never asserted here; the
 * README records them.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`没有找到基准测试：${wanted.join(' ')}\n`);
  process.exit(2);
}
for (const f of files) {
  process.stdout.write(`\n=== ${f} ===\n`);
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { default: () => Promise<void> };
  await mod.default();
}
