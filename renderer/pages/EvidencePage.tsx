import { Result } from 'antd';
import { PageHeader } from '../components/PageHeader';

// In development: replaced by the 佐证材料 feature branch before release.
export function EvidencePage() {
  return (
    <div>
      <PageHeader title="佐证材料" />
      <Result status="info" title="佐证材料功能正在开发中" />
    </div>
  );
}
