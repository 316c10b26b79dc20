import type { Db } from '../db/open';
import type { MeasureStatus } from '../../../shared/domain/status';
import { runAction } from './actions';
import { createCategory, createRound } from './rounds';
import { createProblem } from './problems';
import { addMeasure, addProgress } from './measures';
import { setMeta } from './meta';

/**
 * 示例台账: an invented inspection of an invented bureau, in the shape real ledgers have (DOMAIN §1–§4),
 * so that a newcomer can see every screen working before any real data exists.
 */
type M = [text: string, status: MeasureStatus, completedDate?: string];
interface P {
  text: string;
  leaders: string[];
  unit: string;
  units?: string[];
  deadline: string;
  measures: M[];
  progress?: [date: string, text: string][];
  withheld?: boolean;
  specifics?: P[];
}

const L = {
  secretary: '局党组书记、局长',
  deputyA: '局党组成员、副局长（分管执法）',
  deputyB: '局党组成员、副局长（分管规划）',
  party: '局党组成员、机关党委书记',
  discipline: '驻局纪检监察组组长',
};

const SAMPLE: { title: string; problems: P[] }[] = [
  {
    title: '学习贯彻党的创新理论不够深入，落实上级决策部署有差距',
    problems: [
      {
        text: '理论学习中心组学习制度落实不到位。',
        leaders: [L.secretary],
        unit: '机关党办',
        deadline: '2025年3月31日前',
        measures: [
          ['修订党组理论学习中心组学习规则，明确年度学习计划和专题研讨次数。', '已完成', '2025-01-10'],
          ['建立学习督查通报制度，每季度通报一次学习情况。', '已完成', '2025-02-28'],
        ],
        progress: [['2025-02-28', '已印发学习规则和年度学习计划，完成第一季度通报。']],
        specifics: [
          {
            text: '2023年党组理论学习中心组专题研讨仅开展2次，未达到规定次数。',
            leaders: [L.secretary],
            unit: '机关党办',
            deadline: '2025年3月31日前',
            measures: [
              ['制定专题研讨计划，全年开展专题研讨不少于6次。', '已完成', '2025-03-20'],
              ['将研讨情况纳入支部书记述职评议。', '已完成', '2025-03-20'],
            ],
          },
          {
            text: '部分班子成员学习笔记流于摘抄，联系实际不够。',
            leaders: [L.party],
            unit: '机关党办',
            deadline: '立行立改',
            measures: [['开展学习笔记专项检查，点对点反馈问题。', '已完成', '2024-12-15']],
          },
        ],
      },
      {
        text: '落实生态环境保护督察反馈问题整改不够有力。',
        leaders: [L.deputyA],
        unit: '环境执法支队',
        units: ['大气环境科', '水生态环境科'],
        deadline: '2025年6月30日前',
        measures: [
          ['建立督察反馈问题整改清单，实行销号管理。', '已完成', '2025-01-20'],
          ['对整改进度滞后的县区开展约谈。', '正在推进'],
          ['每月调度整改进展并报市委督查室。', '长期坚持'],
        ],
        progress: [
          ['2025-01-20', '整改清单已建立，共列问题38项。'],
          ['2025-03-05', '已约谈2个进度滞后县区。'],
        ],
        specifics: [
          {
            text: '城区3处黑臭水体整治未按期完成。',
            leaders: [L.deputyA],
            unit: '水生态环境科',
            deadline: '2025年底前',
            measures: [
              ['完成截污纳管工程建设。', '正在推进'],
              ['开展整治效果第三方评估。', '未启动'],
            ],
            progress: [['2025-03-01', '截污纳管工程完成约60%。']],
          },
          {
            text: '重点企业在线监测数据异常问题查处不及时。',
            leaders: [L.deputyA],
            unit: '环境执法支队',
            deadline: '2024年12月31日前',
            measures: [
              ['对异常数据逐一核查并建立台账。', '已完成', '2024-12-20'],
              ['对2家企业立案查处。', '已完成', '2024-12-28'],
            ],
          },
        ],
      },
    ],
  },
  {
    title: '履行生态环境监管职责不到位，风险防范存在短板',
    problems: [
      {
        text: '固体废物监管存在薄弱环节。',
        leaders: [L.deputyA],
        unit: '固体废物与化学品科',
        deadline: '2025年4月30日前',
        measures: [
          ['开展危险废物规范化环境管理评估。', '已完成', '2025-03-15'],
          ['建立医疗废物收运处置联合检查机制。', '已完成', '2025-04-10'],
          ['推进小微企业危险废物集中收集试点。', '正在推进'],
        ],
        specifics: [
          {
            text: '部分危险废物经营单位台账记录不规范。',
            leaders: [L.deputyA],
            unit: '固体废物与化学品科',
            deadline: '2025年1月31日前',
            measures: [['开展台账专项检查并督促整改。', '已完成', '2025-01-25']],
          },
          {
            text: '2家企业工业固废贮存场所“三防”措施不到位。',
            leaders: [L.deputyA],
            unit: '环境执法支队',
            deadline: '立行立改',
            measures: [
              ['现场检查并下达整改通知书。', '已完成', '2024-11-30'],
              ['复查整改落实情况。', '已完成', '2024-12-20'],
            ],
          },
        ],
      },
      {
        text: '环境影响评价审批把关不严。',
        leaders: [L.deputyB],
        unit: '行政审批科',
        deadline: '2025年2月28日前',
        measures: [
          ['修订环评审批内部工作规程，实行集体审议。', '已完成', '2025-02-10'],
          ['开展环评文件质量抽查，通报问题报告。', '已完成', '2025-02-26'],
        ],
        specifics: [
          {
            text: '抽查发现5份环评报告表存在基础数据错误。',
            leaders: [L.deputyB],
            unit: '行政审批科',
            deadline: '2025年2月28日前',
            measures: [
              ['责令编制单位重新编制并依法处理。', '已完成', '2025-02-20'],
              ['将问题编制单位纳入重点监管名单。', '已完成', '2025-02-25'],
            ],
          },
        ],
      },
      {
        text: '突发环境事件应急处置能力不足。',
        leaders: [L.deputyA],
        unit: '应急与信访科',
        deadline: '2025年5月31日前',
        measures: [
          ['修订突发环境事件应急预案。', '已完成', '2025-03-30'],
          ['组织开展一次全市应急演练。', '未启动'],
        ],
        specifics: [
          {
            text: '应急物资储备库物资台账与实物不符。',
            leaders: [L.deputyA],
            unit: '应急与信访科',
            units: ['计划财务科'],
            deadline: '2025年3月31日前',
            measures: [
              ['全面盘点应急物资，更新台账。', '已完成', '2025-03-28'],
              ['补充采购过期失效物资。', '正在推进'],
            ],
          },
        ],
      },
      {
        text: '信访举报件办理质量不高。',
        leaders: [L.deputyA],
        unit: '应急与信访科',
        deadline: '2025年3月31日前',
        measures: [
          ['建立信访件办理质量回访制度。', '已完成', '2025-01-15'],
          ['对重复信访件开展集中攻坚。', '已完成', '2025-03-25'],
        ],
        specifics: [
          {
            text: '2023年有12件信访件超期办结。',
            leaders: [L.deputyA],
            unit: '应急与信访科',
            deadline: '立行立改，长期坚持',
            measures: [['实行信访件办理时限预警。', '长期坚持']],
          },
        ],
      },
    ],
  },
  {
    title: '全面从严治党主体责任落实不到位，作风建设仍需加强',
    problems: [
      {
        text: '落实中央八项规定精神存在薄弱环节。',
        leaders: [L.secretary],
        unit: '办公室',
        units: ['计划财务科'],
        deadline: '2025年1月31日前',
        measures: [
          ['开展公务用车使用专项检查。', '已完成', '2025-01-10'],
          ['修订公务接待管理办法。', '已完成', '2025-01-25'],
        ],
        specifics: [
          {
            text: '个别下属单位公务接待无公函、无清单。',
            leaders: [L.discipline],
            unit: '办公室',
            deadline: '2025年1月31日前',
            measures: [
              ['对相关单位负责人进行约谈提醒。', '已完成', '2024-12-10'],
              ['规范公务接待审批单和清单。', '已完成', '2025-01-20'],
            ],
          },
          {
            text: '2022年以来违规发放补贴1.2万元尚未清退。',
            leaders: [L.discipline],
            unit: '计划财务科',
            deadline: '2024年12月31日前',
            withheld: true,
            measures: [
              ['全额清退违规发放的补贴。', '已完成', '2024-12-25'],
              ['对相关责任人作出处理。', '正在推进'],
            ],
          },
        ],
      },
      {
        text: '基层党组织建设不够规范。',
        leaders: [L.party],
        unit: '机关党办',
        deadline: '2025年6月30日前',
        measures: [
          ['开展支部标准化规范化建设达标创建。', '正在推进'],
          ['按期完成3个支部换届。', '已完成', '2025-02-15'],
          ['规范“三会一课”记录。', '已完成', '2025-01-30'],
        ],
        specifics: [
          {
            text: '3个党支部未按期换届。',
            leaders: [L.party],
            unit: '机关党办',
            deadline: '2025年2月28日前',
            measures: [['指导3个支部完成换届选举。', '已完成', '2025-02-15']],
          },
          {
            text: '部分支部“三会一课”记录不完整。',
            leaders: [L.party],
            unit: '机关党办',
            deadline: '2025年1月31日前',
            measures: [
              ['开展支部记录本专项检查。', '已完成', '2025-01-20'],
              ['组织支部书记专题培训。', '已完成', '2025-01-30'],
            ],
          },
        ],
      },
      {
        text: '干部队伍建设统筹谋划不够。',
        leaders: [L.secretary],
        unit: '人事科',
        deadline: '根据省厅机构改革部署完成整改',
        measures: [
          ['制定干部队伍建设三年规划。', '正在推进'],
          ['加大年轻干部交流轮岗力度。', '长期坚持'],
        ],
        specifics: [
          {
            text: '执法队伍专业人员占比偏低。',
            leaders: [L.deputyA],
            unit: '人事科',
            units: ['环境执法支队'],
            deadline: '待省上出台编制调整政策后',
            measures: [
              ['申请增加执法专项编制。', '正在推进'],
              ['开展执法人员业务轮训。', '已完成', '2025-03-10'],
            ],
          },
        ],
      },
    ],
  },
  {
    title: '落实巡察和审计整改不彻底，长效机制不健全',
    problems: [
      {
        text: '上轮巡察反馈问题整改存在“回潮”现象。',
        leaders: [L.secretary],
        unit: '办公室',
        deadline: '2025年3月31日前',
        measures: [
          ['对上轮巡察整改情况开展“回头看”。', '已完成', '2025-03-15'],
          ['对整改不到位问题重新制定措施。', '正在推进'],
        ],
        specifics: [
          {
            text: '上轮巡察指出的项目资金拨付滞后问题仍然存在。',
            leaders: [L.deputyB],
            unit: '计划财务科',
            deadline: '2025年4月30日前',
            measures: [
              ['梳理滞拨资金清单，明确拨付时限。', '已完成', '2025-02-20'],
              ['建立资金拨付进度月报制度。', '未启动'],
            ],
          },
        ],
      },
      {
        text: '审计发现问题整改销号不规范。',
        leaders: [L.deputyB],
        unit: '计划财务科',
        deadline: '2025年2月28日前',
        measures: [
          ['制定审计整改销号办法。', '已完成', '2025-02-20'],
          ['对已销号问题开展抽查。', '已完成', '2025-02-27'],
        ],
        specifics: [
          {
            text: '4项审计问题无佐证材料即销号。',
            leaders: [L.deputyB],
            unit: '计划财务科',
            deadline: '2025年2月28日前',
            measures: [['补充佐证材料，重新履行销号程序。', '已完成', '2025-02-26']],
          },
        ],
      },
    ],
  },
];

