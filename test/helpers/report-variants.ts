import { parseReport } from '../../electron/core/report/parse';
import type { ParsedReport } from '../../shared/domain/report';
/**
 * Published progress reports in the styles real ones are written in (DOMAIN §6, last paragraphs), generated
 * from one content model, so that a test can say what the reader must find in each. The content is the
 * fixture report's (its categories, problems and measures, shortened) and text of our own.
 */

export type VStatus = '已完成' | '正在推进' | '长期坚持' | null;

export interface VMeasure {
  text: string;
  status: VStatus;
}

export interface VProblem {
  text: string;
  measures: VMeasure[];
  specifics?: VProblem[];
}

export interface VCategory {
  title: string;
  problems: VProblem[];
}

const m = (text: string, status: VStatus = '已完成'): VMeasure => ({ text, status });

/** Three categories, six general problems (two with specific problems), 21 measures. */
export const CONTENT: VCategory[] = [
  {
    title: '统筹协调、督促检查不够，依法治市存在短板',
    problems: [
      {
        text: '统筹推进依法治市不够有力',
        measures: [
          m('根据省委全面依法治省委员会工作要点，制发了市委全面依法治市委员会2024年工作要点，从7个方面对25项重点工作进行了安排'),
          m('提请召开市委全面依法治市委员会第三次会议，会议于2024年11月14日顺利召开'),
          m('将法治政府建设与责任落实情况纳入市委、市政府督查工作计划'),
        ],
        specifics: [
          {
            text: '未充分发挥依法治市办统筹协调、督促检查、推动落实职能',
            measures: [m('对各项工作任务进行细化分解，形成责任分工方案并下发各县区'), m('建立领导干部应知应会法律法规清单制度', '正在推进')],
          },
          {
            text: '对法治督察发现问题的跟踪问效不够',
            measures: [m('建立督察问题整改台账，逐项跟踪销号'), m('对整改不力的2个单位进行通报', '长期坚持')],
          },
        ],
      },
      {
        text: '行政执法监督不够有力',
        measures: [m('制定行政执法监督工作办法'), m('开展行政执法案卷评查，评查案卷120卷', '正在推进')],
      },
    ],
  },
  {
    title: '公共法律服务体系建设不够完善',
    problems: [
      {
        text: '基层法律服务资源配置不均衡',
        measures: [m('在13个乡镇建成公共法律服务工作站'), m('组织律师下沉基层开展法律服务86场次'), m('将法律服务纳入乡镇年度考核')],
      },
      {
        text: '法治宣传教育针对性不强',
        measures: [m('制定普法依法治理工作要点，明确重点对象和重点内容'), m('开展法律明白人培训12场次，覆盖全县13个乡镇', '正在推进')],
        specifics: [
          {
            text: '青少年法治教育阵地建设滞后',
            measures: [m('建成县青少年法治教育基地并投入使用'), m('联合县教育局开展法治进校园活动30场次')],
          },
        ],
      },
    ],
  },
  {
    title: '全面从严治党责任落实不到位',
    problems: [
      {
        text: '落实一岗双责不到位',
        measures: [m('制定班子成员一岗双责责任清单'), m('开展廉政谈话42人次', '长期坚持')],
      },
      {
        text: '对下属事业单位管理监督缺位',
        measures: [m('修订直属单位财务管理办法'), m('对2个直属单位开展内部审计', '正在推进')],
      },
    ],
  },
];

/** What the reader must find: counts at every level, and the ledger as comparable data. */
export interface Expected {
  categories: number;
  general: number;
  specific: number;
  measures: number;
}

export function expectedOf(content: VCategory[], opts: { flatten?: boolean } = {}): Expected {
  const generals = content.flatMap((c) => c.problems);
  const specifics = opts.flatten ? [] : generals.flatMap((p) => p.specifics ?? []);
  const measures = generals.reduce((n, p) => n + p.measures.length, 0) + specifics.reduce((n, p) => n + p.measures.length, 0);
  return { categories: content.length, general: generals.length + (opts.flatten ? generals.flatMap((p) => p.specifics ?? []).length : 0), specific: specifics.length, measures: opts.flatten ? generals.flatMap((p) => [p, ...(p.specifics ?? [])]).reduce((n, p) => n + p.measures.length, 0) : measures };
}

