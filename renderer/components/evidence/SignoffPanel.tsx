import { useEffect, useState } from 'react';
import { Alert, App as AntApp, AutoComplete, Button, Card, Checkbox, DatePicker, Empty, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { SignoffState, SignoffStep } from '../../../shared/api/evidence';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';
import { StatusTag } from '../StatusTag';

const METHODS = ['书面审核', '实地核查', '三方验收', '党组会议审议', '查阅资料'].map((value) => ({ value }));
const STEP_COLOR: Record<SignoffStep, string> = { apply: 'blue', approve: 'green', reject: 'red', reopen: 'orange' };

interface StepForm {
  /** Who applies or reopens (the clerk by default); the reviewer for approve/reject. */
  actor?: string;
  evidenceIds?: number[];
  note?: string;
  reason?: string;
  reviewer?: string;
  method?: string;
  date?: Dayjs;
}

function StepList({ state }: { state: SignoffState }) {
  if (state.steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有销号记录" />;
  return (
    <Timeline
      data-testid="signoff-steps"
      items={state.steps.map((s) => ({
        color: STEP_COLOR[s.step],
        content: (
          <div>
            <Space size={12} wrap>
              <Typography.Text strong>{s.stepLabel}</Typography.Text>
              <Typography.Text type="secondary">{s.date}</Typography.Text>
              <Typography.Text type="secondary">{s.actor}</Typography.Text>
              {s.method ? <Typography.Text type="secondary">方式：{s.method}</Typography.Text> : null}
            </Space>
            {s.reason ? <div>理由：{s.reason}</div> : null}
            {s.note ? <div>说明：{s.note}</div> : null}
            {s.evidence.length ? (
              <div>
                材料：
                {s.evidence.map((e) => (
                  <Tag key={e.id} style={{ marginBottom: 2 }}>
                    {e.number} {e.title}
                  </Tag>
                ))}
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

/**
 * Sign-off (销号) of one problem: the recorded steps, and the form for the step that may come next —
 * apply with the evidence and a note; approve (reviewer, method, note) or reject with a reason; reopen a
 * signed-off problem (回头看) with a reason.
 */
export function SignoffPanel({ problemId }: { problemId: number }) {
  const { message } = AntApp.useApp();
  const { version } = useLedger();
  const state = useAsync(() => call('signoff.state', { problemId }), [problemId, version]);
  const evidence = useAsync(() => call('evidence.list', { problemId }), [problemId, version]);
  const [form] = Form.useForm<StepForm>();
  const [busy, setBusy] = useState(false);
  const clerk = useAsync(() => call('people.clerk', {}), [version]);
  const received = (evidence.value ?? []).filter((e) => e.received);
  const s = state.value;

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ date: dayjs(), evidenceIds: received.map((e) => e.id), actor: clerk.value?.name ?? '', reviewer: clerk.value?.name ?? '' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [problemId, s?.workflow, s?.steps.length, evidence.value?.length, clerk.value?.name]);

  const take = async (step: SignoffStep) => {
    let v: StepForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const date = v.date ? v.date.format('YYYY-MM-DD') : undefined;
    setBusy(true);
    try {
      const actor = v.actor?.trim() ?? '';
      if (step === 'apply') await call('signoff.apply', { problemId, evidenceIds: v.evidenceIds ?? [], note: v.note ?? '', date, actor });
      else if (step === 'approve') await call('signoff.approve', { problemId, reviewer: v.reviewer ?? '', method: v.method ?? '', note: v.note ?? '', date });
      else if (step === 'reject') await call('signoff.reject', { problemId, reason: v.reason ?? '', reviewer: v.reviewer, date });
      else await call('signoff.reopen', { problemId, reason: v.reason ?? '', date, actor });
      // Asked once: the first name given at this computer becomes its clerk (设置 → 台账与轮次 changes it).
      const name = step === 'apply' || step === 'reopen' ? actor : (v.reviewer?.trim() ?? '');
      if (name && clerk.value && !clerk.value.name) await call('people.setClerk', { name, unit: '' });
      message.success({ apply: '已申请销号', approve: '已审核通过，问题已销号', reject: '已退回销号申请', reopen: '已重新打开该问题' }[step]);
    } catch (e) {
      message.error(errorMessage(e), 8);
    } finally {
      setBusy(false);
    }
  };

  if (!s) return state.error ? <Alert type="error" title={state.error} /> : null;
  const can = (x: SignoffStep) => s.allowed.includes(x);
  const who = (label: string) => (
    <Form.Item
      name="actor"
      label={label}
      rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}
      extra={clerk.value && !clerk.value.name ? '将记为本机填报人（可在“设置 → 台账与轮次”中修改）' : undefined}
    >
      <Input maxLength={100} aria-label={label} placeholder="姓名，如：办公室 王某" />
    </Form.Item>
  );
  const dateField = (
    <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
      <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} aria-label="销号步骤日期" />
    </Form.Item>
  );

  return (
    <div data-testid="signoff-panel">
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>当前状态：</Typography.Text>
        <StatusTag status={s.status} />
        {s.workflow ? <Tag color="purple">销号流程：{s.workflow}</Tag> : <Tag>未进入销号流程</Tag>}
      </Space>
      <StepList state={s} />
      <Form form={form} layout="vertical" disabled={busy} style={{ maxWidth: 560, marginTop: 8 }}>
        {can('apply') ? (
          <Card size="small" title="申请销号">
            {received.length ? (
              <Form.Item name="evidenceIds" label="随申请提交的佐证材料" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项佐证材料' }]}>
                <Checkbox.Group options={received.map((e) => ({ value: e.id, label: `${e.number} ${e.title}` }))} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} />
              </Form.Item>
            ) : (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="还没有收到任何佐证材料文件，请先在“佐证材料”中上传。" />
            )}
            <Form.Item name="note" label="申请说明">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder="如：各项措施已完成，材料齐全，申请销号。" />
            </Form.Item>
            {who('申请人')}
            {dateField}
            <Button type="primary" onClick={() => take('apply')} disabled={!received.length}>
              申请销号
            </Button>
          </Card>
        ) : null}
        {!can('apply') && s.applyBlockedReason ? (
          <Alert
            type="info"
            showIcon
            title={s.applyBlockedReason}
            action={
              s.canRederive ? (
                <Button
                  size="small"
                  onClick={() =>
                    call('problems.setStatus', { ids: [problemId], status: null }).then(
                      () => message.success('已恢复为按措施推导'),
                      (e) => message.error(errorMessage(e)),
                    )
                  }
                >
                  恢复为按措施推导
                </Button>
              ) : undefined
            }
          />
        ) : null}
        {can('approve') ? (
          <Card size="small" title="审核">
            <Form.Item name="reviewer" label="审核人" rules={[{ required: true, whitespace: true, message: '请填写审核人' }]}>
              <Input maxLength={100} aria-label="审核人" placeholder="如：局巡察整改办 李某" />
            </Form.Item>
            <Form.Item name="method" label="销号方式（通过时必填）">
              <AutoComplete options={METHODS} placeholder="书面审核、实地核查、三方验收…" aria-label="销号方式" />
            </Form.Item>
            <Form.Item name="note" label="审核意见（通过时）">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
            <Form.Item name="reason" label="退回理由（退回时必填）">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} placeholder="如：缺少整改前后对比照片。" />
            </Form.Item>
            {dateField}
            <Space>
              <Button
                type="primary"
                onClick={() => {
                  if (!form.getFieldValue('method')?.trim()) return void message.warning('审核通过前请填写销号方式');
                  void take('approve');
                }}
              >
                审核通过，销号
              </Button>
              <Button
                danger
                onClick={() => {
                  if (!form.getFieldValue('reason')?.trim()) return void message.warning('退回前请填写退回理由');
                  void take('reject');
                }}
              >
                退回
              </Button>
            </Space>
          </Card>
        ) : null}
        {can('reopen') ? (
          <Card size="small" title="重新打开（回头看）">
            <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, message: '请填写重新打开的理由' }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={2000} placeholder="如：回头看发现问题反弹。" />
            </Form.Item>
            {who('经办人')}
            {dateField}
            <Button danger onClick={() => take('reopen')}>
              重新打开
            </Button>
          </Card>
        ) : null}
      </Form>
    </div>
  );
}
