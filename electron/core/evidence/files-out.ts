import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LedgerError } from '../errors';
import { safeFileName } from './safe-name';

/**
 * Evidence bytes leaving the ledger: a temporary copy for the system program, or a copy saved where the
 * person chose. Host side only; the open-file policy has decided before these are called.
 */

const OPEN_DIR = 'zgtz-evidence-open';
const DAY = 24 * 60 * 60 * 1000;

/**
 * Write a read-only temporary copy named `<name>.<ext>` (ext from the allowlist, so the system picks the
 * program for that type) in a fresh folder under the system temp folder. Copies older than a day are
 * cleared first. Read-only, so that an edit in Word is not mistaken for a change of the evidence.
 */
export function writeTempCopy(data: Buffer, name: string, ext: string): string {
  const root = path.join(os.tmpdir(), OPEN_DIR);
  fs.mkdirSync(root, { recursive: true });
  for (const d of fs.readdirSync(root)) {
    const p = path.join(root, d);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > DAY) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // In use by the program that opened it: left for the next time.
    }
  }
  const dir = path.join(root, crypto.randomBytes(6).toString('hex'));
  fs.mkdirSync(dir);
  const file = path.join(dir, `${safeFileName(name, { maxLength: 80 })}.${ext}`);
  fs.writeFileSync(file, data, { mode: 0o444 });
  return file;
}

/** Save bytes to `target` through a temporary file and a rename: never a half-written file under that name. */
export function saveCopy(data: Buffer, target: string, options: { overwrite: boolean }): string {
  const abs = path.resolve(target);
  if (!fs.existsSync(path.dirname(abs))) throw new LedgerError('NO_FOLDER', `找不到要保存到的文件夹：${path.dirname(abs)}`);
  if (fs.existsSync(abs)) {
    if (fs.statSync(abs).isDirectory()) throw new LedgerError('OUT_EXISTS', `“${abs}”是一个文件夹，请给出文件名。`);
    if (!options.overwrite) throw new LedgerError('OUT_EXISTS', `文件已存在：${abs}。为防止覆盖，请换一个文件名。`);
  }
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${crypto.randomBytes(4).toString('hex')}.partial`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new LedgerError('SAVE_FAILED', `无法保存到“${abs}”：${e instanceof Error ? e.message : String(e)}`);
  }
  return abs;
}