/** The content without specific problems: each becomes a general problem after its parent (no 面上/具体 split). */
export function flattened(content: VCategory[]): VCategory[] {
  return content.map((c) => ({ title: c.title, problems: c.problems.flatMap((p) => [{ text: p.text, measures: p.measures }, ...(p.specifics ?? []).map((s) => ({ text: s.text, measures: s.measures }))]) }));
}

const CN = '零一二三四五六七八九十';
export const cn = (n: number): string => (n <= 10 ? CN[n]! : n < 20 ? '十' + CN[n - 10] : CN[Math.floor(n / 10)]! + '十' + (n % 10 ? CN[n % 10] : ''));
const circled = (n: number) => String.fromCodePoint(0x2460 + n - 1);

const INTRO =
  '根据市委统一部署，2024年5月7日至6月7日，市委第五巡察组对市司法局党组开展了巡察。7月24日，市委第五巡察组向市司法局党组反馈了巡察意见。按照巡察整改公开工作有关要求，现将巡察整改进展情况予以公布。';
const ORG_SECTION = [
  '一、提高政治站位，加强组织领导',
  '局党组把巡察整改作为重大政治任务，成立巡察整改工作领导小组，党组书记任组长，研究制定整改方案，逐条明确责任领导、责任单位和整改时限。',
  '（一）强化主体责任。党组先后召开专题会议6次研究整改工作，一是坚持周调度，二是坚持月通报。',
  '（二）压实第一责任人责任。党组书记带头领办重点难点问题2项，主持召开推进会3次。',
];
const NEXT_SECTION = (no: string) => [
  `${no}、下一步工作打算`,
  '（一）持续巩固整改成果。对已完成的整改事项适时开展“回头看”，防止问题反弹回潮。',
  '（二）建立长效机制。把整改中形成的好经验好做法固化为制度，做到整改一个问题、完善一类制度。',
  '欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0816-2266427；电子邮箱：sfj@example.cn。',
];
const CLOSING = ['中共绵阳市司法局党组', '2025年2月21日'];

/** Result words a report writes after a measure, by status, in several spellings (the variant picks one). */
const RESULT_WORDS: Record<Exclude<VStatus, null>, string[]> = {
  已完成: ['已完成整改', '已完成', '整改完成', '已整改到位'],
  正在推进: ['正在推进', '持续推进', '正在整改', '推进中'],
  长期坚持: ['长期坚持', '长期坚持', '长期坚持', '长期坚持'],
};
const word = (s: VStatus, style: number) => (s ? RESULT_WORDS[s][style % 4]! : '');
const end = (s: string) => (/[。；]$/.test(s) ? s : s + '。');

type ProblemWriter = (p: VProblem, no: number, depth: 'general' | 'specific') => string[];

/** 一是…二是… in one paragraph; a result per measure in brackets when `results`. */
function shiParagraph(ms: VMeasure[], results: number | null): string {
  return ms.map((x, i) => `${cn(i + 1)}是${x.text}${results != null && x.status ? `（${word(x.status, results)}）` : ''}`).join('；') + '。';
}

export interface Variant {
  name: string;
  text: string;
  expected: Expected;
  /** The content as the document states it (statuses null where it gives none). */
  content: VCategory[];
  /** The document gives a result for every measure. */
  hasResults: boolean;
}

function assemble(body: string[], headline: string | null = null, progressTitle = '二、巡察反馈问题整改落实情况'): string {
  return [
    '中共绵阳市司法局党组关于巡察整改进展情况的通报',
    INTRO,
    ...ORG_SECTION,
    progressTitle,
    ...(headline ? [headline] : []),
    ...body,
    ...NEXT_SECTION('三'),
    ...CLOSING,
  ].join('\n');
}

function stripStatuses(content: VCategory[]): VCategory[] {
  const p = (x: VProblem): VProblem => ({ text: x.text, measures: x.measures.map((y) => ({ text: y.text, status: null })), ...(x.specifics ? { specifics: x.specifics.map(p) } : {}) });
  return content.map((c) => ({ title: c.title, problems: c.problems.map(p) }));
}

