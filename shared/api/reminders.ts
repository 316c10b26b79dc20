import { z } from 'zod';
import { act, op, id, isoDate } from './define';
import type { CycleStatus, ProblemLineage, ReminderSettings, Todo } from '../domain/reminders';
import type { CycleRule } from '../domain/cycles';
import type { StatsWithItems } from '../domain/stats';
import type { LedgerInfo } from './ledger';
import { ROUND_KINDS, type RoundInfo } from '../domain/types';

/** A file made for the person: written to `path` (desktop) or returned as base64 for download. */
export interface FileResult {
  fileName: string;
  path: string | null;
  data: string | null;
  mime: string;
  size: number;
}

export interface NoticeSummary {
  unit: string;
  title: '督办通知' | '提醒函';
  overdue: string[];
  dueSoon: string[];
  lateReturn: string | null;
}

export interface SentNotice {
  id: number;
  unit: string;
  asOf: string;
  returnBy: string | null;
  fileName: string;
  codes: string[];
  createdAt: string;
}

export interface CyclesView {
  rule: CycleRule;
  start: string;
  /** Index into `cycles` of the current one, -1 when the round has no rhythm. */
  current: number;
  cycles: CycleStatus[];
}

export interface RoundComparison {
  rounds: { round: RoundInfo; stats: StatsWithItems }[];
}

const path = z.string().min(1).max(4096);
const path0 = path.optional();
const units = z.array(z.string().min(1).max(200)).max(1000).optional();

export const cycleRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1, '日期应在 1–31 之间').max(31, '日期应在 1–31 之间') }),
  z.object({ kind: z.literal('dates'), dates: z.array(isoDate).min(1, '请至少填写一个报送日期').max(200) }),
]);

export const reminderSettingsSchema = z.object({
  dueSoonDays: z.number().int().min(1).max(365),
  staleDays: z.number().int().min(1).max(3650),
  notify: z.boolean(),
  sender: z.string().max(100),
  contact: z.string().max(300),
  replyDays: z.number().int().min(1).max(90),
});

export const CARRY_CHOICES = ['unfinished', 'long-term', 'signed-off'] as const;

export const remindersOps = {
  'todo.get': op<Todo>()(z.object({ asOf: isoDate.optional() })),
  /** 导出为 Excel: every section of the to-do view as a sheet. */
  'todo.export': op<FileResult>()(z.object({ asOf: isoDate, path: path0 })),
  'cycles.get': op<CyclesView>()(z.object({ asOf: isoDate.optional() })),
  /** 已报送 by hand (a return by e-mail, on paper, by phone). */
  'cycles.mark': act<CyclesView>()(z.object({ unit: z.string().min(1).max(200), date: isoDate, note: z.string().max(200).optional(), asOf: isoDate.optional() })),
  'cycles.unmark': act<CyclesView>()(z.object({ unit: z.string().min(1).max(200), from: z.string().max(10), due: isoDate, asOf: isoDate.optional() })),
  'reminders.settings': op<ReminderSettings>()(z.object({})),
  'reminders.saveSettings': act<ReminderSettings>()(reminderSettingsSchema.partial()),
  'notices.preview': op<NoticeSummary[]>()(z.object({ asOf: isoDate, units })),
  /** One .docx and .txt per unit, zipped; each notice is recorded (已发督办通知). */
  'notices.generate': act<FileResult & { notices: NoticeSummary[] }>()(z.object({ asOf: isoDate, units, path: path0 })),
  'notices.sent': op<SentNotice[]>()(z.object({ unit: z.string().max(200).optional() })),
  'rounds.start': act<LedgerInfo & { carried: Record<string, number> }>()(
    z.object({
      title: z.string().trim().min(1, '标题不能为空').max(200),
      kind: z.enum(ROUND_KINDS),
      carry: z.array(z.enum(CARRY_CHOICES)).max(3),
      renumber: z.boolean(),
    }),
  ),
  'rounds.lineage': op<ProblemLineage>()(z.object({ problemId: id })),
  'rounds.recheck': act<ProblemLineage>()(
    z.object({ problemId: id, result: z.enum(['巩固', '反弹']), date: isoDate, actor: z.string().max(100).optional(), note: z.string().max(2000).optional() }),
  ),
  /** Two (or more) rounds' statistics side by side, each exactly as `stats --round N` gives it. */
  'rounds.compare': op<RoundComparison>()(z.object({ roundIds: z.array(id).min(1).max(10), asOf: isoDate })),
};

export type { ReminderSettings };
