import fs from 'node:fs';
import path from 'node:path';
import type { DataFolderLedger, LedgerInfo } from '../../../shared/api/ledger';
import type { Handlers, ServiceContext } from './registry';
import { currentRoundId, createRound, getRound, listRounds, updateRound } from '../ledger/rounds';
import { getMeta, setMeta } from '../ledger/meta';
import { ledgerVersion, runAction, undoState } from '../ledger/actions';
import { createSampleLedger } from '../ledger/sample';
import { LedgerError } from '../errors';
import { defaultLedgerPath, LEDGER_EXT } from '../paths';
import type { RoundFields } from '../ledger/rounds';
import { ledgerFileName, SAMPLE_LEDGER_FILE } from '../../../shared/domain/ledgerName';
import { grantDialogPath, mayListRecent, openTarget, writeTarget } from './targets';

export function ledgerInfo(ctx: ServiceContext): LedgerInfo {
  const db = ctx.session.db();
  const roundId = currentRoundId(db);
  const count = db.raw.prepare('SELECT count(*) AS n FROM problems WHERE deleted_at IS NULL AND round_id = ?').get(roundId ?? 0) as { n: number };
  return {
    path: db.path,
    fileName: path.basename(db.path),
    name: getMeta(db, 'name') ?? path.basename(db.path, LEDGER_EXT),
    isDefault: ctx.session.isDefault(),
    roundId,
    round: roundId ? getRound(db, roundId) : null,
    rounds: listRounds(db),
    version: ledgerVersion(db),
    undo: undoState(db),
    problemCount: count.n,
    host: {
      kind: ctx.host.kind === 'electron' ? 'electron' : 'web',
      fileDialogs: !!ctx.host.pickFile,
      openExternal: !!ctx.host.openExternal,
      ...(ctx.host.kind === 'web' ? { saveFolder: ctx.session.dataDir } : {}),
    },
    readonly: db.readonly,
  };
}

/** The current round, or a clear message when the ledger has none yet. */
export function requireRound(ctx: ServiceContext, roundId?: number): number {
  const id = roundId ?? currentRoundId(ctx.session.db());
  if (!id) throw new LedgerError('NO_ROUND', '台账中还没有巡察轮次：请先新建轮次、导入总台账，或创建示例台账。');
  getRound(ctx.session.db(), id);
  return id;
}

function withExt(file: string): string {
  return path.extname(file) ? file : file + LEDGER_EXT;
}

export const ledgerHandlers: Handlers<
  | 'ledger.info'
  | 'ledger.open'
  | 'ledger.create'
  | 'ledger.createNamed'
  | 'ledger.openSample'
  | 'ledger.saveAs'
  | 'ledger.openDefault'
  | 'ledger.pickFile'
  | 'ledger.recent'
  | 'ledger.dataFolder'
  | 'ledger.addSample'
  | 'ledger.rename'
  | 'rounds.create'
  | 'rounds.update'
  | 'rounds.select'
