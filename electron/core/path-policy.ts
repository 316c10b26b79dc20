import path from 'node:path';

/**
 * Where an operation that takes a path (a new ledger, save-as, an export, an evidence package or copy) may
 * write. Pure: decided from the policy and the request alone, the same for every host.
 * - web: the browser page names a file; it goes to the data folder. A folder or a drive in the name is
 *   refused (the page never needs one: everything else is a download).
 * - dialog: the desktop. Only a path the native save dialog returned in main (which asked before
 *   replacing a file) is written; the page cannot name another one.
 * - typed: the command line and tests: a complete path the person typed; an existing file is never replaced.
 */
export type TargetPolicy =
  | { kind: 'data-folder'; dir: string }
  | { kind: 'dialog'; granted: ReadonlySet<string> }
  | { kind: 'typed' };

export type TargetDecision = { ok: true; path: string; overwrite: boolean } | { ok: false; code: string; message: string };

export interface TargetRequest {
  /** What the person is saving, for messages: “台账”, “导出文件”, “佐证材料包”. */
  what: string;
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** Why `name` is not a plain file name, or null when it is one. */
export function fileNameProblem(name: string): string | null {
  if (!name.trim()) return '文件名是空的';
  if (/[\\/]/.test(name)) return '文件名中不能有“/”或“\\”（不能指定文件夹）';
  if (/^[A-Za-z]:/.test(name) || name.includes(':')) return '文件名中不能有盘符或“:”';
  if (/[\u0000-\u001f<>"|?*]/.test(name)) return '文件名中不能有 < > " | ? * 或控制字符';
  if (name === '.' || name === '..' || name.startsWith('.')) return '文件名不能以“.”开头';
  if (/[. ]$/.test(name)) return '文件名不能以“.”或空格结尾';
  if (RESERVED.test(name)) return `“${name}”是系统保留的名称`;
  if (Buffer.byteLength(name) > 200) return '文件名过长';
  return null;
}

export function decideTarget(policy: TargetPolicy, requested: string, request: TargetRequest): TargetDecision {
  if (policy.kind === 'data-folder') {
    const name = requested.trim();
    const problem = fileNameProblem(name);
    if (problem) {
      return {
        ok: false,
        code: 'PATH_NOT_ALLOWED',
        message: `浏览器版只能把${request.what}保存到数据文件夹（${policy.dir}），请只填写文件名：${problem}。收到“${requested.slice(0, 200)}”。`,
      };
    }
    return { ok: true, path: path.join(policy.dir, name), overwrite: false };
  }
  if (policy.kind === 'dialog') {
    const abs = path.resolve(requested);
    if (!path.isAbsolute(requested) || !policy.granted.has(abs)) {
      return { ok: false, code: 'PATH_NOT_ALLOWED', message: `只能保存到在“保存”对话框中选定的位置，未保存${request.what}。请重新点击保存并选择位置。` };
    }
    // The dialog asked before replacing this file.
    return { ok: true, path: abs, overwrite: true };
  }
  if (!path.isAbsolute(requested)) {
    return { ok: false, code: 'PATH_NOT_ALLOWED', message: `请填写完整的保存路径（如 D:\\台账\\${request.what}），收到“${requested.slice(0, 200)}”。` };
  }
  return { ok: true, path: path.resolve(requested), overwrite: false };
}

export type OpenDecision = { ok: true; path: string } | { ok: false; code: string; message: string };

/**
 * Which ledger file `ledger.open` may open. Opening only reads (the header is checked before SQLite
 * writes anything), but the browser page still has no business naming files elsewhere on the machine:
 * - web: a ledger (.zgtz) directly in the data folder, by its name, or by its full path there (what the
 *   recent list holds); anything else is refused;
 * - dialog (desktop) and typed (command line): the path as given, from the native open dialog, the recent
 *   list or the person's own typing.
 */
export function decideOpen(policy: TargetPolicy, requested: string, ext = '.zgtz'): OpenDecision {
  if (policy.kind !== 'data-folder') return { ok: true, path: path.resolve(requested) };
  const dir = path.resolve(policy.dir);
  const refuse = (why: string): OpenDecision => ({
    ok: false,
    code: 'PATH_NOT_ALLOWED',
    message: `浏览器版只能打开数据文件夹（${policy.dir}）中的台账，请在“打开台账”的列表中选择：${why}。收到“${requested.slice(0, 200)}”。要打开别处的台账文件，请先把它复制到数据文件夹。`,
  });
  let name = requested.trim();
  if (path.isAbsolute(name)) {
    const abs = path.resolve(name);
    if (path.dirname(abs) !== dir) return refuse('该文件不在数据文件夹中');
    name = path.basename(abs);
  }
  const problem = fileNameProblem(name);
  if (problem) return refuse(problem);
  if (!name.toLowerCase().endsWith(ext)) return refuse(`只能打开台账文件（${ext}）`);
  return { ok: true, path: path.join(dir, name) };
}
