import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Handlers, ServiceContext } from './registry';
import type { AttachResult } from '../../../shared/api/evidence';
import { evidenceNumber } from '../../../shared/domain/code';
import { runAction, type ActionInfo } from '../ledger/actions';
import { getProblemRow } from '../ledger/problems';
import { LedgerError } from '../errors';
import { writeTarget } from './targets';
import {
  attachEvidence,
  getEvidenceRow,
  readEvidenceData,
  registerListedEvidence,
  removeEvidence,
  renameEvidence,
  restoreEvidence,
} from '../evidence/store';
import { listEvidence, problemsMissingEvidence } from '../evidence/views';
import { sniffFile } from '../evidence/sniff';
import { openPolicy } from '../evidence/open-policy';
import { exportEvidencePackage, packagePlan } from '../evidence/package';
import { saveCopy, writeTempCopy } from '../evidence/files-out';
import { requireRound } from './ledger';

/** Largest package returned for a browser download (base64 in a JSON answer). */
const DOWNLOAD_LIMIT = 300 * 1024 * 1024;

function edit(ctx: ServiceContext, label: string): ActionInfo {
  return { source: 'edit', label, actor: ctx.session.actor };
}

function codeOf(ctx: ServiceContext, problemId: number): string {
  return getProblemRow(ctx.session.db(), problemId).code;
}

/**
 * Base64 from the page, refused when it is not base64 (a truncated upload, a wrong encoding). Checked by
 * the decoded length rather than a regular expression or a cleaned copy: uploads reach 400 MB of text.
 */
function decode(name: string, base64: string): Buffer {
  const pad = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const data = base64.length % 4 === 0 ? Buffer.from(base64, 'base64') : null;
  if (!data || data.length !== (base64.length / 4) * 3 - pad) {
    throw new LedgerError('BAD_UPLOAD', `“${name}”上传的内容不完整或已损坏，未添加。请重新选择该文件。`);
  }
  return data;
}

function numberOf(ctx: ServiceContext, evidenceId: number): { number: string; problemId: number; title: string } {
  const row = getEvidenceRow(ctx.session.db(), evidenceId);
  return { number: evidenceNumber(codeOf(ctx, row.problem_id), row.seq), problemId: row.problem_id, title: row.title };
}

function fileNameFor(number: string, title: string, originalName: string): string {
  const ext = path.extname(originalName);
  return `${number} ${title}${ext}`;
}

export const evidenceHandlers: Handlers<
  | 'evidence.list'
  | 'evidence.attach'
  | 'evidence.register'
  | 'evidence.rename'
  | 'evidence.remove'
  | 'evidence.restore'
  | 'evidence.content'
  | 'evidence.open'
  | 'evidence.saveAs'
  | 'evidence.missing'
  | 'evidence.packagePlan'
  | 'evidence.exportPackage'
