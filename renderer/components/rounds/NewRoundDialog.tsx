import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { ROUND_KINDS, type RoundKind } from '../../../shared/domain/types';
import { CARRY_CHOICES } from '../../../shared/api/reminders';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';

type Carry = (typeof CARRY_CHOICES)[number];

const KIND_HELP: Record<RoundKind, string> = {
  回头看: '集中整改期后的回头看：复查已销号问题，继续推进未完成问题',
  巡察: '下一轮巡察：承接上一轮未完成的问题',
  专项: '专项整改',
};

const CARRY_OPTIONS: { value: Carry; label: string }[] = [
  { value: 'unfinished', label: '未完成的问题（未启动、正在推进、申请延期）' },
  { value: 'long-term', label: '长期坚持的问题' },
  { value: 'signed-off', label: '已完成、已销号的问题（转入复查，可记录巩固/反弹）' },
];

/** 开启新一轮: from the current round, with the problems chosen carried over and linked to their origin. */
export function NewRoundDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { info } = useLedger();
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<RoundKind>('回头看');
  const [carry, setCarry] = useState<Carry[]>(['unfinished', 'long-term']);
  const [renumber, setRenumber] = useState(false);
  const [title, setTitle] = useState('');
  // The suggested title follows the kind until the person types their own.
  const [edited, setEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const from = info?.round;
  useEffect(() => {
    if (!open) setEdited(false);
    else if (from && !edited) setTitle(`${from.title}（${kind === '巡察' ? '下一轮' : kind}）`);
  }, [open, from, kind, edited]);

  const start = async () => {
    setBusy(true);
    try {
      const r = await call('rounds.start', { title: title.trim(), kind, carry, renumber });
      const n = Object.values(r.carried).reduce((a, b) => a + b, 0);
      message.success(`已开启“${title.trim()}”，转入 ${n} 个问题，并切换到新轮次（可撤销）`);
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title="开启新一轮" okText="开启" cancelText="取消" onOk={start} onCancel={onClose} confirmLoading={busy} okButtonProps={{ disabled: !title.trim() }} destroyOnHidden width={620}>
      <Typography.Paragraph type="secondary">
        从当前轮次“{from?.title}”开启新一轮。转入的问题保留与原问题的关联：原轮次的整改进展、佐证材料和修改记录在新轮次中可以查看，原轮次的统计数字保持不变。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="类型">
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as RoundKind)} aria-label="新轮次类型">
            {ROUND_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                {k === '巡察' ? '下一轮巡察' : k}
              </Radio.Button>
            ))}
          </Radio.Group>
          <div style={{ color: '#8c8c8c', marginTop: 4 }}>{KIND_HELP[kind]}</div>
        </Form.Item>
        <Form.Item label="标题">
          <Input
            aria-label="新轮次标题"
            value={title}
            onChange={(e) => {
              setEdited(true);
              setTitle(e.target.value);
            }}
            maxLength={200}
          />
        </Form.Item>
        <Form.Item label="转入的问题">
          <Checkbox.Group value={carry} onChange={(v) => setCarry(v as Carry[])} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={CARRY_OPTIONS} />
        </Form.Item>
        <Form.Item label="编号">
          <Radio.Group value={renumber} onChange={(e) => setRenumber(e.target.value as boolean)}>
            <Radio value={false}>保留原编号</Radio>
            <Radio value>重新编号（1、2、3…）</Radio>
          </Radio.Group>
        </Form.Item>
      </Form>
      {carry.length === 0 ? <Alert type="info" showIcon title="不转入任何问题：新轮次从空白开始。" /> : null}
    </Modal>
  );
}
