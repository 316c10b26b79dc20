import { Alert, Button, Space, Typography } from 'antd';
import { DownloadOutlined, FolderOutlined } from '@ant-design/icons';
import { call } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';
import { formatSize } from './format';
import { usePackageExport } from './usePackageExport';

/** The 佐证材料包 section of the export page. */
export function EvidenceExportSection() {
  const { version } = useLedger();
  const plan = useAsync(() => call('evidence.packagePlan', {}), [version]);
  const exp = usePackageExport();
  const p = plan.value;
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">
        佐证材料包：每个问题一个文件夹（以问题编号命名），内含该问题的佐证材料，文件名为“材料编号 材料名称”；另附“佐证材料目录.xlsx”，列出问题编号、问题、材料编号、名称、原文件名、大小和
        SHA-256，可逐个核对文件未被改动。导出时逐个校验文件，内容与登记不符的文件会使导出停止并指明是哪一个。
      </Typography.Paragraph>
      <Typography.Paragraph data-testid="package-plan">
        {p
          ? `将导出 ${p.problems} 个问题的 ${p.files} 个文件，约 ${formatSize(p.bytes)}${p.listedNotReceived ? `；另有 ${p.listedNotReceived} 项已登记未收到文件，只列入目录` : ''}。`
          : (plan.error ?? '…')}
      </Typography.Paragraph>
      <Space wrap>
        <Button type="primary" icon={<DownloadOutlined />} loading={exp.busy} disabled={!p?.files && !p?.listedNotReceived} onClick={() => exp.start('zip')}>
          {exp.desktop ? '导出为 zip 压缩包…' : '下载 zip 压缩包'}
        </Button>
        <Button icon={<FolderOutlined />} disabled={exp.busy || (!p?.files && !p?.listedNotReceived)} onClick={() => exp.start('folder', true)}>
          导出到文件夹…
        </Button>
      </Space>
      {exp.result ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="package-done"
          title={`已导出佐证材料包：${exp.result.path ?? exp.result.fileName}`}
          description={`${exp.result.problems} 个问题，${exp.result.files} 个文件，${formatSize(exp.result.bytes)}${exp.result.path ? '' : '，已交给浏览器下载'}。`}
        />
      ) : null}
      {exp.error ? <Alert style={{ marginTop: 12 }} type="error" showIcon title="导出未完成" description={exp.error} /> : null}
      {exp.dialog}
    </div>
  );
}
