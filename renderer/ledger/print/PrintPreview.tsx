import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button, Modal, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { PrintView, type PrintContent } from './PrintView';

/**
 * 打印预览 (Ctrl+P): the current view as it will print; 打印 opens the system's print dialog (the browser's,
 * or Electron's through window.print) with only the printed table on the page.
 */
export function PrintPreview({ content, onClose, exportButton }: { content: PrintContent | null; onClose(): void; exportButton?: ReactNode }) {
  // The copy that prints lives directly under <body>, so that the print stylesheet can hide the app.
  const [root] = useState(() => {
    const el = document.createElement('div');
    el.className = 'print-root';
    return el;
  });
  useEffect(() => {
    document.body.appendChild(root);
    return () => root.remove();
  }, [root]);
  if (!content) return null;
  return (
    <>
      {createPortal(<PrintView content={content} />, root)}
      <Modal
        open
        title="打印预览"
        width="min(1180px, 96vw)"
        style={{ top: 16 }}
        onCancel={onClose}
        footer={
          <Space>
            <Typography.Text type="secondary">A4 横向，每页重复表头，页脚有页码。</Typography.Text>
            {exportButton}
            <Button onClick={onClose}>关闭</Button>
            <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
              打印
            </Button>
          </Space>
        }
      >
        <div className="print-preview-frame" data-testid="print-preview">
          <div className="print-preview-paper">
            <PrintView content={content} />
          </div>
        </div>
      </Modal>
    </>
  );
}
