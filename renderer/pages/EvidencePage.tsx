import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Button, Card, Col, Dropdown, Empty, Row, Space, Tabs, Tag, Typography } from 'antd';
import { DownOutlined, ExportOutlined } from '@ant-design/icons';
import type { EvidenceView } from '../../shared/api/evidence';
import { call } from '../api';
import { useLedger } from '../ledger-context';
import { navigate, useRoute } from '../router';
import { useAsync } from '../components/useAsync';
import { PageHeader } from '../components/PageHeader';
import { StatusTag } from '../components/StatusTag';
import { Welcome } from '../components/Welcome';
import { usePackageExport, type PackageFormat } from '../components/evidence/usePackageExport';
import { EvidenceList } from '../components/evidence/EvidenceList';
import { EvidencePreview } from '../components/evidence/EvidencePreview';
import { ProblemPicker } from '../components/evidence/ProblemPicker';
import { SignoffPanel } from '../components/evidence/SignoffPanel';
import { formatSize } from '../components/evidence/format';

/** Export the evidence package from this page too: the same as the export page's section. */
function ExportButton() {
  const { message } = AntApp.useApp();
  const exp = usePackageExport();
  useEffect(() => {
    if (exp.result) {
      const r = exp.result;
      message.success(`已导出佐证材料包：${r.path ?? r.fileName}（${r.problems} 个问题，${r.files} 个文件，${formatSize(r.bytes)}${r.listedNotReceived ? `；${r.listedNotReceived} 项未收到文件，已列入目录` : ''}）`, 8);
    }
  }, [exp.result, message]);
  useEffect(() => {
    if (exp.error) message.error(exp.error, 8);
  }, [exp.error, message]);
  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'zip', label: exp.desktop ? '导出为 zip 压缩包…' : '下载 zip 压缩包' },
            { key: 'folder', label: '导出到文件夹…' },
          ],
          onClick: ({ key }) => exp.start(key as PackageFormat, key === 'folder'),
        }}
      >
        <Button icon={<ExportOutlined />} loading={exp.busy}>
          导出佐证材料包 <DownOutlined />
        </Button>
      </Dropdown>
      {exp.dialog}
    </>
  );
}

/**
 * 佐证材料: pick a problem (search, or the completed ones lacking evidence), see and manage its evidence
 * with a preview pane, and take it through sign-off (销号).
 */
export function EvidencePage() {
  const { info, version } = useLedger();
  const route = useRoute();
  const problems = useAsync(() => (info?.roundId ? call('problems.list', {}) : Promise.resolve([])), [info?.roundId, version]);
  const missing = useAsync(() => (info?.roundId ? call('evidence.missing', {}) : Promise.resolve([])), [info?.roundId, version]);
  const missingIds = useMemo(() => new Set((missing.value ?? []).map((m) => m.problem.id)), [missing.value]);
  const selectedId = Number(route.params.get('problem')) || null;
  const tab = route.params.get('tab') === 'signoff' ? 'signoff' : 'files';
  const problem = (problems.value ?? []).find((p) => p.id === selectedId) ?? null;
  const [preview, setPreview] = useState<EvidenceView | null>(null);
  const items = useAsync(() => (selectedId ? call('evidence.list', { problemId: selectedId }) : Promise.resolve([])), [selectedId, version]);

  const select = (id: number, nextTab = tab) => navigate('evidence', { problem: String(id), tab: nextTab });

  // Keep the preview on the same item across reloads; drop it when it is gone or another problem is chosen.
  useEffect(() => {
    setPreview((cur) => (cur ? ((items.value ?? []).find((e) => e.id === cur.id) ?? null) : null));
  }, [items.value]);
  useEffect(() => setPreview(null), [selectedId]);

  if (info && (!info.roundId || info.problemCount === 0)) return <Welcome />;

  return (
    <div style={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <PageHeader title="佐证材料" extra={<ExportButton />} />
      <Row gutter={16} style={{ flex: 1, minHeight: 0 }} wrap={false}>
        <Col flex="320px" style={{ height: 'calc(100vh - 150px)' }}>
          <ProblemPicker problems={problems.value ?? []} missingIds={missingIds} selectedId={selectedId} onSelect={(id) => select(id)} />
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {problem ? (
            <Card size="small" data-testid="evidence-problem">
              <Space align="start" style={{ marginBottom: 4 }}>
                <Typography.Title level={5} style={{ margin: 0, whiteSpace: 'nowrap' }}>
                  {problem.code}
                </Typography.Title>
                <StatusTag status={problem.status} />
                {problem.workflow && problem.workflow !== problem.status ? <Tag color="purple">{problem.workflow}</Tag> : null}
              </Space>
              <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ marginBottom: 4 }}>
                {problem.text}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                牵头单位：{problem.leadUnit ?? '—'}　整改时限：{problem.deadline.raw || '—'}　措施：{problem.measuresCompleted}/{problem.measureCount} 项已完成
              </Typography.Text>
              <Tabs
                activeKey={tab}
                onChange={(k) => select(problem.id, k)}
                items={[
                  {
                    key: 'files',
                    label: `佐证材料（${problem.evidenceCount}）`,
                    children: (
                      <Row gutter={16}>
                        <Col xs={24} lg={13}>
                          <EvidenceList problemId={problem.id} selectedId={preview?.id ?? null} onSelect={setPreview} />
                        </Col>
                        <Col xs={24} lg={11}>
                          <EvidencePreview item={preview} height={560} />
                        </Col>
                      </Row>
                    ),
                  },
                  { key: 'signoff', label: '销号', children: <SignoffPanel problemId={problem.id} /> },
                ]}
              />
            </Card>
          ) : (
            <Card>
              <Empty description={selectedId && problems.value ? '找不到该问题，可能已删除' : '在左侧选择一个问题，查看和上传它的佐证材料、办理销号'} style={{ padding: 60 }} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
