import type { FileFamily, Sniffed } from './sniff';

/**
 * May this evidence file be previewed inside the app, or handed to the system program that opens it?
 * A pure decision (STYLE habit 2) taken on the host side every time, from the stored name and the bytes'
 * real type; the renderer only shows its result.
 *
 * - Preview (images, PDF) happens in the app's own sandboxed page from the bytes, whatever the name says.
 * - Opening in the system program is allowed only for document types on an allowlist whose content
 *   really is of that type, and only when the name hides nothing: a double extension (`x.pdf.exe`),
 *   trailing dots or spaces (Windows drops them), direction-override characters (`‮fdp.exe` shows as
 *   `exe.pdf`), control characters or an alternate data stream (`x.pdf:evil`) make it save-only.
 */
export interface OpenVerdict {
  /** Shown inside the app from the bytes (never via the system). */
  preview: 'image' | 'pdf' | null;
  /** May be handed to the system program. */
  canOpen: boolean;
  /** The extension the temporary copy is written with when opened (lower case, from the allowlist). */
  openExt: string | null;
  /** Why it may not be opened (Chinese, for the person); empty when it may. */
  reason: string;
}

/** Document types that may be opened, and what their content must be. */
export const OPEN_ALLOWLIST: Readonly<Record<string, readonly FileFamily[]>> = {
  pdf: ['pdf'],
  ofd: ['ofd'],
  jpg: ['image'],
  jpeg: ['image'],
  png: ['image'],
  doc: ['word'],
  docx: ['docx'],
  xls: ['excel'],
  xlsx: ['xlsx'],
  wps: ['word'],
  et: ['excel'],
  txt: ['text'],
};

/** The image types the allowlist names; the MIME sniffed must agree with the extension. */
const IMAGE_MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** Extensions that run code or point elsewhere: named in the reason so that the person understands. */
const DANGEROUS = new Set([
  'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'msi', 'msp', 'msc', 'cpl', 'dll', 'sys', 'lnk', 'url', 'desktop', 'appimage',
  'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'jar', 'reg', 'inf', 'scf', 'sh', 'bash', 'run', 'app',
  'command', 'iso', 'img', 'vhd', 'vhdx', 'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'chm', 'html', 'htm', 'svg', 'xml',
]);

// Direction overrides/isolates and marks, zero-width characters and the BOM: invisible, and able to make a
// name read differently from what it is.
const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;
// C0/C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function extOf(name: string): { ext: string | null; inner: string | null } {
  const parts = name.split('.');
  if (parts.length < 2) return { ext: null, inner: null };
  const ext = parts.at(-1)!.toLowerCase();
  const inner = parts.length > 2 ? parts.at(-2)!.toLowerCase() : null;
  return { ext: ext || null, inner };
}

function previewOf(s: Sniffed): OpenVerdict['preview'] {
  if (s.family === 'pdf') return 'pdf';
  if (s.family === 'image') return 'image';
  return null;
}

export function openPolicy(name: string, sniffed: Sniffed): OpenVerdict {
  const preview = previewOf(sniffed);
  const no = (reason: string): OpenVerdict => ({ preview, canOpen: false, openExt: null, reason });
  const n = name.normalize('NFC');
  if (!n.trim()) return no('文件没有名称，只能另存后自行查看。');
  if (HIDDEN.test(n)) return no('文件名中含有不可见的方向控制或零宽字符，显示的名称可能与实际类型不同，已禁止直接打开，只能另存。');
  if (CONTROL.test(n)) return no('文件名中含有控制字符，已禁止直接打开，只能另存。');
  if (/[.\s]$/.test(n)) return no('文件名以句点或空格结尾（Windows 会忽略它们，实际类型可能不同），已禁止直接打开，只能另存。');
  if (n.includes(':')) return no('文件名中含有冒号（可能指向隐藏的数据流），已禁止直接打开，只能另存。');
  if (/[\\/]/.test(n)) return no('文件名中含有路径分隔符，已禁止直接打开，只能另存。');
  const { ext, inner } = extOf(n);
  if (!ext) return no('文件没有扩展名，无法判断用什么程序打开，只能另存。');
  if (DANGEROUS.has(ext)) {
    const disguised = inner && OPEN_ALLOWLIST[inner] ? `（伪装成 .${inner} 的双扩展名）` : '';
    return no(`.${ext} 文件${disguised}可能是程序、脚本或快捷方式，打开会执行其中的代码，已禁止直接打开，只能另存。`);
  }
  const families = OPEN_ALLOWLIST[ext];
  if (!families && (sniffed.family === 'executable' || sniffed.family === 'shortcut')) {
    return no(`文件内容是“${sniffed.label}”，打开会执行其中的代码，已禁止直接打开，只能另存。`);
  }
  if (!families) return no(`.${ext} 不在允许直接打开的文档类型之列（pdf、ofd、jpg、png、doc、docx、xls、xlsx、wps、et、txt），只能另存。`);
  if (inner && DANGEROUS.has(inner)) return no(`文件名含有双扩展名（.${inner}.${ext}），已禁止直接打开，只能另存。`);
  if (!families.includes(sniffed.family) || (IMAGE_MIME[ext] && IMAGE_MIME[ext] !== sniffed.mime)) {
    return no(`文件扩展名为 .${ext}，但内容实际是“${sniffed.label}”，类型不符，已禁止直接打开，只能另存。`);
  }
  if (sniffed.macros) return no('文件中含有宏代码（vbaProject），打开可能执行其中的代码，已禁止直接打开，只能另存。');
  return { preview, canOpen: true, openExt: ext, reason: '' };
}
