import { useState } from 'react';
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { FileExcelOutlined, FolderOpenOutlined } from '@ant-design/icons';
import type { ExportPreview, ExportResult, SheetExportRequest } from '../../../shared/api/export';
import { call, downloadBase64, errorMessage } from '../../api';
import { useLedger } from '../../ledger-context';

type State = { phase: 'idle' } | { phase: 'busy'; rows: number } | { phase: 'done'; result: ExportResult } | { phase: 'error'; message: string };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Save an export the way the host can: the desktop asks for a place with its save dialog and writes there
 * (then offers 打开); the browser receives the bytes and downloads them.
 */
export function useExportRun(title: string) {
  const { info } = useLedger();
  const [state, setState] = useState<State>({ phase: 'idle' });

  const run = async (request: SheetExportRequest, preview: ExportPreview) => {
    try {
      let path: string | undefined;
      if (info?.host.fileDialogs) {
        const ext = preview.fileName.endsWith('.zip') ? 'zip' : 'xlsx';
        const picked = await call('ledger.pickFile', { mode: 'save', title: `导出${title}`, defaultName: preview.fileName, extensions: [ext] });
        if (!picked.path) return;
        path = picked.path;
      }
      setState({ phase: 'busy', rows: preview.rows });
      const result = await call('export.run', { ...request, path });
      if (!result.path && result.data) downloadBase64(result.fileName, result.data, result.mime);
      setState({ phase: 'done', result });
    } catch (e) {
      setState({ phase: 'error', message: errorMessage(e) });
    }
  };

  const open = async (path: string) => {
    try {
      await call('export.open', { path });
    } catch (e) {
      setState({ phase: 'error', message: errorMessage(e) });
    }
  };

  const status =
    state.phase === 'busy' ? (
      <Alert
        type="info"
        showIcon
        data-testid="export-busy"
        title={`正在生成${title}（约 ${state.rows} 行）…`}
        description={<Progress percent={100} status="active" showInfo={false} />}
      />
    ) : state.phase === 'done' ? (
      <Alert
        type="success"
        showIcon
        data-testid="export-done"
        title={`已导出${title}：${state.result.fileName}`}
        description={
          <Space orientation="vertical">
            <Typography.Text>
              {state.result.files > 1 ? `${state.result.files} 个单位的回执模板，` : ''}共 {state.result.problems} 个问题、{state.result.rows} 行，{sizeText(state.result.size)}，用时
              {state.result.ms < 100 ? '不到 0.1' : (state.result.ms / 1000).toFixed(1)} 秒。{state.result.path ? `保存在 ${state.result.path}` : '已交给浏览器下载。'}
            </Typography.Text>
            {state.result.path && info?.host.openExternal ? (
              <Button icon={state.result.fileName.endsWith('.zip') ? <FolderOpenOutlined /> : <FileExcelOutlined />} onClick={() => open(state.result.path!)}>
                打开
              </Button>
            ) : null}
          </Space>
        }
      />
    ) : state.phase === 'error' ? (
      <Alert type="error" showIcon title="导出未完成" description={state.message} data-testid="export-error" />
    ) : null;

  return { run, busy: state.phase === 'busy', status };
}
