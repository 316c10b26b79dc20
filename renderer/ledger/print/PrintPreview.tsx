import { useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Button, Checkbox, Modal, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { PrintView, type PrintContent } from './PrintView';
import { foldedWords, type Folded } from './folded';

/** Folded lines on screen: printed as shown (their problems left out), or unfolded for the print. */
export interface PrintFolds {
  /** What is folded on screen; null when nothing is (or the view is sorted, which shows no folds). */
  onScreen: Folded | null;
  unfold: boolean;
  onUnfold(unfold: boolean): void;
}

/**
 * 打印预览 (Ctrl+P): the current view as it will print; 打印 opens the system's print dialog (the browser's,
 * or Electron's through window.print) with only the printed table on the page.
 */
export function PrintPreview({ content, folds, onClose, exportButton }: { content: PrintContent | null; folds?: PrintFolds; onClose(): void; exportButton?: ReactNode }) {
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
        {folds?.onScreen ? (
          <Alert
            className="print-folds"
            type={folds.unfold ? 'info' : 'warning'}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              folds.unfold
                ? `屏幕上折叠的 ${foldedWords(folds.onScreen)}已展开，其下的 ${folds.onScreen.hiddenProblems} 个问题一并打印。`
                : `按屏幕显示打印：折叠的 ${foldedWords(folds.onScreen)}只印标题行，其下的 ${folds.onScreen.hiddenProblems} 个问题不打印（纸上注明）。`
            }
            action={
              <Checkbox checked={folds.unfold} onChange={(e) => folds.onUnfold(e.target.checked)}>
                展开折叠的内容一并打印
              </Checkbox>
            }
          />
        ) : null}
        <div className="print-preview-frame" data-testid="print-preview">
          <div className="print-preview-paper">
            <PrintView content={content} />
          </div>
        </div>
      </Modal>
    </>
  );
}
