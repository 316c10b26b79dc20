import path from 'node:path';

/**
 * File and folder names that are safe to create on Windows, macOS and Linux, from names people typed or
 * files arrived with. Pure. A name from here is always a single path component: it cannot contain a
 * separator, cannot be `.` or `..`, and so joined under a folder it cannot leave it.
 */

// Windows refuses these whatever the extension (CON.txt, com1.tar.gz), also with trailing spaces.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// Characters Windows forbids in names, C0/C1 controls, and invisible direction/zero-width characters.
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;
const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export interface SafeNameOptions {
  /** Longest name in UTF-16 code units (Windows counts those); the extension is kept. Default 100. */
  maxLength?: number;
  /** Used when nothing usable is left. */
  fallback?: string;
}

function splitExt(name: string): { base: string; ext: string } {
  const i = name.lastIndexOf('.');
  // An extension is short and plain.
  if (i <= 0 || i === name.length - 1) return { base: name, ext: '' };
  const ext = name.slice(i);
  if (ext.length > 16 || !/^\.[\p{L}\p{N}_-]+$/u.test(ext)) return { base: name, ext: '' };
  return { base: name.slice(0, i), ext };
}

/** Cut a string to at most n UTF-16 units without splitting a surrogate pair. */
function cut(s: string, n: number): string {
  if (s.length <= n) return s;
  let out = s.slice(0, n);
  const last = out.charCodeAt(out.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
  return out;
}

function tidy(s: string): string {
  return s
    .normalize('NFC')
    .replace(HIDDEN, '')
    .replace(FORBIDDEN, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // Leading dots hide a file on Linux and macOS; trailing dots and spaces are dropped by Windows.
    .replace(/^[. ]+/, '')
    .replace(/[. ]+$/, '');
}

export function safeFileName(name: string, options: SafeNameOptions = {}): string {
  const max = Math.max(8, options.maxLength ?? 100);
  const fallback = options.fallback ?? '文件';
  let s = tidy(name);
  if (!s) s = tidy(fallback) || '文件';
  let { base, ext } = splitExt(s);
  // "CON.txt", "nul .pdf", "COM1.tar.gz": the part before the first dot decides.
  const stem = base.split('.')[0]!.trim();
  if (RESERVED.test(stem)) base = '_' + base;
  if (base.length + ext.length > max) base = cut(base, max - ext.length).replace(/[. ]+$/, '');
  if (!base) base = '_';
  return base + ext;
}

/**
 * Make `name` unique among `taken` (compared without case, as Windows and macOS do) by adding " (2)",
 * " (3)"… before the extension; records the result in `taken`.
 */
export function uniqueName(name: string, taken: Set<string>, maxLength = 100): string {
  let candidate = name;
  const { base, ext } = splitExt(name);
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = cut(base, maxLength - ext.length - suffix.length) + suffix + ext;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/**
 * Join safe components under a root, and prove the result stays inside it (a second line of defence:
 * every component should already come from safeFileName).
 */
export function joinInside(root: string, ...components: string[]): string {
  const base = path.resolve(root);
  for (const c of components) {
    if (!c || c === '.' || c === '..' || /[\\/]/.test(c) || path.isAbsolute(c) || /^[a-z]:/i.test(c)) {
      throw new Error(`unsafe path component: ${JSON.stringify(c)}`);
    }
  }
  const full = path.resolve(base, ...components);
  if (full !== base && !full.startsWith(base + path.sep)) throw new Error(`path escapes its folder: ${full}`);
  return full;
}
