import { useState } from 'react';
import { Alert, App as AntApp, Button } from 'antd';
import { call, errorMessage } from '../api';
import { useLedger } from '../ledger-context';
import { FilePathDialog } from './FilePathDialog';

/**
 * A ledger opened read-only (a CD, a read-only mail attachment or folder): say so above every page and
 * offer 另存为, which makes a writable copy and opens it.
 */
export function ReadOnlyBanner() {
  const { message } = AntApp.useApp();
  const { info } = useLedger();
  const [typing, setTyping] = useState(false);
  if (!info?.readonly) return null;

  const saveAs = async (path: string) => {
    try {
      const next = await call('ledger.saveAs', { path });
      message.success(`已另存为：${next.path}，现在可以修改了。`);
      setTyping(false);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const start = async () => {
    if (!info.host.fileDialogs) return setTyping(true);
    try {
      const { path } = await call('ledger.pickFile', { mode: 'save', title: '把只读台账另存到可写位置', defaultName: info.fileName });
      if (path) await saveAs(path);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <>
      <Alert
        type="warning"
        showIcon
        banner
        data-testid="readonly-banner"
        style={{ marginBottom: 12 }}
        title="台账文件是只读的，可以查看，但不能修改。"
        description={`文件：${info.path}（在光盘上、是只读的邮件附件，或所在文件夹不可写）。如需修改，请另存到可写位置。`}
        action={
          <Button type="primary" onClick={() => void start()}>
            另存为…
          </Button>
        }
      />
      {typing ? (
        <FilePathDialog
          open
          title="台账另存为"
          hint={`请输入副本的文件名（不含文件夹），将保存在数据文件夹：${info.host.saveFolder ?? ''}。`}
          label="文件名"
          placeholder="例如：2024年巡察整改（副本）"
          initial={info.name + '（副本）'}
          onOk={(p) => void saveAs(p)}
          onCancel={() => setTyping(false)}
        />
      ) : null}
    </>
  );
}
