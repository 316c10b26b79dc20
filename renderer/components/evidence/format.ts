/** Sizes and times as clerks read them. */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1048576) return `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** An ISO timestamp in local time, to the minute: 2025-03-01 16:05. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The name a downloaded copy gets: number, title and the original extension. */
export function downloadName(item: { number: string; title: string; originalName: string }): string {
  const m = /\.([\p{L}\p{N}]{1,10})$/u.exec(item.originalName);
  return `${item.number} ${item.title}${m ? '.' + m[1] : ''}`;
}
