import { Result } from 'antd';
import { PageHeader } from '../components/PageHeader';
import { ReportImportSection } from '../components/report/ReportImportSection';

// In development: replaced by the 导入 feature branch before release.
export function ImportPage() {
  return (
    <div>
      <PageHeader title="导入" />
      <Result status="info" title="导入功能正在开发中" />
      <ReportImportSection />
    </div>
  );
}
