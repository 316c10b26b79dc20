import { Collapse, Descriptions, Statistic, Row, Col, Table, Typography } from 'antd';
import type { ParsedCategory, ParsedProblem, ReportImportPreview } from '../../../shared/domain/report';
import { toChineseNumeral } from '../../../shared/domain/numerals';
import { StatusTag } from '../StatusTag';
import { deriveProblemStatus } from '../../../shared/domain/status';

function period(p: ReportImportPreview): string {
  const r = p.report.round;
  if (!r.periodLabel) return '（报告未写明）';
  return r.periodEnd ? `${r.periodLabel}，至 ${r.periodEnd}` : r.periodLabel;
}

/** What the parser understood of a report: round settings, counts, and every problem with its measures. */
export function ReportUnderstood({ preview }: { preview: ReportImportPreview }) {
  const r = preview.report.round;
  const c = preview.counts;
  const columns = [
    { title: '编号', dataIndex: 'code', width: 80 },
    {
      title: '问题',
      render: (_: unknown, p: ParsedProblem) => (
        <Typography.Text style={{ paddingInlineStart: p.kind === 'specific' ? 16 : 0 }} strong={p.kind === 'general'}>
          {p.text}
        </Typography.Text>
      ),
    },
    { title: '措施', width: 110, render: (_: unknown, p: ParsedProblem) => `${p.measures.filter((m) => m.status === '已完成').length}/${p.measures.length} 项完成` },
    { title: '整改时限', width: 220, render: (_: unknown, p: ParsedProblem) => <Typography.Text type="secondary">{p.deadline.raw}</Typography.Text> },
    { title: '状态', width: 100, render: (_: unknown, p: ParsedProblem) => <StatusTag status={deriveProblemStatus(p.measures.map((m) => m.status))} /> },
  ];
  return (
    <div data-testid="report-understood">
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="巡察组">{r.inspectingBody || '（未读出）'}</Descriptions.Item>
        <Descriptions.Item label="被巡察单位">{r.inspectedOrg || '（未读出）'}</Descriptions.Item>
        <Descriptions.Item label="巡察时间">{r.inspectionStart && r.inspectionEnd ? `${r.inspectionStart} 至 ${r.inspectionEnd}` : '（未读出）'}</Descriptions.Item>
        <Descriptions.Item label="反馈日期">{r.feedbackDate ?? '（未读出）'}</Descriptions.Item>
        <Descriptions.Item label="集中整改期">{period(preview)}</Descriptions.Item>
        <Descriptions.Item label="报告日期">{preview.report.reportDate ?? '（未写明）'}</Descriptions.Item>
        <Descriptions.Item label="导入到" span={2}>
          {preview.target.mode === 'fill' ? `当前的空白轮次“${preview.target.roundTitle}”` : `新建巡察轮次“${r.title}”，并设为当前轮次`}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={6}><Statistic title="类别" value={c.categories} /></Col>
        <Col span={6}><Statistic title="面上问题" value={c.general} suffix={<small>（{c.generalCompleted} 个已完成）</small>} /></Col>
        <Col span={6}><Statistic title="具体问题" value={c.specific} suffix={<small>（{c.specificCompleted} 个已完成）</small>} /></Col>
        <Col span={6}><Statistic title="整改措施" value={c.measures} suffix="项" /></Col>
      </Row>
      <Collapse
        size="small"
        items={preview.report.categories.map((cat: ParsedCategory) => ({
          key: String(cat.no),
          label: `（${toChineseNumeral(cat.no)}）${cat.title}　${cat.problems.length} 个问题`,
          children: <Table size="small" rowKey="code" pagination={false} columns={columns} dataSource={cat.problems} />,
        }))}
      />
    </div>
  );
}
