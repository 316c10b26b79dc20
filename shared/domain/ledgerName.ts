/** The extension of a ledger file. */
export const LEDGER_FILE_EXT = '.zgtz';

const BAD = /[\\/:*?"<>|\u0000-\u001f]/;

/**
 * A ledger named by the clerk becomes a file of that name in the data folder (the browser host asks for a
 * name, never a path). Refuses what a file name on Windows cannot hold, and anything that would leave the
 * folder.
 */
export function ledgerFileName(input: string): { ok: true; file: string } | { ok: false; message: string } {
  let name = input.trim();
  if (name.toLowerCase().endsWith(LEDGER_FILE_EXT)) name = name.slice(0, -LEDGER_FILE_EXT.length).trim();
  if (!name) return { ok: false, message: '请填写台账名称' };
  if (name.length > 80) return { ok: false, message: '台账名称太长（最多 80 个字）' };
  if (BAD.test(name)) return { ok: false, message: `台账名称不能含有 \\ / : * ? " < > | 这些符号：“${name}”` };
  if (/^\.+$/.test(name) || name.endsWith('.')) return { ok: false, message: `台账名称不能以“.”结尾：“${name}”` };
  return { ok: true, file: `${name}${LEDGER_FILE_EXT}` };
}

/** The sample ledger's own file in the data folder. */
export const SAMPLE_LEDGER_FILE = `示例台账${LEDGER_FILE_EXT}`;
