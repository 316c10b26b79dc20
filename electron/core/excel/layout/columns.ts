/**
 * Column roles and the header words offices use for them (DOMAIN §6). Labels are compared after
 * normalising (full-width → half-width, no spaces or line breaks, hints in brackets removed), exactly
 * first, then by containment in the order of CONTAINS (so 整改措施完成情况 is progress, not measures).
 */
import { COLUMN_ROLES, type ColumnRole } from '../../../../shared/api/import';

export { COLUMN_ROLES, ROLE_LABELS, type ColumnRole } from '../../../../shared/api/import';

const EXACT: Record<ColumnRole, string[]> = {
  code: ['序号', '编号', '问题编号', '序列号', '代码', '问题序号', '编码', '问题代码'],
  category: ['问题类别', '反馈问题类别', '主要方面', '方面', '问题方面', '类别', '问题分类', '反馈问题方面', '所属类别', '问题领域'],
  kind: ['问题类型', '问题层级', '类型', '层级', '问题级别'],
  text: ['问题表现', '具体问题', '反馈问题', '存在问题', '问题', '问题内容', '问题描述', '问题清单', '巡察反馈问题', '反馈问题内容', '主要问题', '发现的问题', '发现问题', '问题事项'],
  generalText: ['面上问题', '面上问题内容', '面上问题表现', '共性问题'],
  specificText: ['具体问题内容', '问题的具体内容', '具体问题表现', '具体表现', '个性问题'],
  measureNo: ['措施序号', '措施编号', '任务编号', '任务序号', '整改措施序号', '整改任务编号'],
  measures: ['整改措施', '整改举措', '具体措施', '整改任务', '措施', '任务清单', '整改措施任务', '整改措施具体内容', '任务内容'],
  measureStatus: ['任务状态', '措施状态', '措施完成情况', '任务完成情况', '措施完成状态', '任务完成状态'],
  leaders: ['责任领导', '牵头领导', '分管领导', '责任领导分管领导', '领导'],
  leadUnit: ['牵头单位', '牵头科室', '责任单位', '责任科室', '牵头部门', '责任部门', '责任处室', '牵头处室', '承办单位'],
  units: ['配合单位', '协办单位', '配合科室', '配合部门', '参与单位', '协同单位'],
  person: ['责任人', '经办人', '具体责任人', '联系人'],
  deadline: ['整改时限', '完成时限', '整改期限', '时限', '整改时间', '时间节点', '预计完成时间', '计划完成时间', '预计完成日期', '计划完成日期', '截止时间', '截止日期'],
  progress: ['整改进展', '进展情况', '目前进展', '完成情况', '整改进展情况', '推进情况', '进展', '整改情况', '工作进展', '落实情况'],
  status: ['完成状态', '整改状态', '是否完成', '整改结果', '状态', '完成结果', '是否完成整改', '整改完成情况', '是否整改到位', '问题状态', '是否整改完成', '整改是否到位'],
  evidence: ['佐证材料', '佐证资料', '佐证材料目录', '佐证', '佐证材料清单', '附件', '佐证资料目录'],
  completedDate: ['完成日期', '实际完成时间', '完成时间', '实际完成日期', '销号时间'],
  reason: ['原因分析', '问题原因', '原因', '产生原因', '问题成因'],
  notes: ['备注', '说明'],
  extra: ['举一反三情况', '举一反三', '整改周期', '整改类型', '整改目标', '长效机制', '工作要求'],
};

/** Containment patterns, tried in this order after no exact match. */
const CONTAINS: [ColumnRole, RegExp][] = [
  ['deadline', /预计完成|计划完成|截止/],
  ['completedDate', /实际完成|完成(日期|时间)$/],
  ['deadline', /时限|期限|时间节点/],
  ['measureStatus', /(任务|措施)(完成)?(状态|情况)/],
  ['measureNo', /(措施|任务)(序号|编号)/],
  ['status', /状态|是否完成|整改结果|是否整改|是否到位/],
  ['evidence', /佐证/],
  ['progress', /进展|推进情况|落实情况|完成情况/],
  ['measures', /措施|举措/],
  ['leaders', /领导/],
  ['units', /配合|协办|协同/],
  ['leadUnit', /单位|科室|部门|处室/],
  ['person', /责任人|经办人/],
  ['reason', /原因/],
  ['extra', /举一反三|周期/],
  ['code', /序号|编号/],
  ['generalText', /面上问题/],
  ['specificText', /具体内容|具体问题/],
  ['kind', /类型|层级/],
  ['category', /类别|方面/],
  ['text', /问题/],
  ['notes', /备注/],
];

export function normalizeLabel(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/[*★※:]/g, '')
    .trim();
}

const LOOKUP = new Map<string, ColumnRole>();
for (const role of COLUMN_ROLES) for (const w of EXACT[role]) LOOKUP.set(normalizeLabel(w), role);

/** The role a header label names, or null. Long labels (sentences in a cell) are not headers. */
export function roleOf(label: string): ColumnRole | null {
  const n = normalizeLabel(label);
  if (!n || n.length > 16) return null;
  // 原因：思想认识不到位 is a value, not a header (a header's colon ends it: 问题：).
  if (/[:：]\s*\S/.test(label.trim())) return null;
  const exact = LOOKUP.get(n);
  if (exact) return exact;
  for (const [role, re] of CONTAINS) if (re.test(n)) return role;
  return null;
}
