/**
 * A child process for the crash-safety test: writes large actions to a ledger as fast as it can until it
 * is killed. Each action adds one category with 50 problems of 3 measures each, so a complete ledger always
 * holds a multiple of 50 problems.
 */
import { openDb } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createCategory, createRound, currentRoundId } from '../../electron/core/ledger/rounds';
import { createProblem } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress } from '../../electron/core/ledger/measures';

const file = process.argv[2]!;
const db = openDb(file, { create: true });
let roundId = currentRoundId(db);
if (!roundId) roundId = runAction(db, { source: 'system', label: 'round' }, () => createRound(db, { title: '崩溃测试' }));
process.stdout.write('ready\n');
const long = '整改措施内容'.repeat(40);
for (let n = 0; ; n++) {
  runAction(db, { source: 'import', label: `batch ${n}` }, () => {
    const cat = createCategory(db, roundId!, `类别 ${n}`);
    for (let i = 0; i < 50; i++) {
      const p = createProblem(db, { categoryId: cat, kind: 'general', text: `问题 ${n}-${i} ${long}`, leadUnit: `单位${i % 7}`, deadline: { raw: '2024年11月20日前' } });
      for (let m = 0; m < 3; m++) addMeasure(db, p, { text: `${m} ${long}`, status: m === 0 ? '已完成' : '正在推进', completedDate: m === 0 ? '2024-10-01' : null });
      addProgress(db, p, { date: '2024-11-01', text: long });
    }
  });
}
