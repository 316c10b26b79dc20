import fs from 'node:fs';
import path from 'node:path';

/**
 * Is a ledger file on a network share? SQLite's WAL mode needs shared memory between the programs using
 * the file, which network file systems do not provide: two computers writing a ledger on a share can
 * corrupt it. Detected cheaply: UNC paths (`\\server\share`, `//server/share`) everywhere, and on Linux
 * the file system type of the mount the file lives on (/proc/mounts). Mapped drive letters on Windows
 * (Z:) cannot be told apart without a system call per open and are not detected.
 */

const NETWORK_FS = /^(nfs|nfs4|cifs|smb|smb2|smb3|smbfs|sshfs|afs|9p|ncpfs|ceph|glusterfs|davfs|fuse\..+)$/i;

export interface MountEntry {
  mountPoint: string;
  fsType: string;
  source: string;
}

/** /proc/mounts lines: "source mountpoint fstype options 0 0", with spaces escaped as \040. */
export function parseMounts(text: string): MountEntry[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 3)
    .map(([source, mountPoint, fsType]) => ({ source: unescape(source!), mountPoint: unescape(mountPoint!), fsType: fsType! }));
}

export interface NetworkPathVerdict {
  network: boolean;
  /** What was found, for the message: "UNC 路径" or "nfs4 网络文件系统（/mnt/share）". */
  why: string;
}

/**
 * Pure: decides from the path, the platform and (on Linux) the mount table. `file` should be absolute and
 * have symbolic links resolved.
 */
export function isNetworkPath(file: string, platform: NodeJS.Platform, mounts: MountEntry[] = []): NetworkPathVerdict {
  if (/^[\\/]{2}[^\\/?.]/.test(file) || /^[\\/]{2}\?[\\/]UNC[\\/]/i.test(file)) return { network: true, why: 'UNC 网络路径' };
  if (platform !== 'linux') return { network: false, why: '' };
  let best: MountEntry | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint.endsWith('/') && m.mountPoint !== '/' ? m.mountPoint.slice(0, -1) : m.mountPoint;
    const inside = file === mp || file.startsWith(mp === '/' ? '/' : mp + '/');
    if (inside && (!best || mp.length >= best.mountPoint.length)) best = { ...m, mountPoint: mp };
  }
  if (best && NETWORK_FS.test(best.fsType)) return { network: true, why: `${best.fsType} 网络文件系统（${best.mountPoint}）` };
  return { network: false, why: '' };
}

/** The real path of a file or, when it does not exist yet, of its nearest existing folder. */
function realPathOf(file: string): string {
  let p = path.resolve(file);
  const rest: string[] = [];
  while (!fs.existsSync(p)) {
    const parent = path.dirname(p);
    if (parent === p) break;
    rest.unshift(path.basename(p));
    p = parent;
  }
  try {
    return path.join(fs.realpathSync(p), ...rest);
  } catch {
    return path.resolve(file);
  }
}

/** The check openDb applies before opening for writing. */
export function networkPathOf(file: string): NetworkPathVerdict {
  // The path as given first: resolving a UNC path on Linux or macOS would hide its leading "//".
  const given = isNetworkPath(file, process.platform);
  if (given.network) return given;
  const abs = path.resolve(file);
  if (process.platform !== 'linux') return isNetworkPath(abs, process.platform);
  let mounts: MountEntry[] = [];
  try {
    mounts = parseMounts(fs.readFileSync('/proc/mounts', 'utf8'));
  } catch {
    // No /proc (a container without it): only UNC paths are detected.
  }
  return isNetworkPath(realPathOf(abs), 'linux', mounts);
}
