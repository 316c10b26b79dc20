import { App as AntApp, Alert, Button, Descriptions, Skeleton, Switch, Tabs, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import type { CategoryInfo, LeaderInfo, UnitInfo } from '../../../shared/domain/types';
import { DEADLINE_KIND_LABELS, isUnparsedDeadline, UNPARSED_DEADLINE_NOTE } from '../../../shared/domain/deadline';
import { splitUnits } from '../../../shared/domain/names';
import { toChineseNumeral } from '../../../shared/domain/numerals';
import { call, errorMessage } from '../../api';
import { useAsync } from '../../components/useAsync';
import { StatusTag } from '../../components/StatusTag';
import { MeasuresEditor } from './MeasuresEditor';
import { EvidenceList } from '../../components/evidence/EvidenceList';
import { ProgressLog } from './ProgressLog';
import { HistoryList } from './HistoryList';
import { LineageTab, hasLineage } from './LineageTab';
import type { HistoryNames } from '../../components/history/changeWords';
import { writeWithAnswers } from '../answers';
import { useAskers } from '../useAskers';

const SOURCE_NOTE: Record<string, string> = { derived: '按措施推导', manual: '手动设置', import: '回执填报' };

/**
 * Everything about one problem beside the table: its full text and fields, measures, progress log, the
 * result phrase the report prints, and its change history. Follows the table's active row.
 */
export function DetailPanel({
  problemId,
  version,
  units,
  leaders,
  categories,
  byId,
  overdue,
  onClose,
  tab,
  onTabChange,
}: {
  problemId: number | null;
  version: number;
  units: UnitInfo[];
  leaders: LeaderInfo[];
  categories: CategoryInfo[];
  byId: ReadonlyMap<number, { code: string }>;
  overdue: boolean;
  onClose(): void;
  /** The tab shown (the context menu's 查看变更记录 opens 变更记录); the panel keeps its own when not given. */
  tab?: string;
  onTabChange?(tab: string): void;
}) {
  const { message } = AntApp.useApp();
  const detail = useAsync(() => (problemId ? call('problems.get', { id: problemId }) : Promise.resolve(null)), [problemId, version]);
  const history = useAsync(() => (problemId ? call('history.problem', { id: problemId }) : Promise.resolve([])), [problemId, version]);
  const lineage = useAsync(() => (problemId ? call('rounds.lineage', { problemId }) : Promise.resolve(null)), [problemId, version]);
  const d = detail.value && detail.value.id === problemId ? detail.value : null;

  const save = (what: string, patch: Parameters<typeof call<'problems.update'>>[1]['patch']) => {
    if (!d) return;
    call('problems.update', { id: d.id, patch }).then(
      () => message.success(`已保存${what}`),
      (e) => message.error(errorMessage(e)),
    );
  };

  // 配合单位 as the grid's 牵头单位: a name that is no unit or alias asks 新建单位“…”？ (or 别称) before anything is written.
  const { askers, dialog: askDialog } = useAskers(units);
  const saveUnits = async (text: string) => {
    if (!d) return;
    try {
      const written = await writeWithAnswers(askers, (a) => call('problems.update', { id: d.id, patch: { units: splitUnits(text) }, names: a.names }));
      if (written) message.success('已保存配合单位');
      else message.info('已取消，配合单位没有改动');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const leaderName = new Map(leaders.map((l) => [l.id, l.name]));
  const categoryName = new Map(categories.map((c) => [c.id, `（${toChineseNumeral(c.no)}）${c.title}`]));
  const names: HistoryNames = {
    unit: (id) => unitName.get(id),
    leader: (id) => leaderName.get(id),
    category: (id) => categoryName.get(id),
    problemCode: (id) => byId.get(id)?.code,
  };

  const info = d ? (
            <Descriptions size="small" column={1} bordered className="detail-fields" styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="类别">{categoryName.get(d.categoryId) ?? `（${toChineseNumeral(d.categoryNo)}）${d.categoryTitle}`}</Descriptions.Item>
              {d.parentId ? <Descriptions.Item label="所属面上问题">{byId.get(d.parentId)?.code ?? ''}</Descriptions.Item> : null}
              <Descriptions.Item label="责任领导">{d.leaders.join('；') || '—'}</Descriptions.Item>
              <Descriptions.Item label="牵头单位">{d.leadUnit ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="配合单位">
                <Typography.Text editable={{ tooltip: '修改配合单位（用、分隔）', text: d.units.join('、'), onChange: (v) => v !== d.units.join('、') && void saveUnits(v) }}>
                  {d.units.join('、') || '—'}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="责任人">
                <Typography.Text editable={{ tooltip: '修改责任人', text: d.responsiblePerson, onChange: (v) => v !== d.responsiblePerson && save('责任人', { responsiblePerson: v }) }}>
                  {d.responsiblePerson || '—'}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="整改时限">
                {d.deadline.raw || '—'}
                {d.deadline.kind !== 'none' ? <Typography.Text type="secondary">（{DEADLINE_KIND_LABELS[d.deadline.kind]}{d.deadline.date ? ` ${d.deadline.date}` : ''}）</Typography.Text> : null}
                {isUnparsedDeadline(d.deadline) ? <div className="deadline-unparsed">{UNPARSED_DEADLINE_NOTE}</div> : null}
              </Descriptions.Item>
              <Descriptions.Item label="整改状态">
                {d.status}
                <Typography.Text type="secondary">
                  （{SOURCE_NOTE[d.statusSource]}
                  {d.statusReason ? `：${d.statusReason}` : ''}）
                </Typography.Text>
                {d.statusSource !== 'derived' ? (
                  <Button size="small" type="link" onClick={() => call('problems.setStatus', { ids: [d.id], status: null }).then(() => message.success('已恢复为按措施推导'), (e) => message.error(errorMessage(e)))}>
                    改回按措施推导
                  </Button>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label="完成日期">{d.completedDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="对外公开">
                <Switch size="small" checked={d.public} aria-label="对外公开" onChange={(v) => save(v ? '为可公开' : '为不公开', { public: v })} />
              </Descriptions.Item>
              <Descriptions.Item label="备注">
                <Typography.Text editable={{ tooltip: '修改备注', text: d.notes, onChange: (v) => v !== d.notes && save('备注', { notes: v }) }}>{d.notes || '—'}</Typography.Text>
              </Descriptions.Item>
              {(d.extras ?? []).map((e, i) => {
                const no = e.measureId == null ? null : d.measures.find((m) => m.id === e.measureId)?.no;
                return (
                  <Descriptions.Item key={`extra-${i}`} label={no ? `${e.label}（第${no}项措施）` : e.label}>
                    <span style={{ whiteSpace: 'pre-wrap' }}>{e.value}</span>
                  </Descriptions.Item>
                );
              })}
            </Descriptions>
  ) : null;

  return (
    <aside className="detail-panel" aria-label="问题详情">
      {askDialog}
      <div className="detail-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {d ? `${d.code} ${d.kind === 'general' ? '面上问题' : '具体问题'}` : '问题详情'}
        </Typography.Title>
        {d ? <StatusTag status={d.status} overdue={overdue} /> : null}
        <Button type="text" icon={<CloseOutlined />} aria-label="关闭详情" onClick={onClose} style={{ marginInlineStart: 'auto' }} />
      </div>
      {!problemId ? (
        <Typography.Paragraph type="secondary" style={{ padding: 16 }}>
          在表格中选中一个问题，这里显示它的全部内容、措施、进展和变更记录。
        </Typography.Paragraph>
      ) : detail.error ? (
        <Alert type="error" showIcon title={detail.error} />
      ) : !d ? (
        <Skeleton active />
      ) : (
        <div className="detail-body">
          <Typography.Paragraph
            className="detail-text"
            editable={{
              tooltip: '修改问题内容',
              text: d.text,
              onChange: (text) => text.trim() && text.trim() !== d.text && save('问题内容', { text }),
            }}
          >
            {d.text}
          </Typography.Paragraph>
          <div className="detail-summary">
            <span>牵头：{d.leadUnit ?? '—'}</span>
            <span>时限：{d.deadline.raw || '—'}</span>
            <span>
              状态：{d.status}（{SOURCE_NOTE[d.statusSource]}）
            </span>
          </div>
          
          <Tabs
            size="small"
            activeKey={tab}
            onChange={onTabChange}
            items={[
              { key: 'measures', label: `措施 ${d.measures.length}`, children: <MeasuresEditor detail={d} /> },
              { key: 'progress', label: `进展 ${d.progress.length}`, children: <ProgressLog detail={d} /> },
              { key: 'evidence', label: `佐证 ${d.evidenceCount}`, children: <EvidenceList problemId={d.id} /> },
              { key: 'info', label: '基本信息', children: info },
              ...(lineage.value && (hasLineage(lineage.value) || lineage.value.canRecheck)
                ? [{ key: 'lineage', label: lineage.value.canRecheck ? '来源/复查' : '来源', children: <LineageTab problemId={d.id} lineage={lineage.value} /> }]
                : []),
              {
                key: 'history',
                label: '变更记录',
                children: history.error ? <Alert type="error" title={history.error} /> : <HistoryList entries={history.value ?? []} detail={d} names={names} />,
              },
            ]}
          />
        </div>
      )}
    </aside>
  );
}
