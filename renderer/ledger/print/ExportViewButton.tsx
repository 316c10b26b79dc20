import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { call, downloadBase64, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';

/** The problems of the table's view (filters applied) as a ledger workbook, the same as 导出 › 台账总表 writes. */
export function ExportViewButton({ ids, asOf, filtered }: { ids: () => number[]; asOf: string; filtered: boolean }) {
  const { info } = useLedger();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const problemIds = ids();
    setBusy(true);
    try {
      const request = { kind: 'ledger' as const, asOf, layout: 'cell' as const, problemIds: filtered ? problemIds : undefined };
      let path: string | undefined;
      if (info?.host.fileDialogs) {
        const preview = await call('export.preview', request);
        const picked = await call('ledger.pickFile', { mode: 'save', title: '导出当前视图', defaultName: preview.fileName, extensions: ['xlsx'] });
        if (!picked.path) return;
        path = picked.path;
      }
      const r = await call('export.run', { ...request, path });
      if (!r.path && r.data) downloadBase64(r.fileName, r.data, r.mime);
      message.success(`已导出 ${r.problems} 个问题：${r.path ?? r.fileName}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={run}>
      导出当前视图为 Excel
    </Button>
  );
}
