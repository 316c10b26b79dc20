import type { Db } from '../../electron/core/db/open';
import { runAction } from '../../electron/core/ledger/actions';
import { createCategory, createRound } from '../../electron/core/ledger/rounds';
import { createProblem } from '../../electron/core/ledger/problems';
import { addMeasure, addProgress } from '../../electron/core/ledger/measures';
import { setMeta } from '../../electron/core/ledger/meta';
import type { MeasureStatus } from '../../shared/domain/status';

const UNITS = ['政治部', '机关党办', '局办公室', '法治调研科', '立法科', '社区矫正科', '律师工作科', '公证工作科', '行政复议与应诉科', '计划财务装备科', '普法与依法治理科', '市法律援助中心'];
const LEADERS = ['局党组书记、局长', '局党组成员、副局长（分管立法）', '局党组成员、政治部主任', '局党组成员、机关党委书记', '驻局纪检监察组组长'];
const TOPICS = ['社区矫正', '依法治市', '法律援助', '公证改革', '行政执法', '普法宣传', '意识形态', '作风建设', '专项资金', '队伍建设'];
const DEADLINES = ['2024年11月20日前', '2024年12月31日前', '2025年3月31日前', '2025年6月30日前', '2025年底前', '立行立改', '长期坚持', '待省上出台政策后'];
const STATUSES: MeasureStatus[] = ['已完成', '已完成', '正在推进', '未启动', '长期坚持'];

/**
 * A ledger of `count` problems in the shape of real ones (categories of general problems, each with
 * specific problems beneath, three measures and a progress entry each), written through the core API in
 * one action so that it takes seconds, not minutes. Deterministic: the same count gives the same ledger.
 */
export function generateLedger(db: Db, count: number): { problems: number } {
  let made = 0;
  runAction(db, { source: 'system', label: '生成基准台账' }, () => {
    setMeta(db, 'name', `基准台账（${count}个问题）`);
    const roundId = createRound(db, {
      title: '市委第五巡察组巡察反馈问题整改（基准）',
      feedbackDate: '2024-07-24',
      periodEnd: '2024-11-24',
      periodLabel: '4个月',
    });
    const categories = 10;
    const perCategory = Math.ceil(count / categories);
    for (let c = 0; c < categories && made < count; c++) {
      const categoryId = createCategory(db, roundId, `${TOPICS[c]}方面存在的问题（第${c + 1}类）`);
      let generalId = 0;
      for (let i = 0; i < perCategory && made < count; i++) {
        const isGeneral = i % 5 === 0;
        const n = made;
        const id = createProblem(db, {
          categoryId,
          kind: isGeneral ? 'general' : 'specific',
          parentId: isGeneral ? null : generalId,
          text: `${TOPICS[(n * 7) % TOPICS.length]}工作落实不到位，第${n + 1}号问题：相关制度执行不严、督促检查不够，整改责任需进一步压实。`,
          leaders: [LEADERS[n % LEADERS.length]!],
          leadUnit: UNITS[n % UNITS.length]!,
          deadline: { raw: DEADLINES[n % DEADLINES.length]! },
        });
        if (isGeneral) generalId = id;
        for (let m = 0; m < 3; m++) {
          const status = STATUSES[(n + m) % STATUSES.length]!;
          addMeasure(db, id, {
            text: `第${m + 1}项措施：建立${TOPICS[(n + m) % TOPICS.length]}工作台账，明确责任分工和完成时限（问题${n + 1}）。`,
            status,
            completedDate: status === '已完成' ? '2024-11-15' : null,
          });
        }
        addProgress(db, id, { date: '2024-11-15', text: `已召开专题会议研究部署，问题${n + 1}整改有序推进。` });
        made++;
      }
    }
  });
  return { problems: made };
}
