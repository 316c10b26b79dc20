import { Result } from 'antd';
import { PageHeader } from '../components/PageHeader';
import { ReportExportSection } from '../components/report/ReportExportSection';

// In development: replaced by the 导出 feature branch before release.
export function ExportPage() {
  return (
    <div>
      <PageHeader title="导出" />
      <Result status="info" title="导出功能正在开发中" />
      <ReportExportSection />
    </div>
  );
}
