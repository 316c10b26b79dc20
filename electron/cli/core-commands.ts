import fs from 'node:fs';
import path from 'node:path';
import { UsageError, one, type Args } from './args';
import type { CliIo, Command } from './commands';
import { openDb, type Db } from '../core/db/open';
import { LedgerError } from '../core/errors';
import { runAction } from '../core/ledger/actions';
import { createRound, currentRoundId, getRound, listRounds } from '../core/ledger/rounds';
import { setMeta } from '../core/ledger/meta';
import { createSampleLedger } from '../core/ledger/sample';
import { checkLedger } from '../core/ledger/check';
import { splitAllUnitLists } from '../core/ledger/people';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { listProblemDetails, problemDetailPages } from '../core/ledger/views';
import type { ProblemDetail } from '../../shared/domain/types';
import { plainStats, statsFor } from '../core/stats';
import { isIsoDate, todayIso } from '../../shared/domain/dates';
import { FIGURE_LABELS, type Figures, type Stats } from '../../shared/domain/stats';
import { compareStated, statedFiguresOfRound, type StatedComparison } from '../../shared/domain/statedFigures';
import { now } from '../core/clock';
import { removeLeftoverTemps } from '../core/temp-files';
import { backupFolder } from '../core/backup/backup';
import { defaultDataDir } from '../core/paths';

export function fileArg(args: Args, usage: string): string {
  const file = args.positionals[0];
  if (!file) throw new UsageError(`缺少台账文件参数。用法：${usage}`);
  return path.resolve(file);
}

/** Open an existing ledger: a missing, foreign or corrupt file is a LedgerError (exit 2). */
export function openExisting(file: string): Db {
  if (!fs.existsSync(file)) throw new LedgerError('LEDGER_NOT_FOUND', `找不到台账文件：${file}`);
  if (fs.statSync(file).size === 0) throw new LedgerError('NOT_A_LEDGER', `“${file}”是空文件，不是台账文件。`);
  const db = openDb(file);
  // What killed runs left in this ledger's backup folder goes at the start of the next command on it
  // (openDb has already cleared the ledger's own folder).
  removeLeftoverTemps(backupFolder(defaultDataDir(), db.path));
  return db;
}

/** A round chosen for one command (`--round N`) instead of the ledger's current one. */
const chosenRound = new WeakMap<Db, number>();

export function useRound(db: Db, roundId: number): void {
  chosenRound.set(db, roundId);
}

export function requireRoundId(db: Db): number {
  const id = chosenRound.get(db) ?? currentRoundId(db);
  if (!id) throw new LedgerError('NO_ROUND', '台账中还没有巡察轮次。');
  return id;
}

/** `--round N`: a round number the ledger has, else a usage error listing those it has. */
export function roundArg(db: Db, args: Args): number | null {
  const v = one(args, 'round');
  if (v == null) return null;
  const id = Number(v);
  const rounds = listRounds(db);
  if (!Number.isInteger(id) || !rounds.some((r) => r.id === id)) {
    throw new UsageError(`--round 应为台账中已有的轮次编号（${rounds.map((r) => `${r.id} ${r.title}`).join('；') || '台账中没有轮次'}），收到“${v}”`);
  }
  return id;
}

