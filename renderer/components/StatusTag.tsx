import { Tag } from 'antd';

export const STATUS_COLORS: Record<string, string> = {
  未启动: 'default',
  正在推进: 'processing',
  已完成: 'success',
  长期坚持: 'cyan',
  /** The document read in stated no result (DOMAIN §3): shown apart, never as 未启动. */
  未注明: 'gold',
  申请延期: 'orange',
  待销号: 'purple',
  已销号: 'green',
  逾期: 'error',
};

export function StatusTag({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color={STATUS_COLORS[status] ?? 'default'} style={{ marginInlineEnd: overdue ? 4 : 0 }}>
        {status}
      </Tag>
      {overdue ? <Tag color="error">逾期</Tag> : null}
    </span>
  );
}
