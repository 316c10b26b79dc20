import type { TableProblem } from '../../shared/domain/types';
import type { ProblemStatus } from '../../shared/domain/status';
import type { DeadlineKind } from '../../shared/domain/deadline';
import { splitLeaders } from '../../shared/domain/names';
import { todayIso } from '../../shared/domain/dates';
import { call } from '../api';
import type { ColumnKey } from './columns';
import type { WriteAnswers } from './answers';

export interface DeadlineValue {
  raw: string;
  kind?: DeadlineKind;
  date?: string | null;
}

/** What an editor hands back: text for most cells, a deadline, or a status (null: back to derived). */
export type CellValue = { text: string } | { deadline: DeadlineValue } | { status: ProblemStatus | null };

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Write one edited cell through the API (one recorded action each). Resolves false when the value is what
 * the cell already holds, so that nothing is written or recorded.
 */
export async function commitCell(p: TableProblem, key: ColumnKey, value: CellValue, answers?: WriteAnswers): Promise<boolean> {
  if ('status' in value) {
    // Choosing the status the problem already shows changes nothing (and pins nothing).
    const unchanged = value.status === null ? p.statusSource === 'derived' : value.status === p.status;
    if (unchanged) return false;
    await call('problems.setStatus', { ids: [p.id], status: value.status });
    return true;
  }
  if ('deadline' in value) {
    // Text the deadline rule cannot read is written only once the person kept it (kind 'text').
    const d = answers?.acceptUnparsed && value.deadline.kind === undefined ? { ...value.deadline, kind: 'text' as const } : value.deadline;
    if (d.raw === p.deadline.raw && (d.kind === undefined || (d.kind === p.deadline.kind && (d.date ?? null) === p.deadline.date))) return false;
    await call('problems.update', { id: p.id, patch: { deadline: d } });
    return true;
  }
  const text = value.text;
  switch (key) {
    case 'text':
      if (text.trim() === p.text) return false;
      await call('problems.update', { id: p.id, patch: { text } });
      return true;
    case 'leaders': {
      const leaders = splitLeaders(text);
      if (sameList(leaders, p.leaders)) return false;
      await call('problems.update', { id: p.id, patch: { leaders } });
      return true;
    }
    case 'leadUnit': {
      const unit = text.trim() || null;
      if (unit === p.leadUnit) return false;
      await call('problems.update', { id: p.id, patch: { leadUnit: unit }, names: answers?.names ?? {} });
      return true;
    }
    case 'latestProgress':
      // The progress cell adds a dated entry to the log; the earlier entries stay.
      if (!text.trim() || text.trim() === p.latestProgress?.text) return false;
      await call('progress.add', { problemId: p.id, date: todayIso(), text: text.trim() });
      return true;
    default:
      return false;
  }
}

/** Empty a clearable cell of many problems at once (Delete key): one action. */
export async function clearCells(problems: readonly TableProblem[], key: ColumnKey): Promise<boolean> {
  const ids = problems.map((p) => p.id);
  if (ids.length === 0) return false;
  switch (key) {
    case 'leaders':
      if (problems.every((p) => p.leaders.length === 0)) return false;
      await call('problems.updateMany', { ids, patch: { leaders: [] } });
      return true;
    case 'leadUnit':
      if (problems.every((p) => p.leadUnit == null)) return false;
      await call('problems.updateMany', { ids, patch: { leadUnit: null } });
      return true;
    case 'deadline':
      if (problems.every((p) => p.deadline.kind === 'none' && !p.deadline.raw)) return false;
      await call('problems.updateMany', { ids, patch: { deadline: { raw: '', kind: 'none' } } });
      return true;
    case 'status':
      if (problems.every((p) => p.statusSource === 'derived')) return false;
      await call('problems.setStatus', { ids, status: null });
      return true;
    default:
      return false;
  }
}