function categoryLines(content: VCategory[], catHead: (c: VCategory, i: number) => string, write: ProblemWriter, specificsToo = true): string[] {
  const out: string[] = [];
  content.forEach((c, ci) => {
    out.push(catHead(c, ci + 1));
    c.problems.forEach((p, pi) => {
      out.push(...write(p, pi + 1, 'general'));
      if (specificsToo) (p.specifics ?? []).forEach((s, si) => out.push(...write(s, si + 1, 'specific')));
    });
  });
  return out;
}

/** All the variants; `seed` varies the result spellings. */
export function variants(content: VCategory[] = CONTENT): Variant[] {
  const flat = flattened(content);
  const out: Variant[] = [];

  // 1. Categories 在“…”方面, problems 1. as statements restarting per category, measures 一是… in one
  //    paragraph with the result in brackets after each; no 面上/具体 split.
  out.push({
    name: 'statements-shi-brackets',
    text: assemble(
      categoryLines(flat, (c, i) => `（${cn(i)}）在“${c.title}”方面`, (p, no) => [`${no}.${end(p.text)}`, shiParagraph(p.measures, 0)]),
      '截至目前，巡察反馈的9个问题，已完成整改3个、正在整改6个。',
    ),
    expected: expectedOf(flat),
    content: flat,
    hasResults: true,
  });

  // 2. 1.关于“…”问题的整改 with 一是 paragraphs, one a paragraph, a result paragraph per problem
  //    (整改进展：…) saying which measures are done; 面上/具体 split with （1）关于“…”的问题.
  const phrase = (ms: VMeasure[]) => {
    const done = ms.flatMap((x, i) => (x.status === '已完成' ? [i + 1] : []));
    if (done.length === ms.length) return '完成整改';
    const rest = ms.flatMap((x, i) => (x.status !== '已完成' ? [i + 1] : []));
    return `${done.length ? `第${done.map(cn).join('')}项完成整改；` : ''}第${rest.map(cn).join('')}项持续推进`;
  };
  const asPhrase = (c: VCategory[]) =>
    c.map((x) => ({ title: x.title, problems: x.problems.map(function fix(p: VProblem): VProblem {
      return { text: p.text, measures: p.measures.map((y) => ({ text: y.text, status: y.status === '已完成' ? '已完成' : '正在推进' })), ...(p.specifics ? { specifics: p.specifics.map(fix) } : {}) };
    }) }));
  out.push({
    name: 'guanyu-paragraphs-progress-line',
    text: assemble(
      categoryLines(
        content,
        (c, i) => `（${cn(i)}）关于“${c.title}”方面的问题`,
        (p, no, depth) => [
          depth === 'general' ? `${no}.关于“${p.text}”问题的整改` : `（${no}）关于“${p.text}”的问题`,
          ...p.measures.map((x, i) => `${cn(i + 1)}是${end(x.text)}`),
          `整改进展：${phrase(p.measures)}。`,
        ],
      ),
    ),
    expected: expectedOf(content),
    content: asPhrase(content),
    hasResults: true,
  });

  // 3. Categories as statements, problems （1）关于“…”, measures ①②③ paragraphs with trailing results.
  out.push({
    name: 'paren-guanyu-circled',
    text: assemble(
      categoryLines(flat, (c, i) => `（${cn(i)}）${end(c.title)}`, (p, no) => [
        `（${no}）关于“${p.text}”问题`,
        ...p.measures.map((x, i) => `${circled(i + 1)}${x.text}，${word(x.status, 1)}。`),
      ]),
    ).replace('（一）强化主体责任', '一是强化主体责任').replace('（二）压实第一责任人责任', '二是压实第一责任人责任'),
    expected: expectedOf(flat),
    content: flat,
    hasResults: true,
  });

  // 4. No results at all, measures （1）… one a paragraph, problems 1. statements, half-width punctuation.
  out.push({
    name: 'no-results-paren-measures',
    text: assemble(
      categoryLines(flat, (c, i) => `(${cn(i)})${c.title}`, (p, no) => [`${no}.${p.text}`, ...p.measures.map((x, i) => `(${i + 1})${end(x.text)}`)]),
    ),
    expected: expectedOf(flat),
    content: stripStatuses(flat),
    hasResults: false,
  });

  // 5. Measures directly under categories (each category is one problem): 一是 sentences in one paragraph,
  //    a closing sentence with the result.
  const direct: VCategory[] = content.flatMap((c) => c.problems).map((p) => ({ title: p.text, problems: [{ text: p.text, measures: p.measures }] }));
  const allDone = (p: VProblem) => p.measures.every((x) => x.status === '已完成');
  const directStated: VCategory[] = direct.map((c) => ({
    title: c.title,
    problems: c.problems.map((p) => ({ text: p.text, measures: p.measures.map((x) => ({ text: x.text, status: allDone(p) ? '已完成' : '正在推进' })) })),
  }));
  out.push({
    name: 'measures-under-categories',
    text: assemble(
      direct.map((c, i) => [`（${cn(i + 1)}）关于${c.title}的问题`, shiParagraph(c.problems[0]!.measures, null), allDone(c.problems[0]!) ? '目前，该问题已整改完成。' : '目前，该问题正在推进。']).flat(),
      null,
      '二、反馈问题整改情况',
    ),
    expected: { categories: direct.length, general: direct.length, specific: 0, measures: expectedOf(direct).measures },
    content: directStated,
    hasResults: true,
  });

  // 6. 面上/具体 split without labels: 1. general statements with 一是 paragraphs, （1） specific ones,
  //    results as a closing sentence of each measure ("目前已完成整改").
  out.push({
    name: 'split-without-labels',
    text: assemble(
      categoryLines(content, (c, i) => `（${cn(i)}）${c.title}`, (p, no, depth) => [
        depth === 'general' ? `${no}.${end(p.text)}` : `（${no}）${end(p.text)}`,
        p.measures.map((x, i) => `${cn(i + 1)}是${x.text}，${word(x.status, 2)}`).join('；') + '。',
      ]),
      '截至2025年2月，巡察反馈的6个面上问题，已完成整改2个；巡察反馈的3个具体问题，已完成整改1个。210项整改任务，已完成205项。',
    ),
    expected: expectedOf(content),
    content,
    hasResults: true,
  });

  // 7. Labels present (整改措施/整改时限/整改结果) but categories unmarked statements after the first and
  //    problems restarting 1. in each; measures one a paragraph under 整改措施：.
  out.push({
    name: 'labels-unmarked-categories',
    text: assemble(
      categoryLines(flat, (c, i) => (i === 1 ? `（一）反馈问题：${c.title}` : `（${cn(i)}）${c.title}`), (p, no) => [
        `${no}.${end(p.text)}`,
        '整改措施：',
        ...p.measures.map((x, i) => `${cn(i + 1)}是${end(x.text)}`),
        '整改时限：2024年11月20日前。',
        `整改结果：${phrase(p.measures)}。`,
      ]),
    ),
    expected: expectedOf(flat),
    content: asPhrase(flat),
    hasResults: true,
  });

  // 8. No sections at all, categories 一、 and problems （一）, measures 1. 2. one a paragraph, no results,
  //    next steps paragraph unnumbered at the end.
  out.push({
    name: 'no-sections-cn-top',
    text: [
      '关于市委巡察反馈意见整改情况的报告',
      INTRO,
      ...flat.flatMap((c, ci) => [`${cn(ci + 1)}、关于“${c.title}”方面的问题`, ...c.problems.flatMap((p, pi) => [`（${cn(pi + 1)}）${end(p.text)}`, ...p.measures.map((x, i) => `${i + 1}.${end(x.text)}`)])]),
      `${cn(flat.length + 1)}、下一步工作打算`,
      '我们将持续巩固整改成果，建立长效机制。',
      '联系电话：0816-2266427。',
      ...CLOSING,
    ].join('\n'),
    expected: expectedOf(flat),
    content: stripStatuses(flat),
    hasResults: false,
  });

  // 9. The sections are the categories (一、关于“…”方面问题的整改情况), problems 1.关于“…”问题 with 一是
  //    paragraphs and a closing result sentence, an unnumbered preamble, next steps as the last section.
  out.push({
    name: 'sections-are-categories',
    text: [
      '关于巡察反馈意见整改进展情况的通报',
      INTRO,
      '局党组高度重视巡察整改工作，逐条制定整改措施，现将整改进展情况通报如下。',
      ...flat.flatMap((c, ci) => [
        `${cn(ci + 1)}、关于“${c.title}”方面问题的整改情况`,
        ...c.problems.flatMap((p, pi) => [
          `${pi + 1}.关于“${p.text}”的问题`,
          ...p.measures.map((x, i) => `${cn(i + 1)}是${end(x.text)}`),
          p.measures.every((x) => x.status === '已完成') ? '目前该问题已整改完成。' : '目前该问题正在推进。',
        ]),
      ]),
      `${cn(flat.length + 1)}、下一步工作打算`,
      '我们将持续巩固整改成果，建立长效机制。',
      ...CLOSING,
    ].join('\n'),
    expected: expectedOf(flat),
    content: flat.map((c) => ({
      title: c.title,
      problems: c.problems.map((p) => ({ text: p.text, measures: p.measures.map((x) => ({ text: x.text, status: p.measures.every((y) => y.status === '已完成') ? '已完成' : '正在推进' })) })),
    })),
    hasResults: true,
  });

  return out;
}

