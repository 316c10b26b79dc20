import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Input, List, Select, Space, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import type { MeasureView, ProblemDetail } from '../../../shared/domain/types';
import { MEASURE_STATUSES, type MeasureStatus } from '../../../shared/domain/status';
import { formatResultPhrase } from '../../../shared/domain/resultPhrase';
import { toChineseNumeral } from '../../../shared/domain/numerals';
import { DEADLINE_KIND_LABELS, isUnparsedDeadline, readDeadline, UNPARSED_DEADLINE_NOTE } from '../../../shared/domain/deadline';
import { isIsoDate } from '../../../shared/domain/dates';
import { call, errorMessage } from '../../api';
import { STATUS_COLORS } from '../../components/StatusTag';

function MeasureItem({ m, count, run }: { m: MeasureView; count: number; run: (what: string, p: Promise<unknown>) => void }) {
  const { modal } = AntApp.useApp();
  const no = `第${toChineseNumeral(m.no)}项`;
  return (
    <List.Item className="measure-item" data-measure={m.no}>
      <div style={{ width: '100%' }}>
        <div className="measure-head">
          <Typography.Text strong>{no}</Typography.Text>
          <Select
            size="small"
            aria-label={`${no}措施状态`}
            value={m.status}
            style={{ width: 96 }}
            onChange={(status: MeasureStatus) => run(`${no}措施状态已改为“${status}”`, call('measures.update', { id: m.id, patch: { status } }))}
            options={MEASURE_STATUSES.map((s) => ({ value: s, label: <span style={{ color: STATUS_COLORS[s] === 'success' ? '#389e0d' : undefined }}>{s}</span> }))}
          />
          {m.status === '已完成' ? (
            <Space size={4}>
              <Typography.Text type="secondary">完成</Typography.Text>
              <DatePicker
                size="small"
                aria-label={`${no}完成日期`}
                placeholder="未填"
                style={{ width: 116 }}
                value={m.completedDate ? dayjs(m.completedDate) : null}
                onChange={(d) => {
                  const iso = d ? d.format('YYYY-MM-DD') : null;
                  if (iso === null || isIsoDate(iso)) run(`${no}完成日期已更新`, call('measures.update', { id: m.id, patch: { completedDate: iso } }));
                }}
              />
            </Space>
          ) : null}
          <span className="measure-tools">
            <Tooltip title="上移">
              <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`${no}上移`} disabled={m.no <= 1} onClick={() => run(`${no}已上移`, call('measures.move', { id: m.id, position: m.no - 1 }))} />
            </Tooltip>
            <Tooltip title="下移">
              <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`${no}下移`} disabled={m.no >= count} onClick={() => run(`${no}已下移`, call('measures.move', { id: m.id, position: m.no + 1 }))} />
            </Tooltip>
            <Tooltip title="删除">
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`删除${no}措施`}
                onClick={() =>
                  modal.confirm({
                    title: `删除${no}措施？`,
                    content: '删除后其余措施依次重新编号；可以撤销（Ctrl+Z）。',
                    okText: '删除',
                    okButtonProps: { danger: true },
                    cancelText: '取消',
                    onOk: () => run(`已删除${no}措施`, call('measures.delete', { id: m.id })),
                  })
                }
              />
            </Tooltip>
          </span>
        </div>
        <Typography.Paragraph
          style={{ marginBottom: 2 }}
          editable={{
            tooltip: '修改措施内容',
            text: m.text,
            onChange: (text) => {
              if (text.trim() && text.trim() !== m.text) run(`${no}措施内容已保存`, call('measures.update', { id: m.id, patch: { text } }));
            },
          }}
        >
          {m.text}
        </Typography.Paragraph>
        <Typography.Text
          type="secondary"
          editable={{
            tooltip: '修改措施时限',
            text: m.deadline.raw,
            onChange: (raw) => {
              if (raw === m.deadline.raw) return;
              // The one deadline rule: text it cannot read is kept only once the person says so.
              const reading = readDeadline(raw, null);
              if (reading.state !== 'unparsed') return run(`${no}措施时限已保存`, call('measures.update', { id: m.id, patch: { deadline: { raw } } }));
              modal.confirm({
                title: '整改时限无法识别',
                content: `${reading.message}。按原文保存吗？`,
                okText: '按原文保存',
                cancelText: '返回修改',
                onOk: () => run(`${no}措施时限已保存`, call('measures.update', { id: m.id, patch: { deadline: { raw, kind: 'text' } } })),
              });
            },
          }}
        >
          时限：{m.deadline.raw || '（同问题）'}
          {m.deadline.kind !== 'none' && m.deadline.kind !== 'text' ? `（${DEADLINE_KIND_LABELS[m.deadline.kind]}）` : ''}
          {isUnparsedDeadline(m.deadline) ? <span className="deadline-unparsed">（{UNPARSED_DEADLINE_NOTE}）</span> : null}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

/**
 * The measures of a problem (整改措施 一是…二是…): each with its own status, deadline and completion date,
 * in an order that the report's “第一三项” refers to. The result phrase shows what the report will print.
 */
export function MeasuresEditor({ detail }: { detail: ProblemDetail }) {
  const { message } = AntApp.useApp();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<MeasureStatus>('未启动');
  const run = (done: string, p: Promise<unknown>) => {
    p.then(
      () => message.success(done),
      (e) => message.error(errorMessage(e)),
    );
  };
  const add = async () => {
    if (!text.trim()) return message.warning('请填写措施内容。');
    try {
      await call('measures.add', { problemId: detail.id, measure: { text: text.trim(), status } });
      setText('');
      message.success('已新增整改措施');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const phrase = formatResultPhrase(detail.measures.map((m) => m.status));
  return (
    <section aria-label="整改措施">
      <Typography.Title level={5}>
        整改措施（{detail.measures.length} 项，已完成 {detail.measuresCompleted} 项）
      </Typography.Title>
      <div className="result-phrase" data-testid="result-phrase">
        整改结果（报告中写作）：<Typography.Text strong>{detail.measures.length ? phrase : '（尚无措施）'}</Typography.Text>
      </div>
      <List size="small" dataSource={detail.measures} locale={{ emptyText: '还没有整改措施' }} renderItem={(m) => <MeasureItem m={m} count={detail.measures.length} run={run} />} />
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input.TextArea
          aria-label="新措施内容"
          autoSize={{ minRows: 1, maxRows: 4 }}
          placeholder="新增一项措施（Ctrl+Enter 添加）"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void add();
          }}
        />
      </Space.Compact>
      <Space style={{ marginTop: 6 }}>
        <Select size="small" aria-label="新措施状态" value={status} onChange={setStatus} options={MEASURE_STATUSES.map((s) => ({ value: s, label: s }))} style={{ width: 110 }} />
        <Button size="small" type="primary" onClick={add}>
          添加措施
        </Button>
      </Space>
    </section>
  );
}
