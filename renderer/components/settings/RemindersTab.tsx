import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReminderSettings } from '../../../shared/domain/reminders';
import type { CycleRule } from '../../../shared/domain/cycles';
import { describeCycleRule } from '../../../shared/domain/cycles';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';
import { setTodoFirst, todoFirstEnabled } from '../../todo/todoFirst';

/** The round's reporting rhythm: none, monthly by day N, or listed dates. */
function CycleRuleCard() {
  const { info } = useLedger();
  const { message } = AntApp.useApp();
  const round = info?.round;
  const [rule, setRule] = useState<CycleRule>({ kind: 'none' });
  useEffect(() => {
    if (round) setRule(round.cycleRule);
  }, [round]);
  if (!round) return null;
  const save = async () => {
    try {
      await call('rounds.update', { id: round.id, fields: { cycleRule: rule } });
      message.success(`已保存报送周期：${describeCycleRule(rule)}`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card size="small" title={`回执报送周期（${round.title}）`} style={{ marginBottom: 16 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group
          aria-label="报送周期"
          value={rule.kind}
          onChange={(e) => {
            const k = e.target.value as CycleRule['kind'];
            setRule(k === 'monthly' ? { kind: 'monthly', day: 25 } : k === 'dates' ? { kind: 'dates', dates: [] } : { kind: 'none' });
          }}
        >
          <Radio value="none">不定期</Radio>
          <Radio value="monthly">每月固定日期</Radio>
          <Radio value="dates">指定日期</Radio>
        </Radio.Group>
        {rule.kind === 'monthly' ? (
          <Space>
            每月
            <InputNumber aria-label="每月报送日" min={1} max={31} value={rule.day} onChange={(v) => v && setRule({ kind: 'monthly', day: v })} />
            日前报送（月份天数不足时为当月最后一天）
          </Space>
        ) : null}
        {rule.kind === 'dates' ? (
          <DatePicker
            multiple
            aria-label="报送日期"
            value={rule.dates.map((d) => dayjs(d))}
            onChange={(ds) => setRule({ kind: 'dates', dates: ((ds ?? []) as dayjs.Dayjs[]).map((d) => d.format('YYYY-MM-DD')).sort() })}
            style={{ minWidth: 320 }}
          />
        ) : null}
        <Typography.Text type="secondary">周期从本轮次的反馈日期（未填时为创建日期）起算；截止日过后仍未报送的单位列为“逾期未报”。</Typography.Text>
        <Button type="primary" onClick={save} disabled={rule.kind === 'dates' && rule.dates.length === 0}>
          保存报送周期
        </Button>
      </Space>
    </Card>
  );
}

/** 提醒与督办: the to-do view's days, the daily notification, and who signs the 督办通知. */
export function RemindersTab() {
  const { version } = useLedger();
  const { message } = AntApp.useApp();
  const settings = useAsync(() => call('reminders.settings', {}), [version]);
  const [form] = Form.useForm<ReminderSettings>();
  const [first, setFirst] = useState(todoFirstEnabled());
  useEffect(() => {
    if (settings.value) form.setFieldsValue(settings.value);
  }, [settings.value, form]);
  const save = async (values: ReminderSettings) => {
    try {
      await call('reminders.saveSettings', values);
      message.success('已保存提醒与督办设置');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <div style={{ maxWidth: 760 }}>
      <CycleRuleCard />
      <Card size="small" title="待办提醒与督办通知" style={{ marginBottom: 16 }}>
        <Form form={form} layout="horizontal" labelCol={{ span: 7 }} onFinish={save}>
          <Form.Item label="即将到期提前天数" name="dueSoonDays" rules={[{ required: true }]}>
            <InputNumber aria-label="即将到期提前天数" min={1} max={365} addonAfter="天" />
          </Form.Item>
          <Form.Item label="措施无进展提醒" name="staleDays" rules={[{ required: true }]}>
            <InputNumber aria-label="措施无进展天数" min={1} max={3650} addonAfter="天以上" />
          </Form.Item>
          <Form.Item label="每日系统通知（桌面版）" name="notify" valuePropName="checked" extra="每天第一次打开时，若有待办事项，弹出一次系统通知。">
            <Switch aria-label="每日系统通知" />
          </Form.Item>
          <Form.Item label="督办通知落款" name="sender" rules={[{ required: true, message: '请填写落款单位' }]}>
            <Input aria-label="督办通知落款" maxLength={100} placeholder="如：市司法局巡察整改工作领导小组办公室" />
          </Form.Item>
          <Form.Item label="联系方式" name="contact">
            <Input aria-label="督办通知联系方式" maxLength={300} placeholder="如：联系人：王明，电话：0931-1234567。" />
          </Form.Item>
          <Form.Item label="要求回复期限" name="replyDays" rules={[{ required: true }]}>
            <InputNumber aria-label="要求回复天数" min={1} max={90} addonBefore="通知日期后" addonAfter="天内" />
          </Form.Item>
          <Form.Item wrapperCol={{ offset: 7 }}>
            <Button type="primary" htmlType="submit">
              保存
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small" title="本机设置">
        <Space>
          <Switch
            aria-label="有待办时先打开待办提醒"
            checked={first}
            onChange={(v) => {
              setFirst(v);
              setTodoFirst(v);
            }}
          />
          打开台账时，若有待办事项，先显示“待办提醒”页
        </Space>
      </Card>
    </div>
  );
}