export const FIGURES_ONLY = [
  '关于市委第五轮巡察反馈问题整改情况的通报',
  '根据市委统一部署，2024年3月至5月，市委第五轮巡察对12个市直部门开展了常规巡察。',
  '截至2024年12月31日，巡察反馈32个问题，已完成整改27个、正在整改5个，整改完成率84.4%。共制定整改措施210项，210项整改任务，已完成205项。',
  '下一步，市委巡察办将持续督促各被巡察单位抓好整改。',
  '市委巡察工作领导小组办公室',
  '2025年1月8日',
].join('\n');

export const AUDIT_REPORT = [
  '关于2023年度预算执行审计发现问题整改情况的报告',
  '根据市审计局《关于市司法局2023年度预算执行情况的审计报告》，审计发现问题5个。',
  '一、审计发现问题的整改情况',
  '（一）预算编制不够精准的问题。已按要求调整2024年预算编制，追回资金12万元。',
  '（二）政府采购程序不规范的问题。已修订采购管理办法。',
  '二、下一步工作',
  '严格执行财经纪律，自觉接受审计监督。',
  '市司法局',
  '2024年9月1日',
].join('\n');

export const MEETING_NOTICE = [
  '关于召开2025年全市司法行政工作会议的通知',
  '各县（市、区）司法局，局机关各科室：',
  '经研究，定于2025年2月10日召开全市司法行政工作会议，现将有关事项通知如下。',
  '一、会议时间：2025年2月10日上午9:00',
  '二、会议地点：市司法局三楼会议室',
  '三、参会人员：各县（市、区）司法局局长',
  '市司法局办公室',
  '2025年2月5日',
].join('\n');

