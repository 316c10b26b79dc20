import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';

/** The date an export speaks for (填报时间, 统计截至). */
export function AsOfField({ label, value, onChange }: { label: string; value: string; onChange: (iso: string) => void }) {
  return (
    <Form.Item label={label}>
      <DatePicker aria-label={label} allowClear={false} value={dayjs(value)} onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))} />
    </Form.Item>
  );
}
