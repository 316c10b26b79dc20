import { z } from 'zod';
import { act, op, id, isoDate } from './define';
import { ROUND_KINDS, type RoundInfo } from '../domain/types';
import { cycleRuleSchema } from './reminders';

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface LedgerInfo {
  path: string;
  fileName: string;
  name: string;
  isDefault: boolean;
  roundId: number | null;
  round: RoundInfo | null;
  rounds: RoundInfo[];
  /** Increases with every change: views compare it to know when to reload. */
  version: number;
  undo: UndoState;
  problemCount: number;
  /** What the host can do natively (the desktop app has file dialogs; the browser host does not). */
  host: {
    kind: 'electron' | 'web';
    fileDialogs: boolean;
    openExternal: boolean;
    /** The browser host: the folder new ledgers, copies and packages go to (the page names files, not folders). */
    saveFolder?: string;
  };
  /** Opened read-only (a CD, a read-only attachment or folder): viewing works, changes are refused. */
  readonly?: boolean;
}

export const roundFields = z.object({
  title: z.string().trim().min(1, '标题不能为空').max(200),
  inspectingBody: z.string().max(200),
  inspectedOrg: z.string().max(200),
  inspectionStart: isoDate.nullable(),
  inspectionEnd: isoDate.nullable(),
  feedbackDate: isoDate.nullable(),
  periodEnd: isoDate.nullable(),
  periodLabel: z.string().max(50),
  contactLine: z.string().max(2000),
  longTermCountsCompleted: z.boolean(),
  reportTexts: z.record(z.string(), z.string().max(100000)),
  kind: z.enum(ROUND_KINDS),
  cycleRule: cycleRuleSchema,
});

const path = z.string().min(1, '请填写文件路径').max(4096);

/** A ledger file in the data folder, as the browser's 打开台账 lists it. */
export interface DataFolderLedger {
  fileName: string;
  /** The file name without its extension. */
  name: string;
  size: number;
  modifiedAt: string;
  /** The ledger open now. */
  current: boolean;
}

export const ledgerOps = {
  'ledger.info': op<LedgerInfo>()(z.object({})),
  'ledger.open': act<LedgerInfo>()(z.object({ path })),
  'ledger.create': act<LedgerInfo>()(z.object({ path, title: z.string().max(200).optional(), sample: z.boolean().optional() })),
  /** A new ledger named by the clerk, as a file of that name in the data folder (the browser host's 新建台账). */
  'ledger.createNamed': act<LedgerInfo>()(z.object({ name: z.string().max(200) })),
  /** Open the sample ledger, in its own file in the data folder (made the first time). */
  'ledger.openSample': act<LedgerInfo>()(z.object({})),
  'ledger.saveAs': act<LedgerInfo>()(z.object({ path })),
  'ledger.openDefault': act<LedgerInfo>()(z.object({})),
  /**
   * Ask the host for a file with its native dialog; null when cancelled or when the host has none. Without
   * `extensions` it asks for a ledger file (.zgtz); exports pass their own (xlsx, zip) and a suggested name.
   */
  'ledger.pickFile': op<{ path: string | null }>()(
    z.object({
      mode: z.enum(['open', 'save']),
      title: z.string().max(100).optional(),
      defaultName: z.string().max(255).optional(),
      extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).min(1).max(5).optional(),
    }),
  ),
  /** The browser host: recent ledgers of the data folder only. */
  'ledger.recent': op<{ path: string; openedAt: string }[]>()(z.object({})),
  /** The ledgers (.zgtz) in the data folder, newest first: what the browser's 打开台账 offers. */
  'ledger.dataFolder': op<{ folder: string; ledgers: DataFolderLedger[] }>()(z.object({})),
  /** Add the sample round (示例台账) to the open ledger. */
  'ledger.addSample': act<LedgerInfo>()(z.object({})),
  'ledger.rename': act<LedgerInfo>()(z.object({ name: z.string().trim().min(1, '名称不能为空').max(100) })),
  'rounds.create': act<LedgerInfo>()(z.object({ title: z.string().trim().min(1, '标题不能为空').max(200) })),
  'rounds.update': act<LedgerInfo>()(z.object({ id, fields: roundFields.partial() })),
  'rounds.select': act<LedgerInfo>()(z.object({ id })),
};
