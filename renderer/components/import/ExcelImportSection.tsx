import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, Space, Spin, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ColumnRole, ImportFileInput, ImportPreview } from '../../../shared/api/import';
import { call, downloadBase64, errorMessage, fileToBase64 } from '../../api';
import { FilePreview } from './FilePreview';

interface Chosen {
  key: string;
  name: string;
  data: string;
  size: number;
  lastModified: number;
  kind?: 'ledger' | 'return';
  mapping?: Record<string, ColumnRole | null>;
  /** Column letters the person chose 不导入 for: their loss is then no error. */
  ignore?: string[];
  confirm: number[];
}

const toInput = (c: Chosen): ImportFileInput => ({
  name: c.name,
  data: c.data,
  lastModified: c.lastModified,
  kind: c.kind,
  mapping: c.mapping,
  confirm: c.confirm,
  ignoreColumns: c.ignore?.length ? c.ignore : undefined,
});

/** Seconds since `since` while it is set: the progress shown while large files are read. */
function useElapsed(since: number | null): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (since == null) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [since]);
  return since == null ? 0 : Math.max(0, Math.round((now - since) / 1000));
}

const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * 总台账与回执: choose or drop workbooks (and progress reports), see each file's preview against the
 * ledger, correct column meanings or confirm similar matches, then import them all in one go or cancel.
 */
export function ExcelImportSection() {
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<{ what: 'reading' | 'committing'; since: number } | null>(null);
  const elapsed = useElapsed(busy?.since ?? null);
  const seq = useRef(0);
  const pending = useRef<File[]>([]);

  // Start the reader while the person is still choosing files: starting it costs more than reading most files.
  useEffect(() => {
    call('import.warmup', {}).catch(() => undefined);
  }, []);

  const refresh = async (files: Chosen[]) => {
    setChosen(files);
    if (!files.length) {
      setPreview(null);
      return;
    }
    const my = ++seq.current;
    setBusy({ what: 'reading', since: Date.now() });
    try {
      const p = await call('import.preview', { files: files.map(toInput) });
      if (my === seq.current) setPreview(p);
    } catch (e) {
      if (my === seq.current) message.error(errorMessage(e));
    } finally {
      if (my === seq.current) setBusy(null);
    }
  };

  const add = async (list: File[]) => {
    const added: Chosen[] = [];
    for (const f of list) {
      added.push({ key: `${f.name}:${f.size}:${f.lastModified}:${Math.random()}`, name: f.name, data: await fileToBase64(f), size: f.size, lastModified: f.lastModified, confirm: [] });
    }
    await refresh([...chosen, ...added]);
  };

  const update = (i: number, patch: Partial<Chosen>) => refresh(chosen.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const commit = async (skipBadRows = false) => {
    setBusy({ what: 'committing', since: Date.now() });
    try {
      const r = await call('import.commit', { files: chosen.map(toInput), skipBadRows });
      if (r.committed) {
        const parts = r.files.map((f) => `${f.name}（新增 ${f.added}，更新 ${f.updated}${f.skipped.length ? `，跳过有错误的第 ${f.badRows.join('、')} 行` : ''}）`);
        message.success(`已导入 ${r.files.length} 个文件：${parts.join('；')}`);
        setChosen([]);
        setPreview(null);
      } else {
        setPreview(r);
        message.error('有错误，未导入任何内容。请按列出的位置改正后重新选择文件。');
      }
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const saveBadRows = async (i: number) => {
    const f = preview!.files[i]!;
    try {
      const r = await call('import.badRowsWorkbook', { file: toInput(chosen[i]!), rows: f.badRows });
      downloadBase64(r.fileName, r.data, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const errors = preview?.files.reduce((n, f) => n + f.errors.length, 0) ?? 0;
  // Row errors only (every file with errors can leave its bad rows out): the rest may go in on request.
  const skippable = errors > 0 && !!preview && preview.files.every((f) => f.errors.length === 0 || f.skippable);
  const goodRows = preview?.files.reduce((n, f) => n + f.rows - f.badRows.length, 0) ?? 0;
  const totalSize = chosen.reduce((n, c) => n + c.size, 0);
  return (
    <Card title="总台账与部门回执（Excel .xlsx / .csv）" data-testid="excel-import" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        总台账建立本轮的类别、面上问题、具体问题和整改措施；各部门的回执按编号或问题内容对应到台账，更新整改进展、完成状态和佐证材料清单，不会新增问题。可一次选择多个文件，全部核对无误后一并导入；导入后可在下方“导入记录”中整批撤销。
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.xlsm,.csv,.xls,.et,.txt,.docx"
        multiple
        showUploadList={false}
        disabled={!!busy}
        beforeUpload={(file, list) => {
          // antd calls this once per file; take the whole selection at its last file.
          pending.current.push(file);
          if (file === list[list.length - 1]) {
            const files = pending.current;
            pending.current = [];
            void add(files);
          }
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击选择或拖入总台账、回执文件（可多选）</p>
        <p className="ant-upload-hint">支持 Excel 与 WPS 的 .xlsx、CSV（UTF-8 或 GBK）；旧版 .xls 和加密文件请先另存为 .xlsx</p>
      </Upload.Dragger>
      {busy ? (
        <div style={{ margin: '16px 0' }} data-testid="import-progress">
          <Spin />{' '}
          <Typography.Text>
            {busy.what === 'reading' ? `正在读取并核对 ${chosen.length} 个文件（共 ${mb(totalSize)}）` : '正在导入'}…已用 {elapsed} 秒
          </Typography.Text>
        </div>
      ) : null}
      {preview ? (
        <div style={{ marginTop: 16 }}>
          {preview.files.map((f, i) => (
            <FilePreview
              key={chosen[i]?.key ?? i}
              summary={f}
              confirmed={chosen[i]?.confirm ?? []}
              onKind={(kind) => update(i, { kind, mapping: undefined, confirm: [] })}
              onMapping={(col, role) => {
                const base = Object.fromEntries(f.columns.map((c) => [String(c.index), c.role]));
                const letter = f.columns.find((c) => c.index === col)?.letter ?? String(col);
                const ignore = (chosen[i]!.ignore ?? []).filter((x) => x !== letter);
                update(i, { mapping: { ...base, ...chosen[i]!.mapping, [String(col)]: role }, ignore: role ? ignore : [...ignore, letter] });
              }}
              onSaveBadRows={f.badRows.length ? () => saveBadRows(i) : undefined}
              onConfirm={(row, yes) => update(i, { confirm: yes ? [...chosen[i]!.confirm, row] : chosen[i]!.confirm.filter((r) => r !== row) })}
              onRemove={() => refresh(chosen.filter((_, j) => j !== i))}
            />
          ))}
          <Space className="sticky-footer">
            <Button type="primary" onClick={() => commit()} disabled={!!busy || errors > 0} loading={busy?.what === 'committing'}>
              {errors > 0 ? `有 ${errors} 处错误，不能导入` : `导入 ${chosen.length} 个文件`}
            </Button>
            {skippable ? (
              <Button danger onClick={() => commit(true)} disabled={!!busy}>
                跳过有错误的行，导入其余 {goodRows} 行
              </Button>
            ) : null}
            <Button onClick={() => refresh([])} disabled={!!busy}>
              取消
            </Button>
          </Space>
        </div>
      ) : null}
    </Card>
  );
}
