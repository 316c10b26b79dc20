import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, List, Radio, Space, Spin, Typography } from 'antd';
import { FileTextOutlined, FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { todayIso } from '../../../shared/domain/dates';
import { call, downloadBase64, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';

/**
 * 整改进展情况公布 for an as-of date, internal or public: the lint first, then the text as it will be
 * published, then the .docx (GB/T 9704) or .txt to save. The figures come from the same statistics as
 * the 统计 page.
 */
export function ReportExportSection() {
  const { message } = App.useApp();
  const { version } = useLedger();
  const [asOf, setAsOf] = useState(() => todayIso());
  const [isPublic, setPublic] = useState(false);
  const [saving, setSaving] = useState<'docx' | 'txt' | null>(null);
  const render = useAsync(() => call('report.render', { asOf, public: isPublic }), [asOf, isPublic, version]);

  const save = async (format: 'docx' | 'txt') => {
    setSaving(format);
    try {
      const file = await call('report.file', { asOf, public: isPublic, format });
      downloadBase64(file.fileName, file.base64, file.mime);
      message.success(`已生成 ${file.fileName}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(null);
    }
  };

  const r = render.value;
  return (
    <Card title="整改进展情况公布" data-testid="report-export">
      <Space wrap style={{ marginBottom: 16 }}>
        <span>截至</span>
        <DatePicker aria-label="公布截止日期" allowClear={false} value={dayjs(asOf)} onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))} />
        <Radio.Group
          aria-label="版本"
          optionType="button"
          value={isPublic ? 'public' : 'internal'}
          onChange={(e) => setPublic(e.target.value === 'public')}
          options={[
            { label: '内部版（全部问题）', value: 'internal' },
            { label: '社会公开版（不含不公开的问题）', value: 'public' },
          ]}
        />
        <Button icon={<FileWordOutlined />} type="primary" loading={saving === 'docx'} disabled={!r} onClick={() => save('docx')}>
          保存 .docx
        </Button>
        <Button icon={<FileTextOutlined />} loading={saving === 'txt'} disabled={!r} onClick={() => save('txt')}>
          保存 .txt
        </Button>
      </Space>
      {render.error ? <Alert type="error" showIcon title={render.error} /> : null}
      {r ? (
        <>
          {r.lint.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`发布前请核对（${r.lint.length} 处）`}
              description={
                <List
                  size="small"
                  data-testid="report-lint"
                  dataSource={r.lint}
                  renderItem={(f) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      <Typography.Text>
                        <Typography.Text strong>{f.where}：</Typography.Text>
                        {f.message}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              }
            />
          ) : (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title="检查通过：没有会使报告出错的内容。" />
          )}
          {r.stated.some((x) => x.computed != null && x.computed !== x.stated) ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="report-stated-differs"
              title="导入的报告公布过的数字与台账现在计算的不一致，发布前请核对"
              description={
                <List
                  size="small"
                  dataSource={r.stated.filter((x) => x.computed != null && x.computed !== x.stated)}
                  renderItem={(x) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      <Typography.Text>
                        {x.words}
                        <Typography.Text type="secondary">（原文：{x.text}）</Typography.Text>
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              }
            />
          ) : null}
          {r.public && r.shown.withheld > 0 ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`社会公开版省略了 ${r.shown.withheld} 个标为不公开的问题，开头的数字只计入公开的问题。`} />
          ) : null}
          <Spin spinning={render.loading}>
            <div
              data-testid="report-preview"
              style={{ maxHeight: 560, overflow: 'auto', border: '1px solid #e8e8e8', background: '#fafafa', padding: '24px 32px', fontFamily: 'FangSong, STFangsong, "仿宋", serif', fontSize: 16, lineHeight: 1.9 }}
            >
              {r.text.split('\n').filter(Boolean).map((line, i) => (
                <p key={i} style={{ margin: 0, textIndent: i === 0 ? 0 : '2em', textAlign: i === 0 ? 'center' : 'justify', fontSize: i === 0 ? 22 : 16, fontWeight: i === 0 ? 600 : 400 }}>
                  {line}
                </p>
              ))}
              {r.omittedLines > 0 ? (
                <Typography.Paragraph type="secondary" data-testid="report-preview-omitted" style={{ marginTop: 16, textIndent: 0, fontFamily: 'inherit' }}>
                  预览只显示开头 {r.text.split('\n').filter(Boolean).length.toLocaleString('zh-CN')} 段，其余 {r.omittedLines.toLocaleString('zh-CN')} 段未显示；保存的 .docx 和 .txt 包含全部内容，上面的检查也覆盖全文。
                </Typography.Paragraph>
              ) : null}
            </div>
          </Spin>
        </>
      ) : render.loading ? (
        <Spin />
      ) : null}
    </Card>
  );
}
