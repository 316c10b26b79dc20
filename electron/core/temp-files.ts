import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LedgerError } from './errors';

/**
 * Temporary files beside their final name (`.<name>.<pid>-<hex>.<kind>`), committed by rename. The
 * writer's process id is in the name, so that the next command on that folder can tell a leftover of a
 * killed run (its process is gone) from a file another running process is still writing.
 */
export type TempKind = 'tmp' | 'partial' | 'restoring' | 'zip-partial';

const OURS = /^\..+\.(\d+)-[0-9a-f]{8}\.(tmp|partial|restoring|zip-partial)(-wal|-shm|-journal)?$/;
/** Names written before the process id was part of them: removed when older than ten minutes. */
const LEGACY = /^\..+\.[0-9a-f]{8}\.(tmp|partial|restoring|zip-partial)(-wal|-shm|-journal)?$/;
const LEGACY_MS = 10 * 60 * 1000;

export function tempBeside(target: string, kind: TempKind): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.${kind}`);
}

export function isTempName(name: string): boolean {
  return OURS.test(name) || LEGACY.test(name);
}

export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove what killed runs left in `dir`: temporaries whose process is gone (and unnamed-process ones older
 * than ten minutes). Called at the start of every command that writes into a folder. Returns the names removed.
 */
export function removeLeftoverTemps(dir: string, options: { now?: number; alive?: (pid: number) => boolean } = {}): string[] {
  const alive = options.alive ?? processAlive;
  const now = options.now ?? Date.now();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const ours = OURS.exec(name);
    const file = path.join(dir, name);
    try {
      if (ours) {
        if (alive(Number(ours[1]))) continue;
      } else if (LEGACY.test(name)) {
        if (now - fs.lstatSync(file).mtimeMs <= LEGACY_MS) continue;
      } else continue;
      fs.rmSync(file, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove (a read-only folder): left alone.
    }
  }
  return removed;
}

export function existsMessage(file: string, how = '为防止覆盖，请换一个文件名') {
  return `文件已存在：${file}。${how}。`;
}

/**
 * Put a complete temporary file under its final name. Without `overwrite`, an existing file is never
 * replaced (a hard link fails when the name exists, atomically); with it, rename replaces it atomically:
 * the old file or the new one, never a mix.
 */
export function commitTemp(tmp: string, target: string, options: { overwrite: boolean; existsHint?: string }): void {
  if (options.overwrite) {
    fs.renameSync(tmp, target);
    return;
  }
  try {
    fs.linkSync(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new LedgerError('FILE_EXISTS', existsMessage(target, options.existsHint));
    // File systems without hard links (FAT on a USB stick): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
    if (fs.existsSync(target)) throw new LedgerError('FILE_EXISTS', existsMessage(target, options.existsHint));
    fs.renameSync(tmp, target);
    return;
  }
  fs.rmSync(tmp, { force: true });
}

/** Refuse early (before any work) when `target` exists and may not be replaced. */
export function refuseExisting(target: string, overwrite: boolean, existsHint?: string): void {
  if (!overwrite && fs.existsSync(target)) throw new LedgerError('FILE_EXISTS', existsMessage(target, existsHint));
}

/** Write bytes to a temporary file beside `target`, fsync, then commit it. */
export function writeFileSafely(target: string, bytes: Uint8Array | string, options: { overwrite: boolean; existsHint?: string }): void {
  removeLeftoverTemps(path.dirname(target));
  refuseExisting(target, options.overwrite, options.existsHint);
  const tmp = tempBeside(target, 'tmp');
  try {
    const fd = fs.openSync(tmp, 'wx');
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    commitTemp(tmp, target, options);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
