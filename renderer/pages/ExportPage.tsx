import { useState, type ReactNode } from 'react';
import { Card, Tabs } from 'antd';
import dayjs from 'dayjs';
import { PageHeader } from '../components/PageHeader';
import { Welcome } from '../components/Welcome';
import { useLedger } from '../ledger-context';
import { LedgerSection } from './export/LedgerSection';
import { SummarySection } from './export/SummarySection';
import { ReturnsSection } from './export/ReturnsSection';
import { ReportExportSection } from '../components/report/ReportExportSection';
import { EvidenceExportSection } from '../components/evidence/EvidenceExportSection';

interface SectionProps {
  asOf: string;
  setAsOf: (iso: string) => void;
}

export interface ExportSection {
  key: string;
  label: string;
  render: (props: SectionProps) => ReactNode;
}

/**
 * One tab per export kind, each a section component. The slot for the remaining export: 佐证材料包 (issue 7,
 * key 'evidence') adds its section component to this list.
 */
export const EXPORT_SECTIONS: ExportSection[] = [
  { key: 'ledger', label: '台账总表', render: (p) => <LedgerSection {...p} /> },
  { key: 'summary', label: '汇总表', render: (p) => <SummarySection {...p} /> },
  { key: 'returns', label: '回执模板', render: (p) => <ReturnsSection asOf={p.asOf} /> },
  { key: 'report', label: '进展情况公布', render: () => <ReportExportSection /> },
  { key: 'evidence', label: '佐证材料包', render: () => <EvidenceExportSection /> },
];

export function ExportPage() {
  const { info } = useLedger();
  const [asOf, setAsOf] = useState(() => dayjs().format('YYYY-MM-DD'));
  if (info && (!info.roundId || info.problemCount === 0)) return <Welcome />;
  return (
    <div>
      <PageHeader title="导出" />
      <Card size="small">
        <Tabs items={EXPORT_SECTIONS.map((s) => ({ key: s.key, label: s.label, children: s.render({ asOf, setAsOf }) }))} />
      </Card>
    </div>
  );
}
