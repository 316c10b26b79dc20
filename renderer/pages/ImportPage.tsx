import { PageHeader } from '../components/PageHeader';
import { ExcelImportSection } from '../components/import/ExcelImportSection';
import { ReturnsStatusCard } from '../components/import/ReturnsStatusCard';
import { BatchList } from '../components/import/BatchList';
import { CycleCard } from '../components/cycles/CycleCard';
import { ReportImportSection } from '../components/report/ReportImportSection';

/** 导入: master ledgers and returns (Excel/CSV), this reporting cycle (past ones selectable), who has returned, every import with undo, and reports. */
export function ImportPage() {
  return (
    <div>
      <PageHeader title="导入" />
      <ExcelImportSection />
      <CycleCard />
      <ReturnsStatusCard />
      <BatchList />
      <ReportImportSection />
    </div>
  );
}
