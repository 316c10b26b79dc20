import { useCallback, useState } from 'react';
import type { AttachResult } from '../../../shared/api/evidence';
import { call, errorMessage, fileToBase64 } from '../../api';

/** The web host takes 400 MB of base64 per request: 300 MB of file. */
export const MAX_UPLOAD_BYTES = 300 * 1024 * 1024;

export interface UploadProgress {
  /** 0–100, by bytes of the files finished. */
  percent: number;
  current: string;
  done: number;
  total: number;
}

export interface UploadOutcome {
  results: AttachResult[];
  errors: string[];
}

/**
 * Upload files one request each (so that progress can be shown and one bad file does not stop the rest),
 * reading each as base64 just before sending it.
 */
export function useUpload(problemId: number) {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const upload = useCallback(
    async (files: File[], options: { measureId?: number | null; fillId?: number } = {}): Promise<UploadOutcome> => {
      const results: AttachResult[] = [];
      const errors: string[] = [];
      const totalBytes = files.reduce((s, f) => s + f.size, 0) || 1;
      let doneBytes = 0;
      for (const [i, file] of files.entries()) {
        setProgress({ percent: Math.round((doneBytes / totalBytes) * 100), current: file.name, done: i, total: files.length });
        if (file.size > MAX_UPLOAD_BYTES) errors.push(`“${file.name}”超过 300 MB，未上传。请压缩或拆分后再添加。`);
        else if (file.size === 0) errors.push(`“${file.name}”是空文件（0 字节），未上传。`);
        else {
          try {
            const base64 = await fileToBase64(file);
            const r = await call('evidence.attach', { problemId, measureId: options.measureId ?? null, fillId: options.fillId, files: [{ name: file.name, base64 }] });
            results.push(...r.results);
          } catch (e) {
            errors.push(`“${file.name}”：${errorMessage(e)}`);
          }
        }
        doneBytes += file.size;
      }
      setProgress(null);
      return { results, errors };
    },
    [problemId],
  );
  return { upload, progress };
}
