// `npm run cli -- …`: runs the bundled command line (dist/node/cli.js), building it first when any source is
// newer than the bundle, as `npm run web` builds the renderer. Plain node on the bundle starts in a fraction
// of the time tsx needs to compile the sources; the build messages go to stderr so that `--json` output on
// stdout stays clean.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// ZGTZ_CLI_DIST: another folder for the bundle (the test of this runner builds into a scratch folder).
const dist = process.env.ZGTZ_CLI_DIST ? path.resolve(process.env.ZGTZ_CLI_DIST) : path.join(root, 'dist');
const bundle = path.join(dist, 'node', 'cli.js');
const sources = ['electron', 'shared', 'build/bundle-electron.mjs', 'package.json', 'package-lock.json'];

/** Newest modification time under the given paths (files and folders, recursively). */
function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs; // a deleted or renamed file changes its folder
  for (const name of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, name)));
  return t;
}

function stale() {
  let built;
  try {
    built = fs.statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  return sources.some((s) => newest(path.join(root, s)) > built);
}

/**
 * Build into a folder of our own and swap it in, so that another command running the old bundle meanwhile
 * never sees a half-written one.
 */
function rebuild() {
  fs.mkdirSync(dist, { recursive: true });
  const scratch = path.join(dist, `.node-${process.pid}`);
  const r = spawnSync(process.execPath, [path.join(root, 'build/bundle-electron.mjs'), scratch], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) {
    fs.rmSync(scratch, { recursive: true, force: true });
    process.stderr.write('构建命令行失败（见上方信息）。\n');
    process.exit(2);
  }
  const old = path.join(dist, `.old-${process.pid}`);
  if (fs.existsSync(path.join(dist, 'node'))) fs.renameSync(path.join(dist, 'node'), old);
  fs.renameSync(scratch, path.join(dist, 'node'));
  fs.rmSync(old, { recursive: true, force: true });
}

if (stale()) rebuild();
// cli.js runs its command when it is the script node was started with.
process.argv[1] = bundle;
await import(pathToFileURL(bundle).href);
