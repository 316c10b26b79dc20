// Bundles the Node side for Electron and for plain node: dist/node/{main.js, preload.cjs, cli.js, web.js,
// xlsx-worker.cjs}. Dependencies stay external (electron-builder ships them and rebuilds better-sqlite3 for
// Electron when packaging); the sandboxed preload is one CommonJS file because it cannot require project
// modules. The spreadsheet reader's worker is one self-contained CommonJS file with its (pure JS) libraries
// inside: packaged, it runs unpacked beside app.asar (asarUnpack), where neither node_modules nor a
// package.json saying "type": "module" are found.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Another folder may be given (the bundle test builds into a scratch folder under dist/).
const out = process.argv[2] ? path.resolve(process.argv[2]) : path.join(root, 'dist/node');
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
// Worker threads: self-contained entry points (WORKER_BUNDLE in electron/core/excel/read/run.ts).
const workers = { 'xlsx-worker': 'electron/core/excel/read/worker.ts' };

// Code splitting: what a module loads with `await import()` (the workbook writers, docx, the import engine)
// goes into chunks of its own, so that a light command (`cli stats`) starts without parsing or loading them.
await build({ ...esm, entryPoints: entries, outdir: out, outExtension: { '.js': '.js' }, splitting: true, chunkNames: 'chunks/[name]-[hash]' });
await build({ ...common, format: 'cjs', entryPoints: { preload: 'electron/preload.ts' }, outdir: out, outExtension: { '.js': '.cjs' }, external: ['electron'] });
await build({ ...common, format: 'cjs', entryPoints: workers, outdir: out, outExtension: { '.js': '.cjs' } });
const built = fs.readdirSync(out).filter((f) => /\.c?js$/.test(f));
process.stdout.write(`已构建 ${built.length} 个文件到 ${path.relative(root, out) || out}：${built.join('、')}\n`);
