/**
 * Column roles and the header words offices use for them (DOMAIN §6). Labels are compared after
 * normalising (full-width → half-width, no spaces or line breaks, hints in brackets removed), exactly
 * first, then by containment in the order of CONTAINS (so 整改措施完成情况 is progress, not measures).
 */
import { COLUMN_ROLES, type ColumnRole } from '../../../../shared/api/import';

export { COLUMN_ROLES, ROLE_LABELS, type ColumnRole } from '../../../../shared/api/import';

const EXACT: Record<ColumnRole, string[]> = {
  code: ['序号', '编号', '问题编号', '序列号', '代码', '问题序号', '编码'],
  kind: ['问题类型', '问题类别', '问题层级', '类型', '层级', '问题分类'],
  text: ['问题表现', '具体问题', '反馈问题', '存在问题', '问题', '问题内容', '问题描述', '问题清单', '巡察反馈问题', '反馈问题内容', '主要问题'],
  measures: ['整改措施', '整改举措', '具体措施', '整改任务', '措施', '任务清单', '整改措施任务'],
  leaders: ['责任领导', '牵头领导', '分管领导', '责任领导分管领导', '领导'],
  leadUnit: ['牵头单位', '牵头科室', '责任单位', '责任科室', '牵头部门', '责任部门', '责任处室', '牵头处室', '承办单位'],
  units: ['配合单位', '协办单位', '配合科室', '配合部门', '参与单位', '协同单位'],
  person: ['责任人', '经办人', '具体责任人', '联系人'],
  deadline: ['整改时限', '完成时限', '整改期限', '时限', '整改时间', '时间节点'],
  progress: ['整改进展', '进展情况', '目前进展', '完成情况', '整改进展情况', '推进情况', '进展', '整改情况', '工作进展', '落实情况'],
  status: ['完成状态', '整改状态', '是否完成', '整改结果', '状态', '完成结果', '是否完成整改', '整改完成情况'],
  evidence: ['佐证材料', '佐证资料', '佐证材料目录', '佐证', '佐证材料清单', '附件', '佐证资料目录'],
  completedDate: ['完成日期', '实际完成时间', '完成时间', '实际完成日期', '销号时间'],
  notes: ['备注', '说明'],
};

/** Containment patterns, tried in this order after no exact match. */
const CONTAINS: [ColumnRole, RegExp][] = [
  ['completedDate', /实际完成|完成(日期|时间)$/],
  ['deadline', /时限|期限|时间节点/],
  ['status', /状态|是否完成|整改结果/],
  ['evidence', /佐证/],
  ['progress', /进展|推进情况|落实情况|完成情况/],
  ['measures', /措施|举措/],
  ['leaders', /领导/],
  ['units', /配合|协办|协同/],
  ['leadUnit', /单位|科室|部门|处室/],
  ['person', /责任人|经办人/],
  ['code', /序号|编号/],
  ['kind', /类型|层级/],
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
  const exact = LOOKUP.get(n);
  if (exact) return exact;
  for (const [role, re] of CONTAINS) if (re.test(n)) return role;
  return null;
}
