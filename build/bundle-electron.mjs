// Bundles the Node side for Electron and for plain node: dist/node/{main.js, preload.cjs, cli.js, web.js}.
// Dependencies stay external (electron-builder ships them and rebuilds better-sqlite3 for Electron when
// packaging); the sandboxed preload is one CommonJS file because it cannot require project modules.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/node');
fs.rmSync(out, { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, logLevel: 'warning', absWorkingDir: root };
const esm = {
  ...common,
  format: 'esm',
  packages: 'external',
  // Dependencies written in CommonJS need `require` inside an ES module bundle.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};

const entries = {
  main: 'electron/main.ts',
  cli: 'electron/cli.ts',
  web: 'electron/web/main.ts',
};
// Worker threads are separate entry points (the import engineer's xlsx reader registers one here).
const workers = { 'xlsx-worker': 'electron/core/excel/read/worker.ts' };
for (const [name, file] of Object.entries(workers)) if (fs.existsSync(path.join(root, file))) entries[name] = file;

await build({ ...esm, entryPoints: entries, outdir: out, outExtension: { '.js': '.js' } });
await build({ ...common, format: 'cjs', entryPoints: { preload: 'electron/preload.ts' }, outdir: out, outExtension: { '.js': '.cjs' }, external: ['electron'] });
process.stdout.write(`已构建 ${Object.keys(entries).length + 1} 个文件到 dist/node\n`);