export function asOfArg(args: Args): string {
  const asOf = one(args, 'as-of') ?? todayIso(now());
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of 应为有效日期 YYYY-MM-DD，收到“${asOf}”`);
  return asOf;
}

function withLedger<T>(file: string, fn: (db: Db) => T): T {
  const db = openExisting(file);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export const initCommand: Command = {
  name: 'init',
  usage: 'init FILE [--title TEXT] [--sample]',
  summary: '新建台账文件（含一个巡察轮次；--sample 创建示例台账）',
  valueKeys: ['title'],
  flagKeys: ['sample', 'json'],
  run(args, io) {
    const file = fileArg(args, this.usage);
    if (fs.existsSync(file)) throw new UsageError(`文件已存在：${file}。为防止覆盖，请换一个文件名。`);
    const db = openDb(file, { create: true });
    try {
      if (args.flags.has('sample')) createSampleLedger(db);
      else {
        runAction(db, { source: 'system', label: '新建台账' }, () => {
          setMeta(db, 'name', path.basename(file, path.extname(file)));
          createRound(db, { title: one(args, 'title') ?? '巡察反馈问题整改' });
        });
      }
    } finally {
      db.close();
    }
    io.out(args.flags.has('json') ? JSON.stringify({ created: file }) : `已创建台账：${file}`);
    return 0;
  },
};

function figuresLine(label: string, f: Figures): string {
  return `${label}：共 ${f.total} 个，期内应完成 ${f.dueInPeriod} 个，期内完成 ${f.completedInPeriod} 个，阶段性整改率 ${f.rateInPeriod}%，期外 ${f.outOfPeriod} 个（已完成 ${f.completedOutOfPeriod} 个），逾期 ${f.overdue} 个${f.unstated ? `，未注明结果 ${f.unstated} 个` : ''}`;
}

export function statsText(s: Stats & { stated?: StatedComparison[] }): string {
  const lines = [`截至 ${s.asOf}`, figuresLine('面上问题', s.general), figuresLine('具体问题', s.specific), `整改措施：共 ${s.measures.total} 项，已完成 ${s.measures.completed} 项${s.measures.unstated ? `，未注明结果 ${s.measures.unstated} 项` : ''}`, '', '按类别：'];
  for (const c of s.byCategory) lines.push(`  （${toChineseNumeral(c.no)}）${c.title}：面上 ${c.general.completed}/${c.general.total}，具体 ${c.specific.completed}/${c.specific.total}`);
  lines.push('', '按牵头单位：');
  for (const u of s.byUnit) lines.push(`  ${u.unit}：面上 ${u.general.completed}/${u.general.total}，具体 ${u.specific.completed}/${u.specific.total}`);
  if (s.deadlineUnparsed) lines.push('', `${s.deadlineUnparsed} 个问题的整改时限无法识别（不计入期限统计）：${s.deadlineUnparsedCodes.join('、')}`);
  if (s.stated?.length) {
    lines.push('', '报告公布的数字与台账计算：');
    for (const x of s.stated) lines.push(`  ${x.words}${x.computed != null && x.computed !== x.stated ? '（不一致）' : ''}`);
  }
  void FIGURE_LABELS;
  return lines.join('\n');
}

export const statsCommand: Command = {
  name: 'stats',
  usage: 'stats FILE [--as-of YYYY-MM-DD] [--round N] [--json]',
  summary: '按 DOMAIN §5 的口径输出统计数字（--round 指定轮次，默认当前轮次）',
  valueKeys: ['as-of', 'round'],
  flagKeys: ['json'],
  run(args, io) {
    const file = fileArg(args, this.usage);
    const asOf = asOfArg(args);
    const stats = withLedger(file, (db) => {
      const roundId = roundArg(db, args) ?? currentRoundId(db);
      if (!roundId) return { ...plainStats(emptyStats(asOf)), stated: [] };
      const computed = plainStats(statsFor(db, roundId, asOf));
      // What the imported report states, beside what the ledger computes: never merged.
      return { ...computed, stated: compareStated(statedFiguresOfRound(getRound(db, roundId).reportTexts), computed) };
    });
    io.out(args.flags.has('json') ? JSON.stringify(stats, null, 2) : statsText(stats));
    return 0;
  },
};

function zero(): Figures {
  return { total: 0, completed: 0, dueInPeriod: 0, completedInPeriod: 0, rateInPeriod: 0, outOfPeriod: 0, completedOutOfPeriod: 0, overdue: 0, unstated: 0 };
}

function emptyStats(asOf: string) {
  const items = { total: [], completed: [], dueInPeriod: [], completedInPeriod: [], outOfPeriod: [], completedOutOfPeriod: [], advancingOutOfPeriod: [], overdue: [], unstated: [] };
  return { asOf, periodEnd: asOf, general: zero(), specific: zero(), measures: { total: 0, completed: 0, unstated: 0 }, byCategory: [], byUnit: [], items: { general: items, specific: items }, deadlineUnparsed: 0, deadlineUnparsedCodes: [], deadlineUnparsedIds: [] };
}

/** The shape of `list --json` (issue 2): one object per problem, in ledger order. */
export function listJson(db: Db) {
  const roundId = currentRoundId(db);
  if (!roundId) return [];
  return listProblemDetails(db, roundId).map(listed);
}

function listed(p: ProblemDetail) {
  return {
    code: p.code,
    kind: p.kind,
    category: p.categoryTitle,
    text: p.text,
    leaders: p.leaders,
    leadUnit: p.leadUnit,
    units: p.units,
    deadline: p.deadline,
    status: p.status,
    measures: p.measures.map((m) => ({ no: m.no, text: m.text, status: m.status, deadline: m.deadline })),
    progress: p.progress.map((g) => ({ date: g.date, text: g.text })),
  };
}

/**
 * `list` writes page by page (problemDetailPages): a 100,000-problem ledger is never held as one list of
 * objects, nor as one string. The JSON is the same text `JSON.stringify(listJson(db), null, 2)` gives.
 */
export async function writeList(db: Db, json: boolean, io: CliIo, pageSize?: number): Promise<void> {
  const roundId = currentRoundId(db);
  const pages: Iterator<ProblemDetail[]> = roundId ? problemDetailPages(db, roundId, pageSize) : [][Symbol.iterator]();
  let page = pages.next();
  if (json && page.done) {
    io.out('[]');
    return;
  }
  if (json) io.out('[');
  while (!page.done) {
    const next = pages.next();
    if (json) {
      const items = page.value.map((p) => '  ' + JSON.stringify(listed(p), null, 2).replace(/\n/g, '\n  '));
      io.out(items.join(',\n') + (next.done ? '' : ','));
    } else {
      io.out(page.value.map((p) => `${p.code}\t${p.status}\t${p.leadUnit ?? ''}\t${p.deadline.raw}\t${p.text}`).join('\n'));
    }
    // The reader takes each page before the next is read (a pipe otherwise buffers the whole list).
    await io.drain?.();
    page = next;
  }
  if (json) io.out(']');
}

export const listCommand: Command = {
  name: 'list',
  usage: 'list FILE [--json]',
  summary: '列出当前轮次的全部问题（含措施与进展）',
  flagKeys: ['json'],
  async run(args, io) {
    const file = fileArg(args, this.usage);
    const db = openExisting(file);
    try {
      await writeList(db, args.flags.has('json'), io);
    } finally {
      db.close();
    }
    return 0;
  },
};

export const checkCommand: Command = {
  name: 'check',
  usage: 'check FILE [--json] [--split-units]',
  summary: '检查台账完整性（SQLite、应用规则、佐证材料哈希），有问题时退出码为 1；--split-units 按提示拆分名称为多个单位的“单位”',
  flagKeys: ['json', 'split-units'],
  run(args, io: CliIo) {
    const file = fileArg(args, this.usage);
    if (args.flags.has('split-units')) {
      const done = withLedger(file, splitAllUnitLists);
      for (const d of done) io.out(`已拆分“${d.name}”：牵头单位“${d.lead}”，配合单位“${d.cooperating.join('、')}”（${d.codes.length} 个问题）`);
      if (!done.length) io.out('没有名称为多个单位的“单位”，无需拆分。');
    }
    const findings = withLedger(file, checkLedger);
    if (args.flags.has('json')) io.out(JSON.stringify({ ok: findings.length === 0, findings }, null, 2));
    else if (findings.length === 0) io.out(`台账检查通过：${file}`);
    else {
      io.err(`台账检查发现 ${findings.length} 处问题：`);
      for (const f of findings) io.err(`  ${f.where}：${f.message}`);
    }
    return findings.length === 0 ? 0 : 1;
  },
};

export const CORE_COMMANDS: Command[] = [initCommand, statsCommand, listCommand, checkCommand];
