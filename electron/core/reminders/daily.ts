import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open';
import { currentRoundId } from '../ledger/rounds';
import { buildTodo } from './todo';
import { getReminderSettings } from './settings';
import type { Todo } from '../../../shared/domain/reminders';

/**
 * The desktop app's daily system notification: on the first open of a day, if the to-do view has
 * something and the setting is on. The last day shown is kept in the data folder (not the ledger, which
 * an open must never write), so that it shows once a day whatever ledger is opened, never more often.
 */
const STATE_FILE = 'reminder-state.json';

export function notifiedOn(dataDir: string): string | null {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(dataDir, STATE_FILE), 'utf8')) as { lastNotified?: unknown };
    return typeof v.lastNotified === 'string' ? v.lastNotified : null;
  } catch {
    return null;
  }
}

function remember(dataDir: string, today: string): void {
  try {
    fs.writeFileSync(path.join(dataDir, STATE_FILE), JSON.stringify({ lastNotified: today }));
  } catch {
    // A read-only data folder costs at most one more notification; it must not stop the app.
  }
}

/** What the notification says, from the to-do view's counts. */
export function notificationText(todo: Todo): { title: string; body: string } {
  const parts = [
    todo.overdue.length ? `已逾期 ${todo.overdue.length} 个问题` : '',
    todo.dueSoon.length ? `${todo.settings.dueSoonDays} 天内到期 ${todo.dueSoon.length} 个` : '',
    todo.returns.late.length ? `${todo.returns.late.length} 个单位回执逾期未报` : '',
    todo.returns.pending.length ? `${todo.returns.pending.length} 个单位回执待报送` : '',
    todo.signoffs.length ? `待审核销号 ${todo.signoffs.length} 个` : '',
    todo.stale.length ? `${todo.stale.length} 项措施长期无进展` : '',
  ].filter(Boolean);
  return { title: `整改台账：${todo.count} 项待办`, body: parts.join('；') + '。打开“待办提醒”查看。' };
}

/**
 * Show the notification if today has not had one. Returns what was shown (null: nothing). `show` is the
 * host's (Electron's Notification, through main).
 */
export function dailyReminder(db: Db, dataDir: string, today: string, show: (n: { title: string; body: string }) => void): { title: string; body: string } | null {
  if (notifiedOn(dataDir) === today) return null;
  if (!getReminderSettings(db).notify) return null;
  const roundId = currentRoundId(db);
  if (!roundId) return null;
  const todo = buildTodo(db, roundId, today);
  if (todo.count === 0) return null;
  const text = notificationText(todo);
  remember(dataDir, today);
  show(text);
  return text;
}
