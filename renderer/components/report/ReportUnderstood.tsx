import { Alert, Collapse, Descriptions, List, Statistic, Row, Col, Table, Typography } from 'antd';
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
  const unit = preview.report.lineUnit;
  const unstated = preview.report.categories.flatMap((x) => x.problems).flatMap((p) => p.measures).filter((m) => m.status === '未注明').length;
  const figuresOnly = c.general + c.specific === 0 && preview.report.statedFigures.length > 0 && !preview.summary.errors.length;
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
    {
      title: '措施',
      width: 150,
      render: (_: unknown, p: ParsedProblem) => {
        const unstated = p.measures.filter((m) => m.status === '未注明').length;
        return `${p.measures.filter((m) => m.status === '已完成').length}/${p.measures.length} 项完成${unstated ? `，${unstated} 项未注明` : ''}`;
      },
    },
    { title: '整改时限', width: 220, render: (_: unknown, p: ParsedProblem) => <Typography.Text type="secondary">{p.deadline.raw}</Typography.Text> },
    {
      title: '状态',
      width: 100,
      render: (_: unknown, p: ParsedProblem) => <StatusTag status={p.measures.length ? deriveProblemStatus(p.measures.map((m) => m.status)) : p.result ? '未启动' : '未注明'} />,
    },
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
      {figuresOnly ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-figures-only"
          title="这份通报只公布了总体数字，没有逐条列出问题"
          description="导入后是一个只有公布数字的巡察轮次，没有问题和整改措施；公布的数字保存在轮次中，在统计页与台账计算的数字并列显示。"
        />
      ) : null}
      {unstated ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-unstated"
          title={`${unstated} 项措施报告中没有写明整改结果，状态记为“未注明”`}
          description="“未注明”不是“未启动”：统计中单独计数，不计入已完成、正在推进或逾期。导入后请按各单位报送的情况填写。"
        />
      ) : null}
      {preview.stated.length ? (
        <Table
          size="small"
          style={{ marginBottom: 12 }}
          data-testid="report-stated"
          rowKey={(x) => `${x.scope}${x.what}${x.stated}${x.text}`}
          pagination={false}
          title={() => '报告公布的数字（导入后保存在轮次中，与台账计算的数字并列显示）'}
          dataSource={preview.stated}
          columns={[
            { title: '公布的数字', width: 160, render: (_: unknown, x) => `${x.scope === '问题' || x.what === '整改任务' ? '' : x.scope}${x.what}` },
            { title: '已公布', width: 80, dataIndex: 'stated' },
            { title: '按报告明细计算', width: 120, render: (_: unknown, x) => (x.computed == null ? '—' : <Typography.Text type={x.computed !== x.stated ? 'danger' : undefined}>{x.computed}</Typography.Text>) },
            { title: '原文', render: (_: unknown, x) => <Typography.Text type="secondary">{x.text}</Typography.Text> },
          ]}
        />
      ) : null}
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col span={6}><Statistic title="类别" value={c.categories} /></Col>
        <Col span={6}><Statistic title="面上问题" value={c.general} suffix={<small>（{c.generalCompleted} 个已完成）</small>} /></Col>
        <Col span={6}><Statistic title="具体问题" value={c.specific} suffix={<small>（{c.specificCompleted} 个已完成）</small>} /></Col>
        <Col span={6}><Statistic title="整改措施" value={c.measures} suffix={<small>项{unstated ? `（${unstated} 项未注明）` : ''}</small>} /></Col>
      </Row>
      {preview.report.unplaced.length ? (
        <List
          size="small"
          bordered
          style={{ marginBottom: 12 }}
          data-testid="report-unplaced"
          header={`${preview.report.unplaced.length} ${unit}无法归入任何问题，已原样保存在轮次的报告文字中`}
          dataSource={preview.report.unplaced}
          renderItem={(l) => (
            <List.Item>
              <Typography.Text type="secondary" style={{ minWidth: 64 }}>第{l.line}{unit}</Typography.Text> {l.text}
            </List.Item>
          )}
        />
      ) : null}
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
