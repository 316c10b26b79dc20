import { useState } from 'react';
import { Input, Modal, Typography } from 'antd';

/**
 * Where the host has no native file dialog (the browser host), a person types the path of a ledger file
 * on this computer to open it, or the name of a file to save into the data folder.
 */
export function FilePathDialog({
  open,
  title,
  hint,
  initial,
  label = '文件路径',
  placeholder = '例如：D:\\整改台账\\2024年巡察整改.zgtz',
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  hint: string;
  initial?: string;
  label?: string;
  placeholder?: string;
  onOk: (path: string) => void;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial ?? '');
  return (
    <Modal open={open} title={title} okText="确定" cancelText="取消" onOk={() => value.trim() && onOk(value.trim())} onCancel={onCancel} destroyOnHidden>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Input autoFocus aria-label={label} value={value} onChange={(e) => setValue(e.target.value)} onPressEnter={() => value.trim() && onOk(value.trim())} placeholder={placeholder} />
    </Modal>
  );
}
