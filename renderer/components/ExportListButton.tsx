import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { call, downloadBase64, errorMessage } from '../api';
import { useLedger } from '../ledger-context';

export interface ListToExport {
  title: string;
  asOf?: string;
  note?: string;
  columns: { title: string; width?: number }[];
  rows: (string | number)[][];
}

/**
 * 导出为 Excel for a list on screen: the rows as shown, in the ledger workbook's style. The desktop asks where
 * to save; the browser downloads. `list` is called on click, so that a long list is not built on every draw.
 */
export function ExportListButton({ list, disabled, size = 'small' }: { list: () => ListToExport; disabled?: boolean; size?: 'small' | 'middle' }) {
  const { info } = useLedger();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const l = list();
    setBusy(true);
    try {
      let path: string | undefined;
      if (info?.host.fileDialogs) {
        const picked = await call('ledger.pickFile', { mode: 'save', title: `导出${l.title}`, defaultName: `${l.title}.xlsx`, extensions: ['xlsx'] });
        if (!picked.path) return;
        path = picked.path;
      }
      const r = await call('export.list', { ...l, path });
      if (!r.path && r.data) downloadBase64(r.fileName, r.data, r.mime);
      message.success(r.path ? `已导出 ${r.rows} 行到 ${r.path}` : `已导出 ${r.rows} 行：${r.fileName}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={size} icon={<FileExcelOutlined />} loading={busy} disabled={disabled} onClick={run}>
      导出为 Excel
    </Button>
  );
}
