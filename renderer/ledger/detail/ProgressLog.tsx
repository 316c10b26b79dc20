import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Input, List, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { DeleteOutlined } from '@ant-design/icons';
import type { ProblemDetail } from '../../../shared/domain/types';
import { isIsoDate, todayIso } from '../../../shared/domain/dates';
import { toChineseNumeral } from '../../../shared/domain/numerals';
import { call, errorMessage } from '../../api';

const SOURCE: Record<string, string> = { manual: '手动填写', import: '回执导入' };

/** The dated progress log (整改进展): newest first; a return or a person adds entries, none is overwritten. */
export function ProgressLog({ detail }: { detail: ProblemDetail }) {
  const { message, modal } = AntApp.useApp();
  const [date, setDate] = useState(todayIso());
  const [text, setText] = useState('');
  const [measureId, setMeasureId] = useState<number | null>(null);
  const add = async () => {
    if (!text.trim()) return message.warning('请填写进展内容。');
    if (!isIsoDate(date)) return message.warning('请填写有效的进展日期。');
    try {
      await call('progress.add', { problemId: detail.id, date, text: text.trim(), measureId });
      setText('');
      message.success('已添加整改进展');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const measureNo = new Map(detail.measures.map((m) => [m.id, m.no]));
  const entries = [...detail.progress].reverse();
  return (
    <section aria-label="整改进展">
      <Typography.Title level={5}>整改进展（{detail.progress.length} 条）</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }} size={6}>
        <Space wrap>
          <DatePicker size="small" aria-label="进展日期" allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
          <Select
            size="small"
            allowClear
            aria-label="对应措施"
            placeholder="对应措施（可不选）"
            value={measureId ?? undefined}
            onChange={(v) => setMeasureId(v ?? null)}
            options={detail.measures.map((m) => ({ value: m.id, label: `第${toChineseNumeral(m.no)}项` }))}
            style={{ width: 150 }}
          />
        </Space>
        <Input.TextArea
          aria-label="进展内容"
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder="新的进展（Ctrl+Enter 添加）"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void add();
          }}
        />
        <Button size="small" type="primary" onClick={add}>
          添加进展
        </Button>
      </Space>
      <List
        size="small"
        dataSource={entries}
        locale={{ emptyText: '还没有进展记录' }}
        renderItem={(g) => (
          <List.Item
            actions={[
              <Button
                key="del"
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`删除 ${g.date} 的进展`}
                onClick={() =>
                  modal.confirm({
                    title: '删除这条进展？',
                    content: g.text.slice(0, 120),
                    okText: '删除',
                    okButtonProps: { danger: true },
                    cancelText: '取消',
                    onOk: () => call('progress.delete', { id: g.id }).then(() => message.success('已删除；可撤销（Ctrl+Z）'), (e) => message.error(errorMessage(e))),
                  })
                }
              />,
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={8}>
                  <span>{g.date}</span>
                  {g.measureId && measureNo.has(g.measureId) ? <Typography.Text type="secondary">第{toChineseNumeral(measureNo.get(g.measureId)!)}项</Typography.Text> : null}
                  <Typography.Text type="secondary">{SOURCE[g.source] ?? g.source}</Typography.Text>
                </Space>
              }
              description={<span style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.85)' }}>{g.text}</span>}
            />
          </List.Item>
        )}
      />
    </section>
  );
}
