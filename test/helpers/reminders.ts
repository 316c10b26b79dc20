import type { Db } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createCategory, createRound, updateRound } from '../../electron/core/ledger/rounds';
import { createProblem, setProblemStatus } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress } from '../../electron/core/ledger/measures';
import { addDays } from '../../shared/domain/dates';
import type { MeasureStatus } from '../../shared/domain/status';

/** A small deterministic generator (mulberry32), so that a failing seed can be replayed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

export interface GenProblem {
  id: number;
  code: string;
  kind: 'general' | 'specific';
  unit: string;
  deadline: string | null;
  deadlineRaw: string;
  measureStatuses: MeasureStatus[];
  completedDate: string | null;
}

export const UNITS = ['办公室', '政治部', '法治调研科', '立法科', '执法监督科', '财务科'];

function isoToChinese(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日前`;
}

/**
 * A round whose problems have deadlines scattered around `asOf` (−40…+40 days, some 立行立改/长期坚持/none),
 * random measure statuses and completion dates, some with progress: the shape varies with the seed.
 */
export function generateRound(db: Db, seed: number, asOf: string, options: { title?: string } = {}): { roundId: number; problems: GenProblem[] } {
  const r = rng(seed);
  const problems: GenProblem[] = [];
  const roundId = runAction(db, { source: 'system', label: '生成测试轮次' }, () => {
    const roundId = createRound(db, { title: options.title ?? `测试轮次 ${seed}` });
    updateRound(db, roundId, { feedbackDate: addDays(asOf, -120), periodEnd: addDays(asOf, 30) });
    const cats = r.int(1, 3);
    for (let c = 1; c <= cats; c++) {
      const categoryId = createCategory(db, roundId, `第${c}类问题`);
      const generals = r.int(1, 4);
      for (let g = 0; g < generals; g++) {
        const gen = makeProblem(db, r, asOf, { categoryId, kind: 'general' });
        problems.push(gen);
        const specifics = r.int(0, 3);
        for (let s = 0; s < specifics; s++) problems.push(makeProblem(db, r, asOf, { categoryId, kind: 'specific', parentId: gen.id }));
      }
    }
    return roundId;
  });
  return { roundId, problems };
}

function makeProblem(db: Db, r: ReturnType<typeof rng>, asOf: string, where: { categoryId: number; kind: 'general' | 'specific'; parentId?: number }): GenProblem {
  const roll = r.next();
  const date = addDays(asOf, r.int(-40, 40));
  const deadlineRaw = roll < 0.75 ? isoToChinese(date) : r.pick(['立行立改', '长期坚持', '']);
  const unit = r.pick(UNITS);
  const id = createProblem(db, { ...where, text: `问题 ${r.int(1000, 9999)}：制度执行不到位。`, leadUnit: unit, deadline: { raw: deadlineRaw } });
  const statuses: MeasureStatus[] = [];
  const n = r.int(1, 3);
  let completedDate: string | null = null;
  for (let i = 0; i < n; i++) {
    const status = r.pick(['未启动', '正在推进', '已完成', '已完成'] as const);
    const done = status === '已完成' ? addDays(asOf, r.int(-60, 5)) : null;
    addMeasure(db, id, { text: `措施${i + 1}`, status, completedDate: done });
    statuses.push(status);
    if (done && (!completedDate || done > completedDate)) completedDate = done;
  }
  if (r.next() < 0.5) addProgress(db, id, { date: addDays(asOf, r.int(-70, 0)), text: '按计划推进。' });
  const allDone = statuses.every((s) => s === '已完成');
  return { id, code: '', kind: where.kind, unit, deadline: roll < 0.75 ? date : null, deadlineRaw, measureStatuses: statuses, completedDate: allDone ? completedDate : null };
}

export { setProblemStatus };
