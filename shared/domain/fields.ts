/**
 * Chinese names of recorded tables and columns, for showing the change history to people.
 */
export const TABLE_LABELS: Record<string, string> = {
  ledger_meta: '台账信息',
  rounds: '巡察轮次',
  categories: '问题类别',
  units: '单位',
  unit_aliases: '单位别名',
  leaders: '责任领导',
  leader_aliases: '领导别名',
  problems: '问题',
  problem_leaders: '责任领导',
  problem_units: '配合单位',
  measures: '整改措施',
  progress: '整改进展',
  evidence: '佐证材料',
  signoffs: '销号记录',
  problem_origins: '转入来源',
  rechecks: '回头看复查',
  return_marks: '回执报送标记',
  notices: '督办通知',
};

export const COLUMN_LABELS: Record<string, Record<string, string>> = {
  problems: {
    text: '问题内容',
    category_id: '所属类别',
    parent_id: '所属面上问题',
    code: '编号',
    no: '序号',
    sort: '排列顺序',
    lead_unit_id: '牵头单位',
    responsible_person: '责任人',
    deadline_raw: '整改时限',
    deadline_kind: '时限类型',
    deadline_date: '时限日期',
    status: '整改状态',
    status_source: '状态来源',
    status_reason: '状态说明',
    completed_date: '完成日期',
    workflow: '销号流程',
    public: '是否公开',
    notes: '备注',
    deleted_at: '删除时间',
  },
  measures: {
    text: '措施内容',
    no: '措施序号',
    status: '措施状态',
    deadline_raw: '措施时限',
    deadline_kind: '时限类型',
    deadline_date: '时限日期',
    completed_date: '完成日期',
    deleted_at: '删除时间',
  },
  progress: { date: '进展日期', text: '进展内容', deleted_at: '删除时间' },
  evidence: {
    title: '材料标题',
    seq: '材料序号',
    sha256: '文件',
    deleted_at: '删除时间',
    measure_id: '对应措施',
    original_name: '原文件名',
    mime: '文件类型',
    size: '文件大小',
    added_by: '添加人',
    added_at: '添加时间',
  },
  signoffs: { step: '销号步骤', at: '日期', actor: '经办/审核人', method: '销号方式', note: '说明', reason: '理由', evidence_ids: '所附材料' },
  categories: { title: '类别标题', sort: '排列顺序', deleted_at: '删除时间' },
  rounds: {
    title: '标题',
    inspecting_body: '巡察组',
    inspected_org: '被巡察党组织',
    inspection_start: '巡察开始日期',
    inspection_end: '巡察结束日期',
    feedback_date: '反馈日期',
    period_end: '集中整改期截止',
    period_label: '集中整改期表述',
    contact_line: '联系方式',
    long_term_counts_completed: '长期坚持计为完成',
    report_texts: '公布材料文字',
    kind: '轮次类型',
    origin_round_id: '来源轮次',
    cycle_rule: '报送周期',
  },
  rechecks: { result: '复查结果', date: '复查日期', actor: '复查人', note: '复查说明' },
  return_marks: { date: '报送日期', note: '说明' },
  units: { name: '名称' },
  leaders: { name: '名称' },
  ledger_meta: { value: '值' },
};

/** Where an action comes from: a person's edit, an import batch, an undo or redo, the system, a restore. */
export const ACTION_SOURCES = ['edit', 'import', 'undo', 'redo', 'system', 'restore'] as const;
export type ActionSource = (typeof ACTION_SOURCES)[number];

export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  edit: '个人修改',
  import: '导入',
  undo: '撤销',
  redo: '重做',
  system: '系统',
  restore: '恢复',
} satisfies Record<ActionSource, string>;

export function columnLabel(table: string, field: string): string {
  if (field === '*') return TABLE_LABELS[table] ?? table;
  return COLUMN_LABELS[table]?.[field] ?? field;
}
