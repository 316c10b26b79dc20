import { memo, useState } from 'react';
import { Button, Checkbox, Popover, Radio, Select, Space, Typography } from 'antd';
import { LayoutOutlined } from '@ant-design/icons';
import { COLUMNS } from './columns';
import { ZOOMS, withHidden, type TableLayout } from './layout';

/** 视图: which columns show, 自动换行/固定行高, the zoom, and going back to the default layout. */
function ViewMenuView({ layout, onChange, onReset }: { layout: TableLayout; onChange(change: (l: TableLayout) => TableLayout): void; onReset(): void }) {
  const [open, setOpen] = useState(false);
  const hidden = new Set(layout.hidden);
  const content = (
    <div className="view-menu" role="group" aria-label="表格视图">
      <Typography.Text strong>显示的列</Typography.Text>
      <div className="view-menu-columns">
        {COLUMNS.map((c) => (
          <Checkbox key={c.key} checked={!hidden.has(c.key)} disabled={c.key === 'code'} onChange={(e) => onChange((l) => withHidden(l, c.key, !e.target.checked))}>
            {c.title}
          </Checkbox>
        ))}
      </div>
      <Typography.Text strong>行高</Typography.Text>
      <Radio.Group
        name="row-height"
        size="small"
        optionType="button"
        value={layout.wrap ? 'wrap' : 'one'}
        onChange={(e) => onChange((l) => ({ ...l, wrap: e.target.value === 'wrap' }))}
        options={[
          { value: 'wrap', label: '自动换行（最多 3 行）' },
          { value: 'one', label: '固定行高（1 行）' },
        ]}
      />
      <Space>
        <Typography.Text strong>缩放</Typography.Text>
        <Select
          size="small"
          aria-label="缩放"
          value={layout.zoom}
          onChange={(zoom) => onChange((l) => ({ ...l, zoom }))}
          options={ZOOMS.map((z) => ({ value: z, label: `${z}%` }))}
          style={{ width: 90 }}
        />
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        拖动表头边线调整列宽，双击边线适合内容；拖动表头调整列的顺序。布局和排序按台账记在本机。
      </Typography.Text>
      <Button size="small" onClick={onReset}>
        恢复默认布局
      </Button>
    </div>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" content={content}>
      <Button size="small" icon={<LayoutOutlined />} aria-expanded={open}>
        视图
      </Button>
    </Popover>
  );
}

export const ViewMenu = memo(ViewMenuView);
