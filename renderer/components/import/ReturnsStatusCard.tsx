import { Card, Space, Tag, Tooltip, Typography } from 'antd';
import { call } from '../../api';
import { useLedger } from '../../ledger-context';
import { useAsync } from '../useAsync';
import { ExportListButton } from '../ExportListButton';

/** Which lead units of the current round have a return imported, and which have not yet. */
export function ReturnsStatusCard() {
  const { version } = useLedger();
  const status = useAsync(() => call('import.returnsStatus', {}), [version]);
  const units = status.value?.units ?? [];
  if (!units.length) return null;
  const returned = units.filter((u) => u.returned);
  const missing = units.filter((u) => !u.returned);
  return (
    <Card
      title={`回执报送情况（已报送 ${returned.length} / ${units.length} 个牵头单位）`}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="returns-status"
      extra={
        <ExportListButton
          list={() => ({
            title: '回执报送情况',
            columns: [{ title: '牵头单位' }, { title: '问题数' }, { title: '报送情况' }, { title: '最近回执', width: 40 }, { title: '填报日期' }],
            rows: [...missing, ...returned].map((u) => [
              u.unit,
              u.problems,
              u.returned ? '已报送' : '未报送',
              u.lastBatch?.fileName ?? '',
              u.lastBatch ? (u.lastBatch.reportDate ?? u.lastBatch.at.slice(0, 10)) : '',
            ]),
          })}
        />
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>未报送：</Typography.Text>
          {missing.length ? (
            missing.map((u) => (
              <Tag key={u.unit} color="orange" style={{ marginBottom: 4 }}>
                {u.unit}（{u.problems} 个问题）
              </Tag>
            ))
          ) : (
            <Typography.Text type="success">全部已报送</Typography.Text>
          )}
        </div>
        <div>
          <Typography.Text strong>已报送：</Typography.Text>
          {returned.length ? (
            returned.map((u) => (
              <Tooltip key={u.unit} title={`${u.lastBatch!.fileName}${u.lastBatch!.reportDate ? `，填报日期 ${u.lastBatch!.reportDate}` : ''}`}>
                <Tag color="green" style={{ marginBottom: 4 }}>
                  {u.unit} · {u.lastBatch!.reportDate ?? u.lastBatch!.at.slice(0, 10)}
                </Tag>
              </Tooltip>
            ))
          ) : (
            <Typography.Text type="secondary">尚无</Typography.Text>
          )}
        </div>
      </Space>
    </Card>
  );
}
