import { useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Input, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import type { TableProblem } from '../../shared/domain/types';
import { call, errorMessage } from '../api';
import { navigate } from '../router';
import type { ColumnKey } from './columns';
import { planReplace, recordHits, RECORD_COLUMNS, REPLACEABLE, type ReplaceChange } from './replace';

type Scope = 'all' | 'selected';
const ALL_COLUMNS = 'all';

/**
 * 查找和替换 (Ctrl+H): what to find and what to put instead, where (all problems or the selected rows; every
 * column that takes text, or one), whole cell or part; a preview of every change (code, column, old → new);
 * then one action, undone in one step. Units and leaders are renamed or merged in 设置, not here.
 */
export function ReplaceDialog({
  open,
  initialFind,
  problems,
  selected,
  onClose,
}: {
  open: boolean;
  initialFind: string;
  /** Every problem of the round, in ledger order. */
  problems: readonly TableProblem[];
  selected: ReadonlySet<number>;
  onClose(): void;
}) {
  const { message, modal } = AntApp.useApp();
  const [find, setFind] = useState(initialFind);
  const [replace, setReplace] = useState('');
  const [scope, setScope] = useState<Scope>(selected.size > 1 ? 'selected' : 'all');
  const [column, setColumn] = useState<ColumnKey | typeof ALL_COLUMNS>(ALL_COLUMNS);
  const [wholeCell, setWholeCell] = useState(false);
  const [busy, setBusy] = useState(false);

  const inScope = useMemo(() => (scope === 'selected' ? problems.filter((p) => selected.has(p.id)) : problems), [scope, problems, selected]);
  const recordColumn = RECORD_COLUMNS.some((c) => c.key === column);
  const columns = column === ALL_COLUMNS ? REPLACEABLE.map((c) => c.key) : recordColumn ? [] : [column];
  const changes = useMemo(() => planReplace(inScope, { find, replace, columns, wholeCell }), [inScope, find, replace, columns.join(), wholeCell]); // eslint-disable-line react-hooks/exhaustive-deps
  const inRecords = useMemo(() => (find ? recordHits(inScope, { find, wholeCell }) : []), [inScope, find, wholeCell]);

  const apply = async () => {
    if (changes.length === 0) return;
    setBusy(true);
    try {
      const r = await call('problems.paste', { cells: changes.map((c) => ({ id: c.id, field: c.column, value: c.after })), purpose: 'replace' });
      message.success(`已替换 ${r.count} 处（Ctrl+Z 可一次撤销）`);
      onClose();
    } catch (e) {
      modal.error({ title: '替换未执行，台账没有改动', content: errorMessage(e), width: 560 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="查找和替换"
      width={820}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>关闭</Button>
          <Button type="primary" disabled={changes.length === 0} loading={busy} onClick={apply}>
            {changes.length ? `全部替换（${changes.length} 处）` : '全部替换'}
          </Button>
        </Space>
      }
    >
      <div className="replace-form">
        <label>
          查找内容 <Input aria-label="查找内容" value={find} onChange={(e) => setFind(e.target.value)} autoFocus />
        </label>
        <label>
          替换为 <Input aria-label="替换为" value={replace} onChange={(e) => setReplace(e.target.value)} />
        </label>
        <Space wrap>
          <span>范围</span>
          <Radio.Group
            name="replace-scope"
            value={scope}
            onChange={(e) => setScope(e.target.value)}
            options={[
              { value: 'all', label: `全部问题（${problems.length}）` },
              { value: 'selected', label: `所选的行（${selected.size}）`, disabled: selected.size === 0 },
            ]}
          />
          <span>列</span>
          <Select
            aria-label="替换的列"
            value={column}
            onChange={setColumn}
            style={{ width: 200 }}
            options={[
              { value: ALL_COLUMNS, label: `可替换的各列（${REPLACEABLE.map((c) => c.title).join('、')}）` },
              ...REPLACEABLE.map((c) => ({ value: c.key, label: c.title })),
              ...RECORD_COLUMNS.map((c) => ({ value: c.key, label: `${c.title}（在设置中改名）` })),
            ]}
            popupMatchSelectWidth={false}
          />
          <Radio.Group
            name="replace-match"
            value={wholeCell ? 'whole' : 'part'}
            onChange={(e) => setWholeCell(e.target.value === 'whole')}
            options={[
              { value: 'part', label: '部分匹配' },
              { value: 'whole', label: '整个单元格匹配' },
            ]}
          />
        </Space>
      </div>
      {recordColumn || inRecords.length ? (
        <Alert
          type={recordColumn ? 'warning' : 'info'}
          showIcon
          style={{ marginTop: 12 }}
          title={
            recordColumn
              ? '牵头单位和责任领导不按文字替换：请在“设置”中为单位或领导改名、合并，所有问题一并更新，以前的写法记为别名。'
              : `另有 ${inRecords.map((h) => `${h.count} 个${h.title}`).join('、')}含“${find}”：单位和领导请在“设置”中改名或合并，这里不会改动它们。`
          }
          action={
            <Button size="small" onClick={() => navigate('settings')}>
              去设置
            </Button>
          }
        />
      ) : null}
      <Typography.Paragraph style={{ margin: '12px 0 6px' }} data-testid="replace-summary">
        {find ? (changes.length ? `将替换 ${new Set(changes.map((c) => c.id)).size} 个问题中的 ${changes.length} 处：` : '没有可替换的内容。') : '输入查找内容，下面列出每一处改动。'}
      </Typography.Paragraph>
      <Table<ReplaceChange>
        size="small"
        aria-label="替换预览"
        rowKey={(c) => `${c.id}-${c.column}`}
        dataSource={changes}
        pagination={changes.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        // No taller than the window leaves (at 1366×768 a fixed 320 px ran the dialog past the bottom edge).
        scroll={{ y: 'min(320px, calc(100vh - 540px))' }}
        columns={[
          { title: '编号', dataIndex: 'code', width: 80 },
          { title: '列', dataIndex: 'title', width: 90 },
          { title: '原内容', dataIndex: 'before', render: (v: string) => <span className="replace-before">{v}</span> },
          { title: '替换后', dataIndex: 'after', render: (v: string) => <span className="replace-after">{v}</span> },
        ]}
      />
    </Modal>
  );
}
