import { useEffect, useState } from 'react';
import { App as AntApp, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import type { CategoryInfo, TableProblem } from '../../shared/domain/types';
import { toChineseNumeral } from '../../shared/domain/numerals';
import { call, errorMessage } from '../api';

export interface NewProblemPlace {
  categoryId: number;
  kind: 'general' | 'specific';
  parentId: number | null;
  afterId: number | null;
}

const catLabel = (c: CategoryInfo) => `（${toChineseNumeral(c.no)}）${c.title}`;

/** Add a general or specific problem where the active row is; the code is given by the ledger. */
export function NewProblemDialog({
  place,
  categories,
  problems,
  onClose,
  onCreated,
}: {
  place: NewProblemPlace | null;
  categories: CategoryInfo[];
  problems: TableProblem[];
  onClose(): void;
  onCreated(p: TableProblem): void;
}) {
  const { message } = AntApp.useApp();
  const [value, setValue] = useState<NewProblemPlace | null>(place);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setValue(place);
    setText('');
  }, [place]);
  if (!value) return null;
  const generals = problems.filter((p) => p.kind === 'general' && p.categoryId === value.categoryId);
  const ok = async () => {
    if (!text.trim()) return message.warning('请填写问题内容。');
    if (value.kind === 'specific' && !value.parentId) return message.warning('请选择它所属的面上问题。');
    setBusy(true);
    try {
      const created = await call('problems.create', {
        categoryId: value.categoryId,
        kind: value.kind,
        parentId: value.kind === 'specific' ? value.parentId : null,
        text: text.trim(),
        afterId: value.afterId,
      });
      message.success(`已新增问题 ${created.code}`);
      onCreated(created);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="新增问题" okText="新增" cancelText="取消" confirmLoading={busy} onOk={ok} onCancel={onClose} destroyOnHidden width={620}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={value.kind}
          onChange={(e) => setValue({ ...value, kind: e.target.value, afterId: null, parentId: e.target.value === 'specific' ? (value.parentId ?? generals.at(-1)?.id ?? null) : null })}
          options={[
            { value: 'general', label: '面上问题' },
            { value: 'specific', label: '具体问题' },
          ]}
        />
        <Select
          aria-label="问题类别"
          style={{ width: '100%' }}
          value={value.categoryId}
          onChange={(categoryId) => setValue({ ...value, categoryId, parentId: null, afterId: null })}
          options={categories.map((c) => ({ value: c.id, label: catLabel(c) }))}
        />
        {value.kind === 'specific' ? (
          <Select
            aria-label="所属面上问题"
            placeholder="所属面上问题"
            style={{ width: '100%' }}
            value={value.parentId ?? undefined}
            onChange={(parentId) => setValue({ ...value, parentId, afterId: null })}
            options={generals.map((g) => ({ value: g.id, label: `${g.code} ${g.text.slice(0, 40)}` }))}
          />
        ) : null}
        <Input.TextArea
          autoFocus
          aria-label="问题内容"
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="问题表现（Ctrl+Enter 新增）"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void ok();
          }}
        />
        <Typography.Text type="secondary">编号由台账自动给出，以后移动或删除其他问题时不会改变。</Typography.Text>
      </Space>
    </Modal>
  );
}

/** Add a category (反馈问题类别); it is numbered after the highest number ever used in the round. */
export function NewCategoryDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(c: CategoryInfo): void }) {
  const { message } = AntApp.useApp();
  const [title, setTitle] = useState('');
  useEffect(() => setTitle(''), [open]);
  const ok = async () => {
    if (!title.trim()) return message.warning('请填写类别标题。');
    try {
      const c = await call('categories.create', { title: title.trim() });
      message.success(`已新增类别（${toChineseNumeral(c.no)}）`);
      onCreated(c);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Modal open={open} title="新增问题类别" okText="新增" cancelText="取消" onOk={ok} onCancel={onClose} destroyOnHidden>
      <Input autoFocus aria-label="类别标题" value={title} onChange={(e) => setTitle(e.target.value)} onPressEnter={ok} placeholder="如：统筹协调、督促检查不够，依法治市存在短板" />
    </Modal>
  );
}

/** Move a general problem to another category, or a specific problem under another general problem. */
export function MoveDialog({
  problem,
  categories,
  problems,
  onClose,
}: {
  problem: TableProblem | null;
  categories: CategoryInfo[];
  problems: TableProblem[];
  onClose(): void;
}) {
  const { message } = AntApp.useApp();
  const [target, setTarget] = useState<number | null>(null);
  useEffect(() => setTarget(null), [problem]);
  if (!problem) return null;
  const general = problem.kind === 'general';
  const ok = async () => {
    if (target == null) return message.warning(general ? '请选择目标类别。' : '请选择目标面上问题。');
    try {
      await call('problems.move', general ? { id: problem.id, categoryId: target } : { id: problem.id, parentId: target });
      message.success(`已移动 ${problem.code}（编号不变）`);
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const options = general
    ? categories.filter((c) => c.id !== problem.categoryId).map((c) => ({ value: c.id, label: catLabel(c) }))
    : problems.filter((p) => p.kind === 'general' && p.id !== problem.parentId).map((p) => ({ value: p.id, label: `${p.code} ${p.text.slice(0, 40)}` }));
  return (
    <Modal open title={`移动 ${problem.code}`} okText="移动" cancelText="取消" onOk={ok} onCancel={onClose} destroyOnHidden width={620}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{general ? '移到类别（其具体问题一并移动）：' : '移到面上问题之下：'}</Typography.Text>
        <Select autoFocus showSearch optionFilterProp="label" aria-label="移动目标" style={{ width: '100%' }} value={target ?? undefined} onChange={setTarget} options={options} />
        <Typography.Text type="secondary">移动不改变编号：大家仍可用原编号找到它。</Typography.Text>
      </Space>
    </Modal>
  );
}