/** The choices of a generated report's style (the property test draws them). */
export interface StyleChoice {
  /** 0 （一）在“X”方面, 1 （一）X, 2 一、关于“X”方面的问题 (no organisation section), 3 （一）关于“X”方面的问题 */
  cat: number;
  /** 0 1.X。, 1 1.关于“X”问题的整改, 2 1、X, 3 （1）关于“X”问题 (not with a split) */
  prob: number;
  /** measures: 0 一是… in one paragraph, 1 一是… one a paragraph, 2 ①… one a paragraph, 3 （1）… one a paragraph (not with a split) */
  meas: number;
  /** results: 0 in brackets after each measure, 1 a closing clause, 2 none, 3 a 整改进展： line per problem */
  result: number;
  halfWidth: boolean;
  split: boolean;
}

const PHRASE_WORD: Record<Exclude<VStatus, null>, string> = { 已完成: '完成整改', 正在推进: '持续推进', 长期坚持: '长期坚持' };

/** Render content in a chosen style; returns the text and the content as the document states it. */
export function renderStyled(content: VCategory[], s: StyleChoice): { text: string; stated: VCategory[] } {
  const prob = s.split && s.prob === 3 ? 0 : s.prob;
  // Two adjacent levels never share a numbering style in a real report.
  const meas = (s.split || prob === 3) && s.meas === 3 ? 1 : s.meas;
  const body: string[] = [];
  const measureLines = (ms: VMeasure[]): string[] => {
    const res = (x: VMeasure) => (s.result === 0 && x.status ? `（${word(x.status, 0)}）` : s.result === 1 && x.status ? `，${word(x.status, 2)}` : '');
    const lines =
      meas === 0
        ? [ms.map((x, i) => `${cn(i + 1)}是${x.text}${res(x)}`).join('；') + '。']
        : ms.map((x, i) => `${meas === 1 ? `${cn(i + 1)}是` : meas === 2 ? circled(i + 1) : `（${i + 1}）`}${x.text}${res(x)}。`);
    if (s.result === 3) {
      const groups = new Map<string, number[]>();
      ms.forEach((x, i) => groups.set(PHRASE_WORD[x.status ?? '已完成'], [...(groups.get(PHRASE_WORD[x.status ?? '已完成']) ?? []), i + 1]));
      lines.push(`整改进展：${groups.size === 1 ? [...groups.keys()][0] : [...groups].map(([w, ns]) => `第${ns.map(cn).join('')}项${w}`).join('；')}。`);
    }
    return lines;
  };
  const probHead = (p: VProblem, no: number) =>
    [`${no}.${end(p.text)}`, `${no}.关于“${p.text}”问题的整改`, `${no}、${end(p.text)}`, `（${no}）关于“${p.text}”问题`][prob]!;
  content.forEach((c, ci) => {
    const no = ci + 1;
    body.push([`（${cn(no)}）在“${c.title}”方面`, `（${cn(no)}）${c.title}`, `${cn(no)}、关于“${c.title}”方面的问题`, `（${cn(no)}）关于“${c.title}”方面的问题`][s.cat]!);
    c.problems.forEach((p, pi) => {
      const head = s.cat === 2 ? `（${cn(pi + 1)}）${end(p.text)}` : probHead(p, pi + 1);
      body.push(head, ...measureLines(p.measures));
      if (s.split) (p.specifics ?? []).forEach((x, xi) => body.push(`（${xi + 1}）${end(x.text)}`, ...measureLines(x.measures)));
    });
  });
  const lines =
    s.cat === 2
      ? ['关于巡察反馈意见整改进展情况的通报', INTRO, ...body, `${cn(content.length + 1)}、下一步工作打算`, '我们将持续巩固整改成果。', ...CLOSING]
      : ['中共绵阳市司法局党组关于巡察整改进展情况的通报', INTRO, ...ORG_SECTION, '二、巡察反馈问题整改落实情况', ...body, ...NEXT_SECTION('三'), ...CLOSING];
  let text = lines.join('\n');
  if (s.halfWidth) text = text.replace(/（/g, '(').replace(/）/g, ')').replace(/，/g, ',').replace(/；/g, ';').replace(/：/g, ':');
  const stated = s.result === 2 ? stripStatuses(content) : content;
  return { text, stated };
}