> = {
  'ledger.info': (_req, ctx) => ledgerInfo(ctx),
  'ledger.open': (req, ctx) => {
    ctx.session.open(openTarget(ctx, req.path));
    return ledgerInfo(ctx);
  },
  'ledger.create': (req, ctx) => {
    const db = ctx.session.create(writeTarget(ctx, req.path, { what: '新台账' }, withExt).path);
    if (req.sample) createSampleLedger(db);
    else {
      runAction(db, { source: 'system', label: '新建台账' }, () => {
        setMeta(db, 'name', path.basename(db.path, path.extname(db.path)));
        if (req.title) createRound(db, { title: req.title });
      });
    }
    return ledgerInfo(ctx);
  },
  'ledger.createNamed': (req, ctx) => {
    const named = ledgerFileName(req.name);
    if (!named.ok) throw new LedgerError('BAD_NAME', named.message);
    const file = path.join(ctx.session.dataDir, named.file);
    const name = path.basename(named.file, LEDGER_EXT);
    if (fs.existsSync(file)) throw new LedgerError('FILE_EXISTS', `已有名为“${name}”的台账。请换一个名称，或在“最近打开”中打开它。`);
    fs.mkdirSync(ctx.session.dataDir, { recursive: true });
    const db = ctx.session.create(file);
    runAction(db, { source: 'system', label: '新建台账' }, () => setMeta(db, 'name', name));
    return ledgerInfo(ctx);
  },
  'ledger.openSample': (_req, ctx) => {
    const file = path.join(ctx.session.dataDir, SAMPLE_LEDGER_FILE);
    if (fs.existsSync(file)) ctx.session.open(file);
    else {
      fs.mkdirSync(ctx.session.dataDir, { recursive: true });
      createSampleLedger(ctx.session.create(file));
    }
    return ledgerInfo(ctx);
  },
  'ledger.saveAs': (req, ctx) => {
    ctx.session.saveAs(writeTarget(ctx, req.path, { what: '台账副本' }, withExt).path);
    return ledgerInfo(ctx);
  },
  'ledger.openDefault': (_req, ctx) => {
    const file = defaultLedgerPath(ctx.session.dataDir);
    if (fs.existsSync(file)) ctx.session.open(file);
    else ctx.session.create(file);
    return ledgerInfo(ctx);
  },
  'ledger.pickFile': async (req, ctx) => {
    if (!ctx.host.pickFile) return { path: null };
    const file = await ctx.host.pickFile(req.mode, {
      title: req.title,
      extensions: req.extensions ?? ['zgtz'],
      defaultName: req.defaultName ?? (req.extensions ? undefined : '新台账' + LEDGER_EXT),
    });
    // Main asked the person with its own dialog: that path (and only such paths) may then be written.
    if (file && req.mode === 'save') grantDialogPath(ctx, file);
    return { path: file };
  },
  'ledger.recent': (_req, ctx) => ctx.session.recent().filter((r) => mayListRecent(ctx, r.path)),
  'ledger.dataFolder': (_req, ctx) => {
    const folder = ctx.session.dataDir;
    let current: string | null = null;
    try {
      current = ctx.session.path();
    } catch {
      // No ledger open (the first start): none is current.
    }
    const ledgers: DataFolderLedger[] = [];
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      // No data folder yet: nothing to choose from.
    }
    for (const e of entries) {
      // Files of their own only: a link could point anywhere (openTarget refuses it too).
      if (!e.isFile() || !e.name.toLowerCase().endsWith(LEDGER_EXT) || e.name.startsWith('.')) continue;
      const file = path.join(folder, e.name);
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (!st) continue;
      ledgers.push({ fileName: e.name, name: e.name.slice(0, -LEDGER_EXT.length), size: st.size, modifiedAt: st.mtime.toISOString(), current: file === current });
    }
    ledgers.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.fileName.localeCompare(b.fileName, 'zh'));
    return { folder, ledgers };
  },
  'ledger.addSample': (_req, ctx) => {
    createSampleLedger(ctx.session.db());
    return ledgerInfo(ctx);
  },
  'ledger.rename': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, { source: 'edit', label: `台账更名为“${req.name}”`, actor: ctx.session.actor }, () => setMeta(db, 'name', req.name));
    return ledgerInfo(ctx);
  },
  'rounds.create': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, { source: 'edit', label: `新建巡察轮次“${req.title}”`, actor: ctx.session.actor }, () => createRound(db, { title: req.title }));
    return ledgerInfo(ctx);
  },
  'rounds.update': (req, ctx) => {
    const db = ctx.session.db();
    runAction(db, { source: 'edit', label: '修改轮次设置', actor: ctx.session.actor, roundId: req.id }, () =>
      updateRound(db, req.id, req.fields as RoundFields),
    );
    return ledgerInfo(ctx);
  },
  'rounds.select': (req, ctx) => {
    const db = ctx.session.db();
    getRound(db, req.id);
    runAction(db, { source: 'system', label: '切换巡察轮次' }, () => setMeta(db, 'current_round_id', String(req.id)));
    return ledgerInfo(ctx);
  },
};