> = {
  'evidence.list': (req, ctx) => listEvidence(ctx.session.db(), req.problemId, { includeDeleted: req.includeDeleted }),
  'evidence.attach': (req, ctx) => {
    const db = ctx.session.db();
    if (req.fillId != null && req.files.length !== 1) throw new LedgerError('BAD_REQUEST', '补交文件时一次只能选择一个文件。');
    // Decode everything first: a bad upload refuses the whole request before anything is written.
    const files = req.files.map((f) => ({ ...f, data: decode(f.name, f.base64) }));
    const code = codeOf(ctx, req.problemId);
    const label = files.length === 1 ? `为 ${code} 上传佐证材料“${files[0]!.name}”` : `为 ${code} 上传 ${files.length} 个佐证材料`;
    const results = runAction(db, edit(ctx, label), () =>
      files.map((f): AttachResult => {
        const r = attachEvidence(db, {
          problemId: req.problemId,
          measureId: req.measureId ?? null,
          fillId: req.fillId,
          name: f.name,
          data: f.data,
          title: f.title,
          actor: ctx.session.actor,
        });
        return { name: f.name, status: r.status, number: r.number, title: r.title };
      }),
    );
    return { results, items: listEvidence(db, req.problemId) };
  },
  'evidence.register': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, edit(ctx, `为 ${codeOf(ctx, req.problemId)} 登记待收材料“${req.title}”`), () =>
      registerListedEvidence(db, { problemId: req.problemId, measureId: req.measureId ?? null, title: req.title, actor: ctx.session.actor }),
    );
    return listEvidence(db, req.problemId);
  },
  'evidence.rename': (req, ctx) => {
    const db = ctx.session.db();
    const e = numberOf(ctx, req.id);
    runAction(db, edit(ctx, `修改佐证材料 ${e.number} 的名称`), () => renameEvidence(db, req.id, req.title));
    return listEvidence(db, e.problemId);
  },
  'evidence.remove': (req, ctx) => {
    const db = ctx.session.db();
    const e = numberOf(ctx, req.id);
    runAction(db, edit(ctx, `删除佐证材料 ${e.number}（${e.title}）`), () => removeEvidence(db, req.id));
    return listEvidence(db, e.problemId);
  },
  'evidence.restore': (req, ctx) => {
    const db = ctx.session.db();
    const e = numberOf(ctx, req.id);
    runAction(db, edit(ctx, `恢复佐证材料 ${e.number}（${e.title}）`), () => restoreEvidence(db, req.id));
    return listEvidence(db, e.problemId, { includeDeleted: true });
  },
  'evidence.content': (req, ctx) => {
    const { row, data } = readEvidenceData(ctx.session.db(), req.id);
    return { name: row.original_name, mime: row.mime, base64: data.toString('base64'), size: data.length };
  },
  'evidence.open': async (req, ctx) => {
    const { row, data, code } = readEvidenceData(ctx.session.db(), req.id);
    // Decided again here from the bytes themselves: the page's view of the policy is only a hint.
    const verdict = openPolicy(row.original_name, sniffFile(data));
    if (!verdict.canOpen || !verdict.openExt) throw new LedgerError('OPEN_REFUSED', verdict.reason);
    if (!ctx.host.openExternal) {
      throw new LedgerError('NO_OPEN_HOST', '浏览器版不能调用本机程序打开文件，请使用“下载”后自行打开。');
    }
    const file = writeTempCopy(data, `${evidenceNumber(code, row.seq)} ${row.title}`, verdict.openExt);
    try {
      await ctx.host.openExternal(file);
    } catch (e) {
      throw new LedgerError('OPEN_FAILED', `系统没有能打开 .${verdict.openExt} 文件的程序，或程序启动失败。可以先“另存为”后再打开。`, String(e));
    }
    return { opened: true };
  },
  'evidence.saveAs': async (req, ctx) => {
    const { row, data, code } = readEvidenceData(ctx.session.db(), req.id);
    if (req.path != null) {
      // A path from the page: confined by the host's policy (the browser: a name in the data folder).
      const t = writeTarget(ctx, req.path, { what: '佐证材料副本' });
      return { path: saveCopy(data, t.path, { overwrite: t.overwrite }) };
    }
    if (!ctx.host.pickFile) return { path: null };
    const target = await ctx.host.pickFile('save', { title: '佐证材料另存为', defaultName: fileNameFor(evidenceNumber(code, row.seq), row.title, row.original_name) });
    if (target == null) return { path: null };
    // The native dialog has already asked before replacing a file.
    return { path: saveCopy(data, target, { overwrite: true }) };
  },
  'evidence.missing': (_req, ctx) => problemsMissingEvidence(ctx.session.db(), requireRound(ctx)),
  'evidence.packagePlan': (_req, ctx) => packagePlan(ctx.session.db(), requireRound(ctx)),
  'evidence.exportPackage': async (req, ctx) => {
    const db = ctx.session.db();
    const roundId = requireRound(ctx);
    if (req.download) {
      // The browser host: the zip travels back as base64, so it is kept to what a download can carry.
      if (req.format !== 'zip') throw new LedgerError('BAD_REQUEST', '浏览器下载只能是 zip 文件；导出到文件夹请填写文件夹名称（保存在数据文件夹中）。');
      const size = packagePlan(db, roundId).bytes;
      if (size > DOWNLOAD_LIMIT) {
        throw new LedgerError('PACKAGE_TOO_LARGE', `材料共 ${(size / 1048576).toFixed(0)} MB，超过浏览器下载 ${DOWNLOAD_LIMIT / 1048576} MB 的上限。请改为导出到数据文件夹。`);
      }
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zgtz-package-'));
      try {
        const r = await exportEvidencePackage(db, roundId, path.join(dir, '佐证材料包.zip'), 'zip');
        return { ...r, path: null, data: fs.readFileSync(r.path!).toString('base64') };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    const zipName = (f: string) => (req.format === 'zip' && !/\.zip$/i.test(f) ? f + '.zip' : f);
    if (req.path != null) {
      const t = writeTarget(ctx, req.path, { what: '佐证材料包' }, zipName);
      return exportEvidencePackage(db, roundId, t.path, req.format, { overwrite: t.overwrite });
    }
    if (!ctx.host.pickFile) return null;
    const picked = await ctx.host.pickFile('save', {
      title: req.format === 'zip' ? '导出佐证材料包（zip）' : '导出佐证材料包到新文件夹',
      defaultName: req.format === 'zip' ? '佐证材料包.zip' : '佐证材料包',
      extensions: req.format === 'zip' ? ['zip'] : undefined,
    });
    if (picked == null) return null;
    const target = zipName(picked);
    // The native dialog asked before replacing the file it returned.
    return exportEvidencePackage(db, roundId, target, req.format, { overwrite: target === picked });
  },
};