export function parseText(text: string, name = 'r.txt'): ParsedReport {
  return parseReport({ lines: text.split('\n').map((t, i) => ({ no: i + 1, text: t })), lineUnit: '行' }, name);
}

const bare = (s: string) => s.replace(/[。；;，,.：:\s]+$/g, '').trim();

/** The ledger a report gives, as comparable data: texts without closing punctuation, statuses. */
export function ledgerOf(r: ParsedReport) {
  return r.categories.map((c) => ({
    title: bare(c.title),
    problems: c.problems
      .filter((p) => p.kind === 'general')
      .map((g) => {
        const specifics = c.problems.filter((p) => p.kind === 'specific' && p.code.startsWith(g.code + '-'));
        const one = (p: typeof g) => ({ text: bare(p.text), measures: p.measures.map((x) => ({ text: bare(x.text), status: x.status })) });
        return { ...one(g), ...(specifics.length ? { specifics: specifics.map(one) } : {}) };
      }),
  }));
}

export function ledgerOfContent(content: VCategory[]) {
  const one = (p: VCategory['problems'][number]): { text: string; measures: { text: string; status: string }[]; specifics?: unknown[] } => ({
    text: bare(p.text),
    measures: p.measures.map((x) => ({ text: bare(x.text), status: x.status ?? '未注明' })),
    ...(p.specifics?.length ? { specifics: p.specifics.map(one) } : {}),
  });
  return content.map((c) => ({ title: bare(c.title), problems: c.problems.map(one) }));
}