export interface SampleCounts {
  categories: number;
  general: number;
  specific: number;
  measures: number;
}

/** Create the sample round in an open ledger, as one action. */
export function createSampleLedger(db: Db): SampleCounts {
  const counts: SampleCounts = { categories: 0, general: 0, specific: 0, measures: 0 };
  runAction(db, { source: 'system', label: '创建示例台账' }, () => {
    setMeta(db, 'name', '示例台账');
    const roundId = createRound(db, {
      title: '市委第三巡察组巡察反馈问题整改（示例）',
      inspectingBody: '市委第三巡察组',
      inspectedOrg: '市生态环境局党组',
      inspectionStart: '2024-08-05',
      inspectionEnd: '2024-09-30',
      feedbackDate: '2024-10-28',
      periodEnd: '2025-02-28',
      periodLabel: '4个月',
      contactLine: '联系电话：0000-1234567（示例）；电子邮箱：zhenggai@example.gov.cn。',
      longTermCountsCompleted: false,
      // What a published report needs besides the problems: the plans section and the signing organisation.
      reportTexts: {
        'after.1.heading': '下一步工作打算',
        'after.1.body': '对已完成的整改事项，适时组织“回头看”，防止反弹回潮；对需要长期坚持的事项，建立长效机制，持续推进。',
        signature: '中共××市生态环境局党组（示例）',
      },
    });
    for (const cat of SAMPLE) {
      const categoryId = createCategory(db, roundId, cat.title);
      counts.categories++;
      for (const g of cat.problems) {
        const gid = addSampleProblem(db, categoryId, null, g, counts);
        for (const s of g.specifics ?? []) addSampleProblem(db, categoryId, gid, s, counts);
      }
    }
  });
  return counts;
}

function addSampleProblem(db: Db, categoryId: number, parentId: number | null, p: P, counts: SampleCounts): number {
  const id = createProblem(db, {
    categoryId,
    parentId,
    kind: parentId == null ? 'general' : 'specific',
    text: p.text,
    leaders: p.leaders,
    leadUnit: p.unit,
    units: p.units,
    deadline: { raw: p.deadline },
    public: !p.withheld,
  });
  if (parentId == null) counts.general++;
  else counts.specific++;
  for (const [text, status, completedDate] of p.measures) {
    addMeasure(db, id, { text, status, completedDate: completedDate ?? null });
    counts.measures++;
  }
  for (const [date, text] of p.progress ?? []) addProgress(db, id, { date, text });
  return id;
}
