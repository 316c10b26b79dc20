import { useEffect } from 'react';
import { App as AntApp, Button, Card, Form, Input, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { call, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { REPORT_TEXT_KEYS as K, sectionsOf } from '../../../shared/domain/reportTexts';

/**
 * The parts of the published progress report that the ledger does not model item by item: its title,
 * the sections before the problems (the Party group's and its secretary's responsibility), the heading
 * of the problems part, the sections after (plans), and the signature. Stored in the round's
 * report_texts under the keys the report writer reads (electron/core/report/texts.ts).
 */
interface Section {
  heading: string;
  body: string;
}

interface FormValues {
  title: string;
  before: Section[];
  progressHeading: string;
  after: Section[];
  signature: string;
}

function sectionsFrom(texts: Record<string, string>, prefix: 'before' | 'after'): Section[] {
  return sectionsOf(texts, prefix).map((x) => ({ heading: x.heading, body: x.body.join('\n') }));
}

/** Write the form back, keeping keys this form does not edit (the published headline, unparsed lines). */
export function textsFrom(previous: Record<string, string>, v: FormValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(previous)) {
    if (/^(before|after)\.\d+\.(heading|body)$/.test(k) || [K.title, K.progressHeading, K.signature].includes(k as never)) continue;
    out[k] = value;
  }
  if (v.title?.trim()) out[K.title] = v.title.trim();
  if (v.progressHeading?.trim()) out[K.progressHeading] = v.progressHeading.trim();
  if (v.signature?.trim()) out[K.signature] = v.signature.trim();
  for (const prefix of ['before', 'after'] as const) {
    (v[prefix] ?? [])
      .filter((s) => s && (s.heading?.trim() || s.body?.trim()))
      .forEach((s, i) => {
        out[`${prefix}.${i + 1}.heading`] = (s.heading ?? '').trim();
        out[`${prefix}.${i + 1}.body`] = (s.body ?? '').trim();
      });
  }
  return out;
}

function SectionList({ name, addLabel }: { name: 'before' | 'after'; addLabel: string }) {
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              title={`第${i + 1}部分`}
              extra={<Button size="small" danger icon={<DeleteOutlined />} aria-label={`删除第${i + 1}部分`} onClick={() => remove(field.name)} />}
            >
              <Form.Item name={[field.name, 'heading']} label="标题" rules={[{ required: true, message: '请填写标题' }]}>
                <Input placeholder="如：党组及主要负责人组织整改落实情况" />
              </Form.Item>
              <Form.Item name={[field.name, 'body']} label="正文" extra="每段一行；以（一）（二）开头的行作为二级标题。">
                <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} />
              </Form.Item>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ heading: '', body: '' })}>
            {addLabel}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

export function ReportTextsTab() {
  const { message } = AntApp.useApp();
  const { info } = useLedger();
  const [form] = Form.useForm<FormValues>();
  const round = info?.round ?? null;

  useEffect(() => {
    if (!round) return;
    const t = round.reportTexts;
    form.setFieldsValue({
      title: t[K.title] ?? '',
      before: sectionsFrom(t, 'before'),
      progressHeading: t[K.progressHeading] ?? '',
      after: sectionsFrom(t, 'after'),
      signature: t[K.signature] ?? '',
    });
  }, [round, form]);

  if (!round) return <Typography.Text type="secondary">还没有巡察轮次。</Typography.Text>;

  const save = async (v: FormValues) => {
    try {
      await call('rounds.update', { id: round.id, fields: { reportTexts: textsFrom(round.reportTexts, v) } });
      message.success('公布材料文字已保存');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 900 }}>
      <Typography.Paragraph type="secondary">
        生成《整改进展情况》时，开头说明、整改数字和各问题的整改情况由台账自动生成；这里填写台账之外的文字：标题、问题之前的部分（如党组及主要负责人组织整改落实情况）、问题部分的标题、问题之后的部分（如下一步工作打算）和落款。联系方式在“台账与轮次”中填写。
      </Typography.Paragraph>
      <Form.Item name="title" label="标题" extra="不填则为“中共××党组关于巡察整改进展情况的通报”。">
        <Input />
      </Form.Item>
      <Typography.Title level={5}>问题之前的部分</Typography.Title>
      <SectionList name="before" addLabel="添加一部分" />
      <Form.Item name="progressHeading" label="问题部分的标题" style={{ marginTop: 16 }} extra="不填则为“巡察反馈问题的整改落实情况”。">
        <Input />
      </Form.Item>
      <Typography.Title level={5}>问题之后的部分</Typography.Title>
      <SectionList name="after" addLabel="添加一部分" />
      <Form.Item name="signature" label="落款" style={{ marginTop: 16 }} extra="每行一项，如“中共××市司法局党组”。日期按导出时选择的截止日期填写。">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        保存公布材料文字
      </Button>
    </Form>
  );
}
