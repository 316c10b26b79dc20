/**
 * Which backups to keep: the last 10 made, plus the newest of each of the last 8 calendar weeks (Monday to
 * Sunday, local time). Pure. Calendar weeks, not "7-day windows back from now": with sliding windows the
 * backup chosen for a window changes every day and the weekly ones would all be deleted in turn; a past
 * calendar week's newest backup never changes, so it stays until the week falls out of the 8.
 */
export interface BackupStamp {
  name: string;
  /** The time in its name: the PC's clock when it was made, which can be wrong. */
  at: Date;
  /** Order of making within its folder (recorded beside it): what really happened, whatever the clock said. */
  seq?: number | null;
}

export interface RetentionPolicy {
  recent: number;
  weeks: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { recent: 10, weeks: 8 };

/** Midnight of the Monday starting the week of `d` (local time). */
export function weekStart(d: Date): Date {
  const day = (d.getDay() + 6) % 7; // Monday = 0
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - day);
}

/**
 * The "last N" are the last N made, by their recorded order (a wrong clock cannot make old backups look
 * newest); backups from before the order was recorded count as made before all the others. Weekly ones go
 * by their stamps, and a backup stamped in the future holds no week.
 */
export function backupsToKeep(backups: readonly BackupStamp[], now: Date, policy: RetentionPolicy = DEFAULT_RETENTION): Set<string> {
  const madeLastFirst = [...backups].sort(
    (a, b) => (b.seq ?? 0) - (a.seq ?? 0) || b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name),
  );
  const keep = new Set(madeLastFirst.slice(0, policy.recent).map((b) => b.name));
  const newestFirst = [...backups].sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  const thisWeek = weekStart(now);
  const oldestWeek = new Date(thisWeek.getFullYear(), thisWeek.getMonth(), thisWeek.getDate() - 7 * (policy.weeks - 1));
  const seenWeeks = new Set<number>();
  for (const b of newestFirst) {
    const w = weekStart(b.at);
    if (w < oldestWeek || b.at > now) continue;
    if (!seenWeeks.has(w.getTime())) {
      seenWeeks.add(w.getTime());
      keep.add(b.name);
    }
  }
  return keep;
}
