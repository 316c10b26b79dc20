import type { Grid } from './grid';
import type { HeaderInfo } from './header';
import { rolesOf } from './header';
import { ROLE_LABELS, roleOf, type ColumnRole } from './columns';
import { CONTENT_WORDS, profileColumns, roleFromContent, type ColumnProfile } from './content';
import { bannerOf, isFooter } from './records';

export interface RoleNote {
  col: number;
  message: string;
}

/** Header roles content may overrule: words offices use for more than one thing (反馈问题, 问题类别, 类型). */
const AMBIGUOUS: ReadonlySet<ColumnRole> = new Set(['category', 'kind', 'text', 'generalText', 'code']);

/**
 * Check the header's roles against what the columns hold, and give roles to columns whose header says
 * nothing (列1…, blank). Returns the refined header and notes for the preview where content decided.
 */
export function refineRoles(grid: Grid, header: HeaderInfo): { header: HeaderInfo; notes: RoleNote[] } {
  const notes: RoleNote[] = [];
  const profiles = profileColumns(
    grid,
    header.columns.map((c) => c.col),
    header.bottom,
    (r) => !!bannerOf(grid, r) || isFooter(grid, r),
  );
  const byCol = new Map<number, ColumnProfile>(profiles.map((p) => [p.col, p]));
  const columns = header.columns.map((c) => ({ ...c, content: byCol.get(c.col)?.kind }));
  const taken = (role: ColumnRole) => columns.some((c) => c.role === role);
  const say = (col: number, label: string, from: ColumnRole | null, to: ColumnRole, p: ColumnProfile) =>
    notes.push({
      col,
      message: from
        ? `列“${label}”的表头像“${ROLE_LABELS[from]}”，但内容是${CONTENT_WORDS[p.kind]}，按“${ROLE_LABELS[to]}”读取。如不对，请在预览中改正。`
        : `列“${label || '（无表头）'}”的表头无法识别，按内容（${CONTENT_WORDS[p.kind]}）读作“${ROLE_LABELS[to]}”。如不对，请在预览中改正。`,
    });

  for (const c of columns) {
    const p = byCol.get(c.col);
    if (!p || p.kind === 'empty') continue;
    if (c.role && AMBIGUOUS.has(c.role)) {
      let to: ColumnRole | null = null;
      if (p.kind === 'kind' && c.role !== 'kind') to = 'kind';
      else if (p.kind === 'category' && (c.role === 'kind' || c.role === 'text') && !taken('category')) {
        // A text column of a few values repeated over many rows is the category, when another column holds the problems.
        const other = columns.some((o) => o !== c && (o.role === 'generalText' || o.role === 'specificText' || (!o.role && byCol.get(o.col)?.kind === 'longText')));
        if (c.role === 'kind' || other) to = 'category';
      }
      if (to) {
        say(c.col, c.label, c.role, to, p);
        c.role = to;
      }
    } else if (c.role === 'progress' && p.kind === 'status' && !taken('status') && columns.some((o) => o !== c && !o.role && roleOf(o.label.split('/').at(-1)!) === 'progress')) {
      // Two progress words (完成情况 | 整改进展): the one holding status words is the status, the other the progress.
      say(c.col, c.label, c.role, 'status', p);
      c.role = 'status';
      columns.find((o) => o !== c && !o.role && roleOf(o.label.split('/').at(-1)!) === 'progress')!.role = 'progress';
    } else if (!c.role) {
      const to = roleFromContent(p);
      if (to && !taken(to)) {
        say(c.col, c.label, null, to, p);
        c.role = to;
      }
    }
  }
  // Long texts left without a role: the problem text, and (one row per measure) the measures, which vary more.
  if (!taken('text') && !taken('generalText') && !taken('specificText')) {
    const long = columns.filter((c) => !c.role && ['longText', 'category'].includes(byCol.get(c.col)?.kind ?? '')).map((c) => ({ c, p: byCol.get(c.col)! }));
    long.sort((a, b) => a.p.distinct - b.p.distinct);
    if (long.length >= 1) {
      const text = taken('measures') || long.length === 1 ? long[long.length - 1]! : long[long.length - 2]!;
      say(text.c.col, text.c.label, null, 'text', text.p);
      text.c.role = 'text';
      if (!taken('measures') && long.length >= 2) {
        const m = long[long.length - 1]!;
        say(m.c.col, m.c.label, null, 'measures', m.p);
        m.c.role = 'measures';
      }
    }
  }
  return { header: { ...header, columns, roles: rolesOf(columns) }, notes };
}
