import { RemindersTab } from '../components/settings/RemindersTab';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { App as AntApp, Button, Card, DatePicker, Descriptions, Form, Input, List, Modal, Select, Space, Switch, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { RoundInfo } from '../../shared/domain/types';
import { call, errorMessage } from '../api';
import { useLedger } from '../ledger-context';
import { useAsync } from '../components/useAsync';
import { PageHeader } from '../components/PageHeader';
import { FilePathDialog } from '../components/FilePathDialog';
import { BackupTab } from '../components/settings/BackupTab';
import { HistoryTab } from '../components/settings/HistoryTab';
import { ReportTextsTab } from '../components/settings/ReportTextsTab';
import { PeopleTab } from '../components/settings/PeopleTab';
import { ClerkCard } from '../components/settings/ClerkCard';
import { LedgerChooser } from '../components/settings/LedgerChooser';
import { useRoute, navigate } from '../router';

type FileAction = 'open' | 'create' | 'saveAs';
const ACTION_TITLE: Record<FileAction, string> = { open: '打开台账', create: '新建台账', saveAs: '台账另存为' };

function LedgerFileCard() {
  const { message } = AntApp.useApp();
  const { info } = useLedger();
  const [dialog, setDialog] = useState<FileAction | null>(null);
  const recent = useAsync(() => call('ledger.recent', {}), [info?.path]);

  const run = async (action: FileAction, path: string) => {
    try {
      const next = action === 'open' ? await call('ledger.open', { path }) : action === 'create' ? await call('ledger.create', { path }) : await call('ledger.saveAs', { path });
      // The browser sends a name; say where the file is.
      message.success(`${ACTION_TITLE[action]}：${next.path}`);
      setDialog(null);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const createNamed = async (name: string) => {
    try {
      const created = await call('ledger.createNamed', { name });
      message.success(`已新建台账“${created.name}”（保存在数据文件夹：${created.path}）`);
      setDialog(null);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const start = async (action: FileAction) => {
    if (info?.host.fileDialogs) {
      const { path } = await call('ledger.pickFile', { mode: action === 'open' ? 'open' : 'save' });
      if (path) await run(action, path);
    } else setDialog(action);
  };

  return (
    <Card title="台账文件" size="small">
      <Descriptions column={1} size="small">
        <Descriptions.Item label="名称">{info?.name}</Descriptions.Item>
        <Descriptions.Item label="文件">
          <Typography.Text copyable>{info?.path}</Typography.Text>
          {info?.isDefault ? <Typography.Text type="secondary">（默认台账）</Typography.Text> : null}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">
        一个台账文件包含全部问题、措施、进展、变更记录和佐证材料，可以拷贝到U盘或交给同事直接打开。
      </Typography.Paragraph>
      <Space wrap>
        <Button onClick={() => start('open')}>打开台账…</Button>
        <Button onClick={() => start('create')}>新建台账…</Button>
        <Button onClick={() => start('saveAs')}>另存为…</Button>
        {!info?.isDefault ? <Button onClick={() => call('ledger.openDefault', {}).catch((e) => message.error(errorMessage(e)))}>打开默认台账</Button> : null}
      </Space>
      {recent.value && recent.value.length > 1 ? (
        <List
          style={{ marginTop: 16 }}
          size="small"
          header="最近打开"
          dataSource={recent.value.filter((r) => r.path !== info?.path)}
          renderItem={(r) => (
            <List.Item actions={[<a key="open" onClick={() => run('open', r.path)}>打开</a>]}>
              <Typography.Text ellipsis>{r.path}</Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
      {dialog === 'create' ? (
        <NameDialog onOk={createNamed} onCancel={() => setDialog(null)} />
      ) : dialog === 'open' ? (
        <LedgerChooser onOpen={(fileName) => run('open', fileName)} onCancel={() => setDialog(null)} />
      ) : dialog ? (
        <FilePathDialog
          open
          title={ACTION_TITLE[dialog]}
          hint={`请输入台账副本的文件名（不含文件夹），将保存在数据文件夹：${info?.host.saveFolder ?? ''}。不能与已有文件同名。`}
          label="文件名"
          placeholder="例如：2024年巡察整改"
          onOk={(p) => run(dialog, p)}
          onCancel={() => setDialog(null)}
        />
      ) : null}
    </Card>
  );
}

/** The browser host's 新建台账: a name; the file goes into the data folder (no path to type). */
function NameDialog({ onOk, onCancel }: { onOk(name: string): void; onCancel(): void }) {
  const [name, setName] = useState('');
  const submit = () => name.trim() && onOk(name.trim());
  return (
    <Modal open title="新建台账" okText="新建" cancelText="取消" onOk={submit} onCancel={onCancel} destroyOnHidden>
      <Typography.Paragraph type="secondary">给新台账起个名字，如“2025年市委巡察整改”。台账文件保存在本机的数据文件夹中，以后可在“最近打开”中找到。</Typography.Paragraph>
      <Input autoFocus aria-label="台账名称" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} onPressEnter={submit} placeholder="台账名称" />
    </Modal>
  );
}

interface RoundForm {
  title: string;
  inspectingBody: string;
  inspectedOrg: string;
  inspection: [Dayjs | null, Dayjs | null] | null;
  feedbackDate: Dayjs | null;
  periodEnd: Dayjs | null;
  periodLabel: string;
  contactLine: string;
  longTermCountsCompleted: boolean;
}

const d = (s: string | null) => (s ? dayjs(s) : null);

/**
 * Enter in a range's start date takes the date and moves to the end date (the picker does that); it must not
 * also submit the form, which would save the range as it was before and put the old start date back.
 */
function enterInStartDateMovesOn(e: KeyboardEvent<HTMLElement>) {
  if (e.key === 'Enter' && (e.target as HTMLElement).getAttribute('date-range') === 'start') e.preventDefault();
}
const iso = (x: Dayjs | null | undefined) => (x ? x.format('YYYY-MM-DD') : null);

function RoundCard() {
  const { message } = AntApp.useApp();
  const { info } = useLedger();
  const [form] = Form.useForm<RoundForm>();
  const round: RoundInfo | null = info?.round ?? null;
  useEffect(() => {
    if (!round) return;
    form.setFieldsValue({
      title: round.title,
      inspectingBody: round.inspectingBody,
      inspectedOrg: round.inspectedOrg,
      inspection: [d(round.inspectionStart), d(round.inspectionEnd)],
      feedbackDate: d(round.feedbackDate),
      periodEnd: d(round.periodEnd),
      periodLabel: round.periodLabel,
      contactLine: round.contactLine,
      longTermCountsCompleted: round.longTermCountsCompleted,
    });
  }, [round, form]);

  // One save at a time: a second Enter or click while a save is on its way is dropped (test/e2e/settings-dates
  // counts the saves one Enter sends in Chromium: one per field).
  const saving = useRef(false);
  const save = async (v: RoundForm) => {
    if (!round || saving.current) return;
    saving.current = true;
    try {
      await call('rounds.update', {
        id: round.id,
        fields: {
          title: v.title,
          inspectingBody: v.inspectingBody ?? '',
          inspectedOrg: v.inspectedOrg ?? '',
          inspectionStart: iso(v.inspection?.[0]),
          inspectionEnd: iso(v.inspection?.[1]),
          feedbackDate: iso(v.feedbackDate),
          periodEnd: iso(v.periodEnd),
          periodLabel: v.periodLabel ?? '',
          contactLine: v.contactLine ?? '',
          longTermCountsCompleted: !!v.longTermCountsCompleted,
        },
      });
      message.success('轮次设置已保存');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      saving.current = false;
    }
  };

  const newRound = async () => {
    try {
      await call('rounds.create', { title: '新的巡察轮次' });
      message.success('已新建巡察轮次，并切换到该轮次');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Card
      title="巡察轮次"
      size="small"
      extra={
        <Space>
          {info && info.rounds.length > 1 ? (
            <Select
              aria-label="当前轮次"
              style={{ minWidth: 260 }}
              value={info.roundId ?? undefined}
              options={info.rounds.map((r) => ({ value: r.id, label: r.title }))}
              onChange={(id) => call('rounds.select', { id }).catch((e) => message.error(errorMessage(e)))}
            />
          ) : null}
          <Button onClick={newRound}>新建轮次</Button>
        </Space>
      }
    >
      {round ? (
        <Form form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 16 }} onFinish={save} style={{ maxWidth: 860 }}>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="inspectingBody" label="巡察（巡视）组">
            <Input placeholder="如：市委第五巡察组" />
          </Form.Item>
          <Form.Item name="inspectedOrg" label="被巡察党组织">
            <Input placeholder="如：市司法局党组" />
          </Form.Item>
          <Form.Item name="inspection" label="巡察时间">
            <DatePicker.RangePicker allowEmpty={[true, true]} onKeyDown={enterInStartDateMovesOn} />
          </Form.Item>
          <Form.Item name="feedbackDate" label="反馈日期">
            <DatePicker />
          </Form.Item>
          <Form.Item name="periodEnd" label="集中整改期截止" extra="统计“期内应完成”以此日期为界；不填则以统计日期为界。">
            <DatePicker />
          </Form.Item>
          <Form.Item name="periodLabel" label="集中整改期表述" extra="公布材料中的说法，如“4个月”。">
            <Input style={{ maxWidth: 200 }} />
          </Form.Item>
          <Form.Item name="contactLine" label="联系方式（公布用）">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
          <Form.Item name="longTermCountsCompleted" label="长期坚持计为完成" valuePropName="checked" extra="各地口径不同；默认不计为完成。">
            <Switch />
          </Form.Item>
          <Form.Item wrapperCol={{ offset: 6 }}>
            <Button type="primary" htmlType="submit">
              保存轮次设置
            </Button>
          </Form.Item>
        </Form>
      ) : (
        <Typography.Text type="secondary">还没有巡察轮次。</Typography.Text>
      )}
    </Card>
  );
}

export function SettingsPage() {
  const route = useRoute();
  return (
    <div>
      <PageHeader title="设置" />
      <Tabs
        activeKey={route.params.get('tab') ?? 'ledger'}
        onChange={(tab) => navigate('settings', { tab })}
        destroyOnHidden
        items={[
          {
            key: 'ledger',
            label: '台账与轮次',
            children: (
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <LedgerFileCard />
                <ClerkCard />
                <RoundCard />
              </Space>
            ),
          },
          { key: 'report', label: '公布材料', children: <ReportTextsTab /> },
          { key: 'reminders', label: '提醒与督办', children: <RemindersTab /> },
          { key: 'units', label: '单位', children: <PeopleTab kind="unit" /> },
          { key: 'leaders', label: '责任领导', children: <PeopleTab kind="leader" /> },
          { key: 'history', label: '变更记录', children: <HistoryTab /> },
          { key: 'backup', label: '备份', children: <BackupTab /> },
        ]}
      />
    </div>
  );
}
