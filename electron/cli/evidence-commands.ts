import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError, one, type Args } from './args';
import type { CliIo, Command } from './commands';
import { fileArg, openExisting, requireRoundId } from './core-commands';
import type { ExportKind } from './export-command';
import type { Db } from '../core/db/open';
import { isOpenElsewhere } from '../core/db/open';
import { LedgerError } from '../core/errors';
import { runAction } from '../core/ledger/actions';
import { findProblemByCode } from '../core/ledger/problems';
import { attachEvidence, MAX_EVIDENCE_BYTES } from '../core/evidence/store';
import { backupFolder, createBackup, replaceLedgerFile, stageRestore, writeCheckedCopy } from '../core/backup/backup';
import { defaultDataDir } from '../core/paths';
import { parseCode } from '../../shared/domain/code';

function actor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

function mb(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** Every file is checked before anything is written: a missing one refuses the whole command. */
function readFiles(paths: string[]): { name: string; data: Buffer; file: string }[] {
  return paths.map((p) => {
    const file = path.resolve(p);
    if (!fs.existsSync(file)) throw new LedgerError('FILE_NOT_FOUND', `找不到要添加的文件：${file}（未添加任何文件）`);
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new LedgerError('NOT_A_FILE', `“${file}”不是文件（未添加任何文件）`);
    if (stat.size > MAX_EVIDENCE_BYTES) throw new LedgerError('FILE_TOO_LARGE', `“${file}”有 ${mb(stat.size)}，超过单个佐证材料 300 MB 的上限（未添加任何文件）`);
    return { name: path.basename(file), data: fs.readFileSync(file), file };
  });
}

export const attachCommand: Command = {
  name: 'attach',
  usage: 'attach FILE CODE PATH... [--title TEXT] [--measure N] [--json]',
  summary: '把文件作为佐证材料添加到编号为 CODE 的问题（如 2-3、二-3-(2)；--measure N：第N项措施）',
  valueKeys: ['title', 'measure'],
  flagKeys: ['json'],
  run(args: Args, io: CliIo) {
    const file = fileArg(args, this.usage);
    const [, codeText, ...paths] = args.positionals;
    if (!codeText) throw new UsageError(`缺少问题编号。用法：${this.usage}`);
    if (paths.length === 0) throw new UsageError(`缺少要添加的文件。用法：${this.usage}`);
    const title = one(args, 'title');
    if (title !== undefined && paths.length > 1) throw new UsageError('--title 只能用于单个文件（多个文件各自以文件名为标题）');
    const measureText = one(args, 'measure');
    const measureNo = measureText === undefined ? null : Number(measureText);
    if (measureNo !== null && (!Number.isInteger(measureNo) || measureNo < 1)) throw new UsageError(`--measure 应为正整数（第几项措施），收到“${measureText}”`);
    const code = parseCode(codeText);
    if (!code) throw new UsageError(`“${codeText}”不是问题编号（应如 2-3 或 2-3-1）`);
    const files = readFiles(paths);
    const db = openExisting(file);
    try {
      const problem = findProblemByCode(db, requireRoundId(db), code);
      if (!problem || problem.deleted_at) throw new LedgerError('PROBLEM_NOT_FOUND', `当前轮次中没有编号为 ${code} 的问题（未添加任何文件）`);
      let measureId: number | null = null;
      if (measureNo !== null) {
        const m = db.raw.prepare('SELECT id FROM measures WHERE problem_id = ? AND no = ? AND deleted_at IS NULL').get(problem.id, measureNo) as { id: number } | undefined;
        if (!m) throw new LedgerError('MEASURE_NOT_FOUND', `问题 ${code} 没有第${measureNo}项措施（未添加任何文件）`);
        measureId = m.id;
      }
      const who = actor();
      const label = files.length === 1 ? `命令行为 ${code} 上传佐证材料“${files[0]!.name}”` : `命令行为 ${code} 上传 ${files.length} 个佐证材料`;
      const results = runAction(db, { source: 'edit', label, actor: who }, () =>
        files.map((f) => ({ file: f.file, size: f.data.length, ...attachEvidence(db, { problemId: problem.id, measureId, name: f.name, data: f.data, title, actor: who }) })),
      );
      if (args.flags.has('json')) io.out(JSON.stringify(results.map((r) => ({ file: r.file, status: r.status, number: r.number, title: r.title, size: r.size })), null, 2));
      else {
        for (const r of results) {
          const what = r.status === 'duplicate' ? `与已有的 ${r.number} 内容相同，未重复添加` : `${r.status === 'filled' ? '补交' : '已添加'} ${r.number}“${r.title}”（${mb(r.size)}）`;
          io.out(`${path.basename(r.file)}：${what}`);
        }
      }
      return 0;
    } finally {
      db.close();
    }
  },
};

export const backupCommand: Command = {
  name: 'backup',
  usage: 'backup FILE OUT',
  summary: '用 SQLite 备份接口把台账备份到 OUT，并检查备份副本',
  run(args: Args, io: CliIo) {
    const file = fileArg(args, this.usage);
    const outText = args.positionals[1];
    if (!outText) throw new UsageError(`缺少备份文件参数 OUT。用法：${this.usage}`);
    const out = path.resolve(outText);
    if (fs.existsSync(out)) throw new UsageError(`文件已存在：${out}。为防止覆盖，请换一个文件名。`);
    if (!fs.existsSync(path.dirname(out))) throw new UsageError(`找不到要保存到的文件夹：${path.dirname(out)}`);
    const db = openExisting(file);
    return writeCheckedCopy(db, out)
      .then((check) => {
        io.out(`已备份到：${out}（检查通过 SQLite 完整性检查；${check.problems} 个问题，${check.evidence} 个佐证材料文件）`);
        if (check.findings.length) {
          io.err(`注意：台账本身有 ${check.findings.length} 处问题，已原样备份：`);
          for (const f of check.findings) io.err(`  ${f.where}：${f.message}`);
          return 1;
        }
        return 0;
      })
      .finally(() => db.close());
  },
};

/** Back up the ledger about to be replaced: with the backup API when it opens, else its bytes as they are. */
async function backupBeforeRestore(file: string): Promise<string> {
  const folder = backupFolder(defaultDataDir(), file);
  let db: Db;
  try {
    db = openExisting(file);
  } catch {
    fs.mkdirSync(folder, { recursive: true });
    const copy = path.join(folder, `${path.basename(file)}.unreadable-${Date.now()}`);
    fs.copyFileSync(file, copy);
    return copy;
  }
  try {
    const info = await createBackup(db, folder, 'restore');
    return path.join(folder, info.name);
  } finally {
    db.close();
  }
}

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'restore BACKUP FILE',
  summary: '检查备份后用它替换台账 FILE（FILE 先备份到用户数据文件夹；替换为原子操作）',
  async run(args: Args, io: CliIo) {
    const [backupText, fileText] = args.positionals;
    if (!backupText || !fileText) throw new UsageError(`用法：${this.usage}`);
    const backup = path.resolve(backupText);
    const file = path.resolve(fileText);
    if (backup === file) throw new UsageError('备份文件与要恢复的台账是同一个文件。');
    if (!fs.existsSync(backup)) throw new LedgerError('BACKUP_NOT_FOUND', `找不到备份文件：${backup}`);
    const exists = fs.existsSync(file);
    if (exists && isOpenElsewhere(file)) {
      throw new LedgerError('LEDGER_IN_USE', `台账“${file}”正被其他程序（如整改台账桌面版或浏览器版）打开，请先关闭它再恢复。台账未被修改。`);
    }
    // Checked first: a damaged backup is refused here and nothing is written.
    const { tmp, check } = stageRestore(backup, file);
    let saved: string | null = null;
    try {
      if (exists) saved = await backupBeforeRestore(file);
      replaceLedgerFile(tmp, file);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    io.out(`已从备份恢复：${file}（${check.problems} 个问题，${check.evidence} 个佐证材料文件，检查通过）`);
    if (saved) io.out(`恢复前的台账已备份到：${saved}`);
    return 0;
  },
};

export const evidenceExportKind: ExportKind = {
  summary: 'evidence：佐证材料包（--out 以 .zip 结尾为 zip 文件，否则为文件夹），含佐证材料目录.xlsx',
  async run(db: Db, options, io) {
    const format = /\.zip$/i.test(options.out) ? 'zip' : 'folder';
    // The package writer (zip, the index workbook) loads only for this export.
    const { exportEvidencePackage } = await import('../core/evidence/package');
    const r = await exportEvidencePackage(db, requireRoundId(db), options.out, format, { overwrite: options.force });
    io.out(
      `已导出佐证材料包：${r.path}（${r.problems} 个问题，${r.files} 个文件，${mb(r.bytes)}${r.listedNotReceived ? `；另有 ${r.listedNotReceived} 项已登记未收到文件，列于目录中` : ''}）`,
    );
    return 0;
  },
};

export const EVIDENCE_COMMANDS: Command[] = [attachCommand, backupCommand, restoreCommand];
